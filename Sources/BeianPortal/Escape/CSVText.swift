/// The one CSV cell encoder of the portal (`filings.csv`): RFC 4180 quoting plus protection
/// against formula injection.
///
/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some also after a
/// leading tab or carriage return) as a formula, so such a cell gets a leading `'`, which
/// spreadsheets show as text (OWASP "CSV Injection"). A cell made only of `-` (the published
/// `--` for a technical supporter's products) cannot be a formula and stays as published.
package enum CSVText {
    /// One cell, neutralised and quoted when it needs quotes.
    package static func cell(_ raw: String) -> String {
        let s = neutralized(raw)
        let needsQuotes = s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"")
            || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The cell's value as a spreadsheet must see it: with a leading `'` when it could be
    /// read as a formula (what `cell` writes, before quoting).
    package static func neutralized(_ raw: String) -> String {
        if let first = raw.unicodeScalars.first, formulaTriggers.contains(first),
           !raw.unicodeScalars.allSatisfy({ $0 == "-" }) {
            return "'" + raw
        }
        return raw
    }

    /// One record: cells joined by commas, ended by CRLF (RFC 4180).
    package static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    package static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r",
                                                       "＝", "＋", "－", "＠"]
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    package func replacingOccurrences(of target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for c in self {
            if c == target { out += replacement } else { out.append(c) }
        }
        return out
    }
}
