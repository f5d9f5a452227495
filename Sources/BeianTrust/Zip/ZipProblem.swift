public import BeianDiagnostics

/// Why `ZipReader` refused an archive. Cases name the entry where there is one, so the caller
/// can locate the diagnostic at `PKG!name`; the name comes from the archive and may hold any
/// character (control characters included), so escape it before showing it on a terminal.
public enum ZipProblem: Error, Sendable, Equatable {
    case empty
    /// The file ends before a complete end record (cut short, or not a zip at all).
    case truncated
    /// Bytes after the end record.
    case trailingData
    /// An archive comment: packages have none.
    case comment
    case multiDisk
    /// A ZIP64 marker (0xFFFF / 0xFFFFFFFF) in the end record or an entry's record.
    case zip64(String?)
    case tooManyEntries(declared: Int, limit: Int)
    /// An entry (or, with no name, all entries together) declares more bytes than allowed.
    case tooLarge(String?, declared: UInt64, limit: UInt64)
    case badName(String, reason: Localized)
    /// Two entries with the same name, byte for byte or after Unicode NFC normalisation.
    case duplicate(String)
    case link(String)
    case folder(String)
    case notRegularFile(String, mode: UInt32)
    case unsupportedMethod(String, UInt16)
    case encrypted(String)
    case dataDescriptor(String)
    /// The structure is inconsistent: overlaps, gaps, bad signatures, local and central disagree.
    case corrupt(String?, Localized)
    case crcMismatch(String)

    /// The entry the problem is about, if any.
    public var entryName: String? {
        switch self {
        case .empty, .truncated, .trailingData, .comment, .multiDisk, .tooManyEntries: nil
        case .zip64(let name), .tooLarge(let name, _, _), .corrupt(let name, _): name
        case .badName(let name, _), .duplicate(let name), .link(let name), .folder(let name), .notRegularFile(let name, _),
             .unsupportedMethod(let name, _), .encrypted(let name), .dataDescriptor(let name), .crcMismatch(let name): name
        }
    }

    /// What is wrong, in both languages.
    public var message: Localized {
        switch self {
        case .empty: Self.text("文件为空，不是提交包", "the file is empty, not a package")
        case .truncated: Self.text("不是完整的 zip 文件（被截断，或根本不是 zip）", "not a complete zip file (cut short, or not a zip at all)")
        case .trailingData: Self.text("zip 结尾记录之后还有多余数据", "there are extra bytes after the zip's end record")
        case .comment: Self.text("zip 带有注释；提交包不应有注释", "the zip has a comment; packages have none")
        case .multiDisk: Self.text("分卷 zip 不被接受", "multi-disk (split) zips are not accepted")
        case .zip64: Self.text("ZIP64 格式不被接受", "ZIP64 archives are not accepted")
        case .tooManyEntries(let declared, let limit): Self.text("包含 \(declared) 个条目，上限 \(limit)", "\(declared) entries, more than the limit of \(limit)")
        case .tooLarge(let name, let declared, let limit):
            name == nil ? Self.text("全部条目共声明 \(declared) 字节，上限 \(limit)", "the entries declare \(declared) bytes in all, more than the limit of \(limit)")
                        : Self.text("条目声明 \(declared) 字节，上限 \(limit)", "the entry declares \(declared) bytes, more than the limit of \(limit)")
        case .badName(_, let reason): Self.text("文件名不安全：\(reason.zh)", "unsafe file name: \(reason.en)")
        case .duplicate: Self.text("另一个条目同名（完全相同或 Unicode NFC 规范化后相同）", "another entry has the same name (identical, or after Unicode NFC normalisation)")
        case .link: Self.text("条目是符号链接；提交包只能包含普通文件", "the entry is a symbolic link; a package holds regular files only")
        case .folder: Self.text("条目是文件夹；提交包只能包含普通文件", "the entry is a folder; a package holds regular files only")
        case .notRegularFile(_, let mode): Self.text("条目不是普通文件（模式 \(String(mode, radix: 8))）", "the entry is not a regular file (mode \(String(mode, radix: 8)))")
        case .unsupportedMethod(_, let method): Self.text("压缩方法 \(method) 不被接受：只接受存储（方法 0）条目", "compression method \(method) is not accepted: only stored (method 0) entries are")
        case .encrypted: Self.text("条目已加密", "the entry is encrypted")
        case .dataDescriptor: Self.text("条目使用数据描述符（大小写在数据之后），不被接受", "the entry uses a data descriptor (sizes after the data), which is not accepted")
        case .corrupt(_, let reason): Self.text("zip 结构损坏：\(reason.zh)", "corrupt zip structure: \(reason.en)")
        case .crcMismatch: Self.text("条目内容与其 CRC-32 不符（已损坏或被改动）", "the entry's bytes do not match its CRC-32 (damaged or altered)")
        }
    }

    /// The one-line remedy: a package is made by `beian submit` and travels unchanged.
    public var help: Localized {
        switch self {
        case .tooManyEntries, .tooLarge: Self.text("提交包只应包含申报材料；减小或拆分文件后用 beian submit 重新生成",
                                                   "a package holds the filing only; shrink or split the files and make it again with beian submit")
        default: Self.text("请提交方用 beian submit 重新生成提交包，原样传送，不要手工改动或重新打包",
                           "ask the filer to make the package again with beian submit and send it unchanged, never edited or repacked by hand")
        }
    }

    static func text(_ zh: String, _ en: String) -> Localized { Localized(zh: zh, en: en) }
}
