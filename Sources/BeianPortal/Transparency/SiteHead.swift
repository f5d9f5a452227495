import BeianModel
import BeianStore
public import BeianTrust
import Foundation

/// Who signs the portal's head, and when (`PortalInput.head`).
public struct HeadSigning: Sendable {
    /// The registry key (SPEC §7): the key name is the checkpoint's origin.
    public var key: SigningKey
    /// The head's time, seconds since 1970 (a build passes `SOURCE_DATE_EPOCH` when set).
    public var time: Int64

    public init(key: SigningKey, time: Int64) {
        self.key = key
        self.time = time
    }
}

/// The portal's signed head (SPEC §8), under `/transparency/`:
///
/// - `checkpoint`: a C2SP tlog checkpoint, signed as a C2SP note by the registry key — origin
///   (the key's name), the number of records, the RFC 9162 Merkle root over their leaf hashes,
///   and a `time` line;
/// - `records.txt`: the leaves in tree order (ascending filing id), one line each,
///   `<21-digit id> <hex SHA-256(0x00 ‖ record.json)>`, so a verifier names the record that
///   differs, vanished or was added, not only "the root does not match";
/// - `registry-key.txt`: the registry's verifier key (`name+keyid+base64`) — a convenience:
///   a verifier takes the key from outside the mirror and never trusts this copy by itself.
///
/// Each filing's record (`PublicRecord`) sits beside its page. The leaf hashes of unchanged
/// filings come from `.beian-records` in the live site (id, filing key, leaf hash), so a
/// rebuild after one approval encodes one record, not 100,000; a filing whose key changed, or
/// a build without that file, has its record encoded and hashed anew.
enum SiteHead {
    static let folder = "transparency/"
    static let checkpoint = folder + "checkpoint"
    static let records = folder + "records.txt"
    static let registryKey = folder + "registry-key.txt"

    /// One leaf as the bookkeeping file keeps it.
    struct Leaf: Sendable {
        var id: String
        var key: UInt64
        var hash: Data
    }

    /// `.beian-records`: the leaves of the build that wrote it (bookkeeping, not published
    /// by the manifest, like `.beian-chunks`).
    enum Cache {
        static let fileName = ".beian-records"
        static let header = "beian-portal-records 1"

        static func read(siteAt root: String) -> [String: (key: UInt64, hash: Data)] {
            guard let text = try? String(contentsOfFile: root + "/" + fileName, encoding: .utf8) else { return [:] }
            var lines = text.split(separator: "\n")
            guard lines.first == Substring(header) else { return [:] }
            lines.removeFirst()
            var out: [String: (key: UInt64, hash: Data)] = [:]
            out.reserveCapacity(lines.count)
            for line in lines {
                let p = line.split(separator: "\t")
                guard p.count == 3, let key = UInt64(p[1], radix: 16), let hash = Hex.decode(p[2]), hash.count == 32 else { return [:] }
                out[String(p[0])] = (key, hash)
            }
            return out
        }

        static func serialized(_ leaves: [Leaf]) -> [UInt8] {
            var out = header + "\n"
            out.reserveCapacity(leaves.count * 100)
            for l in leaves { out += l.id + "\t" + String(l.key, radix: 16) + "\t" + Hex.encode(l.hash) + "\n" }
            return Array(out.utf8)
        }
    }

    /// Every filing's leaf, in tree order (ascending id).
    static func leaves(_ index: FilingIndex, previous: [String: (key: UInt64, hash: Data)], tasks: Int) async throws -> [Leaf] {
        var leaves: [Leaf] = []
        leaves.reserveCapacity(index.summaries.count)
        var missing: [Int] = []
        var digits: [UInt8] = []
        for (i, s) in index.summaries.enumerated() {
            digits.removeAll(keepingCapacity: true)
            s.appendDigits(to: &digits)
            let id = String(decoding: digits, as: UTF8.self)
            if let p = previous[id], p.key == s.key {
                leaves.append(Leaf(id: id, key: s.key, hash: p.hash))
            } else {
                leaves.append(Leaf(id: id, key: s.key, hash: Data()))
                missing.append(i)
            }
        }
        let filings = index.filings
        let hashes = try await Parallel.map(missing, tasks: tasks, worker: { filings }) { filings, i in
            MerkleTree.leafHash(PublicRecord.bytes(filings[i]))
        }
        for (i, h) in zip(missing, hashes) { leaves[i].hash = h }
        leaves.sort { $0.id < $1.id }
        return leaves
    }

    /// The three published files.
    static func files(_ leaves: [Leaf], signing: HeadSigning) -> [(path: String, bytes: [UInt8])] {
        var list = ""
        list.reserveCapacity(leaves.count * 88)
        for l in leaves { list += l.id + " " + Hex.encode(l.hash) + "\n" }
        let head = Checkpoint(origin: signing.key.name, size: leaves.count, root: MerkleTree.root(leaves.map(\.hash)),
                              extensions: ["time " + rfc3339(signing.time)])
        return [
            (checkpoint, Array(SignedNote.sign(head.text, with: signing.key).utf8)),
            (records, Array(list.utf8)),
            (registryKey, Array((signing.key.verifierKey.description + "\n").utf8)),
        ]
    }

    static func rfc3339(_ seconds: Int64) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

/// Lower-case hex, both ways.
enum Hex {
    static func encode(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(data.count * 2)
        for b in data {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode<S: StringProtocol>(_ text: S) -> Data? {
        let bytes = Array(text.utf8)
        guard bytes.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        var out = Data(capacity: bytes.count / 2)
        var i = 0
        while i < bytes.count {
            guard let hi = nibble(bytes[i]), let lo = nibble(bytes[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
