import Foundation

/// Runs independent pieces of work (the search index build, reading the registry cache) on
/// all cores. Each piece writes only its own slot; results come back in piece order, so the
/// output never depends on the scheduling.
public enum Concurrent {
    public static func map<T: Sendable>(_ count: Int, tasks: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1, tasks > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        return slots.values
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
