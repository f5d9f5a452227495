/// The 18-character 统一社会信用代码 of GB 32100-2015.
public enum CreditCode {
    /// The 31 characters the standard allows (no I, O, S, V, Z), in value order.
    public static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// What is wrong with a code, if anything.
    public enum Problem: Sendable, Equatable {
        case length(Int)
        case character(Character, position: Int)
        case checkDigit(expected: Character, found: Character)
    }

    /// Checks length, alphabet and the check character (weights 3^(i-1) mod 31).
    public static func check(_ code: String) -> Problem? {
        let chars = Array(code)
        guard chars.count == 18 else { return .length(chars.count) }
        var values: [Int] = []
        for (i, c) in chars.enumerated() {
            guard let v = alphabet.firstIndex(of: c) else { return .character(c, position: i + 1) }
            values.append(v)
        }
        let expected = checkCharacter(for: Array(values.prefix(17)))
        if expected != chars[17] { return .checkDigit(expected: expected, found: chars[17]) }
        return nil
    }

    /// The check character for the first 17 values.
    static func checkCharacter(for values: [Int]) -> Character {
        var weight = 1
        var sum = 0
        for v in values {
            sum += v * weight
            weight = (weight * 3) % 31
        }
        let c = (31 - sum % 31) % 31
        return alphabet[c]
    }

    /// Completes a 17-character prefix with its check character (used by demos and tests).
    public static func complete(_ prefix: String) -> String? {
        let chars = Array(prefix)
        guard chars.count == 17 else { return nil }
        var values: [Int] = []
        for c in chars {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            values.append(v)
        }
        return prefix + String(checkCharacter(for: values))
    }
}
