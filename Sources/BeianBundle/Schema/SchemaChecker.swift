public import BeianDiagnostics
public import BeianModel

/// Walks a YAML value against a schema: unknown keys, types, required fields and every
/// field's format rule. Collects all problems and the completeness count.
public struct SchemaChecker: Sendable {
    public var draft: Bool
    public var today: CalendarDate

    public init(draft: Bool, today: CalendarDate) {
        self.draft = draft
        self.today = today
    }

    /// Checks a whole file whose root must be a mapping of `fields`.
    public func check(_ root: YAMLValue, fields: [FieldSpec]) -> SchemaResult {
        var out: [Diagnostic] = []
        var completeness = Completeness()
        guard case .mapping(let entries, let loc) = root else {
            out.append(Diagnostic(
                .wrongType, at: root.location,
                message: Localized(zh: "文件顶层应为键值映射，实为\(root.kindName.zh)", en: "the file should be a mapping of keys, found \(root.kindName.en)"),
                help: Localized(zh: "每行写作 `key: value`；可用 beian init / add 生成模板", en: "write one `key: value` per line; beian init / add writes a template")))
            return SchemaResult(diagnostics: out, completeness: completeness, attachments: [])
        }
        var state = State()
        checkMapping(entries, at: loc, fields: fields, prefix: "", out: &out, completeness: &completeness, state: &state)
        return SchemaResult(diagnostics: out, completeness: completeness, attachments: state.attachments)
    }

    /// What a walk gathers besides diagnostics.
    struct State {
        var attachments: [AttachmentRef] = []
    }

    func checkMapping(_ entries: [YAMLEntry], at location: SourceLocation, fields: [FieldSpec], prefix: String,
                      out: inout [Diagnostic], completeness: inout Completeness, state: inout State) {
        let known = Set(fields.map(\.key))
        for entry in entries where !known.contains(entry.key) {
            let guess = Suggest.closest(entry.key, among: fields.map(\.key))
            let keyPath = prefix.isEmpty ? entry.key : "\(prefix).\(entry.key)"
            var help = Localized(zh: "删除该键，或改为以下之一：\(fields.map(\.key).joined(separator: ", "))",
                                 en: "remove it, or use one of: \(fields.map(\.key).joined(separator: ", "))")
            if let guess { help = Localized(zh: "是否想写 `\(guess)`？", en: "did you mean `\(guess)`?") }
            out.append(Diagnostic(
                .unknownKey, at: entry.keyLocation, field: FieldRef(key: keyPath, zh: "未知字段", en: "unknown field"),
                message: Localized(zh: "未知的键“\(entry.key)”", en: "unknown key '\(entry.key)'"), help: help))
        }
        for spec in fields {
            let keyPath = prefix.isEmpty ? spec.key : "\(prefix).\(spec.key)"
            let entry = entries.first { $0.key == spec.key }
            checkField(spec, value: entry?.value, keyPath: keyPath, parentLocation: entry?.keyLocation ?? location,
                       siblings: entries, out: &out, completeness: &completeness, state: &state)
        }
    }

    func checkField(_ spec: FieldSpec, value: YAMLValue?, keyPath: String, parentLocation: SourceLocation,
                    siblings: [YAMLEntry], out: inout [Diagnostic], completeness: inout Completeness, state: inout State) {
        let location = value?.location ?? parentLocation
        let context = FieldContext(spec: spec, keyPath: keyPath, location: location, today: today)
        // Nested mappings are walked even when empty, so their own required fields are counted.
        if case .object(let fields) = spec.kind {
            checkObject(spec, fields: fields, value: value, context: context, parentLocation: parentLocation,
                        out: &out, completeness: &completeness, state: &state)
            return
        }
        guard let value, !value.isEmpty else {
            if spec.required || isRequiredList(spec) {
                completeness.total += 1
                completeness.missing.append(MissingField(location: location, field: context.field))
                if !draft { out.append(missing(context, present: value != nil)) }
            }
            return
        }
        if spec.required || isRequiredList(spec) { completeness.total += 1; completeness.filled += 1 }
        switch spec.kind {
        case .objectList(let fields, _):
            checkObjectList(value, fields: fields, context: context, out: &out, completeness: &completeness, state: &state)
        case .textList(_, let maxItem, let maxCount):
            checkTextList(value, maxItem: maxItem, maxCount: maxCount, context: context, out: &out)
        case .choices(let allowed):
            checkChoices(value, allowed: allowed, context: context, out: &out)
        default:
            checkScalar(value, context: context, siblings: siblings, out: &out, state: &state)
        }
    }

