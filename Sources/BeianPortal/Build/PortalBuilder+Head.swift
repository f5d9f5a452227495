import BeianOutput
import BeianStore
import BeianTrust
import Foundation

extension PortalBuilder {
    /// Step 6, the signed head (SPEC §8): the records, the log grown by what changed, its tiles
    /// and each changed filing's proof; then the list of every file published so far and the
    /// checkpoint that signs it. Returns the groups it made and the bookkeeping to keep.
    func signHead(_ signing: HeadSigning, index: FilingIndex, routes: Routes, results: [GroupPlan.Result], root: String,
                  base: BuildManifest, previous: String?, manifest: BuildManifest, tasks: Int) async throws
        -> (results: [GroupPlan.Result], bookkeeping: [(String, [UInt8])]) {
        func tree(_ group: String) -> OutputTree {
            OutputTree(root: root, base: base.groups[group]?.entries() ?? [:], previous: previous,
                       previousManifest: manifest.groups[group]?.entries() ?? [:])
        }
        let leaves = try await SiteHead.leaves(index, previous: previous.map { SiteHead.Cache.read(siteAt: $0) } ?? SiteHead.Cache(), tasks: tasks)
        var log = previous.map { PortalLog.read(siteAt: $0) } ?? PortalLog()
        _ = SiteHead.grow(&log, leaves, index)
        let hashes = log.leafHashes()
        let logRoot = MerkleTree.root(flat: hashes)
        let tiles = try LogFiles.tiles(log, leafHashes: hashes)

        // The head's folder: the records, the registry key, the log's tiles.
        let headTree = tree(SiteHead.folder)
        var head = [try headTree.emit(SiteHead.records) { SiteHead.recordList(leaves, index) },
                    try headTree.emit(SiteHead.registryKey) { Array((signing.key.verifierKey.description + "\n").utf8) }]
        for t in tiles { head.append(try headTree.emit(t.path) { t.bytes }) }
        var out = results
        out.append(GroupPlan.Result(group: BuildManifest.Group(name: SiteHead.folder, key: nil, files: head.map { ($0.path, $0.entry) }), emitted: head))

        // Each filing's proof, at the size of the build that logged its record: unchanged
        // until the record changes, so kept without being made again.
        let last = log.lastIndex()
        let levels = MerkleLevels(leafHashes: hashes)
        let proofTree = tree(LogFiles.proofGroup)
        var proofs: [OutputTree.Emitted] = []
        proofs.reserveCapacity(leaves.count)
        var ids: [UInt8] = []
        for i in leaves.order {
            ids.removeAll(keepingCapacity: true)
            index.summaries[i].appendDigits(to: &ids)
            guard let at = last[ids[...]] else { continue }
            let size = log.batchEnd(of: at)
            var key = Fingerprint("proof")
            key.add(at)
            key.add(size)
            proofs.append(try proofTree.emit(LogFiles.proofPath(String(decoding: ids, as: UTF8.self)), inputKey: key) {
                LogFiles.proofText(index: at, size: size, hashes: levels.path(at, 0, size))
            })
        }
        out.append(GroupPlan.Result(group: BuildManifest.Group(name: LogFiles.proofGroup, key: nil, files: proofs.map { ($0.path, $0.entry) }), emitted: proofs))

        // The list of every file, then the checkpoint that signs it.
        var all: [(path: String, entry: BuildManifest.Entry)] = []
        for r in out {
            if let emitted = r.emitted { all += emitted.map { ($0.path, $0.entry) } } else { all += r.group.list() }
        }
        let (listed, listDigest) = try SiteFiles.emit(all, tree: tree(SiteFiles.group))
        out.append(GroupPlan.Result(group: BuildManifest.Group(name: SiteFiles.group, key: nil, files: listed.map { ($0.path, $0.entry) }), emitted: listed))
        let text = SiteHead.checkpointText(size: log.count, root: logRoot, signing: signing, baseURL: routes.origin + "/", files: listDigest)
        let note = try SiteHead.checkpointNote(text, signing: signing)
        let checkpoint = try tree(SiteFiles.checkpointGroup).emit(SiteFiles.checkpoint) { note }
        out.append(GroupPlan.Result(group: BuildManifest.Group(name: SiteFiles.checkpointGroup, key: nil, files: [(checkpoint.path, checkpoint.entry)]),
                                    emitted: [checkpoint]))
        return (out, [(SiteHead.Cache.fileName, SiteHead.Cache.serialized(leaves)), (PortalLog.fileName, log.serialized())])
    }
}
