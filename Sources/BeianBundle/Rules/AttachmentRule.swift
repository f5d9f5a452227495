public import Foundation
public import BeianDiagnostics

/// A501–A506 (and B008): every attachment path stays inside `attachments/` of the bundle (no
/// `..`, no absolute path, no symbolic link at all), names a regular file no larger than 20 MiB, and
/// the file is really a PDF, PNG or JPEG (by its first bytes, matching its extension).
///
/// Why: attachments are sealed into submissions; a path escaping the bundle could seal (and
/// later leak) any file of the filer's machine.
/// Fix: copy the scan into `attachments/` and write its path relative to the bundle.
public enum AttachmentRule {
    public static let maxSize = 20 << 20
    static let kinds: [(ext: [String], magic: [UInt8], name: String)] = [
        (["pdf"], Array("%PDF-".utf8), "PDF"),
        (["png"], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG"),
        (["jpg", "jpeg"], [0xFF, 0xD8, 0xFF], "JPEG"),
    ]

    /// The type an attachment's first bytes say it is (`PDF`, `PNG`, `JPEG`), as `check`
    /// decides it; nil for anything else.
    public static func kind(of data: Data) -> String? {
        kinds.first { data.starts(with: $0.magic) }?.name
    }

    public static func check(_ refs: [AttachmentRef], files: BundleFiles) -> [Diagnostic] {
        // One file-system check per distinct path: a scan may be referenced thousands of times.
        var verdicts: [String: Finding?] = [:]
        return refs.compactMap { ref in
            guard !ref.path.isEmpty else { return nil }
            let finding: Finding?
            if let known = verdicts[ref.path] {
                finding = known
            } else {
                finding = check(ref.path, files: files)
                verdicts[ref.path] = finding
            }
            return finding.map { Diagnostic($0.code, at: ref.location, field: ref.field, message: $0.message, help: $0.help) }
        }
    }

    /// What is wrong with an attachment path, independent of where it was written.
    struct Finding {
        var code: DiagnosticCode
        var message: Localized
        var help: Localized
    }

    /// The problem with the file at `path` (relative to the bundle), if any.
    static func check(_ path: String, files: BundleFiles) -> Finding? {
        func problem(_ code: DiagnosticCode, _ message: Localized, _ help: Localized) -> Finding {
            Finding(code: code, message: message, help: help)
        }
        if let finding = pathProblem(path) { return finding }
        // No link is followed, inside the bundle or out of it (`BundleFiles`).
        let size: Int
        switch files.kind(path) {
        case .missing:
            return problem(.attachmentMissing, Localized(zh: "找不到附件“\(path)”", en: "attachment '\(path)' not found"),
                           Localized(zh: "把扫描件放到该位置，或改正路径", en: "put the scan at that path, or correct the path"))
        case .link(let at):
            return problem(.linkRefused, Localized(zh: "“\(at)”是符号链接；备案包中的链接一律不跟随", en: "'\(at)' is a symbolic link; links in a bundle are never followed"),
                           Localized(zh: "用文件本身替换链接", en: "replace the link with the file itself"))
        case .folder, .other:
            return problem(.attachmentNotRegular, Localized(zh: "“\(path)”不是普通文件", en: "'\(path)' is not a regular file"),
                           Localized(zh: "指向扫描件文件本身，而不是目录或设备", en: "point at the scan file itself, not a folder or device"))
        case .file(let n): size = n
        }
        if size > maxSize {
            return problem(.attachmentTooLarge, Localized(zh: "附件 \(size) 字节，超过 20 MiB 上限", en: "attachment is \(size) bytes, over the 20 MiB limit"),
                           Localized(zh: "降低扫描分辨率或压缩后再放入", en: "scan at a lower resolution or compress it"))
        }
        let ext = (path as NSString).pathExtension.lowercased()
        guard let kind = kinds.first(where: { $0.ext.contains(ext) }) else {
            return problem(.attachmentWrongType, Localized(zh: "扩展名“.\(ext)”不被接受", en: "extension '.\(ext)' is not accepted"),
                           Localized(zh: "保存为 .pdf、.png 或 .jpg", en: "save it as .pdf, .png or .jpg"))
        }
        let head = files.head(path, count: 8) ?? Data()
        if !head.starts(with: kind.magic) {
            let actual = kinds.first { head.starts(with: $0.magic) }?.name
            return problem(.attachmentWrongType,
                           Localized(zh: "文件内容不是 \(kind.name)\(actual.map { "（实为 \($0)）" } ?? "")", en: "the file is not a real \(kind.name)\(actual.map { " (it is a \($0))" } ?? "")"),
                           Localized(zh: "重新导出为真正的 \(kind.name)，或改正扩展名", en: "export it again as a real \(kind.name), or fix the extension"))
        }
        return nil
    }

    /// The problem with the path itself (A501, A502): it leaves the bundle, or is not under
    /// `attachments/`. Nil for a path that may be read.
    static func pathProblem(_ path: String) -> Finding? {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.hasPrefix("/") || path.hasPrefix("~") || path.contains("\\") || components.contains("..") || path.contains("\0") {
            return Finding(code: .attachmentEscapes, message: Localized(zh: "路径“\(path)”指向备案包之外", en: "path '\(path)' points outside the bundle"),
                           help: Localized(zh: "把文件复制到 attachments/ 下，写相对路径，如 attachments/承诺书.pdf", en: "copy the file under attachments/ and write a relative path, e.g. attachments/commitment.pdf"))
        }
        if components.first != "attachments" || components.count < 2 || components.contains("") || components.contains(".") {
            return Finding(code: .attachmentOutsideFolder, message: Localized(zh: "附件“\(path)”不在 attachments/ 目录下", en: "'\(path)' is not under attachments/"),
                           help: Localized(zh: "附件统一放在 attachments/ 下，如 attachments/\(components.last ?? "scan.pdf")", en: "keep attachments under attachments/, e.g. attachments/\(components.last ?? "scan.pdf")"))
        }
        return nil
    }
}