    /// A nested block: walked for its own fields, or skipped when optional and left as scaffolded.
    func checkObject(_ spec: FieldSpec, fields: [FieldSpec], value: YAMLValue?, context: FieldContext, parentLocation: SourceLocation,
                     out: inout [Diagnostic], completeness: inout Completeness, state: inout State) {
        switch value {
        case .mapping(_, _)? where !spec.required && value!.isBlank:
            return // an optional block left as scaffolded
        case .mapping(let entries, _)?:
            // A key missing inside is reported at this block's own key, where it belongs.
            checkMapping(entries, at: parentLocation, fields: fields, prefix: context.keyPath, out: &out, completeness: &completeness, state: &state)
        case let v? where !v.isEmpty:
            out.append(wrongType(context, expected: Localized(zh: "键值映射", en: "a mapping"), found: v))
        default:
            if spec.required || value != nil {
                checkMapping([], at: parentLocation, fields: fields, prefix: context.keyPath, out: &out, completeness: &completeness, state: &state)
            }
        }
    }

    func checkObjectList(_ value: YAMLValue, fields: [FieldSpec], context: FieldContext,
                         out: inout [Diagnostic], completeness: inout Completeness, state: inout State) {
        guard case .sequence(let items, _) = value else {
            out.append(wrongType(context, expected: Localized(zh: "列表", en: "a list"), found: value))
            return
        }
        if items.count > Self.maxObjectListCount {
            out.append(tooMany(context, count: items.count, max: Self.maxObjectListCount))
        }
        for (i, item) in items.prefix(Self.maxObjectListCount).enumerated() {
            let itemPath = "\(context.keyPath)[\(i + 1)]"
            guard case .mapping(let entries, let loc) = item else {
                let ctx = FieldContext(spec: context.spec, keyPath: itemPath, location: item.location, today: today)
                out.append(wrongType(ctx, expected: Localized(zh: "键值映射", en: "a mapping"), found: item))
                continue
            }
            checkMapping(entries, at: loc, fields: fields, prefix: itemPath, out: &out, completeness: &completeness, state: &state)
        }
    }

    func checkTextList(_ value: YAMLValue, maxItem: Int, maxCount: Int, context: FieldContext, out: inout [Diagnostic]) {
        guard case .sequence(let items, _) = value else {
            out.append(wrongType(context, expected: Localized(zh: "列表，如 [甲, 乙]", en: "a list, e.g. [a, b]"), found: value))
            return
        }
        // Over the limit: one finding for the list, and only the first `maxCount` items
        // checked, so a file of 200,000 entries is refused as quickly as it was parsed.
        if items.count > maxCount { out.append(tooMany(context, count: items.count, max: maxCount)) }
        var seen: [String: Int] = [:]
        for (i, item) in items.prefix(maxCount).enumerated() {
            let ctx = itemContext(context, index: i, item: item)
            guard case .scalar(let s) = item, !s.isNull else {
                out.append(wrongType(ctx, expected: Localized(zh: "一行文字", en: "one line of text"), found: item))
                continue
            }
            out += TextSafetyRule.check(s.text, multiline: false, ctx)
            out += LengthRule.check(s.text, min: 1, max: maxItem, ctx)
            let key = s.text.trimmingSpacesAndNewlines
            if let first = seen[key] {
                out.append(ctx.problem(.duplicateID, Localized(zh: "“\(key)”与第 \(first) 项重复", en: "'\(key)' repeats item \(first)"),
                                       help: Localized(zh: "删除重复项", en: "remove the repeat")))
            } else {
                seen[key] = i + 1
            }
        }
    }

