@testable import BeianForm
import BeianTestSupport
import BeianTrust
import Foundation

/// A form app over a scratch copy of a bundle, asked directly (no server), with the
/// requests a browser would send.
struct FormHarness {
    let app: FormApp
    let root: URL
    static let port = 48_123

    /// A copy of `bundles/<name>` (or an empty folder) in a scratch folder.
    init(copying name: String?, filerKey: SigningKey? = nil) throws {
        let scratch = ScratchFolders.register(FileManager.default.temporaryDirectory.appendingPathComponent("beian-form-test-\(UUID().uuidString.prefix(8))"))
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        root = scratch.appendingPathComponent(name ?? "acme")
        if let name {
            try FileManager.default.copyItem(at: SourceFolder.packageRoot.appendingPathComponent("bundles/\(name)"), to: root)
        } else {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        let guard_ = FormGuard(token: "t0ken")
        guard_.port = Self.port
        let packages = scratch.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: packages, withIntermediateDirectories: true)
        app = FormApp(bundle: root.path, guard: guard_, filerKey: filerKey, packageDir: filerKey == nil ? nil : packages, actor: "tester")
    }

    var origin: String { "http://127.0.0.1:\(Self.port)" }

    func get(_ path: String, cookie: Bool = true, host: String? = nil) -> FormResponse {
        var headers = ["Host": host ?? "127.0.0.1:\(Self.port)"]
        if cookie { headers["Cookie"] = "beian-form=t0ken" }
        let (p, q) = split(path)
        return app.respond(FormRequest(method: "GET", path: p, query: q, headers: headers))
    }

    func post(_ path: String, _ fields: [(String, String)], token: String? = "t0ken", host: String? = nil, origin: String? = "default",
              cookie: Bool = true, files: [(String, String, Data)] = []) -> FormResponse {
        // The page's own hidden token is replaced by the one under test.
        var all = fields.filter { $0.0 != "_token" }
        if let token { all.append(("_token", token)) }
        let boundary = "----beian-test-boundary"
        var body = Data()
        for (k, v) in all {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v.replacingOccurrences(of: "\n", with: "\r\n"))\r\n".utf8)
        }
        for (field, name, data) in files {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8) + data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers = ["Host": host ?? "127.0.0.1:\(Self.port)", "Content-Type": "multipart/form-data; boundary=\(boundary)"]
        if cookie { headers["Cookie"] = "beian-form=t0ken" }
        if let origin { headers["Origin"] = origin == "default" ? self.origin : origin }
        let (p, q) = split(path)
        return app.respond(FormRequest(method: "POST", path: p, query: q, headers: headers, body: body))
    }

    func split(_ path: String) -> (String, [String: String]) {
        guard let i = path.firstIndex(of: "?") else { return (path, [:]) }
        var q: [String: String] = [:]
        for kv in path[path.index(after: i)...].split(separator: "&") {
            let parts = kv.split(separator: "=", maxSplits: 1)
            q[String(parts[0])] = parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? "" : ""
        }
        return (String(path[..<i]), q)
    }

    func read(_ relative: String) throws -> Data { try Data(contentsOf: root.appendingPathComponent(relative)) }

    /// Every file of the bundle with its bytes (to prove nothing changed).
    func snapshot() -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if let data = try? Data(contentsOf: url) { out[url.path] = data }
        }
        return out
    }
}

/// What a browser would post for the form on a page: every named control with its value
/// (text inputs and text areas as shown, ticked boxes, selected options), file inputs empty.
enum PostedForm {
    static func fields(_ html: String, formClass: String = "edit") -> [(String, String)] {
        guard let start = html.range(of: "<form method=\"post\""), let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex) else { return [] }
        let form = String(html[start.lowerBound..<end.upperBound])
        var out: [(String, String)] = []
        let tag = try! NSRegularExpression(pattern: "<(input|select|textarea)\\b([^>]*)>", options: [])
        let ns = form as NSString
        for m in tag.matches(in: form, range: NSRange(location: 0, length: ns.length)) {
            let kind = ns.substring(with: m.range(at: 1))
            let attrs = ns.substring(with: m.range(at: 2))
            guard let name = attr("name", attrs) else { continue }
            let type = attr("type", attrs) ?? "text"
            switch kind {
            case "input":
                if type == "file" || type == "submit" { continue }
                if type == "checkbox" { if attrs.contains(" checked") { out.append((name, attr("value", attrs) ?? "on")) }; continue }
                out.append((name, attr("value", attrs) ?? ""))
            case "textarea":
                let after = m.range.location + m.range.length
                let close = ns.range(of: "</textarea>", range: NSRange(location: after, length: ns.length - after))
                var text = unescape(ns.substring(with: NSRange(location: after, length: close.location - after)))
                if text.hasPrefix("\n") { text.removeFirst() }
                out.append((name, text))
            default:
                let after = m.range.location + m.range.length
                let close = ns.range(of: "</select>", range: NSRange(location: after, length: ns.length - after))
                let options = ns.substring(with: NSRange(location: after, length: close.location - after))
                let opt = try! NSRegularExpression(pattern: "<option([^>]*)>", options: [])
                let ons = options as NSString
                var chosen: String?
                for o in opt.matches(in: options, range: NSRange(location: 0, length: ons.length)) {
                    let a = ons.substring(with: o.range(at: 1))
                    if chosen == nil || a.contains(" selected") { if a.contains(" selected") || chosen == nil { chosen = attr("value", a) ?? "" } }
                    if a.contains(" selected") { chosen = attr("value", a) ?? ""; break }
                }
                out.append((name, chosen ?? ""))
            }
        }
        return out
    }

    static func attr(_ name: String, _ attrs: String) -> String? {
        guard let r = attrs.range(of: " \(name)=\"") else { return nil }
        guard let close = attrs[r.upperBound...].firstIndex(of: "\"") else { return nil }
        return unescape(String(attrs[r.upperBound..<close]))
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#13;", with: "\r").replacingOccurrences(of: "&amp;", with: "&")
    }
}
