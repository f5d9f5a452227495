import BeianDiagnostics
import BeianTestSupport
import Foundation
import Testing
@testable import BeianServe

/// The server of `beian serve` over real sockets: what a browser or an attacker would send.
@Suite struct SiteServerTests {
    /// A site folder with a page, a stylesheet, open data, a 404 page, a subfolder, and a
    /// secret beside it that must never be served (also through links planted in the site).
    static func makeSite() throws -> (root: URL, secret: String) {
        let base = ScratchFolders.register(FileManager.default.temporaryDirectory.appendingPathComponent("beian-serve-test-\(UUID().uuidString)"))
        let root = base.appendingPathComponent("site")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("filings/1"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("announcements"), withIntermediateDirectories: true)
        func put(_ path: String, _ text: String) throws { try Data(text.utf8).write(to: root.appendingPathComponent(path)) }
        try put("index.html", "<!DOCTYPE html><html><head><title>首页</title></head><body><p>首页内容</p></body></html>")
        try put("filings/1/index.html", "<!DOCTYPE html><html><body><p>备案一</p></BODY></html>")
        try put("404.html", "<!DOCTYPE html><html><body><p>页面不存在</p></body></html>")
        try put("style.css", "body{}")
        try put("filings.json", "[]")
        try put("filings.csv", "\u{FEFF}a,b\n")
        try put("announcements/feed.xml", "<feed/>")
        try put("robots.txt", "User-agent: *\n")
        try put("search.js", "1;")
        try put(".beian-site", "marker")
        let secret = "SECRET-\(UUID().uuidString)"
        try Data(secret.utf8).write(to: base.appendingPathComponent("secret.txt"))
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("link.txt").path, withDestinationPath: "../secret.txt")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("outside").path, withDestinationPath: "..")
        return (root, secret)
    }

    /// Runs a server on a free port for `body`, then stops it.
    static func withServer(root: URL, live: Bool = false, _ body: @Sendable (RawHTTP, SiteServer) async throws -> Void) async throws {
        let server = SiteServer(root: root, host: "127.0.0.1", port: 0, liveReload: live)
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            try await server.run(handlingSignals: false) { port in
                sink.yield(port)
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(60)) }
            }
        }
        var it = ports.makeAsyncIterator()
        let port = try #require(await it.next())
        try await body(RawHTTP(port: port), server)
        task.cancel()
        _ = try? await task.value
    }

    @Test func contentTypesCarryTheCharset() async throws {
        let (root, _) = try Self.makeSite()
        try await Self.withServer(root: root) { http, _ in
            let expected = [
                "/": "text/html; charset=utf-8", "/style.css": "text/css; charset=utf-8",
                "/filings.json": "application/json; charset=utf-8", "/filings.csv": "text/csv; charset=utf-8",
                "/announcements/feed.xml": "application/atom+xml; charset=utf-8", "/robots.txt": "text/plain; charset=utf-8",
                "/search.js": "text/javascript; charset=utf-8",
            ]
            for (path, type) in expected {
                let reply = try await http.get(path)
                #expect(reply.status == 200, "\(path)")
                #expect(reply.headers["content-type"] == type, "\(path)")
                #expect(reply.headers["x-content-type-options"] == "nosniff")
            }
        }
    }

    @Test func foldersServeTheirIndexAndMissingPagesTheSites404() async throws {
        let (root, _) = try Self.makeSite()
        try await Self.withServer(root: root) { http, _ in
            let page = try await http.get("/filings/1/")
            #expect(page.status == 200)
            #expect(page.text.contains("备案一"))
            let bare = try await http.get("/filings/1?x=1")
            #expect(bare.status == 301)
            #expect(bare.headers["location"] == "/filings/1/?x=1")
            let missing = try await http.get("/filings/2/")
            #expect(missing.status == 404)
            #expect(missing.text.contains("页面不存在"))
            #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
            #expect(try await http.get("/style.css/").status == 404)
            #expect(try await http.get("/", method: "POST").status == 405)
        }
    }

    @Test(arguments: [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/filings/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt", "/filings%2f..%2f..%2fsecret.txt", "/..%5csecret.txt", "/.%2e/secret.txt",
        "/filings/1/../../../secret.txt", "/link.txt", "/outside/secret.txt", "/outside/", "/.beian-site",
        "/index.html%00.txt", "/%zz", "/%c0%ae%c0%ae/secret.txt", "//..//secret.txt",
    ])
    func nothingOutsideTheSiteIsServed(target: String) async throws {
        let (root, secret) = try Self.makeSite()
        try await Self.withServer(root: root) { http, _ in
            let reply = try await http.get(target)
            #expect(reply.status == 404, "\(target): \(reply.status)")
            #expect(!reply.text.contains(secret))
            #expect(!reply.text.contains("marker"))
        }
    }

    @Test func headSendsTheHeadersOfGetWithoutABody() async throws {
        let (root, _) = try Self.makeSite()
        try await Self.withServer(root: root) { http, _ in
            let get = try await http.get("/style.css")
            let head = try await http.get("/style.css", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.headers["content-length"] == String(get.body.count))
            #expect(head.headers["etag"] == get.headers["etag"])
            #expect(try await http.get("/nothing", method: "HEAD").status == 404)
        }
    }

    @Test func conditionalGetAnswers304() async throws {
        let (root, _) = try Self.makeSite()
        try await Self.withServer(root: root) { http, _ in
            let first = try await http.get("/style.css")
            let etag = try #require(first.headers["etag"])
            let modified = try #require(first.headers["last-modified"])
            let again = try await http.get("/style.css", headers: ["If-None-Match": etag])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(try await http.get("/style.css", headers: ["If-Modified-Since": modified]).status == 304)
            #expect(try await http.get("/style.css", headers: ["If-None-Match": "\"other\""]).status == 200)
            // Changed bytes: a new tag, the whole file.
            try Data("body{color:red}".utf8).write(to: root.appendingPathComponent("style.css"))
            let changed = try await http.get("/style.css", headers: ["If-None-Match": etag])
            #expect(changed.status == 200)
            #expect(changed.text == "body{color:red}")
        }
    }

    @Test func fiftyConcurrentRequestsAllSucceed() async throws {
        let (root, _) = try Self.makeSite()
        try await Self.withServer(root: root) { http, _ in
            let paths = ["/", "/filings/1/", "/style.css", "/filings.json", "/filings.csv"]
            // All 50 connections are open and their requests sent before any reply is read.
            var sockets: [Int32] = []
            for i in 0..<50 { sockets.append(try await http.send(paths[i % paths.count])) }
            var replies: [RawHTTP.Reply] = []
            for fd in sockets { replies.append(try await http.read(fd)) }
            #expect(replies.count == 50)
            #expect(replies.allSatisfy { $0.status == 200 && !$0.body.isEmpty })
        }
    }

    @Test func aPortInUseIsADiagnostic() async throws {
        let (root, _) = try Self.makeSite()
        try await Self.withServer(root: root) { http, _ in
            let second = SiteServer(root: root, host: "127.0.0.1", port: http.port, liveReload: false)
            let failure = await Self.failure(of: second)
            #expect(failure?.diagnostic.code == .addressInUse)
            #expect(failure?.diagnostic.message.en.contains("already in use") == true)
            #expect(failure?.diagnostic.location.path == "127.0.0.1:\(http.port)")
            // The first one still answers.
            let status = try await http.get("/").status
            #expect(status == 200)
        }
    }

    /// How `server` failed to run (nil: it ran, which it must not here).
    static func failure(of server: SiteServer) async -> ServeFailure? {
        do throws(ServeFailure) {
            try await server.run(handlingSignals: false) { _ in Issue.record("the second server started") }
            return nil
        } catch {
            return error
        }
    }

    @Test func liveReloadIsInjectedIntoServedHTMLOnly() async throws {
        let (root, _) = try Self.makeSite()
        try await Self.withServer(root: root, live: true) { http, server in
            let page = try await http.get("/filings/1/")
            #expect(page.text.contains("<script src=\"/__beian/reload.js?g="))
            // Before the page's own closing tag (any case), never in the file on disk.
            #expect(page.text.hasSuffix("</script></BODY></html>"))
            #expect(!(try String(contentsOf: root.appendingPathComponent("filings/1/index.html"), encoding: .utf8)).contains("__beian"))
            #expect(try await http.get("/style.css").text == "body{}")
            #expect(try await http.get("/nothing").text.contains("/__beian/reload.js"))
            let script = try await http.get("/__beian/reload.js")
            #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("EventSource"))

            // A build error: shown, escaped, over every page; the page's tag changes.
            let tag = page.headers["etag"]
            let problem = Diagnostic(.frontMatter, at: SourceLocation(path: "content/announcements/<b>x</b>.md", line: 3, column: 1),
                                     message: Localized(zh: "头信息错误", en: "bad <script>front matter"),
                                     help: Localized(zh: "修正", en: "fix the date"))
            server.publish(problems: [problem], lang: .en)
            let broken = try await http.get("/filings/1/", headers: tag.map { ["If-None-Match": $0] } ?? [:])
            #expect(broken.status == 200)
            #expect(broken.text.contains("id=\"beian-overlay\""))
            #expect(broken.text.contains("content/announcements/&lt;b&gt;x&lt;/b&gt;.md:3:1"))
            #expect(broken.text.contains("bad &lt;script&gt;front matter"))
            #expect(broken.text.contains("help: fix the date"))
            #expect(broken.text.contains("备案一"))  // the last good page is still there
            server.publish(problems: [], lang: .en)
            #expect(!(try await http.get("/filings/1/").text.contains("beian-overlay")))
        }
    }

    @Test func aStalePageIsToldToReloadAtOnce() async throws {
        let (root, _) = try Self.makeSite()
        try await Self.withServer(root: root, live: true) { http, server in
            server.publish(problems: [], lang: .en)
            // A page served at an older generation connects: its stream says reload first thing.
            let fd = try await http.send("/__beian/events?since=old-0")
            let text = try await RawHTTP.offPool { () -> String in
                var buffer = [UInt8](repeating: 0, count: 4096)
                var text = ""
                while !text.contains("event: reload") {
                    let n = recv(fd, &buffer, buffer.count, 0)
                    if n <= 0 { break }
                    text += String(decoding: buffer[0..<n], as: UTF8.self)
                }
                close(fd)
                return text
            }
            #expect(text.contains("text/event-stream"))
            #expect(text.contains("event: reload"))
        }
    }
}
