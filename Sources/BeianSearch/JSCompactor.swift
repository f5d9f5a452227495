/// Shrinks the hand-written client without a JavaScript toolchain: comments and needless
/// spaces go, line breaks go where automatic semicolon insertion cannot care (after `;{,([` or
/// before `}),];`), and declared names get short ones. String, template and regular-expression
/// literals are copied byte for byte.
///
/// Renaming is deliberately conservative: a name is shortened only if it is bound somewhere
/// (`const`, `let`, `class`, `function`, a declaration list, a parameter, a destructuring,
/// `catch`), is not a global the client uses, and is never used as a property (`.name`), an
/// object key (`{name:` / `,name:`) or a shorthand property (`{name}` / `,name,`) anywhere in the
/// file. Every occurrence of it is then renamed alike, to `$` + base 36 (`$` never appears in
/// the source), which keeps shadowing as it was.
enum JSCompactor {
    enum Token: Equatable {
        case word(String)
        case literal(String)
        case punct(Unicode.Scalar)
        case newline
        case space
    }

    static func compact(_ source: String) -> String {
        let tokens = tokenize(source)
        return emit(tokens, renames: shortNames(tokens))
    }

    static func isIdent(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "$" || c.value > 0x7F
    }

    // MARK: - Tokens

    static func tokenize(_ source: String) -> [Token] {
        let s = Array(source.unicodeScalars)
        var out: [Token] = []
        var i = 0
        func lastSignificant() -> Token? { out.last { $0 != .newline && $0 != .space } }
        func regexAllowed() -> Bool {
            switch lastSignificant() {
            case nil: return true
            case .word(let w)?: return ["return", "typeof", "case", "in", "of", "new", "delete", "void", "throw", "else", "do"].contains(w)
            case .literal?: return false
            case .punct(let p)?: return !(p == ")" || p == "]" || p == "}")
            default: return true
            }
        }
        while i < s.count {
            let c = s[i]
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            if c == "\n" { out.append(.newline); i += 1; continue }
            if c == " " || c == "\t" || c == "\r" { out.append(.space); i += 1; continue }
            if c == "/" && next == "/" {
                while i < s.count && s[i] != "\n" { i += 1 }
                continue
            }
            if c == "/" && next == "*" {
                i += 2
                while i + 1 < s.count && !(s[i] == "*" && s[i + 1] == "/") { i += 1 }
                i += 2
                out.append(.space)
                continue
            }
            if c == "\"" || c == "'" || c == "`" || (c == "/" && regexAllowed()) {
                // A literal: up to its unescaped end (a regex's `/` counts only outside a [class]).
                var lit = String.UnicodeScalarView([c])
                i += 1
                var inClass = false
                while i < s.count {
                    let d = s[i]
                    lit.append(d)
                    i += 1
                    if d == "\\" && i < s.count { lit.append(s[i]); i += 1; continue }
                    if c == "/" && d == "[" { inClass = true } else if c == "/" && d == "]" { inClass = false }
                    if d == c && !(c == "/" && inClass) { break }
                }
                if c == "/" { while i < s.count && s[i].properties.isAlphabetic { lit.append(s[i]); i += 1 } }
                out.append(.literal(String(lit)))
                continue
            }
            if isIdent(c) {
                var word = String.UnicodeScalarView()
                while i < s.count && isIdent(s[i]) { word.append(s[i]); i += 1 }
                out.append(.word(String(word)))
                continue
            }
            out.append(.punct(c))
            i += 1
        }
        return out
    }

    // MARK: - Renaming

    /// Globals the client uses: never renamed, even where a binding of the same name is seen.
    static let globals: Set<String> = [
        "window", "document", "location", "history", "fetch", "performance", "Math", "JSON", "Object", "Array",
        "String", "Promise", "Map", "Set", "URLSearchParams", "TextEncoder", "CustomEvent", "parseInt",
        "setTimeout", "clearTimeout", "Error", "console", "Number", "Boolean", "Infinity", "undefined", "NaN",
        "arguments", "this", "async", "await", "new", "return", "typeof", "instanceof", "true", "false", "null",
    ]

