/// A 备案编号: `网信算备` + 21 digits + `号` (SPEC §3.1).
///
/// Digits: region (6) · entity id (7) · type code (2) · year (2) · sequence (3) · check (1).
public struct FilingNumber: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public static let prefix = "网信算备"
    public static let suffix = "号"

    /// The 21 digits.
    public let digits: String

    /// Builds a number from its parts and computes the check digit.
    public init?(region: String, entityID: String, typeCode: String, year: Int, sequence: Int) {
        guard region.count == 6, entityID.count == 7, typeCode.count == 2,
              (0...99).contains(year), (1...999).contains(sequence),
              (region + entityID + typeCode).allSatisfy(\.isASCIIDigitChar)
        else { return nil }
        let yy = year < 10 ? "0\(year)" : "\(year)"
        let seq = String(repeating: "0", count: 3 - String(sequence).count) + String(sequence)
        let body = region + entityID + typeCode + yy + seq
        self.digits = body + String(FilingNumber.checkDigit(for: body))
    }

    /// Parses `网信算备…号`, or the bare 21 digits; nil unless the check digit is right.
    public init?(_ text: String) {
        guard let digits = FilingNumber.bareDigits(text), digits.count == 21,
              FilingNumber.isChecked(digits)
        else { return nil }
        self.digits = digits
    }

    /// Accepts any 21 digits, check digit or not: for numbers as the regulator published them
    /// (one published number fails its check digit and is still the filing's public id).
    public init?(published text: String) {
        guard let digits = FilingNumber.bareDigits(text), digits.count == 21 else { return nil }
        self.digits = digits
    }

    /// Exactly 21 ASCII digits, taken as they are (check digit or not): for numbers read back
    /// from beian's own caches, without `published`'s trimming.
    public init?(exactDigits: String) {
        guard exactDigits.utf8.count == 21, exactDigits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        digits = exactDigits
    }

    /// True when the check digit is right.
    public var isChecked: Bool { FilingNumber.isChecked(digits) }

    /// The digits of `网信算备…号` or of a bare digit string, without checking them.
    public static func bareDigits(_ text: String) -> String? {
        // Fast path for the forms the registry stores (`网信算备…号` or bare digits, no spaces):
        // the same result without trimming `Character`s, which was 60 % of decoding a filing.
        var t = Substring(text)
        if t.hasPrefix(prefix) { t = t.dropFirst(prefix.count) }
        if t.hasSuffix(suffix) { t = t.dropLast(suffix.count) }
        if !t.isEmpty, t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return String(t) }
        var s = Substring(text.trimmingSpaces)
        if s.hasPrefix(prefix) { s = s.dropFirst(prefix.count) }
        if s.hasSuffix(suffix) { s = s.dropLast(suffix.count) }
        guard !s.isEmpty, s.allSatisfy(\.isASCIIDigitChar) else { return nil }
        return String(s)
    }

    /// The check digit for 20 digits: d21 = (1 − 2·Σ d_i·2^(20−i)) mod 10.
    public static func checkDigit(for body: String) -> Int {
        var sum = 0
        for c in body { sum = (sum * 2 + Int(String(c))!) % 10 }
        return ((1 - 2 * sum) % 10 + 10) % 10
    }

    /// True when Σ d_i·2^(21−i) ≡ 1 (mod 10) over all 21 digits.
    public static func isChecked(_ digits: String) -> Bool {
        guard digits.count == 21, digits.allSatisfy(\.isASCIIDigitChar) else { return false }
        var sum = 0
        for c in digits { sum = (sum * 2 + Int(String(c))!) % 10 }
        return sum == 1
    }

    public var region: String { String(digits.prefix(6)) }
    public var entityID: String { slice(6, 7) }
    public var typeCode: String { slice(13, 2) }
    public var year: Int { Int(slice(15, 2))! }
    public var sequence: Int { Int(slice(17, 3))! }

    /// `网信算备…号`, as published.
    public var description: String { FilingNumber.prefix + digits + FilingNumber.suffix }

    public static func < (a: FilingNumber, b: FilingNumber) -> Bool { a.digits < b.digits }

    private func slice(_ start: Int, _ length: Int) -> String {
        let s = digits.index(digits.startIndex, offsetBy: start)
        return String(digits[s..<digits.index(s, offsetBy: length)])
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let n = FilingNumber(published: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a filing number: \(text)"))
        }
        self = n
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (ASCII and U+3000).
    public var trimmingSpaces: String {
        let ws: Set<Character> = [" ", "\t", "\n", "\r", "\u{3000}"]
        var s = Substring(self)
        while let f = s.first, ws.contains(f) { s = s.dropFirst() }
        while let l = s.last, ws.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
