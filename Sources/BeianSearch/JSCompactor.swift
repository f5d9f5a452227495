/// Strips comments and needless spaces from the hand-written client. Line breaks are kept
/// wherever automatic semicolon insertion could care (only those after `;{,([` or before
/// `}),];` go), and every string, template and regular-expression literal is copied byte for
/// byte. Identifiers are never renamed.
enum JSCompactor {
    static func compact(_ source: String) -> String {
        let s = Array(source.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var lastSignificant: Unicode.Scalar? = nil   // last scalar written that is not a space or newline
        var lastWord = ""                            // last identifier written (for `return /re/`)
        var pendingSpace = false, pendingNewline = false

        func isIdent(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "$" || c.value > 0x7F
        }
        func emit(_ c: Unicode.Scalar) {
            if pendingNewline {
                // A line break after `;`, `{`, `,`, `(`, `[` or before `}`, `)`, `]`, `,`, `;`
                // can never end a statement by itself; every other one is kept.
                if let last = lastSignificant, !";{,([".unicodeScalars.contains(last), !"}),];".unicodeScalars.contains(c) {
                    out.append("\n")
                }
            } else if pendingSpace, let last = lastSignificant {
                let glue = (isIdent(last) && isIdent(c)) || (last == "+" && c == "+") || (last == "-" && c == "-")
                    || (last == "/" && c == "/")
                if glue { out.append(" ") }
            }
            pendingSpace = false
            pendingNewline = false
            out.append(c)
            lastSignificant = c
        }
        func regexAllowed() -> Bool {
            guard let last = lastSignificant else { return true }
            if isIdent(last) { return ["return", "typeof", "case", "in", "of", "new", "delete", "void", "throw", "else", "do"].contains(lastWord) }
            return !(last == ")" || last == "]" || last == "}")
        }

        while i < s.count {
            let c = s[i]
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            if c == "\n" { pendingNewline = true; i += 1; continue }
            if c == " " || c == "\t" || c == "\r" { pendingSpace = true; i += 1; continue }
            if c == "/" && next == "/" {
                while i < s.count && s[i] != "\n" { i += 1 }
                continue
            }
            if c == "/" && next == "*" {
                i += 2
                while i + 1 < s.count && !(s[i] == "*" && s[i + 1] == "/") { i += 1 }
                i += 2
                pendingSpace = true
                continue
            }
            if c == "\"" || c == "'" || c == "`" || (c == "/" && regexAllowed()) {
                // A literal: copy verbatim to its unescaped end (regex: outside a [class]).
                emit(c)
                i += 1
                var inClass = false
                while i < s.count {
                    let d = s[i]
                    out.append(d)
                    i += 1
                    if d == "\\" && i < s.count { out.append(s[i]); i += 1; continue }
                    if c == "/" && d == "[" { inClass = true } else if c == "/" && d == "]" { inClass = false }
                    if d == c && !(c == "/" && inClass) { break }
                }
                if c == "/" { while i < s.count && s[i].properties.isAlphabetic { out.append(s[i]); i += 1 } }
                lastSignificant = "a"   // a literal ends an expression, like an identifier
                lastWord = ""
                continue
            }
            if isIdent(c) {
                var word = String.UnicodeScalarView()
                while i < s.count && isIdent(s[i]) { word.append(s[i]); i += 1 }
                for (k, w) in word.enumerated() { if k == 0 { emit(w) } else { out.append(w) } }
                lastSignificant = word.last
                lastWord = String(word)
                continue
            }
            emit(c)
            lastWord = ""
            i += 1
        }
        return String(out) + "\n"
    }
}
