package import BeianDiagnostics
package import BeianModel

/// 公示历史 of a filing page: each step, and for an approved change the public fields it
/// changed, old → new (`PublicChange`), in the page's language. Filer text stays as filed
/// (through `PlainText.clean`) and is marked `lang="zh-CN"`; type, role and region names are
/// the page language's.
///
/// How a change shows: a one-value field its old and new value; 应用产品 the products removed
/// and those added; 拟公示内容 (long Markdown) only the lines removed and added, folded in a
/// `<details>` whose summary counts them — the whole new text is the page's 拟公示内容 above.
package enum HistoryModel {
    package static func label(_ field: PublicField) -> Localized {
        switch field {
        case .algorithmName: Localized(zh: "算法名称", en: "Algorithm name")
        case .type: Localized(zh: "算法类别", en: "Algorithm type")
        case .role: Localized(zh: "角色", en: "Role")
        case .products: Localized(zh: "应用产品", en: "Products")
        case .purpose: Localized(zh: "主要用途", en: "Purpose")
        case .disclosure: Localized(zh: "拟公示内容", en: "Disclosure")
        case .entityName: Localized(zh: "主体名称", en: "Entity name")
        case .region: Localized(zh: "注册地", en: "Registered in")
        }
    }

    package static let caption = Localized(zh: "本次变更的公示信息", en: "Public information changed")
    package static let fieldHeader = Localized(zh: "字段", en: "Field")
    package static let oldHeader = Localized(zh: "原内容", en: "Before")
    package static let newHeader = Localized(zh: "新内容", en: "After")
    package static let none = Localized(zh: "（无）", en: "(none)")

    /// What a cell of a list field says above its items.
    package static func summary(_ field: PublicField, removed: Bool, count: Int, lang: Lang) -> String {
        switch (field, removed) {
        case (.disclosure, true): Localized(zh: "删除 \(count) 行", en: count == 1 ? "1 line removed" : "\(count) lines removed")(lang)
        case (.disclosure, false): Localized(zh: "新增 \(count) 行", en: count == 1 ? "1 line added" : "\(count) lines added")(lang)
        case (_, true): Localized(zh: "移除 \(count) 项", en: "\(count) removed")(lang)
        case (_, false): Localized(zh: "新增 \(count) 项", en: "\(count) added")(lang)
        }
    }

    /// A value as the page shows it, and its language: filer text as filed (`zh-CN`), a type,
    /// role or region by its name in `lang`.
    package static func shown(_ field: PublicField, _ value: String, lang: Lang) -> (text: String, lang: String) {
        switch field {
        case .type:
            let t = AlgorithmType(rawValue: value)
            return lang == .en && t != nil ? (t!.englishName, "en") : (value, "zh-CN")
        case .role:
            let r = AlgorithmRole(rawValue: value)
            return lang == .en && r != nil ? (r!.englishName, "en") : (value, "zh-CN")
        case .region:
            if lang == .en, let name = Region.englishProvinceName(of: value) { return (name, "en") }
            return (regionName(value), "zh-CN")
        default:
            return (PlainText.clean(value), "zh-CN")
        }
    }

    /// A region as the filing page names it (the `region` field's rule).
    package static func regionName(_ code: String) -> String {
        Region.displayName(of: code) ?? code.filter(\.isASCIIDigitChar)
    }

    /// The `history` model of the filing page.
    package static func events(_ f: PublicFiling, lang: Lang) -> [[String: Any]] {
        f.history.map { e in
            // The registry's own notes in the page's language, quoted names marked as Chinese; a
            // reviewer's as written (Chinese).
            let note = PublicNotes.model(e.note, lang: lang)
            return [
                "date": e.date.description, "dateText": lang == .zh ? e.date.description : e.date.englishText,
                "note": note["text"]!, "isChinese": note["isChinese"]!, "noteParts": note["parts"]!, "hasChanges": !e.changes.isEmpty,
                "caption": caption(lang), "fieldHeader": fieldHeader(lang), "oldHeader": oldHeader(lang), "newHeader": newHeader(lang),
                "changes": e.changes.map { change($0, lang: lang) },
            ]
        }
    }

    package static func change(_ c: PublicChange, lang: Lang) -> [String: Any] {
        func items(_ values: [String]) -> [[String: String]] {
            values.map { let s = shown(c.field, $0, lang: lang); return ["text": s.text, "lang": s.lang] }
        }
        return [
            "label": label(c.field)(lang), "none": none(lang),
            "isValue": !c.field.isList, "isProducts": c.field == .products, "isDisclosure": c.field == .disclosure,
            "old": items(c.old), "new": items(c.new), "oldNone": c.old.isEmpty, "newNone": c.new.isEmpty,
            "oldSummary": summary(c.field, removed: true, count: c.old.count, lang: lang),
            "newSummary": summary(c.field, removed: false, count: c.new.count, lang: lang),
        ]
    }
}
