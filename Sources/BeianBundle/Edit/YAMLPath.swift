/// A key path into a YAML document: keys and 0-based list positions.
public struct YAMLPath: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable { case key(String), index(Int) }
    public var segments: [Segment]

    public init(segments: [Segment]) { self.segments = segments }

    /// From the key paths diagnostics use, `paths[2].functions[1].name` (1-based positions).
    public init?(_ keyPath: String) {
        var segments: [Segment] = []
        for part in keyPath.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            guard let bracket = rest.firstIndex(of: "[") ?? Optional(rest.endIndex) else { return nil }
            let key = rest[..<bracket]
            guard !key.isEmpty else { return nil }
            segments.append(.key(String(key)))
            rest = rest[bracket...]
            while rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), let n = Int(rest[rest.index(after: rest.startIndex)..<close]), n >= 1 else { return nil }
                segments.append(.index(n - 1))
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty else { return nil }
        }
        self.segments = segments
    }

    /// The key path as diagnostics write it (1-based positions).
    public var description: String {
        var out = ""
        for s in segments {
            switch s {
            case .key(let k): out += (out.isEmpty ? "" : ".") + k
            case .index(let i): out += "[\(i + 1)]"
            }
        }
        return out
    }
}

/// Why an edit was refused; the text is then left as it was.
public enum YAMLEditError: Error, Sendable, Equatable {
    /// The file is not valid YAML now (fix it by hand first).
    case unparsable
    /// A key or list position that is not there.
    case notFound(String)
    /// A shape the editor does not rewrite (a flow mapping, an anchor…).
    case unsupported(String)
    /// The edit would not read back as intended.
    case wouldBreak(String)

    /// The key path concerned.
    public var keyPath: String {
        switch self {
        case .unparsable: ""
        case .notFound(let p), .unsupported(let p), .wouldBreak(let p): p
        }
    }
}