    func checkChoices(_ value: YAMLValue, allowed: [String], context: FieldContext, out: inout [Diagnostic]) {
        guard case .sequence(let items, _) = value else {
            let example = allowed.prefix(2).joined(separator: ", ")
            out.append(wrongType(context, expected: Localized(zh: "列表，如 [\(example)]", en: "a list, e.g. [\(example)]"), found: value))
            return
        }
        // No more entries than there are choices: one finding for the list, and only that
        // many checked, so a list of 200,000 entries is refused as quickly as it was parsed.
        if items.count > allowed.count { out.append(tooMany(context, count: items.count, max: allowed.count)) }
        var seen: Set<String> = []
        for (i, item) in items.prefix(allowed.count).enumerated() {
            let ctx = itemContext(context, index: i, item: item)
            guard let text = item.text else {
                out.append(wrongType(ctx, expected: Localized(zh: "单个值", en: "a single value"), found: item))
                continue
            }
            // An unsafe character is named as such (F220), not as a wrong choice.
            let unsafe = TextSafetyRule.check(text, multiline: false, ctx)
            out += unsafe
            if unsafe.isEmpty, let d = ChoiceRule.check(text, allowed: allowed, ctx) { out.append(d) }
            if !seen.insert(text).inserted {
                out.append(ctx.problem(.duplicateID, Localized(zh: "“\(text)”重复出现", en: "'\(text)' is listed twice"),
                                       help: Localized(zh: "删除重复项", en: "remove the repeat")))
            }
        }
    }

    func checkScalar(_ value: YAMLValue, context: FieldContext, siblings: [YAMLEntry], out: inout [Diagnostic], state: inout State) {
        guard case .scalar(let scalar) = value else {
            out.append(wrongType(context, expected: Localized(zh: "单个值", en: "a single value"), found: value))
            return
        }
        let spec = context.spec
        if case .paragraph = spec.kind {
            out += TextSafetyRule.check(scalar.text, multiline: true, context)
        } else {
            out += TextSafetyRule.check(scalar.text, multiline: false, context)
        }
        if case .attachment = spec.kind {
            state.attachments.append(AttachmentRef(path: scalar.text.trimmingSpacesAndNewlines, location: context.location, field: context.field))
        }
        out += FormatRules.check(scalar, kind: spec.kind, context, siblings: siblings)
    }

    /// The context of a list's `i`-th item, named `key[i+1]` at the item's own place.
    func itemContext(_ context: FieldContext, index i: Int, item: YAMLValue) -> FieldContext {
        FieldContext(spec: context.spec, keyPath: "\(context.keyPath)[\(i + 1)]", location: item.location, today: today)
    }

    /// Lists whose schema asks for at least one item are required even if the key is optional.
    func isRequiredList(_ spec: FieldSpec) -> Bool {
        switch spec.kind {
        case .textList(let min, _, _), .objectList(_, let min): spec.required && min > 0
        default: false
        }
    }

    /// Most entries of a list of mappings (paths, functions, applies_to): far above any real
    /// filing, far below what makes validation slow.
    public static let maxObjectListCount = 1_000

    func tooMany(_ c: FieldContext, count: Int, max: Int) -> Diagnostic {
        c.problem(.badLength, Localized(zh: "最多 \(max) 项，实有 \(count) 项", en: "at most \(max) entries, has \(count)"),
                  help: Localized(zh: "删去重复或不必要的项，保留 \(max) 项以内", en: "remove repeated or needless entries, keeping \(max) or fewer"))
    }

    func missing(_ c: FieldContext, present: Bool) -> Diagnostic {
        c.problem(.required,
                  present ? Localized(zh: "必填项为空", en: "required field is empty")
                          : Localized(zh: "缺少必填项“\(c.spec.key)”", en: "required field '\(c.spec.key)' is missing"),
                  help: Localized(zh: "填写\(c.spec.zh)\(c.spec.hint.isEmpty ? "" : "：\(c.spec.hint)")",
                                  en: "fill in the \(c.spec.en)\(c.spec.hint.isEmpty ? "" : " (\(c.spec.hint))")"))
    }

    func wrongType(_ c: FieldContext, expected: Localized, found: YAMLValue) -> Diagnostic {
        c.problem(.wrongType,
                  Localized(zh: "应为\(expected.zh)，实为\(found.kindName.zh)", en: "expected \(expected.en), found \(found.kindName.en)"),
                  help: Localized(zh: "按模板的形式填写：\(c.spec.hint)", en: "write it as the template shows: \(c.spec.hint)"))
    }
}

/// The outcome of checking one file against its schema.
public struct SchemaResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var completeness: Completeness
    /// Every attachment path the file names, for the file-system checks.
    public var attachments: [AttachmentRef]
}

/// An attachment path written in a bundle file.
public struct AttachmentRef: Sendable, Hashable {
    public var path: String
    public var location: SourceLocation
    public var field: FieldRef
}
