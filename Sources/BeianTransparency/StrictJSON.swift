import BeianPortal
import Foundation

/// Reads JSON (RFC 8259) from a site file a value at a time, as strictly as the published
/// format allows: a duplicate key anywhere is an error (parsers disagree on which one wins, so
/// a mirror could show each reader different data), so are invalid UTF-8, lone surrogates,
/// raw control characters and nesting past `maxDepth`; every value is bounded in bytes.
/// Values come out as Foundation-style `Any`: `String`, `Int`/`Double`, `Bool`, `NSNull`,
/// `[Any]`, `[String: Any]`.
struct StrictJSON: ~Copyable {
    struct Failure: Error {
        var zh: String
        var en: String
        var line: Int
    }

    private var reader: SiteFileReader
    /// The line of the next byte.
    private(set) var line = 1
    /// Bytes read so far; reading stops with a failure past `fileLimit`.
    private(set) var offset = 0
    private let fileLimit: Int
    private var valueEnd = Int.max
    static let maxDepth = 32

    init(_ reader: consuming SiteFileReader, fileLimit: Int) {
        self.reader = reader
        self.fileLimit = fileLimit
    }

    func failure(_ zh: String, _ en: String) -> Failure { Failure(zh: zh, en: en, line: line) }

    mutating func peek() -> UInt8? { reader.peek() }

    mutating func next() throws -> UInt8 {
        guard let b = reader.next() else { throw failure("文件在中途结束", "the file ends in the middle of a value") }
        offset += 1
        if b == 0x0A { line += 1 }
        guard offset <= fileLimit else { throw failure("文件超过 \(fileLimit) 字节", "the file is larger than \(fileLimit) bytes") }
        guard offset <= valueEnd else { throw failure("一个值超过了大小上限", "a value is larger than the limit") }
        return b
    }

    mutating func skipSpace() throws {
        while let b = reader.peek(), b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { _ = try next() }
    }

    /// The next non-space byte, which must be `byte`.
    mutating func expect(_ byte: UInt8) throws {
        try skipSpace()
        let b = try next()
        guard b == byte else {
            throw failure("应为“\(Character(Unicode.Scalar(byte)))”，却是“\(Self.shown(b))”", "expected “\(Character(Unicode.Scalar(byte)))”, found “\(Self.shown(b))”")
        }
    }

    /// True at the end of the file (after white space).
    mutating func atEnd() throws -> Bool {
        try skipSpace()
        return reader.peek() == nil
    }

    /// One value, at most `limit` bytes long.
    mutating func value(limit: Int) throws -> Any {
        valueEnd = offset &+ limit
        defer { valueEnd = Int.max }
        return try value(depth: 0)
    }

    private mutating func value(depth: Int) throws -> Any {
        guard depth <= Self.maxDepth else { throw failure("嵌套超过 \(Self.maxDepth) 层", "nested deeper than \(Self.maxDepth) levels") }
        try skipSpace()
        guard let b = reader.peek() else { throw failure("文件在中途结束", "the file ends in the middle of a value") }
        switch b {
        case 0x7B: return try object(depth: depth)
        case 0x5B:
            _ = try next()
            var out: [Any] = []
            try skipSpace()
            if reader.peek() == 0x5D { _ = try next(); return out }
            while true {
                out.append(try value(depth: depth + 1))
                try skipSpace()
                let c = try next()
                if c == 0x5D { return out }
                guard c == 0x2C else { throw failure("数组中应为“,”或“]”", "expected “,” or “]” in an array") }
            }
        case 0x22: return try string()
        case 0x74: try literal("true"); return true
        case 0x66: try literal("false"); return false
        case 0x6E: try literal("null"); return NSNull()
        default: return try number()
        }
    }

