public import Foundation
public import BeianDiagnostics

/// Reading text files of a bundle: size limits and UTF-8 checks with the exact position.
public enum TextFile {
    /// Decodes UTF-8, or names the line and column of the first invalid byte.
    public static func decodeUTF8(_ data: Data, path: String) -> Result<String, Diagnostic> {
        if let s = String(validating: data, as: UTF8.self) {
            // A BOM is tolerated (Windows editors add one) but not kept.
            return .success(s.hasPrefix("\u{FEFF}") ? String(s.dropFirst()) : s)
        }
        let (line, column, offset) = firstInvalidUTF8(data)
        return .failure(Diagnostic(
            .invalidUTF8, at: SourceLocation(path: path, line: line, column: column),
            message: Localized(zh: "第 \(offset) 字节起不是合法的 UTF-8 编码", en: "byte \(offset) starts an invalid UTF-8 sequence"),
            help: Localized(zh: "用编辑器以 UTF-8（而非 GBK）重新保存该文件", en: "re-save the file as UTF-8 (not GBK) in your editor")))
    }

    /// The 1-based line and column (in scalars) of the first invalid byte, and its 0-based offset.
    static func firstInvalidUTF8(_ data: Data) -> (Int, Int, Int) {
        let bytes = [UInt8](data)
        // A leading BOM is dropped before parsing, so it takes no column.
        var line = 1, column = 1, i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count {
            let b = bytes[i]
            let len: Int
            switch b {
            case 0x00...0x7F: len = 1
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: return (line, column, i)
            }
            guard i + len <= bytes.count else { return (line, column, i) }
            let seq = Array(bytes[i..<(i + len)])
            if len > 1, String(validating: seq, as: UTF8.self) == nil { return (line, column, i) }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += len
        }
        return (line, column, bytes.count)
    }

    /// The diagnostic for a file over its size limit.
    public static func tooLarge(path: String, size: Int, limit: Int) -> Diagnostic {
        Diagnostic(
            .fileTooLarge, at: SourceLocation(path: path),
            message: Localized(zh: "文件大小 \(size) 字节，超过上限 \(limit) 字节", en: "file is \(size) bytes, over the limit of \(limit) bytes"),
            help: Localized(zh: "备案文件只应包含文字信息；附件请放在 attachments/ 并在字段中引用", en: "bundle files hold text only; put scans under attachments/ and refer to them"))
    }

    /// Reads a regular file of at most `limit` bytes, never loading more than that into memory.
    ///
    /// The kind and size are checked before opening: a folder would read as an empty file and
    /// a FIFO would block `open` forever.
    public static func read(_ url: URL, path: String, limit: Int) -> Result<Data, Diagnostic> {
        func unreadable(_ message: Localized, _ help: Localized) -> Result<Data, Diagnostic> {
            .failure(Diagnostic(.unreadable, at: SourceLocation(path: path), message: message, help: help))
        }
        let cannotOpen = Localized(zh: "无法打开文件", en: "cannot open the file")
        let checkIt = Localized(zh: "检查文件是否存在以及读取权限", en: "check that the file exists and is readable")
        var st = stat()
        guard stat(url.path, &st) == 0 else { return unreadable(cannotOpen, checkIt) }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            return unreadable(Localized(zh: "不是普通文件（可能是目录）", en: "not a regular file (a folder?)"),
                              Localized(zh: "此处应为文本文件；删除或改名该目录", en: "this must be a text file; remove or rename what is there"))
        }
        if Int(st.st_size) > limit { return .failure(tooLarge(path: path, size: Int(st.st_size), limit: limit)) }
        guard let handle = try? FileHandle(forReadingFrom: url) else { return unreadable(cannotOpen, checkIt) }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit + 1) ?? Data() else { return unreadable(cannotOpen, checkIt) }
        if data.count > limit { return .failure(tooLarge(path: path, size: data.count, limit: limit)) }
        return .success(data)
    }
}
