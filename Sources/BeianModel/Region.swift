/// GB/T 2260 administrative division codes (注册地), as a lookup table.
public enum Region {
    /// Every known six-digit code and its name.
    public static let names: [String: String] = {
        var table: [String: String] = [:]
        table.reserveCapacity(4_000)
        for line in regionTableText.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { table[String(parts[0])] = String(parts[1]) }
        }
        return table
    }()

    /// True when `code` is six digits and a known division.
    public static func isValid(_ code: String) -> Bool {
        code.utf8.count == 6 && code.allSatisfy(\.isASCIIDigitChar) && names[code] != nil
    }

    /// The division's own name, e.g. 海淀区 for 110108.
    public static func name(of code: String) -> String? { names[code] }

    /// The province-level code (first two digits + 0000) of a division code.
    public static func provinceCode(of code: String) -> String? {
        guard code.utf8.count == 6 else { return nil }
        return String(code.prefix(2)) + "0000"
    }

    /// The province-level name (北京市, 广东省 …) of a division code.
    public static func provinceName(of code: String) -> String? {
        provinceCode(of: code).flatMap { names[$0] }
    }

    /// A readable place: province and division, e.g. 北京市海淀区.
    public static func displayName(of code: String) -> String? {
        guard let own = names[code] else { return nil }
        guard let province = provinceName(of: code), province != own else { return own }
        let cityCode = String(code.prefix(4)) + "00"
        if let city = names[cityCode], city != own, city != province, !city.hasSuffix("辖区") {
            return province + city + own
        }
        return province + own
    }
}

extension Character {
    /// An ASCII `0`…`9`; `isNumber` would accept full-width and other scripts' digits.
    public var isASCIIDigitChar: Bool { ("0"..."9").contains(self) }
}
