import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianRegistry

/// `beian status <bundle>`: the filer's query of its algorithms (seed §六(二)).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List the entity's algorithms with status, type, number and review times.")

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
        var ids = Set(record.bundle.algorithms.map(\.id))
        for ref in record.states.keys { if case .algorithm(let id) = ref { ids.insert(id) } }
        var rows: [Row] = ids.sorted().map { id in
            let s = record.state(.algorithm(id))
            let a = record.bundle.algorithms.first { $0.id == id }
            return Row(item: "algorithm:\(id)", name: a?.name ?? "", type: a?.type ?? "", status: s.status.rawValue,
                       status_en: s.status.english, number: s.number?.description,
                       submitted_at: (s.pendingCancel ?? s.lastSubmit)?.time, reviewed_at: s.lastDecision?.time,
                       reason: s.status == .rejected ? s.lastDecision?.reason : nil)
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
        if rows.isEmpty { Console.out(lang == .zh ? "没有符合条件的算法\n" : "no algorithms match\n"); return }
        let header = lang == .zh ? ["事项", "算法名称", "类型", "状态", "备案编号", "提交时间", "审核时间"]
                                 : ["item", "name", "type", "status", "number", "submitted", "reviewed"]
        Console.out(Table.render([header] + rows.map {
            [$0.item, $0.name, $0.type, lang == .zh ? $0.status : $0.status_en, $0.number ?? "-", $0.submitted_at ?? "-", $0.reviewed_at ?? "-"]
        }))
        for r in rows where r.reason != nil {
            Console.out(lang == .zh ? "\(r.item) 未通过理由：\(r.reason!)\n" : "\(r.item) rejected: \(r.reason!)\n")
        }
    }
}
