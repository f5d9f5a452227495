/// The 18-digit 居民身份证 number of GB 11643.
public enum IDNumber {
    /// What is wrong with a number, if anything.
    public enum Problem: Sendable, Equatable {
        case length(Int)
        case character(position: Int)
        case birthDate(String)
        case checkDigit(expected: Character, found: Character)
    }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkChars = Array("10X98765432")

    /// The number with a lowercase `x` made uppercase, as the standard writes it.
    public static func normalized(_ number: String) -> String {
        number.hasSuffix("x") ? String(number.dropLast()) + "X" : number
    }

    /// Checks length, digits, that the birth date exists, and the check digit.
    public static func check(_ raw: String) -> Problem? {
        let chars = Array(normalized(raw))
        guard chars.count == 18 else { return .length(chars.count) }
        for (i, c) in chars.enumerated() where !(c.isASCIIDigitChar || (i == 17 && c == "X")) {
            return .character(position: i + 1)
        }
        let birth = String(chars[6..<14])
        if !CalendarDate.isValid(yyyymmdd: birth) { return .birthDate(birth) }
        var sum = 0
        for i in 0..<17 { sum += Int(String(chars[i]))! * weights[i] }
        let expected = checkChars[sum % 11]
        if expected != chars[17] { return .checkDigit(expected: expected, found: chars[17]) }
        return nil
    }

    /// Completes a 17-digit prefix with its check digit (used by demos and tests).
    public static func complete(_ prefix: String) -> String? {
        let chars = Array(prefix)
        guard chars.count == 17, chars.allSatisfy(\.isASCIIDigitChar) else { return nil }
        var sum = 0
        for i in 0..<17 { sum += Int(String(chars[i]))! * weights[i] }
        return prefix + String(checkChars[sum % 11])
    }
}
