import BeianDiagnostics
import BeianModel
package import BeianStore
public import BeianTrust
package import Foundation

/// Who signs the portal's head, and when (`PortalInput.head`).
public struct HeadSigning: Sendable {
    /// The registry key (SPEC §7): the key name is the checkpoint's origin.
    public var key: SigningKey
    /// The head's time, seconds since 1970 (a build passes `SOURCE_DATE_EPOCH` when set).
    public var time: Int64

    /// The registry's head chain this site was built from (`registry <lines> <hex hash>`, a
    /// checkpoint extension line): the registry commits to it, so `beian verify --checkpoint`
    /// can prove a registry extends what was published. Nil for an uninitialized registry.
    public var registryAnchor: String?

    /// Witnesses' cosigned copies of this build's checkpoint (`beian witness cosign`), by the
    /// file they came from: their cosignature lines are appended to the note. Each must be of
    /// exactly the checkpoint this build makes (the caller takes `time` from them).
    public var cosignatures: [(source: String, note: String)]

    public init(key: SigningKey, time: Int64, registryAnchor: String? = nil, cosignatures: [(source: String, note: String)] = []) {
        self.key = key
        self.time = time
        self.registryAnchor = registryAnchor
        self.cosignatures = cosignatures
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
/// filings come from `.beian-records` in the live site (content key → leaf hash), so a
/// rebuild after one approval encodes one record, not 100,000; a filing whose key changed, or
/// a build without that file, has its record encoded and hashed anew.
package enum SiteHead {
    package static let folder = "transparency/"
    package static let checkpoint = folder + "checkpoint"
    package static let records = folder + "records.txt"
    package static let registryKey = folder + "registry-key.txt"

    /// The tree's leaves, laid flat: no object per filing (the head is remade at every build).
    package struct Leaves: Sendable {
        /// Filing indices (into `FilingIndex.filings`) in tree order: ascending id.
        package var order: [Int]
        /// Their content keys (`FilingSummary.key`), in tree order.
        package var keys: [UInt64]
        /// Their leaf hashes, 32 bytes each, in tree order.
        package var hashes: [UInt8]

        package var count: Int { order.count }
    }

    /// `.beian-records`: each leaf of the build that wrote it, as its filing's content key and
    /// its leaf hash (8 + 32 bytes), after a header line — bookkeeping, not published or
    /// listed in the manifest, like `.beian-chunks`. A filing whose content key is there has
    /// the same record, so the same leaf.
    package struct Cache {
        package static let fileName = ".beian-records"
        package static let header = Array("beian-portal-records 2\n".utf8)

        package var positions: [UInt64: Int] = [:]
        package var hashes = Data()

        package static func read(siteAt root: String) -> Cache {
            guard let data = MappedFile.bytes(root + "/" + fileName), data.starts(with: header),
                  (data.count - header.count) % 40 == 0 else { return Cache() }
            var cache = Cache()
            let n = (data.count - header.count) / 40
            cache.positions.reserveCapacity(n)
            var hashes = [UInt8](repeating: 0, count: n * 32)
            data.withUnsafeBytes { raw in
                for i in 0..<n {
                    let at = header.count + i * 40
                    cache.positions[raw.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian] = i
                    for j in 0..<32 { hashes[i * 32 + j] = raw[at + 8 + j] }
                }
            }
            cache.hashes = Data(hashes)
            return cache
        }

        package static func serialized(_ leaves: Leaves) -> [UInt8] {
            var out = header
            out.reserveCapacity(header.count + leaves.count * 40)
            for i in 0..<leaves.count {
                let key = leaves.keys[i]
                for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: key >> UInt64(shift))) }
                out += leaves.hashes[(i * 32)..<(i * 32 + 32)]
            }
            return out
        }
    }

    /// Every filing's leaf, in tree order: the cached hash of an unchanged filing, a fresh one
    /// (its record encoded and hashed, on `tasks` threads) for the rest.
    static func leaves(_ index: FilingIndex, previous: Cache, tasks: Int) async throws -> Leaves {
        let summaries = index.summaries
        let order = summaries.indices.sorted {
            (summaries[$0].order.head, summaries[$0].order.last) < (summaries[$1].order.head, summaries[$1].order.last)
        }
        var leaves = Leaves(order: order, keys: order.map { summaries[$0].key },
                            hashes: [UInt8](repeating: 0, count: order.count * 32))
        var missing: [Int] = []
        previous.hashes.withUnsafeBytes { (cached: UnsafeRawBufferPointer) in
            for (pos, key) in leaves.keys.enumerated() {
                guard let at = previous.positions[key] else { missing.append(pos); continue }
                for j in 0..<32 { leaves.hashes[pos * 32 + j] = cached[at * 32 + j] }
            }
        }
        let filings = index.filings
        let fresh = try await Concurrent.map(missing, tasks: tasks, worker: { filings }) { filings, pos in
            MerkleTree.leafHash(PublicRecord.bytes(filings[order[pos]]))
        }
        for (pos, h) in zip(missing, fresh) { leaves.hashes.replaceSubrange((pos * 32)..<(pos * 32 + 32), with: h) }
        return leaves
    }

    /// `records.txt`: the current records, `<id> <hex leaf hash>` per line, in tree order.
    static func recordList(_ leaves: Leaves, _ index: FilingIndex) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var list: [UInt8] = []
        list.reserveCapacity(leaves.count * 87)
        for (pos, i) in leaves.order.enumerated() {
            index.summaries[i].appendDigits(to: &list)
            list.append(0x20)
            for b in leaves.hashes[(pos * 32)..<(pos * 32 + 32)] {
                list.append(hex[Int(b >> 4)])
                list.append(hex[Int(b & 0x0F)])
            }
            list.append(0x0A)
        }
        return list
    }

    /// The log's new state: the previous build's log plus an entry for each record that changed.
    static func grow(_ log: inout PortalLog, _ leaves: Leaves, _ index: FilingIndex) -> Range<Int> {
        var ids: [UInt8] = []
        ids.reserveCapacity(leaves.count * 21)
        for i in leaves.order { index.summaries[i].appendDigits(to: &ids) }
        let current = (0..<leaves.count).map { pos in
            (id: ids[(pos * 21)..<(pos * 21 + 21)], hash: leaves.hashes[(pos * 32)..<(pos * 32 + 32)])
        }
        return log.append(current: current)
    }

    /// The checkpoint's text: the log's origin, size and root, then `time`, `site` (the signed
    /// base URL), `files` (the signed file list) and, for an initialized registry, `registry`.
    package static func checkpointText(size: Int, root: Data, signing: HeadSigning, baseURL: String, files: Digest32) -> String {
        Checkpoint(origin: signing.key.name, size: size, root: root,
                   extensions: ["time " + rfc3339(signing.time), "site " + baseURL, "files " + files.hex]
                       + (signing.registryAnchor.map { [$0] } ?? [])).text
    }

    /// The signed checkpoint, with the witnesses' cosignatures given for this very text
    /// (`HeadSigning.cosignatures`); one given for another text is an error.
    package static func checkpointNote(_ text: String, signing: HeadSigning) throws(PortalError) -> [UInt8] {
        var note = SignedNote.sign(text, with: signing.key)
        var problems: [Diagnostic] = []
        for (source, cosigned) in signing.cosignatures {
            guard let split = cosigned.range(of: "\n\n"), String(cosigned[..<split.lowerBound]) + "\n" == text else {
                problems.append(Diagnostic(.siteHeadInvalid, at: SourceLocation(path: source),
                                           message: Localized(zh: "“\(source)”是另一份检查点的连署，不是本次构建的检查点",
                                                              en: "'\(source)' cosigns another checkpoint than the one this build makes"),
                                           help: Localized(zh: "先不带 --cosignature 构建，请见证方为新的 transparency/checkpoint 连署，再用同样的输入带上连署构建",
                                                           en: "build without --cosignature, have the witnesses cosign the new transparency/checkpoint, then build again from the same input with their cosignatures")))
                continue
            }
            let ours = Set(note.split(separator: "\n").map(String.init))
            for line in cosigned[split.upperBound...].split(separator: "\n") where line.hasPrefix(SignedNote.signaturePrefix) && !ours.contains(String(line)) {
                note += line + "\n"
            }
        }
        guard problems.isEmpty else { throw PortalError(problems) }
        return Array(note.utf8)
    }

    package static func rfc3339(_ seconds: Int64) -> String { SiteTime.format(seconds) }
}

/// The head's time: RFC 3339 in UTC, whole seconds (`2026-12-02T07:52:11Z`).
public enum SiteTime {
    public static func format(_ seconds: Int64) -> String {
        formatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Seconds since 1970 of exactly that form; nil otherwise.
    public static func parse(_ text: String) -> Int64? {
        guard let date = formatter().date(from: text) else { return nil }
        let seconds = Int64(date.timeIntervalSince1970)
        return format(seconds) == text ? seconds : nil
    }

    package static func formatter() -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f
    }
}
