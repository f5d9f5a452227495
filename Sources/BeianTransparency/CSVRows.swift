import BeianPortal
/// Rows of a CSV file read as RFC 4180 says, as they come, with the line each row starts on:
/// quoted cells may hold commas, quotes as `""` and line breaks; a quote inside an unquoted
/// cell, text after a closing quote, a bare CR, or a file ending inside quotes is malformed
/// (CSV parsers disagree on such rows, so a mirror could show each a different table). A
/// leading UTF-8 BOM is skipped; rows and the file are bounded in bytes.
struct CSVRows: ~Copyable {
    private var reader: SiteFileReader
    private var line = 1
    private var started = false
    private var done = false
    private var read = 0
    private let rowLimit: Int
    private let fileLimit: Int

    init(_ reader: consuming SiteFileReader, rowLimit: Int = 16 << 20, fileLimit: Int = 1 << 30) {
        self.reader = reader
        self.rowLimit = rowLimit
        self.fileLimit = fileLimit
    }

    struct Row {
        var cells: [String]
        var line: Int
        /// Why the row is not RFC 4180, in Chinese and English.
        var malformed: (zh: String, en: String)?
        /// True when nothing after this row can be read.
        var fatal = false
    }

    private mutating func byte() -> UInt8? {
        guard let b = reader.next() else { return nil }
        read += 1
        return b
    }

    mutating func next() -> Row? {
        guard !done else { return nil }
        if !started {
            started = true
            if reader.peek() == 0xEF {
                _ = byte()
                guard byte() == 0xBB, byte() == 0xBF else { return Row(cells: ["\u{FFFD}"], line: 1) }
            }
        }
        guard reader.peek() != nil else { return nil }
        let start = line, rowStart = read
        var row = Row(cells: [], line: start)
        var cell: [UInt8] = []
        var quoted = false, wasQuoted = false
        func flag(_ zh: String, _ en: String) { if row.malformed == nil { row.malformed = (zh, en) } }
        func endCell() {
            row.cells.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while let b = byte() {
            guard read - rowStart <= rowLimit, read <= fileLimit else {
                flag("一行或整个文件过大", "a row or the file is too large")
                row.fatal = true
                done = true
                return row
            }
            if quoted {
                if b == 0x22 {
                    if reader.peek() == 0x22 { _ = byte(); cell.append(0x22) } else { quoted = false }
                } else {
                    if b == 0x0A { line += 1 }
                    cell.append(b)
                }
                continue
            }
            switch b {
            case 0x22 where cell.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
            case 0x2C:
                endCell()
            case 0x0D where reader.peek() == 0x0A:
                continue
            case 0x0A:
                line += 1
                endCell()
                return row
            case 0x0D:
                flag("单独的回车符", "a bare carriage return")
                cell.append(b)
            case 0x22:
                flag("不带引号的单元格中有引号", "a quote inside an unquoted cell")
                cell.append(b)
            default:
                if wasQuoted { flag("右引号之后还有文字", "text after a closing quote") }
                cell.append(b)
            }
        }
        if quoted {
            flag("文件在引号内结束", "the file ends inside quotes")
            row.fatal = true
            done = true
        }
        endCell()
        return row
    }
}
