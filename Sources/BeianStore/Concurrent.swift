import Foundation

/// The one parallel-map helper: runs independent pieces of work (the search index build,
/// reading the registry cache, the portal's pages, `verify-site`'s checks) on all cores. Each
/// piece writes only its own slot; results come back in piece order, so the output never
/// depends on the scheduling.
public enum Concurrent {
    public static func map<T: Sendable>(_ count: Int, tasks: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1, tasks > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        return slots.values
    }

    /// `body` over `items` on `tasks` Swift tasks (the portal's build and `verify-site`, which
    /// are async): each task gets its own `worker()` value — no shared mutable state — and takes
    /// every n-th item; results come back in item order. Stops early when the task is cancelled.
    public static func map<Item: Sendable, Worker: Sendable, Result: Sendable>(
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

    /// Two independent pieces of work at once.
    public static func both<A: Sendable, B: Sendable>(tasks: Int, _ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        guard tasks > 1 else { return (a(), b()) }
        let first = Slots<A>(1), second = Slots<B>(1)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { first.set(0, a()) } else { second.set(0, b()) }
        }
        return (first.values[0], second.values[0])
    }
}

/// Write-once result slots, one per piece; each index is written by exactly one thread.
private final class Slots<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    init(_ count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) { lock.withLock { storage[i] = value } }

    var values: [T] { lock.withLock { storage.map { $0! } } }
}
