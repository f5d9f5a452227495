public import BeianDiagnostics
public import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// The local HTTP server of `beian serve` and `beian preview --serve` (Hummingbird).
///
/// It serves the files of one folder (`root`, read afresh on every request, so a build that
/// swaps the folder is served at once), and, with `liveReload`, tells the pages it served to
/// reload when `publish` is called, showing a build error over them while there is one.
/// Ctrl-C (SIGINT) or SIGTERM stops it: the event streams are ended, then the server.
public final class SiteServer: Sendable {
    public let root: URL
    public let host: String
    public let port: Int
    private let live: LiveState?

    /// A server for the files under `root` at `host:port` (port 0: any free port).
    public init(root: URL, host: String, port: Int, liveReload: Bool) {
        self.root = root
        self.host = host
        self.port = port
        self.live = liveReload ? LiveState() : nil
    }

    /// Open pages reload; `problems` non-empty shows them over every page (the files served
    /// stay those of the last good build), empty removes the overlay.
    public func publish(problems: [Diagnostic], lang: Lang) {
        live?.publish(overlay: problems.isEmpty ? nil : ErrorOverlay.html(problems, lang: lang))
    }

    /// The number of pages listening for reloads now (for tests and the benchmark).
    public var listeners: Int { live?.subscriberCount ?? 0 }

    /// Serves until SIGINT or SIGTERM (or until the task is cancelled). `whileRunning` is
    /// called with the bound port once the server accepts connections, and is cancelled when
    /// the server stops. A failure to bind (the port in use, say) throws a diagnostic (O954).
    public func run(handlingSignals: Bool = true,
                    whileRunning: @escaping @Sendable (_ port: Int) async -> Void) async throws(ServeFailure) {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let app = Application(
            responder: SiteResponder(root: root, live: live),
            configuration: .init(address: .hostname(host, port: port), serverName: nil, reuseAddress: true),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: Logger(label: "beian.serve", factory: { _ in SwiftLogNoOpLogHandler() }))
        let companion = Companion(ports: ports, live: live, body: whileRunning)
        let group = ServiceGroup(
            configuration: .init(
                // The companion is stopped first (reverse order), which ends the event
                // streams the server would otherwise wait for.
                services: [.init(service: app), .init(service: companion)],
                gracefulShutdownSignals: handlingSignals ? [.sigterm, .sigint] : [],
                logger: Logger(label: "beian.serve", factory: { _ in SwiftLogNoOpLogHandler() })))
        do {
            try await group.run()
        } catch {
            throw ServeFailure(bindError: error, host: host, port: port)
        }
    }

    /// Runs `body` once the server is up, until a graceful shutdown; then ends the event streams.
    private struct Companion: Service {
        let ports: AsyncStream<Int>
        let live: LiveState?
        let body: @Sendable (Int) async -> Void

        func run() async throws {
            var it = ports.makeAsyncIterator()
            if let port = await it.next() {
                await cancelWhenGracefulShutdown { await body(port) }
            }
            live?.finish()
            // Returning early would end the group; wait for the shutdown that ended `body`.
            if !Task.isCancelled { try? await gracefulShutdown() }
        }
    }
}

/// Why the server could not run, as a diagnostic (O954 for an address in use or refused).
public struct ServeFailure: Error, Sendable {
    public var diagnostic: Diagnostic

    init(bindError error: any Error, host: String, port: Int) {
        let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? "\(error)"
        let inUse = (error as? IOError)?.errnoCode == EADDRINUSE
        diagnostic = Diagnostic(
            .addressInUse, at: SourceLocation(path: "\(host):\(port)"),
            message: inUse
                ? Localized(zh: "端口 \(port) 已被占用（\(host)）", en: "port \(port) on \(host) is already in use")
                : Localized(zh: "无法在 \(host):\(port) 上监听：\(reason)", en: "cannot listen on \(host):\(port): \(reason)"),
            help: Localized(zh: "用 --port 另选端口（如 --port 0 自动选择空闲端口），或先停止占用该端口的程序",
                            en: "pick another port with --port (--port 0 picks a free one), or stop the program using it"))
    }
}
