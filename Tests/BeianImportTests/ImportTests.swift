import BeianDiagnostics
import BeianImport
import BeianModel
import BeianRegistry
import BeianTestSupport
import Foundation
import Testing

/// 235 real rows of CAC's lists (with both published typos, repeated listings, renames,
/// technical supporters) and all 57 real cancellations.
enum Data235 {
    static let lists = Bundle.module.url(forResource: "Fixtures/lists", withExtension: "csv")!
    static let cancellations = Bundle.module.url(forResource: "Fixtures/cancellations", withExtension: "csv")!

    static func plan() -> ImportPlan {
        let (rows, p1) = ListReader.filings(lists, display: "lists.csv")
        let (cancel, p2) = ListReader.cancellations(cancellations, display: "cancellations.csv")
        #expect(p1.isEmpty && p2.isEmpty)
        return ImportPlan.make(rows: rows, listDisplay: "lists.csv", cancellations: cancel, cancellationsDisplay: "cancellations.csv")
    }
}

@Test func productCellsSplitOnlyOutsideParentheses() {
    #expect(ProductList.parse("微博（APP、网站、小程序）") == ["微博（APP、网站、小程序）"])
    #expect(ProductList.parse("美团（APP、小程序）、美团众包（APP）") == ["美团（APP、小程序）", "美团众包（APP）"])
    #expect(ProductList.parse("阿水AI(网站)、阿水AI(APP)") == ["阿水AI（网站）", "阿水AI（APP）"])
    #expect(ProductList.parse("--").isEmpty)
    #expect(ProductList.parse(" ").isEmpty)
}

@Test func dirtyRowsAreReportedWithTheirLineAndHandledByRule() {
    let plan = Data235.plan()
    #expect(plan.rowsRead == 235)
    #expect(plan.filingCount == 227)
    let text = DiagnosticRenderer.text(plan.diagnostics, lang: .en)
    #expect(text.contains("lists.csv:10:1: warning[I901]: filing number '网信算备1101082242366066220017号' has 22 digits; corrected to 网信算备110108224236606220017号 by its check digit"))
    #expect(text.contains("lists.csv:98:1: warning[I901]: filing number 网信算备440305295988702220055号 fails its check digit; kept as published"))
    #expect(plan.diagnostics.filter { $0.message.en.contains("listed again") }.count == 8)
    #expect(!plan.diagnostics.hasErrors)
    let all = plan.entities.flatMap(\.filings)
    let fixed = all.first { $0.number.digits == "110108224236606220017" }
    #expect(fixed?.type == .scheduling && fixed?.entityName == "北京三快科技有限公司")
    // A repeated listing keeps its first approval date.
    let kuaishou = all.first { $0.algorithmName == "快手短视频生成合成算法" }
    #expect(kuaishou?.approvedOn == CalendarDate("2022-08-01"))
    // 检索过滤类 takes its type from the number's code.
    #expect(all.first { $0.number.digits == "110101135224304220013" }?.type == .retrieval)
    // Technical supporters have no products ("--").
    #expect(all.filter { $0.role == .technicalSupporter }.allSatisfy { $0.products.isEmpty && $0.productsText == "--" })
    #expect(all.filter { $0.role == .technicalSupporter }.count >= 20)
}

