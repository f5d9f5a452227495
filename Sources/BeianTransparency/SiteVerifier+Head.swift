import BeianDiagnostics
import BeianModel
import BeianPortal
import BeianStore
import BeianTrust
import Foundation

/// Check 1, the head (V971): `transparency/checkpoint` is a C2SP checkpoint signed by the key,
/// and `transparency/records.txt` gives its size and RFC 9162 root. Nothing else is believed
/// until it holds.
extension SiteVerifier {
    func headProblem(_ relative: String, line: Int = 1, zh: String, en: String) -> Diagnostic {
        problem(.siteHeadInvalid, relative, line: line, zh: zh, en: en,
                helpZh: "不要信任这个站点副本；从登记机关自己的网址获取站点，并确认公钥来自站点之外",
                helpEn: "do not trust this copy; fetch the site from the regulator's own address and check the key came from outside the site")
    }

    func checkHead(into problems: inout [Diagnostic]) -> (SignedHead, [Leaf])? {
        guard let signed = signedHead(into: &problems) else { return nil }
        guard let leaves = recordList(signed.checkpoint, into: &problems) else { return nil }
        return (signed, leaves)
    }

    /// The checkpoint, signed by the key, with its extension lines.
    func signedHead(into problems: inout [Diagnostic]) -> SignedHead? {
        let note: String
        switch read(SiteHead.checkpoint, limit: 1 << 20) {
        case .failure(let f):
            let d = Self.describe(f)
            problems.append(headProblem(SiteHead.checkpoint, zh: "站点的签名摘要 /\(SiteHead.checkpoint) \(d.zh)：无法核验这个站点",
                                        en: "the site's signed head /\(SiteHead.checkpoint) \(d.en): the site cannot be verified"))
            return nil
        case .success(let data):
            note = String(decoding: data, as: UTF8.self)
        }
        let text: String
        switch SignedNote.open(note, verifiedBy: key) {
        case .success(let t): text = t
        case .failure(let p):
            let (zh, en): (String, String) = switch p {
            case .malformed(let why): ("不是签名摘要（\(why)）", "is not a signed note (\(why))")
            case .noSignatureByKey: ("没有登记簿公钥 \(key.name)+\(key.keyID) 的签名", "carries no signature by the registry key \(key.name)+\(key.keyID)")
            case .badSignature: ("的签名与内容不符：摘要被改动过，或签名是伪造的", "has a signature that does not match its text: the head was altered or the signature forged")
            }
            problems.append(headProblem(SiteHead.checkpoint, zh: "/\(SiteHead.checkpoint) \(zh)", en: "/\(SiteHead.checkpoint) \(en)"))
            return nil
        }
        guard let head = Checkpoint(text: text) else {
            problems.append(headProblem(SiteHead.checkpoint, zh: "/\(SiteHead.checkpoint) 签名有效，但不是检查点格式（来源、数量、根哈希）",
                                        en: "/\(SiteHead.checkpoint) is signed but is not a checkpoint (origin, size, root hash)"))
            return nil
        }
        if head.origin != key.name {
            problems.append(headProblem(SiteHead.checkpoint, zh: "摘要的来源“\(head.origin)”不是公钥的名称“\(key.name)”",
                                        en: "the head's origin “\(head.origin)” is not the key's name “\(key.name)”"))
        }
        // The copy of the key on the site is a convenience; a different one is a sign of tampering.
        if case .success(let data) = read(SiteHead.registryKey, limit: 4_096),
           VerifierKey(String(decoding: data, as: UTF8.self)) != key {
            problems.append(headProblem(SiteHead.registryKey, zh: "站点上的登记簿公钥副本与你给出的公钥不同（以你从站点之外得到的公钥为准）",
                                        en: "the copy of the registry key on the site differs from the key you gave (the key from outside the site is the one that counts)"))
        }
        return SignedHead(checkpoint: head, note: note)
    }

    /// `records.txt`: the records published now, ids ascending.
    func recordList(_ head: Checkpoint, into problems: inout [Diagnostic]) -> [Leaf]? {
        let leavesData: Data
        switch read(SiteHead.records, limit: Self.dataLimit) {
        case .failure(let f):
            let d = Self.describe(f)
            problems.append(headProblem(SiteHead.records, zh: "记录清单 /\(SiteHead.records) \(d.zh)", en: "the record list /\(SiteHead.records) \(d.en)"))
            return nil
        case .success(let d): leavesData = d
        }
        var leaves: [Leaf] = []
        leaves.reserveCapacity(min(head.size, 1 << 20))
        var line = 0
        var previous = ""
        for raw in leavesData.split(separator: 0x0A, omittingEmptySubsequences: false) {
            line += 1
            if raw.isEmpty && line > 1 { continue }  // the final newline
            let parts = raw.split(separator: 0x20)
            guard parts.count == 2, parts[0].count == 21, parts[0].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let hash = Self.hexBytes(parts[1]), hash.count == 32 else {
                if raw.isEmpty && line == 1 { continue }
                problems.append(headProblem(SiteHead.records, line: line, zh: "第 \(line) 行不是“21 位编号 空格 64 位十六进制哈希”",
                                            en: "line \(line) is not “21-digit id, space, 64 hex digits”"))
                return nil
            }
            let id = String(decoding: parts[0], as: UTF8.self)
            guard id > previous else {
                problems.append(headProblem(SiteHead.records, line: line, zh: "第 \(line) 行的编号 \(id) 未按升序排列或重复",
                                            en: "the id \(id) on line \(line) is out of order or repeated"))
                return nil
            }
            previous = id
            leaves.append(Leaf(id: id, hash: hash))
        }
        return leaves
    }

    /// Lower-case hex digits as bytes; nil for anything else.
    static func hexBytes<Digits: Collection<UInt8>>(_ digits: Digits) -> Data? {
        guard digits.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        var out = Data(capacity: digits.count / 2)
        var high: UInt8?
        for c in digits {
            guard let n = nibble(c) else { return nil }
            if let h = high { out.append(h << 4 | n); high = nil } else { high = n }
        }
        return out
    }
}
