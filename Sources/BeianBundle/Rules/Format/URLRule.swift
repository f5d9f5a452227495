public import BeianDiagnostics
import Foundation

/// F207: an address starts with http:// or https:// and has a host.
///
/// Why: the portal links to it; `javascript:` and relative links must never be filed.
/// Fix: copy the full address from the browser's address bar.
public enum URLRule {
    public static func check(_ text: String, _ c: FieldContext) -> Diagnostic? {
        let value = text.trimmingSpacesAndNewlines
        let lower = value.lowercased()
        if (lower.hasPrefix("https://") || lower.hasPrefix("http://")),
           !value.contains(where: { $0.isWhitespace }),
           let url = URL(string: value), let host = url.host, host.contains("."), !host.hasPrefix("."), !host.hasSuffix(".") {
            return nil
        }
        return c.problem(.invalidURL, Localized(zh: "“\(value)”不是有效网址", en: "'\(value)' is not a valid web address"),
                         help: Localized(zh: "填写以 https:// 或 http:// 开头的完整地址", en: "write the full address starting with https:// or http://"))
    }
}
