import BeianCLI
import BeianDiagnostics
import BeianServe
import Foundation

/// BeianServe's server behind BeianCLI's `serve` and `preview --serve` (only the executable
/// links SwiftNIO).
struct HummingbirdSiteServer: LocalSiteServer {
    let server: SiteServer

    init(root: URL, host: String, port: Int, liveReload: Bool) {
        server = SiteServer(root: root, host: host, port: port, liveReload: liveReload)
    }

    func publish(problems: [Diagnostic], lang: Lang) { server.publish(problems: problems, lang: lang) }

    func serve(whileRunning: @escaping @Sendable (Int) async -> Void) async -> Diagnostic? {
        do throws(ServeFailure) {
            try await server.run(whileRunning: whileRunning)
            return nil
        } catch {
            return error.diagnostic
        }
    }
}
