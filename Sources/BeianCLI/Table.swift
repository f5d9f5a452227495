import BeianDiagnostics

/// Plain text tables for terminals, padding by display width (CJK counts double).
enum Table {
    static func render(_ cells: [[String]]) -> String {
        // Escaped here already (Console would do it anyway) so columns are padded to the
        // width the terminal will show.
        let rows = cells.map { $0.map(TextSafety.escapedForTerminal) }
        guard let first = rows.first else { return "" }
        var widths = Array(repeating: 0, count: first.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width(cell)) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - width(cell) + 2)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }

    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return n + (wide ? 2 : 1)
        }
    }
}
