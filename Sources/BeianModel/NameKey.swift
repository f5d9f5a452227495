import BeianDiagnostics
import Foundation

/// How two entity names are compared: the one definition of "the same name" in the registry.
///
/// Why: a copy of a company's name with a zero-width space, a bidi override, a trailing
/// full-width space or full-width Latin letters looks the same to a reader but is a different
/// string; compared as strings it was approved and published beside the original.
public enum NameKey {
    /// The comparison key: Unicode NFKC (full-width letters, digits and brackets become their
    /// ordinary forms), then every white space, format character (Cf: zero-width, bidi, BOM …),
    /// control, variation selector and other character `TextSafety` calls unsafe removed, then
    /// lowercased (Latin, Greek and Cyrillic case folded). Equal keys are the same name.
    public static func key(_ name: String) -> String {
        folded(name).lowercased()
    }

    /// A TR39-style skeleton of the name: the key with every look-alike mapped to one prototype
    /// (Cyrillic а and Greek α to a, 〇 and 0 to o, 一 ー — to -, 口 to ロ …, from Unicode's
    /// confusables data; see `ConfusableTable`). Equal skeletons with different keys are names
    /// that look alike: a reviewer is warned, not refused.
    public static func skeleton(_ name: String) -> String {
        mapped(mapped(folded(name)).lowercased())
    }

    /// NFKC with white space and invisible characters removed, case kept.
    static func folded(_ name: String) -> String {
        let nfkc = name.precomposedStringWithCompatibilityMapping
        var out = String.UnicodeScalarView()
        for u in nfkc.unicodeScalars {
            if u.properties.isWhitespace || TextSafety.kind(of: u) != nil { continue }
            if u.properties.generalCategory == .format || u.properties.isVariationSelector { continue }
            out.append(u)
        }
        return String(out)
    }

    static func mapped(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if let p = prototypes[u.value], let mapped = Unicode.Scalar(p) { out.append(mapped) } else { out.append(u) }
        }
        return String(out)
    }

    /// `ConfusableTable.pairs` as a lookup, built once.
    static let prototypes: [UInt32: UInt32] = {
        var d: [UInt32: UInt32] = [:]
        let pairs = ConfusableTable.pairs
        for i in stride(from: 0, to: pairs.count - 1, by: 2) { d[pairs[i]] = pairs[i + 1] }
        return d
    }()
}
