package import BeianDiagnostics
import BeianModel

/// The notes the registry itself writes into a filing's 备注 and 公示历史 (`PublicRegistry`,
/// the importer, the preview), in English for the `/en/` pages (`PublicNote.english`). A note it
/// did not write — a reviewer's note on an approved change — has no translation and is shown as
/// written, marked as Chinese.
package enum PublicNotes {
    /// One note as a page shows it: translated on English pages where the registry wrote it,
    /// else as written (`isChinese` on English pages, for `lang="zh-CN"`).
    package static func item(_ note: String, lang: Lang) -> (text: String, isChinese: Bool) {
        let clean = PlainText.clean(note)
        guard lang == .en else { return (clean, false) }
        if let english = PublicNote(note).english { return (PlainText.clean(english), false) }
        return (clean, true)
    }
}