    /// An object; a key given twice is an error.
    mutating func object(depth: Int) throws -> [String: Any] {
        try expect(0x7B)
        var out: [String: Any] = [:]
        try skipSpace()
        if reader.peek() == 0x7D { _ = try next(); return out }
        while true {
            let key = try key()
            let v = try value(depth: depth + 1)
            guard out.updateValue(v, forKey: key) == nil else {
                throw failure("键“\(key)”重复出现（解析器会各取其一）", "the key “\(key)” appears twice (parsers would each keep a different one)")
            }
            try skipSpace()
            let c = try next()
            if c == 0x7D { return out }
            guard c == 0x2C else { throw failure("对象中应为“,”或“}”", "expected “,” or “}” in an object") }
        }
    }

    /// A key and its `:`.
    mutating func key() throws -> String {
        try skipSpace()
        guard reader.peek() == 0x22 else { throw failure("对象的键应为字符串", "an object's key must be a string") }
        let k = try string()
        try expect(0x3A)
        return k
    }

    mutating func string() throws -> String {
        _ = try next()  // the opening quote
        var bytes: [UInt8] = []
        while true {
            let b = try next()
            switch b {
            case 0x22:
                guard let s = String(validating: bytes, as: UTF8.self) else { throw failure("字符串不是有效的 UTF-8", "a string is not valid UTF-8") }
                return s
            case 0x5C:
                let e = try next()
                switch e {
                case 0x22, 0x5C, 0x2F: bytes.append(e)
                case 0x62: bytes.append(0x08)
                case 0x66: bytes.append(0x0C)
                case 0x6E: bytes.append(0x0A)
                case 0x72: bytes.append(0x0D)
                case 0x74: bytes.append(0x09)
                case 0x75:
                    var u = try hex4()
                    if (0xD800..<0xDC00).contains(u) {
                        guard try next() == 0x5C, try next() == 0x75 else { throw failure("单独的代理项", "a lone surrogate") }
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("单独的代理项", "a lone surrogate") }
                        u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(u) else { throw failure("单独的代理项", "a lone surrogate") }
                    bytes += Array(String(Character(scalar)).utf8)
                default: throw failure("无效的转义“\\\(Self.shown(e))”", "an invalid escape “\\\(Self.shown(e))”")
                }
            case 0..<0x20: throw failure("字符串中有未转义的控制字符", "a raw control character in a string")
            default: bytes.append(b)
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let d = CharacterReference.digit(try next(), hex: true) else { throw failure("\\u 后应为 4 位十六进制数", "\\u must be followed by 4 hex digits") }
            v = v * 16 + d
        }
        return v
    }

    private mutating func literal(_ word: String) throws {
        for expected in word.utf8 where try next() != expected { throw failure("不是 JSON 值", "not a JSON value") }
    }

    private mutating func number() throws -> Any {
        var s: [UInt8] = []
        while let b = reader.peek(), b == 0x2D || b == 0x2B || b == 0x2E || b == 0x65 || b == 0x45 || (b >= 0x30 && b <= 0x39) {
            s.append(try next())
            guard s.count <= 64 else { throw failure("数字过长", "a number is too long") }
        }
        let text = String(decoding: s, as: UTF8.self)
        // RFC 8259's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        guard Self.isNumber(s) else {
            throw failure(s.isEmpty ? "不是 JSON 值" : "“\(text)”不是 JSON 数字", s.isEmpty ? "not a JSON value" : "“\(text)” is not a JSON number")
        }
        if let i = Int(text) { return i }
        return Double(text) ?? 0
    }

    static func isNumber(_ s: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < s.count && s[i] >= 0x30 && s[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < s.count && s[i] == 0x2D { i += 1 }
        guard i < s.count else { return false }
        if s[i] == 0x30 { i += 1 } else if digits() == 0 { return false }
        if i < s.count && s[i] == 0x2E { i += 1; guard digits() > 0 else { return false } }
        if i < s.count && (s[i] == 0x65 || s[i] == 0x45) {
            i += 1
            if i < s.count && (s[i] == 0x2B || s[i] == 0x2D) { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == s.count
    }

    static func shown(_ b: UInt8) -> String { b >= 0x20 && b < 0x7F ? String(Character(Unicode.Scalar(b))) : String(format: "0x%02X", b) }
}
