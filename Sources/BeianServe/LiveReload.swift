/// The files the server adds under `/__beian/` (never written to disk, never in `build`'s
/// output), and the tags it injects into the HTML it serves.
///
/// The portal's pages carry a Content-Security-Policy (`script-src 'self'; style-src 'self'`):
/// an inline script or style would be blocked, so the script and the overlay's stylesheet are
/// files of the same origin.
enum LiveReload {
    static let prefix = "/__beian/"
    static let scriptPath = "/__beian/reload.js"
    static let stylePath = "/__beian/overlay.css"
    static let eventsPath = "/__beian/events"

    /// Reconnects by itself (EventSource does); reloads the page when told, or at once when
    /// the site changed since the page was served (`since`, from the script's own URL).
    static let script = """
    (function () {
      "use strict";
      var me = document.currentScript;
      var since = me ? new URL(me.src).searchParams.get("g") || "" : "";
      var events = new EventSource("/__beian/events?since=" + encodeURIComponent(since));
      events.addEventListener("reload", function () {
        events.close();
        window.location.reload();
      });
    })();

    """

    static let style = """
    #beian-overlay { position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
      background: rgba(20, 20, 20, 0.92); color: #fff; padding: 2rem;
      font: 15px/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    #beian-overlay h2 { color: #ff8a80; margin: 0 0 1rem; font-size: 1.3rem; }
    #beian-overlay ol { padding-left: 1.5rem; }
    #beian-overlay li { margin-bottom: 1rem; }
    #beian-overlay .beian-where { color: #80d8ff; }
    #beian-overlay .beian-code { color: #ffd180; }
    #beian-overlay .beian-help { color: #b9f6ca; }
    #beian-overlay .beian-note { color: #bbb; }

    """

    /// The tags put before `</body>`: the overlay (when there is one) and the script.
    static func tags(generation: String, overlay: String?) -> String {
        var s = ""
        if let overlay {
            s += "<link rel=\"stylesheet\" href=\"\(stylePath)\">" + overlay
        }
        s += "<script src=\"\(scriptPath)?g=\(generation)\"></script>"
        return s
    }

    /// `html` with `tags` inserted before its last `</body>` (any case), or at its end.
    static func inject(_ tags: String, into html: [UInt8]) -> [UInt8] {
        let needle = Array("</body".utf8)
        var i = html.count - needle.count
        while i >= 0 {
            if html[i] == UInt8(ascii: "<"),
               zip(html[i..<i + needle.count], needle).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) {
                return Array(html[..<i]) + Array(tags.utf8) + Array(html[i...])
            }
            i -= 1
        }
        return html + Array(tags.utf8)
    }
}
