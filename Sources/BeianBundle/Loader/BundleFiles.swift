public import BeianDiagnostics
import BeianStore
public import Foundation

/// The one way the loader and its rules reach a bundle's files.
///
/// Nothing is read through a symbolic link (`NoFollow`): a link anywhere in the bundle — the
/// folder itself, `entity.yaml`, `products/`, an algorithm folder, an attachment — is refused
/// with B008 at the link. `overlay` holds files given as bytes (relative path → bytes) that
/// stand in for the folder's: the bytes a submission stored, so that a reviewer's approval
/// reads exactly what was submitted and never the live folder, which the filer may change
/// at any moment.
public struct BundleFiles: Sendable {
    public var root: URL
    public var displayRoot: String
    public var overlay: [String: Data]

    public init(root: URL, displayRoot: String, overlay: [String: Data] = [:]) {
        self.root = root
        self.displayRoot = displayRoot
        self.overlay = overlay
    }

    public enum Kind: Equatable, Sendable {
        case missing, file(size: Int), folder, link(at: String), other
    }

    /// What is at `relative` (an overlay file, or else the folder's entry, links not followed).
    public func kind(_ relative: String) -> Kind {
        if let data = overlay[relative] { return .file(size: data.count) }
        // A bundle given wholly as bytes (a first package) has no folder yet.
        if relative.isEmpty, !overlay.isEmpty, NoFollow.kind(root: root, "") == .missing { return .folder }
        if overlay.keys.contains(where: { $0.hasPrefix(relative + "/") }) { return .folder }
        switch NoFollow.kind(root: root, relative) {
        case .missing: return .missing
        case .file(let size): return .file(size: size)
        case .folder: return .folder
        case .link(let at): return .link(at: at)
        case .other: return .other
        }
    }

    public func exists(_ relative: String) -> Bool { kind(relative) != .missing }

    /// The bytes of `relative` (at most `limit`), or the diagnostic that says why not.
    public func read(_ relative: String, limit: Int) -> Result<Data, Diagnostic> {
        let display = PathText.join(displayRoot, relative)
        if let data = overlay[relative] {
            return data.count > limit ? .failure(TextFile.tooLarge(path: display, size: data.count, limit: limit)) : .success(data)
        }
        switch NoFollow.read(root: root, relative, limit: limit) {
        case .success(let data): return .success(data)
        case .failure(.link(let at)): return .failure(linkRefused(at))
        case .failure(.tooLarge(let size)): return .failure(TextFile.tooLarge(path: display, size: size, limit: limit))
        case .failure(.notRegular):
            return .failure(Diagnostic(.unreadable, at: SourceLocation(path: display),
                message: Localized(zh: "不是普通文件（可能是目录）", en: "not a regular file (a folder?)"),
                help: Localized(zh: "此处应为文本文件；删除或改名该目录", en: "this must be a text file; remove or rename what is there")))
        case .failure(.missing), .failure(.unreadable):
            return .failure(Diagnostic(.unreadable, at: SourceLocation(path: display),
                message: Localized(zh: "无法打开文件", en: "cannot open the file"),
                help: Localized(zh: "检查文件是否存在以及读取权限", en: "check that the file exists and is readable")))
        }
    }

    /// The first `count` bytes of a file (for checking an attachment's kind), nil when unreadable.
    public func head(_ relative: String, count: Int) -> Data? {
        if let data = overlay[relative] { return data.prefix(count) }
        guard case .file = NoFollow.kind(root: root, relative) else { return nil }
        let fd = open(root.path + "/" + relative, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, count) }
        return n < 0 ? nil : Data(buffer[0..<n])
    }

    /// Sorted names in a folder of the bundle, the overlay's included, hidden ones left out.
    public func list(_ relative: String) -> [String] {
        var names = Set(NoFollow.list(root: root, relative))
        let prefix = relative + "/"
        for path in overlay.keys where path.hasPrefix(prefix) {
            if let name = path.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(name)) }
        }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// B008 at the link `relative` ("" for the bundle folder itself).
    public func linkRefused(_ relative: String) -> Diagnostic {
        let display = relative.isEmpty ? displayRoot : PathText.join(displayRoot, relative)
        return Diagnostic(.linkRefused, at: SourceLocation(path: display),
            message: Localized(zh: "“\(relative.isEmpty ? displayRoot : relative)”是符号链接；备案包中的链接一律不跟随",
                               en: "'\(relative.isEmpty ? displayRoot : relative)' is a symbolic link; links in a bundle are never followed"),
            help: Localized(zh: "用文件或目录本身替换该链接", en: "replace the link with the file or folder itself"))
    }
}
