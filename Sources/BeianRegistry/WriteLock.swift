import BeianBundle
import BeianDiagnostics
public import BeianStore
public import Foundation

/// The locks every registry write holds, so that no event is lost and numbers stay unique.
///
/// Each file the tool writes has exactly one lock that guards it: a bundle's `.beian/`
/// (ledger, snapshots, stored submissions) by `.beian/lock`, the registry's `.beian-registry/`
/// (`entities.jsonl`) by `.beian-registry/lock`. Every command reads what it is about to change
/// only after taking the lock, and writes before releasing it. A command that needs both
/// (an approval assigns entity ids and filing numbers) takes the registry's first, then the
/// bundle's, so two commands never wait on each other in a cycle. `flock(2)` locks are
/// dropped by the kernel when their holder dies: a crash never leaves a lock behind. A crash
/// between a write and its rename leaves a temporary file, which the next holder of the lock
/// removes (`StrayTempFiles`): under the lock, the writer named in it cannot be running.
extension Registry {
    /// Runs `body` holding the bundle's write lock, and first the registry's when `registry`.
    /// `registryHeld`: the caller holds the registry's lock already (`RegistryLock`); taking it
    /// again from the same process would wait forever. The facade's operations take it; public
    /// for `beian import`, which writes the bundles it imports under the same locks.
    public static func locked<T>(_ bundlePath: String, registry: Bool, registryHeld: Bool = false, _ body: () throws(RegistryError) -> T) throws(RegistryError) -> T {
        let paths = RegistryPaths(bundlePath: bundlePath)
        // Nothing is created for a folder that is not a bundle, and no lock is taken through a link:
        // the body's `open` reports either.
        guard NoFollow.kind(root: paths.bundle, "") == .folder else { return try body() }
        try paths.checkNoLinks()
        // In an initialized registry every bundle write also records the bundle's head in the
        // registry (`heads.jsonl`): the registry's lock guards that file.
        let registry = !registryHeld && (registry || NoFollow.kind(root: paths.registryRoot, ".beian-registry/registry.json") != .missing)
        let registryLock = registry ? try RegistryLock.acquire(registry: paths.registryRoot, display: paths.registryDisplay) : nil
        defer { registryLock?.unlock() }
        let bundleLock: FileLock
        do { bundleLock = try FileLock(paths.bundleLock) } catch {
            throw .integrity(Diagnostic(.lockBusy, at: SourceLocation(path: paths.display("\(BundlePaths.registryDir)/lock")),
                message: Localized(zh: "无法锁定备案包：\(error.reason)", en: "cannot lock the bundle: \(error.reason)"),
                help: Localized(zh: "检查目录权限（锁文件不能是链接）", en: "check the folder's permissions (a lock file may not be a link)")))
        }
        defer { bundleLock.unlock() }
        // No writer of this bundle runs now: a temporary file of a dead one is a leftover.
        StrayTempFiles.remove(root: paths.bundle, in: "", recursive: true)
        return try body()
    }
}

/// The registry-wide lock alone, for writers of many bundles at once (`beian import`).
public enum RegistryLock {
    /// Runs `body` holding `<registry>/.beian-registry/lock` (refusing a link there).
    public static func held<T>(registry: URL, display: String, _ body: () throws(RegistryError) -> T) throws(RegistryError) -> T {
        let lock = try acquire(registry: registry, display: display)
        defer { lock.unlock() }
        return try body()
    }

    /// Takes `<registry>/.beian-registry/lock`; the caller unlocks it (for async writers).
    public static func acquire(registry: URL, display: String) throws(RegistryError) -> FileLock {
        if let at = NoFollow.firstLink(root: registry, RegistryPaths.registryOwned) {
            throw .integrity(RegistryPaths.linkRefused(PathText.join(display, at)))
        }
        let lock: FileLock
        do { lock = try FileLock(registry.appendingPathComponent(".beian-registry/lock")) } catch {
            throw .integrity(Diagnostic(.lockBusy, at: SourceLocation(path: PathText.join(display, ".beian-registry/lock")),
                message: Localized(zh: "无法锁定登记簿：\(error.reason)", en: "cannot lock the registry: \(error.reason)"),
                help: Localized(zh: "检查目录权限（锁文件不能是链接）", en: "check the folder's permissions (a lock file may not be a link)")))
        }
        // No writer of `.beian-registry/` runs now: a temporary file of a dead one is a leftover.
        StrayTempFiles.remove(root: registry, in: ".beian-registry", recursive: false)
        return lock
    }
}
