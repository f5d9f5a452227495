import BeianDiagnostics
import BeianModel
import BeianOutput
import BeianStore
import Foundation

/// Steps 3–8 of a build, once every group is decided: rows, render, open data, head, manifest,
/// swap. Each step is a function named after it.
extension PortalBuilder {
    /// Steps 3–8, once the groups are decided.
    func assemble(_ place: Staging, base: BuildManifest, previous: String?, manifest: BuildManifest,
                  routes: Routes, index: FilingIndex, runner: JobRunner, groups: [JobGroup], decided: [GroupPlan],
                  steps: inout StepTimer) async throws -> BuildReport {
        async let readChunks = previous.map { ChunkIndex.read(siteAt: $0) } ?? ChunkIndex()
        var runner = runner
        let tasks = options.parallelism ?? ProcessInfo.processInfo.activeProcessorCount
        let root = place.staging

        // 3. The list rows the changed list and entity pages need, each rendered once.
        try await renderRows(&runner, index: index, groups: groups, decided: decided, tasks: tasks)
        try steps.finish("rows")

        // 4. Render and write the files of the groups that changed, in parallel.
        let ready = runner
        let work = Array(zip(groups, decided))
        let done = try await Concurrent.map(work, tasks: tasks, worker: { tasks > 1 ? ready.forWorker() : ready }) { w, item in
            try GroupPlan.finish(item.0, item.1, runner: w)
        }
        try steps.finish("render")

        // 5. Open data, each file made in parallel chunks, unchanged chunks copied (none in a preview).
        var results = done
        var (data, chunks): ([OutputTree.Emitted], ChunkIndex) = ([], ChunkIndex())
        if options.preview == nil {
            (data, chunks) = try await openData(place, base: base, previous: previous, manifest: manifest, routes: routes,
                                                index: index, previousChunks: await readChunks, tasks: tasks)
            results.append(GroupPlan.Result(group: BuildManifest.Group(name: GroupPlan.openData, key: nil,
                                                                       files: data.map { ($0.path, $0.entry) }), emitted: data))
            try steps.finish("open data")
        }

        // 6. The signed head (SPEC §8): records, the log, proofs, the file list, the checkpoint
        // (a preview signs nothing).
        var bookkeeping: [(String, [UInt8])] = []
        if let signing = input.head, options.preview == nil {
            (results, bookkeeping) = try await signHead(signing, index: index, routes: routes, results: results, root: root, base: base,
                                                        previous: previous, manifest: manifest, tasks: tasks)
            try steps.finish("head")
        }

        // 7. Drop what the recycled site held that this one does not; write the manifest.
        try writeManifest(place, base: base, results: results, chunks: chunks, bookkeeping: bookkeeping)
        try steps.finish("manifest")

        // 8. Swap the new site in.
        try swapIn(place, unshared: data.map(\.path), tasks: tasks, steps: &steps)
        return Self.report(results, steps: steps)
    }

    /// Step 3: renders each list row the changed list and entity pages need, once, into
    /// `runner.rowCells`.
    private func renderRows(_ runner: inout JobRunner, index: FilingIndex, groups: [JobGroup], decided: [GroupPlan],
                            tasks: Int) async throws {
        let seed = runner
        var needed = Set<Int>()
        for (group, decision) in zip(groups, decided) {
            if case .render(let tree, _) = decision { runner.rowsNeeded(by: group.jobs, tree: tree, into: &needed) }
        }
        let rows = needed.sorted()
        let cells = try await Concurrent.map(rows, tasks: tasks, worker: { tasks > 1 ? seed.forWorker() : seed }) { w, i in
            w.renderRow(i)
        }
        runner.rowCells = [[String?]](repeating: [String?](repeating: nil, count: index.filings.count), count: 2)
        for (i, html) in zip(rows, cells) {
            for l in html.indices { runner.rowCells[l][i] = html[l] }
        }
    }

    /// Step 5: `filings.csv` and `filings.json`, each made in parallel chunks, unchanged chunks
    /// copied; what each file is and where its chunks sit.
    private func openData(_ place: Staging, base: BuildManifest, previous: String?, manifest: BuildManifest, routes: Routes,
                          index: FilingIndex, previousChunks: ChunkIndex, tasks: Int) async throws -> ([OutputTree.Emitted], ChunkIndex) {
        let baseChunks = base.isEmpty ? ChunkIndex() : ChunkIndex.read(siteAt: place.staging)
        var chunks = ChunkIndex()
        let dataTree = OutputTree(root: place.staging, base: base.groups[GroupPlan.openData]?.entries() ?? [:], previous: previous,
                                  previousManifest: manifest.groups[GroupPlan.openData]?.entries() ?? [:])
        var data: [OutputTree.Emitted] = []
        for file in [FilingsCSV.file(index, routes: routes), FilingsJSON.file(index, routes: routes)] {
            let (result, placed) = try await dataTree.emit(file, tasks: tasks, baseChunks: baseChunks[file.path],
                                                           previousChunks: previousChunks[file.path])
            data.append(result)
            chunks[file.path] = placed
        }
        return (data, chunks)
    }

    /// Step 7: removes what the recycled site held that this one does not, and writes the
    /// manifest, the chunk index and the head's bookkeeping.
    private func writeManifest(_ place: Staging, base: BuildManifest, results: [GroupPlan.Result], chunks: ChunkIndex,
                               bookkeeping: [(String, [UInt8])]) throws {
        try OutputTree.removeStale(GroupPlan.stale(base: base, results: results), root: place.staging)
        try POSIX.removeFile(place.staging + "/" + SiteHead.Cache.fileName)
        try POSIX.removeFile(place.staging + "/" + PortalLog.fileName)
        for (name, bytes) in [(BuildManifest.fileName, BuildManifest.serialize(results.map { $0.group })),
                              (ChunkIndex.fileName, chunks.serialized())] + bookkeeping {
            try POSIX.removeFile(place.staging + "/" + name)
            try bytes.withUnsafeBytes { raw in try POSIX.writeNew(raw, to: place.staging + "/" + name) }
        }
    }

    /// Step 8: swaps the new site in; only now does the output folder change. With no site to
    /// replace (so none to recycle next time), a hard-link copy of the new one is made for the
    /// next build first — after the flush, which need not wait for the copy's 130,000 folders
    /// (at 100,000 filings): the copy is a cache, written back by the kernel at leisure.
    private func swapIn(_ place: Staging, unshared: [String], tasks: Int, steps: inout StepTimer) throws {
        if options.syncBeforeSwap {
            POSIX.syncFileSystem(of: place.staging)
            try steps.finish("flush")
        }
        if options.keepPreviousSite && !POSIX.isDirectory(place.output),
           place.copyStaging(tasks: tasks, unshared: unshared) {
            try steps.finish("copy for the next build")
        }
        try place.swap(keepPrevious: options.keepPreviousSite)
        try steps.finish("swap")
    }

    /// The counts of a finished build, from its groups' results.
    private static func report(_ results: [GroupPlan.Result], steps: StepTimer) -> BuildReport {
        var report = BuildReport(pages: 0, files: 0, written: 0, unchanged: 0, skippedRendering: 0, steps: steps.steps)
        for r in results {
            report.pages += r.group.pages
            report.files += r.group.files
            guard let emitted = r.emitted else {
                report.unchanged += r.group.files
                report.skippedRendering += r.group.files
                continue
            }
            for e in emitted {
                switch e.outcome {
                case .written: report.written += 1
                case .kept: report.unchanged += 1
                case .keptWithoutRendering: report.unchanged += 1; report.skippedRendering += 1
                }
            }
        }
        return report
    }
}
