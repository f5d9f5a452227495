import BeianDiagnostics
import BeianModel
import BeianPortal
import BeianStore
import BeianTrust
import Foundation

/// Checks 2 and 3, records and pages (V972, V973): every record the head lists hashes to its
/// leaf, its page shows it (`PageCheck.swift`), and no filing folder is there that the head
/// does not list.
extension SiteVerifier {
    /// What the open data must show for one filing.
    struct Expected: Sendable {
        /// The published CSV columns after 序号, in order (`FilingsCSV.columns`), as plain values.
        var csv: [String]
    }

    struct Checked: Sendable {
        var id: String
        var problems: [Diagnostic] = []
        var recordOK = false
        var pageOK = false
        var expected: Expected?
    }

    func checkFiling(_ leaf: Leaf) -> Checked {
        var c = Checked(id: leaf.id)
        let url = "/" + Routes.filing(leaf.id)
        let recordPath = PublicRecord.path(leaf.id)
        func recordProblem(_ zh: String, _ en: String) {
            c.problems.append(problem(.siteRecordMismatch, recordPath, zh: zh, en: en,
                                      helpZh: "不要信任这个站点副本上的该备案；以登记机关自己的站点为准",
                                      helpEn: "do not trust this filing on this copy; the regulator's own site is authoritative"))
        }
        let bytes: Data
        switch read(recordPath, limit: Self.pageLimit) {
        case .failure(let f):
            let d = Self.describe(f)
            recordProblem("签名摘要列出的备案 \(url) 的公示记录 \(d.zh)（备案被删除？）",
                          "the record of \(url), listed by the signed head, \(d.en) (a filing removed?)")
            return c
        case .success(let b): bytes = b
        }
        guard MerkleTree.leafHash(bytes) == leaf.hash else {
            recordProblem("\(url) 的公示记录被改动：与签名摘要中的哈希不符", "the record of \(url) was altered: it does not hash to the signed head's leaf")
            return c
        }
        guard let record = RecordFields(bytes), record.id == leaf.id else {
            recordProblem("\(url) 的公示记录哈希正确，但不是可读的公示记录", "the record of \(url) hashes right but is not a readable record")
            return c
        }
        c.recordOK = true
        c.expected = Expected(csv: record.csvColumns)
        let before = c.problems.count
        checkPage(record, url: url, into: &c.problems)
        c.pageOK = c.problems.count == before
        return c
    }

    /// Filing folders (or records) on the site that the head does not list.
    func unlisted(_ leaves: [Leaf]) -> [Diagnostic] {
        let listed = Set(leaves.map(\.id))
        var out: [Diagnostic] = []
        // Filing URLs are `/filings/<21 digits>/`; anything else there (an index page) is no filing.
        // In each language's folder (the English copies under en/filings/ too).
        for folder in Lang.allCases.map({ $0.pathPrefix + "filings" }) {
            for name in NoFollow.list(root: site, folder).sorted() where Slug.isDigits(name, count: 21) && !listed.contains(name) {
                out.append(problem(.siteRecordMismatch, "\(folder)/\(name)/",
                                   zh: "/\(folder)/\(name)/ 不在签名摘要中：登记簿从未公示这个备案",
                                   en: "/\(folder)/\(name)/ is not in the signed head: the registry never published this filing",
                                   helpZh: "这是镜像添加的内容，不要信任它", helpEn: "the mirror added it; do not trust it"))
            }
        }
        return out
    }
}