    static func shortNames(_ tokens: [Token]) -> [String: String] {
        let sig = tokens.filter { $0 != .newline && $0 != .space }
        func word(_ k: Int) -> String? { if k >= 0, k < sig.count, case .word(let w) = sig[k] { return w }; return nil }
        func punct(_ k: Int) -> Unicode.Scalar? { if k >= 0, k < sig.count, case .punct(let p) = sig[k] { return p }; return nil }
        var bound: [String] = []
        func bind(_ w: String?) { if let w, w.unicodeScalars.count > 2, !bound.contains(w) { bound.append(w) } }
        var excluded = Set<String>()
        for k in sig.indices {
            guard let w = word(k) else {
                // Arrow parameters: the words in `( … ) =>`.
                if punct(k) == "=", punct(k + 1) == ">", punct(k - 1) == ")" {
                    var depth = 0, j = k - 1
                    repeat {
                        if punct(j) == ")" { depth += 1 } else if punct(j) == "(" { depth -= 1 } else if depth == 1, let p = word(j),
                            [",", ")", "="].contains(punct(j + 1)) { bind(p) }
                        j -= 1
                    } while j >= 0 && depth > 0
                }
                continue
            }
            let prev = word(k - 1), before = punct(k - 1), after = punct(k + 1)
            if let p = prev, ["const", "let", "var", "class", "function"].contains(p) { bind(w) }
            if after == "=", punct(k + 2) != "=", before == "," { bind(w) }           // `, name =`
            if after == "=", punct(k + 2) == ">" { bind(w) }                          // `name =>`
            if (before == "[" || before == ",") && (after == "," || after == "]") { bind(w) }   // `[a, b] =`
            if prev == "catch" || (before == "(" && word(k - 2) == "catch") { bind(w) }
            let afterOpen = before == "{" || before == ","
            if before == "." || (afterOpen && after == ":") || (afterOpen && (after == "," || after == "}")) {
                excluded.insert(w)
            }
        }
        var renames: [String: String] = [:]
        for name in bound where !excluded.contains(name) && !globals.contains(name) {
            renames[name] = "$" + String(renames.count, radix: 36)
        }
        return renames
    }

    // MARK: - Output

    static func emit(_ tokens: [Token], renames: [String: String]) -> String {
        var out = String.UnicodeScalarView()
        var last: Unicode.Scalar? = nil   // last scalar written
        var lastWasWordLike = false       // a word or literal ends the output
        var pendingSpace = false, pendingNewline = false
        func write(_ text: String, first: Unicode.Scalar, wordLike: Bool) {
            if pendingNewline {
                if let l = last, !";{,([".unicodeScalars.contains(l), !"}),];".unicodeScalars.contains(first) { out.append("\n") }
            } else if pendingSpace, let l = last {
                let glue = (lastWasWordLike && isIdent(first)) || (isIdent(l) && isIdent(first))
                    || (l == "+" && first == "+") || (l == "-" && first == "-") || (l == "/" && first == "/")
                if glue { out.append(" ") }
            }
            pendingSpace = false
            pendingNewline = false
            out.append(contentsOf: text.unicodeScalars)
            last = text.unicodeScalars.last
            lastWasWordLike = wordLike
        }
        for t in tokens {
            switch t {
            case .newline: pendingNewline = true
            case .space: pendingSpace = true
            case .word(let w):
                let name = renames[w] ?? w
                write(name, first: name.unicodeScalars.first!, wordLike: true)
            case .literal(let l): write(l, first: l.unicodeScalars.first!, wordLike: true)
            case .punct(let p): write(String(p), first: p, wordLike: false)
            }
        }
        return String(out) + "\n"
    }
}
