/// Runs work on all cores with no shared mutable state: each task gets its own copy of a
/// worker value and takes every n-th item; results come back in item order.
enum Parallel {
    static func map<Item: Sendable, Worker: Sendable, Result: Sendable>(
        _ items: [Item], tasks: Int, worker: @escaping @Sendable () -> Worker,
        _ body: @escaping @Sendable (Worker, Item) throws -> Result
    ) async throws -> [Result] {
        let n = max(1, min(items.count, tasks))
        guard !items.isEmpty else { return [] }
        let parts = try await withThrowingTaskGroup(of: (Int, [Result]).self) { group in
            for t in 0..<n {
                group.addTask {
                    let w = worker()
                    var out: [Result] = []
                    out.reserveCapacity(items.count / n + 1)
                    var i = t
                    while i < items.count {
                        if (i / n) % 256 == 0 { try Task.checkCancellation() }
                        out.append(try body(w, items[i]))
                        i += n
                    }
                    return (t, out)
                }
            }
            var parts = [[Result]](repeating: [], count: n)
            for try await (t, part) in group { parts[t] = part }
            return parts
        }
        // Interleave back: item i was the (i / n)-th result of task i % n.
        var results: [Result] = []
        results.reserveCapacity(items.count)
        for i in items.indices { results.append(parts[i % n][i / n]) }
        return results
    }
}
