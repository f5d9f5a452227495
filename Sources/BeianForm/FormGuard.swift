public import BeianDiagnostics
import Foundation
import Synchronization

/// The security of a local web app, in one place (SPEC §12): the Host header must name this
/// server on the loopback address (DNS rebinding), every request carries the session cookie,
/// and every request that changes something also carries the session token in its body and
/// comes from the same origin. Refusals are 403 with U991 and change nothing.
///
/// The session starts from the one link `beian form` prints (`/start?t=TOKEN`): opening it
/// sets the token as an HttpOnly, SameSite=Strict cookie; pages then embed the token in their
/// forms (a second, per-page proof that the request came from a page this server rendered).
public final class FormGuard: Sendable {
    /// 32 random bytes, hex.
    public let token: String
    private let boundPort = Atomic<Int>(0)

    public static let cookieName = "beian-form"

    public init(token: String = FormGuard.newToken()) {
        self.token = token
    }

    /// A fresh random session token.
    public static func newToken() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &rng)) }.joined()
    }

    /// The port the server listens on (known once bound).
    public var port: Int {
        get { boundPort.load(ordering: .relaxed) }
        set { boundPort.store(newValue, ordering: .relaxed) }
    }

    /// The origin pages are served from.
    public var origin: String { "http://127.0.0.1:\(port)" }

    /// Why a request is refused, or nil when it may go on. `changes`: a POST (or any method
    /// but GET/HEAD); `needsSession`: everything but the start link and the static assets.
    public func refusal(_ request: FormRequest, bodyToken: String?) -> Localized? {
        let hosts = ["127.0.0.1:\(port)", "localhost:\(port)"]
        guard let host = request.headers["host"], hosts.contains(host.lowercased()) else {
            return Localized(zh: "Host 头不是本机地址（防 DNS 重绑定）", en: "the Host header does not name this machine (DNS rebinding)")
        }
        let changes = request.method != "GET" && request.method != "HEAD"
        if request.path == "/start" || (request.path.hasPrefix("/assets/") && !changes) { return nil }
        guard let cookie = request.cookie(Self.cookieName), Self.equal(cookie, token) else {
            return Localized(zh: "没有本次会话的凭据：请打开 beian form 打印的链接", en: "no session: open the link beian form printed")
        }
        guard changes else { return nil }
        guard let bodyToken, Self.equal(bodyToken, token) else {
            return Localized(zh: "请求缺少会话令牌", en: "the request carries no session token")
        }
        // The Origin must be this app's; a browser that withholds it ("null", or none) must
        // say the request is same-origin by Sec-Fetch-Site, which pages cannot set.
        if let origin = request.headers["origin"], origin != "null" {
            let allowed = [originOf("127.0.0.1"), originOf("localhost")]
            guard allowed.contains(origin.lowercased()) else {
                return Localized(zh: "请求来自其他网站（Origin 不符）", en: "the request comes from another site (Origin)")
            }
        } else if request.headers["sec-fetch-site"] != "same-origin" {
            return Localized(zh: "无法确认请求来自本页面（缺少 Origin）", en: "cannot tell that the request comes from this app (no Origin)")
        }
        return nil
    }

    private func originOf(_ host: String) -> String { "http://\(host):\(port)" }

    /// Compares in time independent of where the strings differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
