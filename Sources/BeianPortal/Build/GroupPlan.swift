import BeianOutput
/// A named group of jobs (`PortalBuilder.plan`): the unit a rebuild keeps whole or redoes.
struct JobGroup: Sendable {
    let name: String
    var jobs: [PageJob]

    /// Spreads `items` over `count` buckets by a hash of their key (an id, a slug, a path), so
    /// an item stays in its bucket whatever else is added or removed. One group per non-empty
    /// bucket, named `prefix/bucket`; in each, the items in the order given.
    static func buckets(_ prefix: String, _ count: Int, _ items: [(String, PageJob)]) -> [JobGroup] {
        var jobs = [[PageJob]](repeating: [], count: count)
        for (key, job) in items { jobs[bucket(key, count)].append(job) }
        return jobs.indices.compactMap { jobs[$0].isEmpty ? nil : JobGroup(name: "\(prefix)/\($0)", jobs: jobs[$0]) }
    }

    /// FNV-1a (32 bits) of the key's UTF-8, modulo `count`: the same bucket in every build.
    static func bucket(_ key: String, _ count: Int) -> Int { bucket(key.utf8, count) }

    static func bucket<Bytes: Sequence<UInt8>>(_ key: Bytes, _ count: Int) -> Int {
        var h: UInt32 = 0x811C_9DC5
        for b in key { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        return Int(h % UInt32(count))
    }
}

/// What a build does with one group of files, decided from the group's key and the two
/// previous manifests (the recycled staging copy's, `base`, and the live site's):
///
/// - **keep**: the staging copy already holds the group's files — the recycled site was
///   built from the same inputs (equal keys), or the live site was and its files are
///   hard-linked over the few the recycled copy lacks. Nothing is rendered or looked at one
///   by one; the group's records are copied into the new manifest as bytes.
/// - **render**: the group's files one by one (`OutputTree.emit`): a file whose own input key
///   is unchanged is still kept without rendering.
///
/// A group of files kept from the live site by the caller (`PortalInput.keptFiles`, all of
/// them) is the live group when it lists the same paths.
enum GroupPlan: Sendable {
    case keep(BuildManifest.Group, sameAsBase: Bool)
    case render(OutputTree, key: UInt64?)

    /// The group of the open-data files (made in chunks, outside the plan's jobs).
    static let openData = "open data"

    /// What a group came to.
    struct Result: Sendable {
        /// What the new manifest records for the group.
        var group: BuildManifest.Group
        /// Its files one by one; nil when the group was kept whole.
        var emitted: [OutputTree.Emitted]?
        /// True when the staging copy held exactly these files before the build.
        var sameAsBase = false
    }

    static func decide(_ group: JobGroup, runner: JobRunner, base: BuildManifest.Group?, live: BuildManifest.Group?,
                       root: String, previous: String?) throws -> GroupPlan {
        let key = groupKey(group, runner)
        if let key, let base, base.key == key { return .keep(base, sameAsBase: true) }
        var sameAsLive = false
        if let live, previous != nil {
            if let key {
                sameAsLive = live.key == key
            } else if group.jobs.allSatisfy({ if case .kept = $0 { true } else { false } }) {
                var paths = Fingerprint()
                for case .kept(let path) in group.jobs { paths.add(path) }
                sameAsLive = live.paths == paths.state
            }
        }
        if sameAsLive, let live {
            var record = live
            record.key = key
            if let base, base.digest == live.digest { return .keep(record, sameAsBase: true) }
            let tree = OutputTree(root: root, base: base?.entries() ?? [:], previous: previous, previousManifest: [:])
            if try tree.matchLive(live.list()) { return .keep(record, sameAsBase: false) }
        }
        return .render(OutputTree(root: root, base: base?.entries() ?? [:], previous: previous,
                                  previousManifest: live?.entries() ?? [:]), key: key)
    }

    /// The group's key: its name and every file's input key, in order; nil when a file has
    /// no input key (rendered and compared every build).
    static func groupKey(_ group: JobGroup, _ runner: JobRunner) -> UInt64? {
        var k = Fingerprint(group.name)
        k.add(group.jobs.count)
        for job in group.jobs {
            guard let key = runner.inputKey(job) else { return nil }
            k.add(key)
        }
        return k.state
    }

    /// Carries out the decision for `group`.
    static func finish(_ group: JobGroup, _ plan: GroupPlan, runner: JobRunner) throws -> Result {
        switch plan {
        case .keep(let record, let same):
            return Result(group: record, emitted: nil, sameAsBase: same)
        case .render(let tree, let key):
            var emitted: [OutputTree.Emitted] = []
            emitted.reserveCapacity(group.jobs.count)
            for job in group.jobs { emitted += try runner.run(job, in: tree) }
            return Result(group: BuildManifest.Group(name: group.name, key: key, files: emitted.map { ($0.path, $0.entry) }),
                          emitted: emitted)
        }
    }

    /// What the recycled site held that the new one does not: the files of its groups that
    /// changed, less every file of the new site's changed groups (a file may change group).
    static func stale(base: BuildManifest, results: [Result]) -> [String] {
        var same = Set<String>()
        var current = Set<String>()
        for r in results {
            if r.sameAsBase { same.insert(r.group.name); continue }
            if let emitted = r.emitted {
                for e in emitted { current.insert(e.path) }
            } else {
                for f in r.group.list() { current.insert(f.path) }
            }
        }
        var out: [String] = []
        for (name, group) in base.groups where !same.contains(name) {
            for f in group.list() where !current.contains(f.path) { out.append(f.path) }
        }
        return out
    }
}
