import BeianRegistry
import Foundation
import Synchronization
import Testing

/// Issue 14: racing writers lose nothing. Several processes submit, approve, reject, cancel
/// and reject on the same bundle at once; every event a command reported must be in
/// the ledger afterwards, each once, and `verify` must pass. Before every write took the
/// bundle's lock, four concurrent `submit`s all printed "#N" and some of those events were
/// missing from the ledger in 9 of 10 rounds.
@Suite(.serialized) struct ConcurrentWritersTests {
    /// What one command reported: its ledger events (hash, seq, action, item).
    struct Reported: Hashable { var hash: String; var seq: Int; var action: String; var item: String }

    static func events(_ stdout: String) -> [Reported] {
        let data = Data(stdout.utf8)
        let objects: [[String: Any]]
        if let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] { objects = list }
        else if let one = try? JSONSerialization.jsonObject(with: data) as? [String: Any] { objects = [one] }
        else { return [] }
        return objects.compactMap { o in
            guard let hash = o["hash"] as? String, let seq = o["seq"] as? Int, let action = o["action"] as? String,
                  let item = o["item"] as? String else { return nil }
            return Reported(hash: hash, seq: seq, action: action, item: item)
        }
    }

    @Test func everyReportedEventIsInTheLedger() throws {
        let s = try Scratch()
        // Everything approved first, so changes, reviews and cancellations can all happen.
        var r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        #expect(r.status == 0)
        for item in ["entity", "product:app", "algorithm:feed", "algorithm:search"] {  // product:app is linked: reviewed before the algorithms
            r = try CLI.run(["review", "approve", "xc", item, "--reviewer", "R"], cwd: s.root)
            #expect(r.status == 0, "\(item): \(r.stdout)")
        }
        let log = Log()
        let root = s.root
        @Sendable func run(_ args: [String]) { log.run(args, cwd: root) }
        /// Edits `file` (each writer its own text) and submits `item`, six times.
        @Sendable func filer(_ file: String, _ old: String, _ item: String, tag: String) -> Thread {
            Thread {
                let url = root.appendingPathComponent(file)
                for k in 0..<6 {
                    guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                    try? text.replacingOccurrences(of: old, with: old + "\(tag)\(k)").write(to: url, atomically: true, encoding: .utf8)
                    run(["submit", "xc", item, "--json"] + attest)
                    try? text.write(to: url, atomically: true, encoding: .utf8)
                }
            }
        }
        let threads = [
            filer("xc/entity.yaml", "中关村大街1号", "entity", tag: "院"),
            filer("xc/products/app.yaml", "面向公众的个人用户", "product:app", tag: "群体"),
            filer("xc/algorithms/search/algorithm.yaml", "感兴趣的内容", "algorithm:search", tag: "版本"),
            Thread {
                for k in 0..<8 {
                    for item in ["entity", "product:app", "algorithm:search"] {
                        run(k % 2 == 0 ? ["review", "approve", "xc", item, "--reviewer", "R", "--json"]
                                       : ["review", "reject", "xc", item, "--reviewer", "R", "--reason", "再改", "--json"])
                    }
                }
            },
            Thread {
                for _ in 0..<4 {
                    run(["cancel", "xc", "algorithm:feed", "--reason", "下线", "--json"] + attest)
                    run(["review", "reject", "xc", "algorithm:feed", "--reviewer", "R", "--reason", "暂不注销", "--json"])
                }
            },
        ]
        threads.forEach { $0.start() }
        let deadline = Date().addingTimeInterval(120)
        while threads.contains(where: { !$0.isFinished }) && Date() < deadline { usleep(10_000) }
        let finished = threads.allSatisfy { $0.isFinished }
        #expect(finished, "the writers did not finish within two minutes")
        let failures = log.failures.withLock { $0 }
        #expect(failures.isEmpty, "\(failures)")

        let ledger = try String(contentsOf: s.path("xc/.beian/ledger.jsonl"), encoding: .utf8)
        let inLedger = Set(ledger.split(separator: "\n").compactMap { $0.firstMatch(of: /"hash":"([0-9a-f]{64})"/).map { String($0.1) } })
        let all = log.reported.withLock { $0 }
        #expect(all.count >= 10, "too few writes succeeded to show anything: \(all.count)")
        let missing = all.filter { !inLedger.contains($0.hash) }
        #expect(missing.isEmpty, "reported but not in the ledger: \(missing)")
        #expect(Set(all.map(\.seq)).count == all.count, "two commands reported the same event number")
        r = try CLI.run(["verify", "xc"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
    }

    /// What the writers reported, and what went wrong, across threads.
    final class Log: Sendable {
        let reported = Mutex<[Reported]>([])
        let failures = Mutex<[String]>([])

        /// Runs one command; a success must report its events, an exit of 2 (integrity) or a crash is a failure.
        func run(_ args: [String], cwd: URL) {
            do {
                let r = try CLI.run(args, cwd: cwd)
                if r.status == 0 {
                    let events = ConcurrentWritersTests.events(r.stdout)
                    if events.isEmpty { failures.withLock { $0.append("\(args): exit 0 but no event in \(r.stdout)") } }
                    reported.withLock { $0 += events }
                } else if r.status != 1 {
                    failures.withLock { $0.append("\(args): exit \(r.status): \(r.stdout)\(r.stderr)") }
                }
            } catch {
                failures.withLock { $0.append("\(args): \(error)") }
            }
        }
    }
}
