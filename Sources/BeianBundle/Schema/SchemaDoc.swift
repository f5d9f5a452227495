/// Writes `docs/bundle-format.md` from the schemas, so the documented format cannot drift
/// from what `validate` checks (a test compares the committed file with this output).
public enum SchemaDoc {
    public static func markdown() -> String {
        var out = """
        # The filing bundle format (`beian/v1`)

        Generated from `Sources/BeianBundle/Schema/BundleSchema.swift` — do not edit by hand
        (`BEIAN_RECORD=1 swift test --filter SchemaDocTests` rewrites it).

        ```
        <bundle>/
          entity.yaml                              主体信息
          products/<product-id>.yaml               产品及功能信息 (one file per product)
          algorithms/<algorithm-id>/algorithm.yaml 算法信息
          algorithms/<algorithm-id>/disclosure.md  拟公示内容 (published verbatim once approved)
          attachments/…                            scans: PDF, PNG or JPEG, ≤ 20 MiB each
          .beian/                                  written by beian only (see registry.md)
        ```

        Ids (bundle folder, product file, algorithm folder, path and function ids) are lowercase
        letters, digits and hyphens. Every path written in a YAML file is relative to the bundle
        and must stay under `attachments/`. A draft (`validate --draft`) may leave any required
        field empty; the completeness count is the share of required fields filled. YAML files
        are at most 1 MiB, UTF-8, without anchors or aliases; `disclosure.md` at most 256 KiB.

        `disclosure.md` must contain the `##` sections \(BundleSchema.disclosureHeadings.map { "`\($0)`" }.joined(separator: ", ")), each with text (`## 算法公示情况` is optional).
        Sections are found as the portal's Markdown renderer parses the file: a `##` line inside
        fenced code or an HTML comment is no heading, a setext heading (`标题` over `---`) is one,
        and HTML, comments and `---` are no text.

        Text (F220): no value and no `disclosure.md` may hold a C0 or C1 control, DEL, a bidi
        control (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), a zero-width or other invisible
        character (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+00AD, Hangul fillers, tags) or a
        noncharacter. A one-line field (`text`, each entry of a list of text, and every other
        single value) holds no line break at all — a leading or trailing `\\n` of a quoted
        value included — and no TAB, and must not start or end with white space (U+3000 全角空格
        and U+00A0 included): it is refused, not trimmed, so what is approved is what was typed.
        Multi-line fields (`text, ≤ n chars`) and `disclosure.md` may hold TAB and line breaks.
        Lists of text hold no repeated entry (F214, at the repeat) and at most the number shown
        (F205); lists of mappings at most \(SchemaChecker.maxObjectListCount) entries.

        It is GitHub Flavored Markdown rendered onto the public filing page, with two limits that keep
        the page from loading anything the portal does not serve: raw HTML is dropped (`<img>`,
        `<script>`, `<iframe>` … become an HTML comment), and an image stays an image only when its
        address is a relative path (`![架构图](diagram.png)`). An image at an absolute address
        (`http:`, `https:`, `data:` …) or a protocol-relative one (`//host/x.png`) is shown as a plain
        link to it, with its alt text (or the address) as the link text.


        """
        for (title, fields) in [("entity.yaml — 主体信息", BundleSchema.entity),
                                ("products/<id>.yaml — 产品及功能信息", BundleSchema.product),
                                ("algorithms/<id>/algorithm.yaml — 算法信息", BundleSchema.algorithm)] {
            out += "## \(title)\n\n| key | 名称 | name | kind | required | notes |\n|---|---|---|---|---|---|\n"
            rows(fields, prefix: "", into: &out)
            out += "\n"
        }
        out += """
        Cross-field rules: a 服务提供者 fills `applies_to` (each entry a `product`, a `product` +
        `path`, or a `product` + `function`; every reference must resolve) and no
        `technical_service`; a 服务技术支持者 fills `technical_service` and no `applies_to`. Path and
        function ids are unique within their product. A 居民身份证 number is checked by GB 11643,
        any other ID type needs 5–30 letters or digits.

        应用领域 (`domains`) is selected from a list (F204 for anything else, the allowed values in
        the help). For a domain not on it, list `其他` and name the domain in `domains_other`
        (F203 when `其他` is listed without it; F204 when `domains_other` is filled without `其他`).
        应用领域 is not public: it is shown to reviewers and printed on the templates, never on the
        portal (`PublicFiling` has no such field).

        """
        return out
    }

    static func rows(_ fields: [FieldSpec], prefix: String, into out: inout String) {
        for f in fields {
            let key = prefix.isEmpty ? f.key : "\(prefix).\(f.key)"
            out += "| `\(key)` | \(f.zh) | \(f.en) | \(kindName(f.kind)) | \(f.required ? "yes" : "no") | \(f.hint.replacingOccurrences(of: "|", with: "\\|")) |\n"
            switch f.kind {
            case .object(let sub): rows(sub, prefix: key, into: &out)
            case .objectList(let sub, _): rows(sub, prefix: "\(key)[]", into: &out)
            default: break
            }
        }
    }

    static func kindName(_ k: FieldKind) -> String {
        switch k {
        case .text(let min, let max): "text, \(min)–\(max) chars"
        case .paragraph(let max): "text, ≤ \(max) chars"
        case .choice(let c): "one of \(c.joined(separator: " \\| "))"
        case .choices(let c): "list of \(c.joined(separator: " \\| "))"
        case .date: "date YYYY-MM-DD"
        case .dateOrForever: "date or 长期"
        case .url: "http(s) URL"
        case .email: "email"
        case .mobile: "mobile (11 digits)"
        case .creditCode: "USCC (GB 32100)"
        case .idNumber: "ID number"
        case .region: "GB/T 2260 code"
        case .integer(let min, let max): "integer \(min)–\(max)"
        case .boolean: "true / false"
        case .identifier: "id"
        case .attachment: "attachment path"
        case .textList(let min, _, let max): "list of text\(min > 0 ? ", ≥ \(min)" : ""), ≤ \(max), no repeats"
        case .objectList(_, let min): "list of mappings\(min > 0 ? ", ≥ \(min)" : "")"
        case .object: "mapping"
        case .schemaVersion: "`beian/v1`"
        }
    }
}
