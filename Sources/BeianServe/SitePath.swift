/// A request path turned into a path relative to the served folder, or refused.
///
/// Nothing outside the site may be served, whatever the spelling: the path is split on `/`
/// *before* percent-decoding, so an encoded slash (`%2f`) or backslash cannot make a new
/// segment; a segment that decodes to `.` or `..` (`%2e%2e` too), holds a NUL, a slash or a
/// backslash, or is not valid percent-encoded UTF-8 is refused; so is every segment starting
/// with `.` (the build's `.beian-site` marker is not part of the site). Links below the folder
/// are refused where the file is opened (`NoFollow`).
struct SitePath: Equatable {
    /// The decoded segments, none empty.
    var segments: [String]
    /// True when the request named a folder (`/` at the end, or nothing at all).
    var trailingSlash: Bool

    var relative: String { segments.joined(separator: "/") }

    /// The path of a request target (without its query), or nil when it must not be served.
    init?(requestPath raw: String) {
        guard raw.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for part in raw.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = Self.percentDecoded(part), !segment.isEmpty,
                  !segment.hasPrefix("."),
                  !segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" })
            else { return nil }
            segments.append(segment)
        }
        self.segments = segments
        self.trailingSlash = raw.hasSuffix("/")
    }

    /// `%XX` decoded (nothing else: `+` stays `+` in a path); nil for a broken escape or bytes
    /// that are not UTF-8.
    static func percentDecoded(_ s: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%") {
                guard let h = it.next().flatMap(hex), let l = it.next().flatMap(hex) else { return nil }
                bytes.append(h << 4 | l)
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
