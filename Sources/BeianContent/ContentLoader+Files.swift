import BeianDiagnostics
import BeianStore
import Foundation

extension ContentLoader {
    /// The folder of downloadable files (`content/files/`): published as `/files/<name>`.
    public static let filesDir = "files"
    /// Largest downloadable file: a batch list's CSV is tens of KB.
    public static let maxFileSize = 8 * 1024 * 1024

    /// The files of `content/files/`, name → bytes: regular files directly in the folder,
    /// with names of ASCII letters, digits, `.`, `-` and `_` (not starting with `.` or `-`).
    /// A link (the folder itself, or a file), a subfolder, another name or an oversized file
    /// is an error (C802): nothing is published from outside `content/`, and no name needs
    /// escaping in a URL. Hidden files are skipped.
    func loadStaticFiles(_ folder: ContentFolder, into problems: inout [Diagnostic]) -> [String: Data] {
        let dir = Self.filesDir
        func problem(_ relative: String, _ zh: String, _ en: String, _ helpZh: String, _ helpEn: String) {
            problems.append(Diagnostic(.contentInvalid, at: SourceLocation(path: folder.display(relative)),
                                       message: Localized(zh: zh, en: en), help: Localized(zh: helpZh, en: helpEn)))
        }
        switch NoFollow.kind(root: folder.root, dir) {
        case .missing: return [:]
        case .folder: break
        case .link:
            problem(dir, "files/ 是符号链接", "files/ is a symbolic link", "用真实目录替换该链接", "replace the link with a real folder")
            return [:]
        case .file, .other:
            problem(dir, "files 不是目录", "files is not a folder", "files/ 应为存放下载文件的目录", "files/ must be the folder of downloadable files")
            return [:]
        }
        var out: [String: Data] = [:]
        for name in NoFollow.list(root: folder.root, dir).sorted() where !name.hasPrefix(".") {
            let relative = "\(dir)/\(name)"
            guard Self.isSafeFileName(name) else {
                problem(relative, "文件名“\(name)”不能用作网址", "the file name '\(name)' cannot be used in a URL",
                        "改名为字母、数字、点、- 和 _，如 algorithm-batch-12.csv", "rename it to letters, digits, '.', '-' and '_', e.g. algorithm-batch-12.csv")
                continue
            }
            switch NoFollow.read(root: folder.root, relative, limit: Self.maxFileSize) {
            case .success(let data): out[name] = data
            case .failure(.link):
                problem(relative, "下载文件不能是符号链接", "a downloadable file cannot be a symbolic link", "用文件本身替换该链接", "replace the link with the file itself")
            case .failure(.notRegular):
                problem(relative, "files/ 下只能放普通文件（不能有子目录）", "files/ holds regular files only (no subfolders)",
                        "把文件直接放在 files/ 下", "put the file directly in files/")
            case .failure(.tooLarge(let size)):
                problem(relative, "文件过大（\(size) 字节，上限 \(Self.maxFileSize)）", "the file is too large (\(size) bytes, limit \(Self.maxFileSize))",
                        "下载文件应小于 8 MiB", "keep downloadable files under 8 MiB")
            case .failure(.missing), .failure(.unreadable):
                problem(relative, "无法读取该文件", "cannot read the file", "检查文件权限", "check the file's permissions")
            }
        }
        return out
    }

    /// Letters, digits, `.`, `-`, `_`; not starting with `.` or `-`; at most 100 bytes.
    static func isSafeFileName(_ s: String) -> Bool {
        guard let first = s.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-"), s.utf8.count <= 100 else { return false }
        return s.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
        }
    }
}
