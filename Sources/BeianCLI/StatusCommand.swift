import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianRegistry

/// `beian status <bundle>`: the filer's query of its algorithms (seed §六(二)).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List the entity, its products and its algorithms with status, number, entity id, latest reason and review times.")

    enum SortKey: String, ExpressibleByArgument, CaseIterable { case submitted, reviewed, id }

    @Argument(help: "The bundle folder.")
    var bundle: String

    @Option(help: "Only this status: 草稿 待审核 已通过 未通过 变更审核中 注销审核中 已注销 (or English).")
    var status: String?

    @Option(help: "Only this type: 生成合成类 个性化推送类 排序精选类 信息检索类 内容过滤类 调度决策类 (or code 01–06).")
    var type: String?

    @Option(help: "Sort by submitted, reviewed or id.")
    var sort: SortKey = .id

    @Flag(help: "Newest first.")
    var desc = false

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    struct Row: Encodable {
        var item: String
        var name: String
        var type: String
        var status: String
        var status_en: String
        var number: String?
        var entity_id: String?
        var submitted_at: String?
        var reviewed_at: String?
        var reason: String?
    }

    func validate() throws {
        if let status, ItemStatus(name: status) == nil {
            throw ValidationError("unknown status '\(status)'; use one of: \(ItemStatus.allCases.map(\.rawValue).joined(separator: " "))")
        }
        if let type, AlgorithmType(rawValue: type) == nil, AlgorithmType(code: type) == nil {
            throw ValidationError("unknown type '\(type)'; use one of: \(AlgorithmType.allCases.map(\.rawValue).joined(separator: " "))")
        }
    }

    func run() throws {
        let lang = global.language
        let record: BundleRecord
        do { record = try BundleRecord.open(bundle, clock: Clock.fromEnvironment()) } catch { throw error.exit(lang: lang) }
        let wantType = type.flatMap { AlgorithmType(rawValue: $0) ?? AlgorithmType(code: $0) }
        let wantStatus = status.flatMap(ItemStatus.init(name:))
        /// The latest reason a reviewer gave (a rejected submission or change), or a pending cancellation's.
        func reason(_ s: ItemState) -> String? {
            if let d = s.lastDecision, d.action == .reject, (s.lastSubmit?.seq ?? 0) < d.seq || s.status == .rejected { return d.reason }
            return nil
        }
        func row(_ ref: ItemRef, name: String, type: String) -> Row {
            let s = record.state(ref)
            return Row(item: ref.description, name: name, type: type, status: s.status.rawValue, status_en: s.status.english,
                       number: s.number?.description, entity_id: ref == .entity ? s.entityID : nil,
                       submitted_at: (s.pendingCancel ?? s.lastSubmit)?.time, reviewed_at: s.lastDecision?.time, reason: reason(s))
        }
        var rows: [Row] = []
        // The entity and its products first (no type: a --type filter keeps algorithms only).
        if record.bundle.entity != nil || record.states[.entity] != nil {
            rows.append(row(.entity, name: record.bundle.entity?.name ?? "", type: lang == .zh ? "主体" : "entity"))
        }
        var products = Set(record.bundle.products.map(\.id))
        for ref in record.states.keys { if case .product(let id) = ref { products.insert(id) } }
        for id in products.sorted() {
            rows.append(row(.product(id), name: record.bundle.products.first { $0.id == id }?.name ?? "", type: lang == .zh ? "产品" : "product"))
        }
        var ids = Set(record.bundle.algorithms.map(\.id))
        for ref in record.states.keys { if case .algorithm(let id) = ref { ids.insert(id) } }
        rows += ids.sorted().map { id in
            row(.algorithm(id), name: record.bundle.algorithms.first { $0.id == id }?.name ?? "", type: record.bundle.algorithms.first { $0.id == id }?.type ?? "")
        }
        rows = rows.filter { r in
            (wantStatus == nil || r.status == wantStatus!.rawValue) && (wantType == nil || r.type == wantType!.rawValue)
        }
        switch sort {
        case .id: break
        case .submitted: rows.sort { ($0.submitted_at ?? "", $0.item) < ($1.submitted_at ?? "", $1.item) }
        case .reviewed: rows.sort { ($0.reviewed_at ?? "", $0.item) < ($1.reviewed_at ?? "", $1.item) }
        }
        if desc { rows.reverse() }
        if json { Console.out(DiagnosticRenderer.encodeJSON(rows)); return }
        if rows.isEmpty { Console.out(lang == .zh ? "没有符合条件的事项\n" : "nothing matches\n"); return }
        let header = lang == .zh ? ["事项", "名称", "类型", "状态", "备案编号 / 主体标识", "提交时间", "审核时间"]
                                 : ["item", "name", "type", "status", "number / entity id", "submitted", "reviewed"]
        Console.out(Table.render([header] + rows.map {
            [$0.item, $0.name, $0.type, lang == .zh ? $0.status : $0.status_en, $0.number ?? $0.entity_id ?? "-", $0.submitted_at ?? "-", $0.reviewed_at ?? "-"]
        }))
        for r in rows where r.reason != nil {
            Console.out(lang == .zh ? "\(r.item) 未通过理由：\(r.reason!)\n" : "\(r.item) rejected: \(r.reason!)\n")
        }
    }
}
