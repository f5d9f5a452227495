import BeianDiagnostics

/// Escaping for the form's pages, in one place: every text and attribute value from a bundle
/// (or a request) goes through `h`; nothing else writes user text into HTML.
enum HTML {
    /// Text or a double-quoted attribute value, escaped.
    static func h(_ s: String) -> String {
        let escaped = HTMLText.escape(s)
        // A carriage return would come back from the browser as a line feed: keep it exact.
        return escaped.contains("\r") ? escaped.replacingOccurrences(of: "\r", with: "&#13;") : escaped
    }

    /// An element id for a key path (`paths[1].steps` → `f-paths-1-steps`).
    static func id(_ keyPath: String) -> String {
        "f-" + String(keyPath.unicodeScalars.map { c -> Character in
            (("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_") ? Character(c) : "-"
        })
    }
}
