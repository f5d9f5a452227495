package import BeianDiagnostics
import BeianModel

/// The notes the registry itself writes into a filing's 备注 and 公示历史 (`PublicRegistry`,
/// the importer, the preview), in English for the `/en/` pages. A note it did not write — a
/// reviewer's note on an approved change — has no translation and is shown as written, marked
/// as Chinese.
package enum PublicNotes {
    static func english(_ note: String) -> String? {
        switch note {
        case "备案通过": return "Filed"
        case "已注销": return "Cancelled"
        case "主体已注销": return "Entity cancelled"
        case "监管部门注销": return "Cancelled by the regulator"
        case "备案信息变更": return "Filing details changed"
        case "预览（未备案）": return "Preview (not filed)"
        default: break
        }
        for (prefix, english) in [("再次列入 ", "Listed again in the filing list published "), ("列入 ", "Listed in the filing list published ")]
        where note.hasPrefix(prefix) && note.hasSuffix(" 公布的备案清单") {
            let period = note.dropFirst(prefix.count).dropLast(" 公布的备案清单".count)
            return english + monthText(String(period))
        }
        return nil
    }

    /// `2025-05` → `in May 2025`; anything else as it is, after `on`.
    private static func monthText(_ period: String) -> String {
        let parts = period.split(separator: "-")
        if parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), let d = CalendarDate(year: y, month: m, day: 1) {
            return "in " + d.englishMonth
        }
        return "on " + period
    }

    /// One note as a page shows it: translated on English pages where the registry wrote it,
    /// else as written (`isChinese` on English pages, for `lang="zh-CN"`).
    package static func item(_ note: String, lang: Lang) -> (text: String, isChinese: Bool) {
        let clean = PlainText.clean(note)
        guard lang == .en else { return (clean, false) }
        if let english = english(note) { return (english, false) }
        return (clean, true)
    }
}
