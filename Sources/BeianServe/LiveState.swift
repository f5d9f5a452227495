import Foundation
import Synchronization

/// What the open pages need to know: which build they show, and the build error to show
/// over them, if any. Shared by the request handlers and the rebuild loop.
///
/// `generation` changes with every rebuild that changed the site and every change of the
/// error; a page carries the generation it was served at (in its reload script's URL), and
/// its event stream is told to reload as soon as the two differ — also when a rebuild ended
/// between the page's load and its stream's connection.
final class LiveState: Sendable {
    private struct State {
        var counter = 0
        var overlay: String?
        var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
        var nextSubscriber = 0
        var finished = false
    }

    private let state = Mutex(State())
    /// Different in every run, so a page left open across a restart reloads too.
    private let run = String(UInt64.random(in: 0...UInt64.max), radix: 36)

    var generation: String { state.withLock { "\(run)-\($0.counter)" } }

    /// The error overlay's HTML (already escaped), or nil.
    var overlay: String? { state.withLock { $0.overlay } }

    /// The generation and overlay together (one lock: a response never mixes two states).
    var snapshot: (generation: String, overlay: String?) {
        state.withLock { ("\(run)-\($0.counter)", $0.overlay) }
    }

    /// A new generation: open pages reload (with `overlay` shown on them when not nil).
    func publish(overlay: String?) {
        let (subscribers, generation) = state.withLock { s -> ([AsyncStream<String>.Continuation], String) in
            s.counter += 1
            s.overlay = overlay
            return (Array(s.subscribers.values), "\(run)-\(s.counter)")
        }
        for c in subscribers { c.yield(generation) }
    }

    /// The generations published from now on, until `finish()`.
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        let id: Int? = state.withLock { s in
            guard !s.finished else { return nil }
            s.nextSubscriber += 1
            s.subscribers[s.nextSubscriber] = continuation
            return s.nextSubscriber
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every event stream (the server is stopping: open streams would keep it waiting).
    func finish() {
        let subscribers = state.withLock { s -> [AsyncStream<String>.Continuation] in
            s.finished = true
            defer { s.subscribers.removeAll() }
            return Array(s.subscribers.values)
        }
        for c in subscribers { c.finish() }
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }
}
