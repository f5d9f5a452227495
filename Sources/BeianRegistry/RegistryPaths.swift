public import Foundation
import BeianBundle
import BeianDiagnostics
import BeianStore

/// Where the tool-written files live (documented in docs/registry.md).
///
/// Per bundle, `.beian/`: `ledger.jsonl` (the bundle's events) and `snapshots/<sha256>.json`
/// (approved versions, content-addressed). Per registry (the folder holding the bundles),
/// `.beian-registry/`: `entities.jsonl` (entity-id assignments) and `lock`.
public struct RegistryPaths: Sendable {
    public var bundle: URL
    public var bundleDisplay: String

    public init(bundle: URL, bundleDisplay: String) {
        self.bundle = bundle
        self.bundleDisplay = bundleDisplay
    }

    /// The paths of the bundle at `bundlePath` as the user typed it (a trailing `/` dropped).
    public init(bundlePath: String) {
        let trimmed = PathText.typed(bundlePath)
        self.init(bundle: URL(fileURLWithPath: trimmed).standardizedFileURL, bundleDisplay: trimmed)
    }

    public var dir: URL { bundle.appendingPathComponent(BundlePaths.registryDir) }
    public var ledger: URL { dir.appendingPathComponent("ledger.jsonl") }
    public var ledgerDisplay: String { display("\(BundlePaths.registryDir)/ledger.jsonl") }
    public func snapshot(_ hash: String) -> URL { dir.appendingPathComponent("snapshots/\(hash).json") }
    /// The bytes of every submitted file, content-addressed (`objects/<sha256>`).
    public func object(_ hash: String) -> URL { dir.appendingPathComponent("objects/\(hash)") }
    public func objectDisplay(_ hash: String) -> String { display("\(BundlePaths.registryDir)/objects/\(hash)") }
    /// The bundle's write lock: held by every command that writes the ledger, snapshots or objects.
    public var bundleLock: URL { dir.appendingPathComponent("lock") }
    public func snapshotDisplay(_ hash: String) -> String { display("\(BundlePaths.registryDir)/snapshots/\(hash).json") }

    /// The registry folder: the parent of the bundle.
    public var registryRoot: URL { bundle.deletingLastPathComponent() }
    public var registryDir: URL { registryRoot.appendingPathComponent(".beian-registry") }
    public var entitiesLedger: URL { registryDir.appendingPathComponent("entities.jsonl") }
    public var lock: URL { registryDir.appendingPathComponent("lock") }
    /// The registry folder as shown in messages ("." when the bundle path has no folder part).
    public var registryDisplay: String {
        let parent = PathText.parent(bundleDisplay)
        return parent.isEmpty ? "." : parent
    }
    public var entitiesDisplay: String {
        let parent = PathText.parent(bundleDisplay)
        return (parent.isEmpty ? "" : parent + "/") + ".beian-registry/entities.jsonl"
    }

    /// The tool's own files and folders, relative to the bundle and to the registry folder.
    static let bundleOwned = ["", BundlePaths.registryDir, "\(BundlePaths.registryDir)/ledger.jsonl", "\(BundlePaths.registryDir)/snapshots",
                              "\(BundlePaths.registryDir)/objects", "\(BundlePaths.registryDir)/lock"]
    static let registryOwned = [".beian-registry", ".beian-registry/entities.jsonl", ".beian-registry/lock"]

    /// Refuses (B008, exit 2) a symbolic link anywhere among the tool's own files: the bundle
    /// folder, `.beian/` and what it holds, and the registry's `.beian-registry/`. A `.beian`
    /// linked to another bundle's would otherwise let an approval here write there.
    public func checkNoLinks() throws(RegistryError) {
        if let at = NoFollow.firstLink(root: bundle, Self.bundleOwned) {
            throw .integrity(Self.linkRefused(at.isEmpty ? bundleDisplay : display(at)))
        }
        if let at = NoFollow.firstLink(root: registryRoot, Self.registryOwned) {
            let parent = PathText.parent(bundleDisplay)
            throw .integrity(Self.linkRefused((parent.isEmpty ? "" : parent + "/") + at))
        }
        // Folders of snapshots and objects: none of their entries may be a link either.
        for folder in ["snapshots", "objects"] {
            let relative = "\(BundlePaths.registryDir)/\(folder)"
            for (name, type) in NoFollow.entries(root: bundle, relative) where type == .link {
                throw .integrity(Self.linkRefused(display(relative + "/" + name)))
            }
        }
    }

    static func linkRefused(_ shown: String) -> Diagnostic {
        Diagnostic(.linkRefused, at: SourceLocation(path: shown),
            message: Localized(zh: "“\(shown)”是符号链接；beian 不跟随登记簿中的任何链接", en: "'\(shown)' is a symbolic link; beian follows no link in a registry"),
            help: Localized(zh: "用真实的目录或文件替换该链接（台账与快照只能由 beian 写入）", en: "replace the link with the real folder or file (only beian writes ledgers and snapshots)"))
    }

    func display(_ relative: String) -> String {
        bundleDisplay.hasSuffix("/") ? bundleDisplay + relative : bundleDisplay + "/" + relative
    }
}
