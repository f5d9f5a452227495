import BeianDiagnostics
public import BeianForm
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `beian form` on Hummingbird: 127.0.0.1 only, bodies bounded (`FormApp.maxBody`, 413
/// above), every request handed to `FormApp` as a plain `FormRequest`.
public final class FormServer: Sendable {
    public let app: FormApp
    public let port: Int
    /// Always the loopback address: the form serves one filer on this machine.
    public static let host = "127.0.0.1"

    public init(app: FormApp, port: Int) {
        self.app = app
        self.port = port
    }

    /// Serves until SIGINT or SIGTERM; `whileRunning` gets the bound port (O954 when the
    /// port cannot be bound).
    public func run(whileRunning: @escaping @Sendable (_ port: Int) async -> Void) async throws(ServeFailure) {
        let (ports, sink) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let quiet = Logger(label: "beian.form", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(
            responder: FormResponder(app: self.app),
            configuration: .init(address: .hostname(Self.host, port: port), serverName: nil, reuseAddress: true),
            onServerRunning: { channel in
                sink.yield(channel.localAddress?.port ?? 0)
                sink.finish()
            },
            logger: quiet)
        let companion = FormCompanion(ports: ports, guard_: self.app.guard_, body: whileRunning)
        let group = ServiceGroup(configuration: .init(services: [.init(service: app), .init(service: companion)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: quiet))
        do {
            try await group.run()
        } catch {
            throw ServeFailure(bindError: error, host: Self.host, port: port)
        }
    }

    private struct FormCompanion: Service {
        let ports: AsyncStream<Int>
        let guard_: FormGuard
        let body: @Sendable (Int) async -> Void

        func run() async throws {
            var it = ports.makeAsyncIterator()
            if let port = await it.next() {
                guard_.port = port
                await cancelWhenGracefulShutdown { await body(port) }
            }
            if !Task.isCancelled { try? await gracefulShutdown() }
        }
    }
}

/// Hummingbird request → `FormRequest` → `FormApp` → Hummingbird response.
struct FormResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let app: FormApp

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: FormApp.maxBody) } catch {
            return Response(status: .contentTooLarge, headers: [.contentLength: "0", .connection: "close"])
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = headers[field.name.canonicalName].map { $0 + ", " + field.value } ?? field.value }
        // HTTP/1.1's Host header arrives as the request's authority.
        if let authority = request.head.authority { headers["host"] = authority }
        var query: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { query[String(k)] = String(v) }
        let formRequest = FormRequest(method: request.method.rawValue, path: request.uri.path, query: query, headers: headers,
                                      body: Data(buffer: body))
        let answer = app.respond(formRequest)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) }
        }
        fields[.contentLength] = String(answer.body.count)
        let head = request.method == .head
        return Response(status: HTTPResponse.Status(code: answer.status), headers: fields,
                        body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
