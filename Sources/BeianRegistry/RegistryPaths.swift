public import Foundation
import BeianBundle

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

    public var dir: URL { bundle.appendingPathComponent(BundlePaths.registryDir) }
    public var ledger: URL { dir.appendingPathComponent("ledger.jsonl") }
    public var ledgerDisplay: String { display("\(BundlePaths.registryDir)/ledger.jsonl") }
    public func snapshot(_ hash: String) -> URL { dir.appendingPathComponent("snapshots/\(hash).json") }
    public func snapshotDisplay(_ hash: String) -> String { display("\(BundlePaths.registryDir)/snapshots/\(hash).json") }

    /// The registry folder: the parent of the bundle.
    public var registryRoot: URL { bundle.deletingLastPathComponent() }
    public var registryDir: URL { registryRoot.appendingPathComponent(".beian-registry") }
    public var entitiesLedger: URL { registryDir.appendingPathComponent("entities.jsonl") }
    public var lock: URL { registryDir.appendingPathComponent("lock") }
    public var entitiesDisplay: String {
        let parent = (bundleDisplay as NSString).deletingLastPathComponent
        return (parent.isEmpty ? "" : parent + "/") + ".beian-registry/entities.jsonl"
    }

    func display(_ relative: String) -> String {
        bundleDisplay.hasSuffix("/") ? bundleDisplay + relative : bundleDisplay + "/" + relative
    }
}
