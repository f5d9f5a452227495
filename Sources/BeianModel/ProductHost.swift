import Foundation

/// The one place a product's access URL becomes public: its host, and nothing else of it.
///
/// A product's `url` is private (the path or query may carry anything: a download token, a
/// tracking id). What the public needs to find a filing by the website or app they meet is
/// the domain, so the approval freezes `ProductHost.of(url)` into the snapshot beside the
/// product labels (`Snapshot.publicHosts`) and the portal publishes that only.
public enum ProductHost {
    /// The host of `url`, lower-cased (ASCII letters; an internationalized name stays as
    /// written, IDNA as given), without scheme, userinfo, port, path, query, fragment or a
    /// trailing dot. Nil when `url` names no host, or the host holds anything but letters,
    /// digits, `-`, `.`, or non-ASCII letters (an IP literal in brackets is refused too: a
    /// domain is what people look up).
    ///
    /// `https://user:pw@Shop.Example.cn:8443/a/b?q=1#x` → `shop.example.cn`.
    public static func of(_ url: String) -> String? {
        var rest = Substring(url.trimmingCharacters(in: .whitespacesAndNewlines))
        // The scheme, when there is one (`https://`); a bare `shop.example.cn/x` also has a host.
        if let r = rest.range(of: "://") {
            let scheme = rest[..<r.lowerBound]
            guard !scheme.isEmpty, scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || "+.-".unicodeScalars.contains($0) || ("0"..."9").contains($0)) })
            else { return nil }
            rest = rest[r.upperBound...]
        }
        // The authority ends at the first `/`, `?` or `#` (or `\`, which browsers read as `/`).
        let authority = rest.prefix { !"/?#\\".contains($0) }
        // Userinfo ends at the last `@` of the authority.
        var host = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        // A port: `:` and digits at the end.
        if let colon = host.lastIndex(of: ":"), host[host.index(after: colon)...].allSatisfy(\.isASCIIDigitChar) {
            host = host[..<colon]
        }
        while host.hasSuffix(".") { host = host.dropLast() }
        guard !host.isEmpty, host.utf8.count <= 253, !host.hasPrefix("."), !host.contains(".."),
              host.unicodeScalars.allSatisfy(isHostScalar) else { return nil }
        return String(String.UnicodeScalarView(host.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }

    /// Letters and digits (any script), `-` and `.`: nothing that is markup, space, or a URL
    /// delimiter in any context the portal writes it into.
    private static func isHostScalar(_ u: Unicode.Scalar) -> Bool {
        if u.isASCII {
            return ("a"..."z").contains(u) || ("A"..."Z").contains(u) || ("0"..."9").contains(u) || u == "-" || u == "."
        }
        let p = u.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
    }
}

extension Product {
    /// The host published for this product: its URL's host (`ProductHost.of`) for a 网站 or an
    /// APP, nil for other forms (a 小程序 or 公众账号 has no domain of its own) and when the URL
    /// names none.
    public var publicHost: String? {
        guard form == ProductForm.website.rawValue || form == ProductForm.app.rawValue else { return nil }
        return ProductHost.of(url)
    }
}
