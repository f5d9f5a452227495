import BeianBundle
public import BeianDiagnostics
import BeianStore
import Foundation

/// What a folder given on the command line is: a registry (the folder holding the bundles), a
/// bundle, or neither. Every command that takes one checks it here first, so a misspelt path is
/// never read as an empty registry or an empty bundle.
public enum RegistryFolder {
    /// O953 (exit 2) when `path` does not exist, is not a folder, or is a bundle rather than a
    /// registry; nil for a registry (an empty folder is an empty registry).
    public static func problem(_ path: String) -> Diagnostic? {
        let root = URL(fileURLWithPath: path)
        let message: Localized
        switch NoFollow.kind(root: root, "") {
        case .folder:
            guard isBundle(root) else { return nil }
            message = Localized(zh: "“\(path)”是一个备案包，不是登记簿（登记簿是存放各备案包的目录）", en: "'\(path)' is a bundle, not a registry (the folder that holds the bundles)")
        case .missing: message = Localized(zh: "登记簿目录“\(path)”不存在", en: "the registry folder '\(path)' does not exist")
        default: message = Localized(zh: "“\(path)”不是目录（或是链接）", en: "'\(path)' is not a folder (or is a link)")
        }
        return Diagnostic(.registryNotFound, at: SourceLocation(path: path), message: message,
                          help: Localized(zh: "用 --registry 指向存放各备案包的目录，如 bundles", en: "point --registry at the folder holding the bundles, e.g. bundles"))
    }

    /// True when nothing is at `path` (not even a link): the one case `beian import` creates.
    public static func isMissing(_ path: String) -> Bool {
        NoFollow.kind(root: URL(fileURLWithPath: path), "") == .missing
    }

    /// Creates the registry folder of a first import (`beian import`, the only command that
    /// starts a registry from nothing); its parent must exist. O953 when it cannot.
    public static func create(_ path: String) -> Diagnostic? {
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path), withIntermediateDirectories: false)
        } catch {
            return Diagnostic(.registryNotFound, at: SourceLocation(path: path),
                              message: Localized(zh: "无法新建登记簿目录“\(path)”（其上级目录须已存在）", en: "cannot create the registry folder '\(path)' (its parent folder must exist)"),
                              help: Localized(zh: "检查路径，或先建好上级目录", en: "check the path, or create the parent folder first"))
        }
        return problem(path)
    }

    /// B001 (exit 2) when `path`, given as a bundle, is a registry: it holds `.beian-registry/`
    /// or bundles of its own but no `entity.yaml`. Nil otherwise (a missing bundle is reported
    /// by the loader as usual).
    public static func bundleProblem(_ path: String) -> Diagnostic? {
        let root = URL(fileURLWithPath: path)
        guard NoFollow.kind(root: root, "") == .folder, NoFollow.kind(root: root, BundlePaths.entityFile) == .missing else { return nil }
        let holdsBundles = NoFollow.kind(root: root, ".beian-registry") != .missing
            || NoFollow.list(root: root, "").contains { name in !name.hasPrefix(".") && isBundle(root.appendingPathComponent(name)) }
        guard holdsBundles else { return nil }
        return Diagnostic(.bundleNotFound, at: SourceLocation(path: path),
                          message: Localized(zh: "“\(path)”是登记簿（存放各备案包的目录），不是备案包", en: "'\(path)' is a registry (the folder holding the bundles), not a bundle"),
                          help: Localized(zh: "指向其中的一个备案包，如 \(PathText.join(path, "<主体>"))", en: "name one bundle inside it, e.g. \(PathText.join(path, "<entity>"))"))
    }

    static func isBundle(_ url: URL) -> Bool {
        NoFollow.kind(root: url, BundlePaths.entityFile) != .missing || NoFollow.kind(root: url, BundlePaths.registryDir) != .missing
    }
}
