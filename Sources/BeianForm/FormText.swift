import BeianDiagnostics

/// The UI's own words in both languages (field names and help come from the schema).
struct FormText {
    let lang: Lang
    func callAsFunction(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
}
