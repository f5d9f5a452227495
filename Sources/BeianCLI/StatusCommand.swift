import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianRegistry

/// `beian status <bundle>`: the filer's query (seed §六(二)); the rows come from `StatusReport`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List the entity, its products and its algorithms with status, number, entity id, latest reason and times.",
        discussion: "Filters combine: --status, --type (algorithms only), and time ranges by submission and by review (each bound inclusive; a date alone covers the whole day, China time).")

    enum SortKey: String, ExpressibleByArgument, CaseIterable { case submitted, reviewed, id, status, type }

    @Argument(help: "The bundle folder.")
    var bundle: String

    @Option(help: "Only this status: 草稿 待审核 已通过 未通过 变更审核中 注销审核中 已注销 未备案 (or English).")
    var status: String?

    @Option(help: "Only this type: 生成合成类 个性化推送类 排序精选类 信息检索类 内容过滤类 调度决策类 (or code 01–06).")
    var type: String?

    @Option(help: "Sort by submitted, reviewed, id, status (in lifecycle order: 草稿 待审核 未通过 未备案 已通过 变更审核中 注销审核中 已注销) or type (the entity, products, then algorithms by type code 01–06).")
    var sort: SortKey = .id

    @Flag(help: "Newest first.")
    var desc = false

    @Option(name: .customLong("submitted-since"), help: "Only items submitted (or whose cancellation was requested) at or after this date or date-time (YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS][+08:00]; China time unless an offset is given).")
    var submittedSince: String?

    @Option(name: .customLong("submitted-until"), help: "Only items submitted at or before this date (the whole day) or date-time.")
    var submittedUntil: String?

    @Option(name: .customLong("reviewed-since"), help: "Only items whose latest review decision is at or after this date or date-time.")
    var reviewedSince: String?

    @Option(name: .customLong("reviewed-until"), help: "Only items whose latest review decision is at or before this date (the whole day) or date-time.")
    var reviewedUntil: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let status, ItemStatus(name: status) == nil {
            throw ValidationError("unknown status '\(status)'; use one of: \(ItemStatus.allCases.map(\.rawValue).joined(separator: " "))")
        }
        if let type, AlgorithmType(rawValue: type) == nil, AlgorithmType(code: type) == nil {
            throw ValidationError("unknown type '\(type)'; use one of: \(AlgorithmType.allCases.map(\.rawValue).joined(separator: " "))")
        }
        for (flag, value) in [("--submitted-since", submittedSince), ("--submitted-until", submittedUntil),
                              ("--reviewed-since", reviewedSince), ("--reviewed-until", reviewedUntil)] {
            if let value, StatusReport.bound(value, endOfDay: false) == nil {
                throw ValidationError("\(flag) '\(value)' is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS][+08:00])")
            }
        }
    }

    func run() throws {
        let lang = global.language
        let record: BundleRecord
        do { record = try Registry().record(bundle: bundle) } catch { throw error.exit(lang: lang, format: json ? .json : .text) }
        var report = StatusReport(record, english: lang == .en)
        report.filter(status: status.flatMap(ItemStatus.init(name:)), type: type.flatMap { AlgorithmType(rawValue: $0) ?? AlgorithmType(code: $0) },
                      submitted: .init(since: submittedSince.flatMap { StatusReport.bound($0, endOfDay: false) },
                                       until: submittedUntil.flatMap { StatusReport.bound($0, endOfDay: true) }),
                      reviewed: .init(since: reviewedSince.flatMap { StatusReport.bound($0, endOfDay: false) },
                                      until: reviewedUntil.flatMap { StatusReport.bound($0, endOfDay: true) }))
        var rows = report.rows
        switch sort {
        case .id: break
        case .submitted: rows.sort { ($0.submitted_at ?? "", $0.item) < ($1.submitted_at ?? "", $1.item) }
        case .reviewed: rows.sort { ($0.reviewed_at ?? "", $0.item) < ($1.reviewed_at ?? "", $1.item) }
        case .status:
            let rank = { (r: StatusReport.Row) in ItemStatus(name: r.status)?.lifecycleRank ?? Int.max }
            rows.sort { (rank($0), $0.item) < (rank($1), $1.item) }
        case .type:
            // The entity, then products, then algorithms by type code (an unknown type last).
            let rank = { (r: StatusReport.Row) -> String in
                switch ItemRef(r.item) {
                case .entity?: "0"
                case .product?: "1"
                default: "2" + (AlgorithmType(rawValue: r.type)?.code ?? "99")
                }
            }
            rows.sort { (rank($0), $0.item) < (rank($1), $1.item) }
        }
        if desc { rows.reverse() }
        if json { Console.out(DiagnosticRenderer.encodeJSON(rows)); return }
        if rows.isEmpty { Console.out(lang == .zh ? "没有符合条件的事项\n" : "nothing matches\n"); return }
        let header = lang == .zh ? ["事项", "名称", "类型", "状态", "备案编号", "主体标识", "提交时间", "审核时间"]
                                 : ["item", "name", "type", "status", "number", "entity id", "submitted", "reviewed"]
        // An item with unsubmitted edits is marked beside its status (the row shows what was
        // last approved or submitted, not the edit).
        let edited = lang == .zh ? " · 有未提交的修改" : " · unsubmitted edits"
        Console.out(Table.render([header] + rows.map {
            [$0.item, $0.name, $0.type, (lang == .zh ? $0.status : $0.status_en) + ($0.unsubmitted_edits ? edited : ""),
             $0.number ?? "-", $0.entity_id ?? "-", $0.submitted_at ?? "-", $0.reviewed_at ?? "-"]
        }))
        for r in rows where r.unsubmitted_edits {
            Console.out(lang == .zh
                ? "\(r.item) 有未提交的修改：其文件与上次提交或通过的版本不同，上表所列仍为该版本；用 beian submit 提交审核\n"
                : "\(r.item) has unsubmitted edits: its files differ from what was last submitted or approved, which the table shows; beian submit sends them for review\n")
        }
        for r in rows {
            guard let kind = r.reason_kind else { continue }
            let reason = r.reason ?? ""
            let when = r.cancelled_at.map { String($0.prefix(10)) } ?? ""
            let line: String = switch kind {
            case "change_rejected": lang == .zh ? "\(r.item) 变更未通过（仍为已通过，公示上次通过的版本）：\(reason)" : "\(r.item) change rejected (still approved as last approved): \(reason)"
            case "cancellation_rejected": lang == .zh ? "\(r.item) 注销申请未通过（仍为已通过）：\(reason)" : "\(r.item) cancellation rejected (still approved): \(reason)"
            case "cancelled_with_entity": lang == .zh ? "\(r.item) 已随主体于 \(when) 注销：\(reason)" : "\(r.item) cancelled with the entity on \(when): \(reason)"
            case "cancelled_by_regulator": lang == .zh ? "\(r.item) 已于 \(when) 由监管部门注销：\(reason)" : "\(r.item) cancelled by the regulator on \(when): \(reason)"
            case "cancelled": lang == .zh ? "\(r.item) 已于 \(when) 注销：\(reason)" : "\(r.item) cancelled on \(when): \(reason)"
            default: lang == .zh ? "\(r.item) 未通过理由：\(reason)" : "\(r.item) rejected: \(reason)"
            }
            Console.out(line + "\n")
        }
    }
}
