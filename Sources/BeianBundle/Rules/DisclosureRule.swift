public import BeianDiagnostics
import BeianMarkdown

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

    /// The `##` sections as the portal's renderer sees them (`MarkdownRenderer.outline`, the
    /// same cmark-gfm parse): a `##` line inside fenced code or an HTML comment is no heading,
    /// a setext heading is one, and raw HTML, comments and `---` are no text (the page shows
    /// none of them). A `###` heading counts as text of its section; a `#` heading is neither.
    static func sections(_ text: String) -> [Section] {
        var out: [Section] = []
        for block in MarkdownRenderer.outline(text) {
            switch block.kind {
            case .heading(let level, let title) where level == 2:
                out.append(Section(title: title.trimmingSpacesAndNewlines, line: block.line, hasText: false))
            case .heading(let level, _) where level >= 3:
                if !out.isEmpty { out[out.count - 1].hasText = true }
            case .content:
                if !out.isEmpty { out[out.count - 1].hasText = true }
            case .heading, .hidden:
                continue
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
