import Foundation
import Testing

/// Runs the real `beian` binary: exit codes and where output goes are API (SPEC §1).
@Suite struct TemplateCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL = {
        let dir = Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return dir.appendingPathComponent("beian")
    }()

    static let bundles = DemoBundleTests.root.path

    func beian(_ args: String...) throws -> Run {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the beian executable first (swift build)")
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = args
        process.environment = ["LANG": "C", "SOURCE_DATE_EPOCH": "1796000000"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func printsThePageToStdout() throws {
        let run = try beian("template", "commitment-letter", "--bundle", "\(Self.bundles)/xingchen-tech")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(run.stdout.contains("北京星辰智联科技有限公司"))
        #expect(run.stderr.isEmpty)
    }

    @Test func writesOutAtomicallyAndSaysSoOnStderr() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-template-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("nested/self-assessment.html")
        let run = try beian("template", "self-assessment", "--bundle", "\(Self.bundles)/haitang-mobility", "--algorithm", "dispatch",
                            "--out", file.path, "--lang", "zh")
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("已生成《算法安全自评估报告》"))
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.contains("海棠出行智能派单算法"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        #expect(leftovers == ["self-assessment.html"], "no temporary file is left behind")
    }

    @Test func unknownKindIsAUsageError() throws {
        let run = try beian("template", "cover-letter", "--bundle", "\(Self.bundles)/xingchen-tech")
        #expect(run.status == 64)
        #expect(run.stderr.contains("commitment-letter"))
    }

    @Test func missingAlgorithmIsAUsageErrorInTheUsersLanguage() throws {
        let en = try beian("template", "self-assessment", "--bundle", "\(Self.bundles)/xingchen-tech")
        #expect(en.status == 64)
        #expect(en.stderr.contains("--algorithm"))
        let zh = try beian("template", "disclosure", "--bundle", "\(Self.bundles)/xingchen-tech", "--lang", "zh")
        #expect(zh.status == 64)
        #expect(zh.stderr.contains("请用 --algorithm"))
        let extra = try beian("template", "commitment-letter", "--bundle", "\(Self.bundles)/xingchen-tech", "--algorithm", "news-feed")
        #expect(extra.status == 64)
    }

    @Test func unknownAlgorithmIsAFindingThatListsTheChoices() throws {
        let run = try beian("template", "disclosure", "--bundle", "\(Self.bundles)/xingchen-tech", "--algorithm", "nope")
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("error[S704]"))
        #expect(run.stderr.contains("comment-filter, hot-ranking, news-feed"))
    }

    @Test func missingBundleIsAnIOFailure() throws {
        let run = try beian("template", "commitment-letter", "--bundle", "/nonexistent/bundle", "--lang", "zh")
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[B001]"))
        #expect(run.stderr.contains("找不到备案包目录"))
    }
}
