public import BeianDiagnostics

extension BuildOptions {
    /// A build of a draft's pages for its filer to look at (`beian preview`), not for publishing.
    ///
    /// The portal's own steps honour it: every page carries the banner, the stylesheet link and
    /// the title prefix (`header`); a filing's number shows as the placeholder wherever a page
    /// would show it, its badge is the draft's (`Badge.previewSVG`) and its page offers no embed
    /// code or record (`filing`); and nothing made for publishing is written — no open data, no
    /// sitemap, no search page, no feed, no `record.json`, no signed head — so the manifest
    /// lists exactly what the preview holds. The stylesheet is the caller's, given as an extra
    /// file at `stylesheet`. Every text here is plain text, escaped where it lands.
    public struct Preview: Sendable, Hashable {
        /// Shown wherever a filing number would be (pages and badges): a draft has none yet.
        public var placeholder: String
        /// Put before every page's document title.
        public var titlePrefix: String
        /// The banner atop every page: its label, its sentence, and the sentence in English.
        public var bannerLabel: String
        public var bannerText: String
        public var bannerEnglish: String
        /// The site path of the stylesheet every page links (an extra file of the input).
        public var stylesheet: String
        /// What a draft's badge and its alternative text say instead of a status (未备案).
        public var status: Localized
        /// What a filing page says where a filed one offers its badge's embed code.
        public var badgeNote: Localized

        public init(placeholder: String, titlePrefix: String, bannerLabel: String, bannerText: String, bannerEnglish: String,
                    stylesheet: String, status: Localized, badgeNote: Localized) {
            self.placeholder = placeholder
            self.titlePrefix = titlePrefix
            self.bannerLabel = bannerLabel
            self.bannerText = bannerText
            self.bannerEnglish = bannerEnglish
            self.stylesheet = stylesheet
            self.status = status
            self.badgeNote = badgeNote
        }

        /// Every text of the preview, for the pages' input key: a preview's pages are never
        /// taken for a published site's, nor an earlier preview's with other marks.
        var keyParts: [String] {
            ["preview", placeholder, titlePrefix, bannerLabel, bannerText, bannerEnglish, stylesheet,
             status.zh, status.en, badgeNote.zh, badgeNote.en]
        }
    }
}
