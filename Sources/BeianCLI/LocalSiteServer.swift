public import BeianDiagnostics
public import Foundation
public import BeianForm

/// What `serve` and `preview --serve` need from an HTTP server.
///
/// The server is BeianServe (Hummingbird on SwiftNIO); the executable hands it in through
/// `BeianCommand.runMain(server:)`, so that this library and everything below it build
/// without SwiftNIO.
public protocol LocalSiteServer: Sendable {
    /// A server for the files under `root` at `host:port` (0: any free port); with
    /// `liveReload`, the pages it serves reload when `publish` is called.
    init(root: URL, host: String, port: Int, liveReload: Bool)
    /// Open pages reload, showing `problems` over every page while there are any.
    func publish(problems: [Diagnostic], lang: Lang)
    /// Serves until SIGINT or SIGTERM, calling `whileRunning` with the bound port once it
    /// accepts connections (cancelled when the server stops). Returns nil after a clean stop,
    /// or why it could not serve (a diagnostic: the port in use, say).
    func serve(whileRunning: @escaping @Sendable (_ port: Int) async -> Void) async -> Diagnostic?
}

/// The server the running executable provides (none in a build without BeianServe).
enum LocalServers {
    @TaskLocal static var provided: (any LocalSiteServer.Type)?
}

extension BeianCommand {
    /// `runMain()` with `server` behind `serve` and `preview --serve`.
    public static func runMain(server: any LocalSiteServer.Type) async {
        await LocalServers.$provided.withValue(server) { await runMain() }
    }
}

/// What `beian form` needs from an HTTP server (BeianServe's `FormServer`, handed in by the
/// executable like `LocalSiteServer`).
public protocol LocalFormServer: Sendable {
    /// A server for `app` on 127.0.0.1:`port` (0: any free port).
    init(app: FormApp, port: Int)
    /// Serves until SIGINT or SIGTERM, calling `whileRunning` with the bound port; nil after a
    /// clean stop, else why it could not serve.
    func serve(whileRunning: @escaping @Sendable (_ port: Int) async -> Void) async -> Diagnostic?
}

enum LocalFormServers {
    @TaskLocal static var provided: (any LocalFormServer.Type)?
}

extension BeianCommand {
    /// `runMain()` with `server` behind `serve` and `preview --serve`, and `form` behind `beian form`.
    public static func runMain(server: any LocalSiteServer.Type, form: any LocalFormServer.Type) async {
        await LocalFormServers.$provided.withValue(form) { await runMain(server: server) }
    }
}
