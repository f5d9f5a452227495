/// Finds YAML aliases (`*name`) in raw text, before Yams composes the document.
///
/// Why: Yams resolves an alias to the anchored node and hashes mapping keys while composing,
/// so a few hundred bytes of nested aliases used as keys (a "billion laughs" variant) keep it
/// busy for hours before beian sees a single node. Bundle files never need aliases, so a file
/// with one is refused up front, with the alias's position.
///
/// This is a lexer, not a parser: it knows comments, quoted scalars, block scalars and flow
/// collections, and treats `*` as an alias only where a YAML node may start (where a plain
/// scalar may not begin with `*` anyway).
enum AliasScanner {
    /// 1-based line and column (in Unicode scalars) of each alias, at most `limit` of them.
    static func aliases(in text: String, limit: Int = 10) -> [(line: Int, column: Int)] {
        var found: [(line: Int, column: Int)] = []
        guard text.utf8.contains(UInt8(ascii: "*")) else { return found } // the usual case, found fast
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        var quote: Unicode.Scalar?         // inside a quoted scalar that spans lines
        var blockParentIndent: Int?        // inside a `|` or `>` block scalar
        var flowDepth = 0
        for (lineIndex, line) in lines.enumerated() {
            let chars = Array(line.last == "\r" ? line.dropLast() : line)
            let indent = chars.prefix { $0 == " " }.count
            if let parent = blockParentIndent {
                if indent == chars.count || indent > parent { continue }
                blockParentIndent = nil
            }
            var i = 0
            var nodeStart = quote == nil
            if quote == nil, chars.count >= 3, chars[0] == chars[1], chars[1] == chars[2], chars[0] == "-" || chars[0] == ".",
               chars.count == 3 || chars[3] == " " {
                i = 3 // a document marker: a node may follow on the same line
            }
            while i < chars.count {
                let c = chars[i]
                let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
                let nextIsBlank = next == nil || next == " " || next == "\t"
                if let q = quote {
                    if q == "\"" && c == "\\" { i += 2; continue }
                    if c == q {
                        if q == "'" && next == "'" { i += 2; continue }
                        quote = nil
                        nodeStart = false
                    }
                    i += 1
                    continue
                }
                let afterBlank = i == 0 || chars[i - 1] == " " || chars[i - 1] == "\t"
                if c == "#" && afterBlank { break }
                if c == " " || c == "\t" { i += 1; continue }
                if flowDepth > 0 && (c == "," || c == "[" || c == "{") {
                    if c != "," { flowDepth += 1 }
                    nodeStart = true
                } else if flowDepth > 0 && (c == "]" || c == "}") {
                    flowDepth -= 1
                    nodeStart = false
                } else if c == ":" && (nextIsBlank || (flowDepth > 0 && [",", "]", "}"].contains(next))) {
                    nodeStart = true
                } else if nodeStart {
                    switch c {
                    case "*":
                        found.append((lineIndex + 1, i + 1))
                        if found.count >= limit { return found }
                        nodeStart = false
                    case "&", "!":
                        while i + 1 < chars.count, chars[i + 1] != " ", chars[i + 1] != "\t" { i += 1 }
                    case "\"", "'":
                        quote = c
                    case "[", "{":
                        flowDepth += 1
                    case "|" where flowDepth == 0, ">" where flowDepth == 0:
                        blockParentIndent = indent
                        i = chars.count
                        continue
                    case "-" where nextIsBlank, "?" where nextIsBlank:
                        break
                    default:
                        nodeStart = false // a plain scalar: the rest up to `: `, ` #` or a flow indicator is text
                    }
                }
                i += 1
            }
        }
        return found
    }
}
