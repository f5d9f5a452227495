import BeianCLI
import BeianDiagnostics
import BeianForm
import BeianServe

/// BeianServe's `FormServer` behind BeianCLI's `beian form`.
struct HummingbirdFormServer: LocalFormServer {
    let server: FormServer

    init(app: FormApp, port: Int) { server = FormServer(app: app, port: port) }

    func serve(whileRunning: @escaping @Sendable (Int) async -> Void) async -> Diagnostic? {
        do throws(ServeFailure) {
            try await server.run(whileRunning: whileRunning)
            return nil
        } catch {
            return error.diagnostic
        }
    }
}