@Test func importBecomesApprovedRecordsAndRunsTwiceWithoutChange() throws {
    let dir = ScratchFolders.register(FileManager.default.temporaryDirectory.appendingPathComponent("beian-import-\(UUID().uuidString)"))
    let plan = Data235.plan()
    let importer = Importer(registry: dir, registryDisplay: dir.path, clock: Clock(now: 1_764_000_000))
    let first = try importer.write(plan)
    #expect(first.filings == 227 && first.bundlesWritten == plan.entities.count && first.cancelled >= 57)
    let filings = try PublicRegistry.filings(in: dir.path)
    #expect(filings.count == 227)
    #expect(Set(filings.map(\.number)).count == 227)
    let cancelled = filings.filter { $0.status == .cancelled }
    #expect(cancelled.count >= 57)
    let noticed = try #require(filings.first { $0.number.digits == "320114586731201240019" })
    #expect(noticed.status == .cancelled && noticed.cancelledOn == CalendarDate("2025-07-14"))
    #expect(noticed.notes.contains("已注销"))
    let renamed = try #require(filings.first { $0.number.digits == "110105799745702220015" })
    #expect(renamed.notes == ["原主体名称“北京网聘咨询有限公司”变更为“北京网聘信息技术有限公司”"])
    #expect(filings.allSatisfy { $0.imported })

    let ledger = dir.appendingPathComponent("cac-1352243/.beian/ledger.jsonl")
    let before = try Data(contentsOf: ledger)
    let second = try Importer(registry: dir, registryDisplay: dir.path, clock: Clock(now: 1_800_000_000)).write(plan)
    #expect(second.bundlesWritten == 0 && second.bundlesUnchanged == plan.entities.count)
    #expect(try Data(contentsOf: ledger) == before)
    for path in RegistryIndex.bundlePaths(in: dir.path).prefix(20) {
        #expect(Verifier.verify(bundlePath: path, clock: Clock(now: 1_764_000_000)).isEmpty)
    }
    #expect(Verifier.verifyRegistry(root: dir, display: dir.path).isEmpty)
}

@Test func cellsWithCommasAndQuotesAndMissingColumns() throws {
    let dir = ScratchFolders.register(FileManager.default.temporaryDirectory.appendingPathComponent("beian-csv-\(UUID().uuidString)"))
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let good = dir.appendingPathComponent("good.csv")
    try """
    算法名称,算法类别,角色,主体名称,应用产品,主要用途,备案编号,备注
    "A,""引号""算法",个性化推送类,,"某,公司",产品（APP）、乙（网站）,"用途，含逗号
    和换行",网信算备110101135224302220011号,
    """.write(to: good, atomically: true, encoding: .utf8)
    let (rows, problems) = ListReader.filings(good, display: "good.csv")
    #expect(problems.isEmpty)
    #expect(rows.count == 1)
    #expect(rows[0].algorithmName == "A,\"引号\"算法")
    #expect(rows[0].entityName == "某,公司")
    #expect(rows[0].purpose == "用途，含逗号\n和换行")

    let bad = dir.appendingPathComponent("bad.csv")
    try "算法名称,主体名称\nx,y\n".write(to: bad, atomically: true, encoding: .utf8)
    let (_, missing) = ListReader.filings(bad, display: "bad.csv")
    #expect(missing.count == 1)
    #expect(DiagnosticRenderer.text(missing, lang: .en).hasPrefix("bad.csv:1:1: error[I901]: missing columns: 应用产品, 主要用途, 备案编号"))
}

/// A filing listed again with changed public fields: the re-listing step of its history names
/// them, old → new, as an approved change does (issue 19).
@Test func aRelistingWithChangedFieldsRecordsTheChanges() throws {
    let all = Data235.plan().entities.flatMap(\.filings)
    let tongling = try #require(all.first { $0.number.digits == "330110807992101250019" })
    let step = try #require(tongling.history.last)
    #expect(step.note == "再次列入 2025-07 公布的备案清单")
    #expect(step.changes.map(\.field) == [.products, .purpose])
    #expect(step.changes.first?.old == ["同瓴AirCloneAl（V1.0）（小程序）"])
    #expect(step.changes.first?.new == ["同瓴AirCloneAl小程序（V1.0）（小程序）"])
    #expect(step.changes.last?.old == ["应用于数字人视频生成场景，根据用户输入的视频和音频，生成唇形与声音一致的数字人视频。"])
    #expect(step.changes.last?.new == [tongling.purpose])
    // Through the registry: the imported snapshot keeps the changes.
    let dir = ScratchFolders.register(FileManager.default.temporaryDirectory.appendingPathComponent("beian-import-\(UUID().uuidString)"))
    _ = try Importer(registry: dir, registryDisplay: dir.path, clock: Clock(now: 1_764_000_000)).write(Data235.plan())
    let read = try #require(try PublicRegistry.filings(in: dir.path).first { $0.number == tongling.number })
    #expect(read.history == tongling.history)
    // Every re-listing compares the two listings' public fields (imported filings have no disclosure).
    let relistings = all.filter { $0.history.count > 1 }.flatMap { $0.history.dropFirst() }
    #expect(relistings.count == 8 && relistings.allSatisfy { !$0.changes.isEmpty && !$0.changes.contains { $0.field == .disclosure } })
}
