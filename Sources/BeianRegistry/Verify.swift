public import BeianDiagnostics
public import BeianModel
import BeianBundle
import BeianStore
public import Foundation

/// `beian verify`: chains, snapshots and pending manifests, naming the first broken link.
public enum Verifier {
    /// Problems of one bundle; empty when everything holds. Temporary files left by a killed
    /// writer anywhere in the bundle are warnings (L611).
    public static func verify(bundlePath: String, clock: Clock) -> [Diagnostic] {
        let paths = RegistryPaths(bundlePath: bundlePath)
        return verifyRecord(bundlePath: bundlePath, clock: clock)
            + leftovers(root: paths.bundle, display: paths.bundleDisplay, in: "", recursive: true)
    }

    static func verifyRecord(bundlePath: String, clock: Clock) -> [Diagnostic] {
        switch ReadBundle.open(bundlePath) {
        case .failure(let error): error.diagnostics
        case .success(let read): recordChecks(read).problems
        }
    }

    /// An approved entity's name and credit code.
    typealias ApprovedEntity = (name: String, creditCode: String)

    /// The checks of one bundle's own record: every snapshot its ledger names holds the bytes
    /// its hash commits to, and what is under review is still there exactly as submitted. Also gives the
    /// approved entity snapshot it read on the way (the registry-wide checks compare it).
    static func recordChecks(_ read: ReadBundle) -> (problems: [Diagnostic], approvedEntity: ApprovedEntity?) {
        var out: [Diagnostic] = read.ledger.tornTailProblem.map { [$0] } ?? []
        let reader = SnapshotReader(paths: read.paths)
        let entityHash = read.states[.entity]?.lastApproval?.snapshot
        var approvedEntity: ApprovedEntity?
        var checked = Set<String>()
        for event in read.ledger.events {
            guard let hash = event.snapshot, checked.insert(hash).inserted else { continue }
            // Its bytes against its name; the approved entity's is decoded too (the checks
            // across bundles compare its credit code).
            do {
                if hash == entityHash { approvedEntity = try reader.entityName(hash) } else { try reader.check(hash) }
            } catch { return (out + error.diagnostics, nil) }
        }
        // What is under review must still be there exactly as submitted: its stored bytes
        // (`.beian/objects/`), or for a submission made before they were kept, the live files.
        // A live file edited after a submission whose bytes are stored is no integrity problem:
        // the review reads the stored bytes (`beian status` shows the item as changed).
        let displayRoot = read.paths.bundleDisplay
        let live = BundleFiles(root: read.paths.bundle, displayRoot: displayRoot)
        for (_, state) in read.states.sorted(by: { $0.key < $1.key }) where state.status == .submitted || state.status == .changePending {
            guard let sealed = state.lastSubmit?.manifest else { continue }
            if case .failure(let d) = SubmittedFiles(paths: read.paths).restore(sealed, live: live) {
                var d = d
                if d.location.path.hasPrefix(displayRoot), !d.location.path.contains("/.beian/") {
                    d.message = Localized(zh: "\(state.item) 待审核期间该文件被改动（第 \(state.lastSubmit!.seq) 号事件所提交的版本已变，且未存有提交时的内容）",
                                          en: "\(state.item) is under review but this file changed since event \(state.lastSubmit!.seq) sealed it, and its submitted content is not stored")
                }
                out.append(d)
                return (out, approvedEntity)
            }
        }
        return (out, approvedEntity)
    }

    /// Problems of the registry-wide entity-id ledger next to the bundles, and temporary files
    /// left in `.beian-registry/` by a killed writer (warnings, L611).
    public static func verifyRegistry(root: URL, display: String) -> [Diagnostic] {
        verifyRegistry(entities: openEntities(root: root, display: display), root: root, display: display)
    }

    /// `verifyRegistry` with `entities.jsonl` already read (`verifyPass` reads it once for
    /// every check that needs it).
    static func verifyRegistry(entities: Result<Ledger, Diagnostic>, root: URL, display: String) -> [Diagnostic] {
        verifyEntities(entities) + leftovers(root: root, display: display, in: ".beian-registry", recursive: false)
    }

    /// `.beian-registry/entities.jsonl`, fully verified (`Ledger.open`), or why it is not.
    static func openEntities(root: URL, display: String) -> Result<Ledger, Diagnostic> {
        let url = root.appendingPathComponent(".beian-registry/entities.jsonl")
        let shown = (display.isEmpty || display == "." ? "" : (display.hasSuffix("/") ? display : display + "/")) + ".beian-registry/entities.jsonl"
        do { return .success(try Ledger.open(url, displayPath: shown)) } catch { return .failure(error) }
    }

    /// L611 for each temporary file of a dead writer under `root` (see `StrayTempFiles`).
    static func leftovers(root: URL, display: String, in relative: String, recursive: Bool) -> [Diagnostic] {
        StrayTempFiles.leftovers(root: root, in: relative, recursive: recursive).map { found in
            Diagnostic(.strayTempFile, at: SourceLocation(path: PathText.join(display, found.relative)), severity: .warning,
                message: Localized(zh: "写入中断留下的临时文件（写入进程 \(found.pid) 已不存在）：它从未替换目标文件，也无人读取",
                                   en: "temporary file left by an interrupted write (its writer, process \(found.pid), no longer exists); it never replaced its target and nothing reads it"),
                help: Localized(zh: "可以删除；下一次写入该登记簿或备案包的 beian 命令也会删除它",
                                en: "you may delete it; the next beian command that writes this registry or bundle deletes it too"))
        }
    }

    static func verifyEntities(_ opened: Result<Ledger, Diagnostic>) -> [Diagnostic] {
        let ledger: Ledger
        switch opened {
        case .failure(let error): return [error]
        case .success(let l): ledger = l
        }
        if let torn = ledger.tornTailProblem { return [torn] }
        var seen: [String: Int] = [:]
        for e in ledger.events where e.action == .assignEntityID {
            guard let id = e.entityID else { continue }
            if let first = seen[id] {
                return [Diagnostic(.ledgerBroken, at: SourceLocation(path: ledger.displayPath, line: e.seq),
                    message: Localized(zh: "主体标识 \(id) 被重复分配（首次在第 \(first) 行）", en: "entity id \(id) assigned twice (first on line \(first))"),
                    help: Localized(zh: "从备份或版本库恢复该文件", en: "restore the file from a backup or from git"))]
            }
            seen[id] = e.seq
        }
        return []
    }
}

/// A bundle's ledger as `beian verify` reads it, once: the checks `BundleRecord.open` makes
/// before reading it (a registry given for a bundle, links), the ledger and its item states.
/// The bundle's YAML is not read: verify checks what was sealed, not the live files.
struct ReadBundle: Sendable {
    let paths: RegistryPaths
    let ledger: Ledger
    let states: [ItemRef: ItemState]

    static func open(_ path: String) -> Result<ReadBundle, RegistryError> {
        if let problem = RegistryFolder.bundleProblem(path) { return .failure(.integrity(problem)) }
        let paths = RegistryPaths(bundlePath: path)
        do { try paths.checkNoLinks() } catch { return .failure(error) }
        let ledger: Ledger
        do { ledger = try Ledger.open(paths.ledger, displayPath: paths.ledgerDisplay) } catch { return .failure(.integrity(error)) }
        return .success(ReadBundle(paths: paths, ledger: ledger, states: ItemState.replay(ledger.events)))
    }
}
