public import Foundation

/// One request as the form app sees it: no server types, so the app and its tests need no
/// SwiftNIO (BeianServe turns Hummingbird's requests into these).
public struct FormRequest: Sendable {
    public var method: String
    /// The path without the query, percent-encoded as received.
    public var path: String
    public var query: [String: String]
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: Data

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }

    /// The value of one cookie.
    public func cookie(_ name: String) -> String? {
        guard let header = headers["cookie"] else { return nil }
        for part in header.split(separator: ";") {
            let kv = part.trimmingCharacters(in: .whitespaces)
            if kv.hasPrefix(name + "=") { return String(kv.dropFirst(name.count + 1)) }
        }
        return nil
    }
}

/// The app's answer: a status, headers and bytes.
public struct FormResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Headers every answer carries: the portal's CSP (no remote loads, no inline script),
    /// no caching of a filer's personal data, no framing, no sniffing.
    static let common: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
    ]

    static func html(_ text: String, status: Int = 200, extra: [(String, String)] = []) -> FormResponse {
        FormResponse(status: status, headers: common + [("Content-Type", "text/html; charset=utf-8")] + extra, body: Data(text.utf8))
    }

    static func json(_ text: String, status: Int = 200) -> FormResponse {
        FormResponse(status: status, headers: common + [("Content-Type", "application/json; charset=utf-8")], body: Data(text.utf8))
    }

    static func redirect(_ location: String, extra: [(String, String)] = []) -> FormResponse {
        FormResponse(status: 303, headers: common + [("Location", location)] + extra)
    }

    static func bytes(_ data: Data, type: String, download: String? = nil) -> FormResponse {
        var headers = common + [("Content-Type", type)]
        if let download { headers.append(("Content-Disposition", "attachment; filename=\"\(download)\"")) }
        return FormResponse(status: 200, headers: headers, body: data)
    }
}
