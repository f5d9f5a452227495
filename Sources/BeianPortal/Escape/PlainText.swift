import BeianDiagnostics

/// Removes characters that no public document may carry — C0 and C1 controls other than tab
/// and newline, DEL, bidi controls, invisible characters and noncharacters, as `TextSafety`
/// defines them — before any escaping layer sees a string.
///
/// Validation refuses them (F220); this keeps pages valid HTML, feeds valid XML and published
/// names free of reordering tricks even for snapshots approved or imported before that rule.
/// The Markdown renderer drops the same set from every document it parses.
package enum PlainText {
    package static func clean(_ s: String) -> String {
        if s.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return s }
        return TextSafety.removingUnsafe(s, keeping: kept)
    }

    /// True for a scalar HTML and XML 1.0 both accept as published text.
    package static func isAllowed(_ u: Unicode.Scalar) -> Bool {
        TextSafety.kind(of: u) == nil || kept.contains(u)
    }

    /// Kept although `TextSafety` lists them: tab and newline, and U+2028/U+2029, which are
    /// valid HTML and XML text and which the JSON writers escape.
    package static let kept: Set<Unicode.Scalar> = ["\t", "\n", "\u{2028}", "\u{2029}"]
}
