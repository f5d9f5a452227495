import BeianBundle
import BeianModel
import BeianTemplates
import Foundation
import Testing

/// The demo registry in `bundles/` is what the main commands run on: it must stay valid and
/// keep covering what a demo should show.
@Suite struct DemoBundleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("bundles")

    static var bundlePaths: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { root.appendingPathComponent($0).path }
    }

    static func loadAll() throws -> [LoadedBundle] {
        let loader = BundleLoader(draft: false, today: CalendarDate(year: 2026, month: 11, day: 29)!)
        return try bundlePaths.map { try loader.load($0) }
    }

    @Test func everyDemoBundleValidatesClean() throws {
        let bundles = try Self.loadAll()
        #expect(bundles.count >= 3)
        for bundle in bundles {
            #expect(bundle.diagnostics.isEmpty, "\(bundle.id): \(bundle.diagnostics.map { "\($0.location): \($0.message.en)" })")
            #expect(FileManager.default.fileExists(atPath: bundle.root.appendingPathComponent("\(BundlePaths.registryDir)/ledger.jsonl").path),
                    "\(bundle.id) ships its ledger: scripts/approve-demo approves the demo through the CLI")
        }
    }

    @Test func theDemoCoversRolesTypesFormsAndEveryFormOfAppliesTo() throws {
        let bundles = try Self.loadAll()
        let algorithms = bundles.flatMap(\.algorithms)
        #expect(Set(algorithms.compactMap(\.algorithmType)).count >= 4)
        #expect(algorithms.contains { $0.algorithmType == .generative })
        #expect(Set(algorithms.compactMap(\.algorithmRole)) == Set(AlgorithmRole.allCases))
        for supporter in algorithms where supporter.algorithmRole == .technicalSupporter {
            #expect(supporter.appliesTo.isEmpty && supporter.technicalService != nil)
        }
        let forms = Set(bundles.flatMap(\.products).map(\.form))
        #expect(forms.isSuperset(of: ["APP", "网站", "小程序"]))
        #expect(bundles.flatMap(\.products).flatMap(\.paths).contains { $0.steps.count >= 3 })
        let entries = algorithms.flatMap(\.appliesTo)
        #expect(entries.contains { $0.path == nil && $0.function == nil })
        #expect(entries.contains { $0.path != nil && $0.function == nil })
        #expect(entries.contains { $0.path == nil && $0.function != nil })
    }

    @Test func demoIdentifiersAreObviouslyFictional() throws {
        for bundle in try Self.loadAll() {
            let entity = try #require(bundle.entity)
            #expect(entity.creditCode.dropFirst(8).hasPrefix("MA000000"), "\(bundle.id)")
            for person in [entity.legalRepresentative, entity.securityOfficer] {
                #expect(person.idNumber.dropFirst(14).hasPrefix("000"), "\(bundle.id): sequence 000 is never issued")
            }
            #expect(entity.securityOfficer.email.hasSuffix(".example.cn"))
        }
    }

    @Test func everyTemplateRendersForEveryDemoAlgorithm() throws {
        for bundle in try Self.loadAll() {
            let input = TemplateInput(entity: try #require(bundle.entity), products: bundle.products, algorithms: bundle.algorithms)
            for kind in TemplateKind.allCases {
                for id in kind.needsAlgorithm ? input.algorithmIDs.map(Optional.some) : [String?.none] {
                    let html = try TemplateRenderer.render(kind, input, algorithm: id)
                    #expect(html.contains(try #require(bundle.entity?.name)), "\(bundle.id) \(kind) \(id ?? "")")
                    #expect(!html.contains("<div class=\"lines\"><div></div><div></div><div></div><div></div></div>") || kind != .disclosure,
                            "\(bundle.id) \(id ?? ""): every disclosure section is written")
                }
            }
        }
    }
}
