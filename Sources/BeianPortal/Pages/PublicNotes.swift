package import BeianDiagnostics
import BeianModel

/// The notes the registry itself writes into a filing's 备注 and 公示历史 (`PublicRegistry`,
/// the importer, the preview), in English for the `/en/` pages (`PublicNote.englishParts`). A
/// note it did not write — a reviewer's note on an approved change — has no translation and is
/// shown as written, marked as Chinese.
package enum PublicNotes {
    /// One note as one string: translated on English pages where the registry wrote it and it
    /// quotes no name, else as written (`isChinese` on English pages). A feed's text, where no
    /// part of a sentence can be marked as Chinese.
    package static func item(_ note: String, lang: Lang) -> (text: String, isChinese: Bool) {
        let clean = PlainText.clean(note)
        guard lang == .en else { return (clean, false) }
        if let english = PublicNote(note).english { return (PlainText.clean(english), false) }
        return (clean, true)
    }

    /// One note as a page shows it: in parts on English pages where the registry wrote it (the
    /// names it quotes as parts of their own, `isName`, for `lang="zh-CN"`), else one part as
    /// written (`isChinese` on English pages). Every part is plain text: the template escapes it.
    package static func shown(_ note: String, lang: Lang) -> (parts: [(text: String, isName: Bool)], isChinese: Bool) {
        if lang == .en, let parts = PublicNote(note).englishParts {
            return (parts.map { (PlainText.clean($0.text), $0.isName) }, false)
        }
        return ([(PlainText.clean(note), false)], lang == .en)
    }

    /// What a page shows of a note, as text (its parts joined): what `beian verify-site` reads.
    package static func pageText(_ note: String, lang: Lang) -> String {
        shown(note, lang: lang).parts.map(\.text).joined()
    }

    /// The keys of a note in a page model: `text` (the whole note, for a theme that shows it as
    /// one string), `isChinese`, and `parts` (each `text` and `isName`).
    package static func model(_ note: String, lang: Lang) -> [String: Any] {
        let shown = shown(note, lang: lang)
        return ["text": shown.parts.map(\.text).joined(), "isChinese": shown.isChinese,
                "parts": shown.parts.map { ["text": $0.text, "isName": $0.isName] as [String: Any] }]
    }
}
