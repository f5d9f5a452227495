/// Scanning one line of YAML text: where a key ends, a quote or a bracket closes, a comment
/// starts. The editor uses these to find the bytes of the value it rewrites.
extension YAMLEditor {
    /// The index just after the `:` that ends the key starting at `start`.
    static func keyEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start
        guard i < s.count else { return nil }
        if s[i] == "\"" || s[i] == "'" {
            guard let close = closingQuote(s, from: i) else { return nil }
            i = close + 1
            while i < s.count, s[i] == " " { i += 1 }
            return i < s.count && s[i] == ":" ? i + 1 : nil
        }
        while i < s.count {
            if s[i] == ":" && (i + 1 == s.count || s[i + 1] == " " || s[i + 1] == "\t") { return i + 1 }
            i += 1
        }
        return nil
    }

    /// The index of the quote closing the quoted scalar opening at `start`, on this line.
    static func closingQuote(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        let q = s[start]
        var i = start + 1
        while i < s.count {
            if q == "\"" && s[i] == "\\" { i += 2; continue }
            if s[i] == q {
                if q == "'" && i + 1 < s.count && s[i + 1] == "'" { i += 2; continue }
                return i
            }
            i += 1
        }
        return nil
    }

    /// The index of the bracket closing the flow collection opening at `start`, on this line.
    static func closingBracket(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        var depth = 0
        var i = start
        while i < s.count {
            switch s[i] {
            case "\"", "'":
                guard let close = closingQuote(s, from: i) else { return nil }
                i = close
            case "[", "{": depth += 1
            case "]", "}":
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// Where a comment starts after a plain value (` #`), if there is one.
    static func commentStart(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start + 1
        while i < s.count {
            if s[i] == "#" && (s[i - 1] == " " || s[i - 1] == "\t") { return i }
            i += 1
        }
        return nil
    }
}
