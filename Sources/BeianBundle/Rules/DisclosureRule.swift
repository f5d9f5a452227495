public import BeianDiagnostics

/// D401 / D402: `disclosure.md` has the four required `##` sections, each with text.
///
/// Why: the 拟公示内容 is published verbatim; the regulator's template has these sections.
/// Fix: add the missing `## 算法基本原理` (etc.) heading and write the section.
public enum DisclosureRule {
    public static let maxSize = 256 * 1024
    /// Longest line accepted: real paragraphs are a few hundred characters, and cmark-gfm's
    /// autolinker is superlinear on pathological single lines.
    public static let maxLineLength = 5_000

    /// A `##` section found in the text: its title, heading line, and whether it has body text.
    struct Section {
        var title: String
        var line: Int
        var hasText: Bool
    }

    public static func check(_ text: String, path: String, draft: Bool) -> ([Diagnostic], Completeness) {
        let sections = Self.sections(text)
        var out: [Diagnostic] = []
        // Lines by scalars, like `sections`: a CRLF file is then not one huge line, and counting
        // needs no grapheme breaking (columns count scalars anyway).
        for (i, line) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.count > maxLineLength {
            out.append(Diagnostic(.lineTooLong, at: SourceLocation(path: path, line: i + 1, column: maxLineLength + 1),
                                  message: Localized(zh: "该行有 \(line.count) 个字符，超过上限 \(maxLineLength)", en: "this line has \(line.count) characters, over the limit of \(maxLineLength)"),
                                  help: Localized(zh: "分成多个段落（段落之间空一行）", en: "split it into paragraphs (a blank line between them)")))
        }
        var completeness = Completeness()
        for heading in BundleSchema.disclosureHeadings {
            completeness.total += 1
            let field = FieldRef(key: "## \(heading)", zh: heading, en: englishName(heading))
            guard let section = sections.first(where: { $0.title == heading }) else {
                completeness.missing.append(MissingField(location: SourceLocation(path: path), field: field))
                if !draft {
                    out.append(Diagnostic(.missingHeading, at: SourceLocation(path: path, line: max(1, lineCount(text)), column: 1), field: field,
                                          message: Localized(zh: "缺少章节“## \(heading)”", en: "section '## \(heading)' is missing"),
                                          help: Localized(zh: "添加一行 `## \(heading)` 并写明内容", en: "add a line `## \(heading)` followed by its text")))
                }
                continue
            }
            if section.hasText {
                completeness.filled += 1
            } else {
                completeness.missing.append(MissingField(location: SourceLocation(path: path, line: section.line), field: field))
                if !draft {
                    out.append(Diagnostic(.emptySection, at: SourceLocation(path: path, line: section.line, column: 1), field: field,
                                          message: Localized(zh: "章节“\(heading)”没有内容", en: "section '\(heading)' has no text"),
                                          help: Localized(zh: "在标题下写明该部分内容", en: "write the section's text under its heading")))
                }
            }
        }
        return (out, completeness)
    }

    /// Level-2 ATX headings outside fenced code, with whether any text follows before the next.
    static func sections(_ text: String) -> [Section] {
        var out: [Section] = []
        var fence: String?
        var inComment = false
        // Split on scalars, not Characters: grapheme breaking every line of every disclosure
        // was a tenth of a 10,000-algorithm validate.
        for (i, scalars) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let raw = Substring(scalars)
            let line = raw.trimmingSpacesAndNewlines
            // HTML comments (the template's prompts) are not text: cmark drops them anyway.
            if fence == nil, inComment || line.hasPrefix("<!--") {
                inComment = !line.hasSuffix("-->")
                continue
            }
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                let marker = String(line.prefix(3))
                fence = fence == nil ? marker : (fence == marker ? nil : fence)
                if !out.isEmpty { out[out.count - 1].hasText = true }
                continue
            }
            if fence == nil, raw.hasPrefix("## ") || raw == "##" {
                let title = String(raw.dropFirst(2)).trimmingSpacesAndNewlines
                    .trimmingCharacters(in: "#").trimmingSpacesAndNewlines
                out.append(Section(title: title, line: i + 1, hasText: false))
            } else if fence == nil, raw.hasPrefix("# ") {
                continue
            } else if !line.isEmpty, !out.isEmpty, !(raw.hasPrefix("#")) {
                out[out.count - 1].hasText = true
            } else if !line.isEmpty, !out.isEmpty, raw.hasPrefix("###") {
                out[out.count - 1].hasText = true
            }
        }
        return out
    }

    static func lineCount(_ text: String) -> Int { text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count }

    static func englishName(_ heading: String) -> String {
        switch heading {
        case "算法基本原理": "basic principle"
        case "算法运行机制": "operating mechanism"
        case "算法应用场景": "application scenarios"
        case "算法目的意图": "purpose and intent"
        default: "disclosure section"
        }
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
