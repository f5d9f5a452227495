import BeianStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers every request from the files of the served folder (and `/__beian/` when pages
/// reload live): GET and HEAD only, `index.html` for a folder, the site's own `404.html` with
/// status 404, conditional GET by `ETag` (the bytes' hash) and `Last-Modified`.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let root: URL
    /// Set when pages reload live (`serve`, `preview --serve` does not watch).
    let live: LiveState?

    /// No file of a built site comes near this; a bigger one is not served (memory stays flat).
    static let fileLimit = 256 << 20

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD", .contentLength: "0"])
        }
        let head = request.method == .head
        let rawPath = request.uri.path
        if let live, rawPath.hasPrefix(LiveReload.prefix) {
            return liveFile(rawPath, query: request.uri.queryParameters["since"].map(String.init), live: live, head: head)
        }
        guard let path = SitePath(requestPath: rawPath) else { return notFound(head: head) }
        var relative = path.relative
        switch NoFollow.kind(root: root, relative) {
        case .folder:
            // `/filings` → `/filings/`, as static hosts do, so that relative links resolve.
            if !path.trailingSlash && !relative.isEmpty {
                let query = request.uri.query.map { "?" + $0 } ?? ""
                return Response(status: .movedPermanently, headers: [.location: "/" + Self.encoded(path.segments) + "/" + query, .contentLength: "0"])
            }
            relative = relative.isEmpty ? "index.html" : relative + "/index.html"
        case .file:
            if path.trailingSlash { return notFound(head: head) }
        case .missing, .link, .other:
            return notFound(head: head)
        }
        guard case .success(let data) = NoFollow.read(root: root, relative, limit: Self.fileLimit) else {
            return notFound(head: head)
        }
        return file(Array(data), type: ContentType.of(path: relative), modified: modified(relative), request: request, head: head)
    }

    /// A file's response, or 304 when the client's copy is current.
    private func file(_ bytes: [UInt8], type: String, modified: Int?, request: Request, head: Bool) -> Response {
        var bytes = bytes
        var tag = SHA256Hash.hex(Data(bytes)).prefix(32)
        var modified = modified
        if type == ContentType.html, let live {
            let (generation, overlay) = live.snapshot
            bytes = LiveReload.inject(LiveReload.tags(generation: generation, overlay: overlay), into: bytes)
            // What was injected is part of the page: a reload after a rebuild must not get 304.
            tag = SHA256Hash.hex(Data(bytes)).prefix(32)
            modified = nil
        }
        let etag = "\"\(tag)\""
        var headers: HTTPFields = [.contentType: type, .eTag: etag, .cacheControl: "no-cache", .xContentTypeOptions: "nosniff"]
        if let modified { headers[.lastModified] = HTTPDate.format(modified) }
        if Self.notModified(request.headers, etag: etag, modified: modified) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(bytes.count)
        return Response(status: .ok, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// RFC 9110 §13.1: `If-None-Match` decides when present; else `If-Modified-Since`.
    static func notModified(_ headers: HTTPFields, etag: String, modified: Int?) -> Bool {
        if let match = headers[.ifNoneMatch] {
            return match.split(separator: ",").contains {
                let t = $0.trimmingCharacters(in: .whitespaces)
                return t == "*" || t == etag || t == "W/" + etag
            }
        }
        if let since = headers[.ifModifiedSince].flatMap(HTTPDate.parse), let modified {
            return modified <= since
        }
        return false
    }

    /// The site's `404.html` (with the reload script: the page appears once it is built), status 404.
    private func notFound(head: Bool) -> Response {
        var bytes = Array("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>404</title><body><h1>404</h1></body></html>".utf8)
        if case .success(let page) = NoFollow.read(root: root, "404.html", limit: Self.fileLimit) { bytes = Array(page) }
        if let live {
            let (generation, overlay) = live.snapshot
            bytes = LiveReload.inject(LiveReload.tags(generation: generation, overlay: overlay), into: bytes)
        }
        let headers: HTTPFields = [.contentType: ContentType.html, .cacheControl: "no-cache", .xContentTypeOptions: "nosniff",
                                   .contentLength: String(bytes.count)]
        return Response(status: .notFound, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `/__beian/reload.js`, `/__beian/overlay.css` and `/__beian/events` (server-sent events).
    private func liveFile(_ path: String, query since: String?, live: LiveState, head: Bool) -> Response {
        switch path {
        case LiveReload.scriptPath, LiveReload.stylePath:
            let (text, type) = path == LiveReload.scriptPath ? (LiveReload.script, "text/javascript; charset=utf-8") : (LiveReload.style, "text/css; charset=utf-8")
            let bytes = Array(text.utf8)
            let headers: HTTPFields = [.contentType: type, .cacheControl: "no-cache", .xContentTypeOptions: "nosniff", .contentLength: String(bytes.count)]
            return Response(status: .ok, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case LiveReload.eventsPath:
            let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"]
            if head { return Response(status: .ok, headers: headers) }
            let stream = live.subscribe()
            let current = live.generation
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                // Retry quickly after a restart; reload now if the page is already stale.
                try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
                if let since, since != current {
                    try await writer.write(ByteBuffer(string: "event: reload\ndata: \(current)\n\n"))
                }
                for await generation in stream {
                    try await writer.write(ByteBuffer(string: "event: reload\ndata: \(generation)\n\n"))
                }
                try await writer.finish(nil)
            })
        default:
            return notFound(head: head)
        }
    }

    /// The modification time of a file below the root (seconds), for `Last-Modified`.
    private func modified(_ relative: String) -> Int? {
        var st = stat()
        guard lstat(root.path + "/" + relative, &st) == 0 else { return nil }
        return Int(st.st_mtim.tv_sec)
    }

    /// Segments percent-encoded again for a `Location` header.
    static func encoded(_ segments: [String]) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return segments.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0 }.joined(separator: "/")
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
}
