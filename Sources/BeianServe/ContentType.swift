/// The `Content-Type` of a file the server sends, from its extension.
///
/// Text types carry `charset=utf-8`: every text file beian writes is UTF-8, and a browser
/// guessing another charset would garble the Chinese. Unknown types are sent as bytes
/// (with `nosniff`, the browser will not guess either).
enum ContentType {
    static let html = "text/html; charset=utf-8"

    static func of(path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        switch name[name.index(after: dot)...].lowercased() {
        case "html", "htm": return html
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "xml": return name == "feed.xml" ? "application/atom+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "pdf": return "application/pdf"
        case "webmanifest": return "application/manifest+json; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
