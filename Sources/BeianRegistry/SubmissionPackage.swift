import BeianDiagnostics
import BeianModel
import BeianBundle
import BeianStore
public import BeianTrust
import Foundation

/// A sealed submission package (SPEC §7): one zip file that carries a submission from the
/// filer's machine to the registry's, signed by the filer's key.
///
/// Entries (stored, never compressed; see `ZipWriter`):
/// - `beian-package.json`: `PackageHeader`, canonical JSON;
/// - `beian-package.sig`: base64 Ed25519 signature by `filerKey` of `beian package v1`, a
///   newline, and the bytes of `beian-package.json`;
/// - `files/<path>`: exactly the files the submission covers, as submitted.
///
/// A package is identified by its signed header (`id`), never by the zip's bytes: re-zipping,
/// re-ordering or re-dating the entries makes no new package. Its `sequence` — the filer's
/// ledger count when it was sealed — only grows, so the registry refuses a package that is
/// not newer than the latest it received from that bundle (an old package replayed).
public struct PackageHeader: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var item: String
        public var manifest: [String: String]
    }

    public var format = PackageHeader.currentFormat
    /// The bundle's id (its folder name) and its entity's credit code.
    public var bundle: String
    public var creditCode: String
    public var items: [Item]
    public var attestation: String
    public var actor: String
    public var time: String
    public var unixTime: Int64
    /// The filer's verifier key, which signs the package.
    public var filerKey: String
    /// The registry decision the filer's change is based on: the `seq` and `event` hash of
    /// the newest receipt the bundle imported (0 and 64 zeros before any).
    public var baseSeq: Int
    public var baseEvent: String
    /// The filer's own ledger count when the package was sealed: strictly increasing from one
    /// package of a bundle to the next.
    public var sequence: Int
    /// A cancellation request (注销) instead of files: the algorithm and the reason.
    public var cancel: Cancellation?

    public struct Cancellation: Codable, Sendable, Equatable {
        public var item: String
        public var reason: String
    }

    static let currentFormat = "beian-package/v2"
    static let domain = "beian package v1\n"
    static let headerName = "beian-package.json"
    static let signatureName = "beian-package.sig"
    static let filesPrefix = "files/"

    var canonical: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The package's identity: the SHA-256 of the signed header's bytes.
    public var id: String { SHA256Hash.hex(canonical) }

    /// The package: this header, `key`'s signature of it, and `files` under `files/`, written
    /// to `out` (atomically).
    func seal(files: [String: Data], key: SigningKey, to out: URL) throws(RegistryError) {
        let json = canonical
        let signature = Data(key.sign(Data(PackageHeader.domain.utf8) + json).base64EncodedString().utf8)
        let entries = [(name: PackageHeader.headerName, data: json), (name: PackageHeader.signatureName, data: signature)]
            + files.map { (name: PackageHeader.filesPrefix + $0.key, data: $0.value) }
        do { try AtomicFile.write(ZipWriter.archive(entries), to: out) } catch { throw .writeFailed(out.path, error) }
    }
}

/// Limits a received package must keep (checked from the zip's directory before any entry is
/// read): a zip bomb is refused in well under a second with flat memory.
public enum PackageLimits {
    public static let maxPackageSize = 300 << 20
    public static let zip = ZipLimits(maxEntries: 2_000, maxEntrySize: UInt64(AttachmentRule.maxSize), maxTotalSize: 256 << 20, maxNameLength: 255)
}

extension BundleRecord {
    /// The newest decision this (filer's) bundle learned from a receipt: its registry `seq`
    /// and event hash; (0, zeros) before any.
    var receiptBase: (Int, String) {
        // Imported decisions carry `receipt`; their registry seq and hash come from the receipt.
        var best: (Int, String) = (0, Ledger.genesis)
        for e in ledger.events where e.receipt != nil {
            if let seq = e.registrySeq, let hash = e.registryEvent, seq > best.0 { best = (seq, hash) }
        }
        return best
    }

    /// `submit`, writing the sealed package of what is submitted to `out` (signed by `key`)
    /// before the local ledger records the submission (so `status` shows 待审核 offline): a
    /// package that cannot be written leaves the bundle unsubmitted.
    mutating func submitPackage(_ items: [ItemRef]?, attestation: String?, actor: String, key: SigningKey, out: URL) throws(RegistryError) -> [LedgerEvent] {
        let base = receiptBase
        let id = paths.bundle.lastPathComponent
        let sequence = ledger.nextSeq
        let clock = clock
        return try submit(items, attestation: attestation, actor: actor) { (submitted, bytes, manifests) throws(RegistryError) -> String? in
            let header = PackageHeader(bundle: id, creditCode: submitted.entity?.creditCode ?? "",
                              items: manifests.map { PackageHeader.Item(item: $0.0.description, manifest: $0.1) },
                              attestation: attestation ?? "", actor: actor, time: clock.timestamp, unixTime: clock.now,
                              filerKey: key.verifierKey.description, baseSeq: base.0, baseEvent: base.1,
                              sequence: sequence)
            try header.seal(files: bytes, key: key, to: out)
            return header.id
        }
    }

    /// `requestCancellation`, writing the sealed package of the request to `out` first.
    mutating func cancelPackage(_ item: ItemRef, reason: String, attestation: String?, actor: String, key: SigningKey, out: URL) throws(RegistryError) -> LedgerEvent {
        var e = try cancellation(item, reason: reason, attestation: attestation, actor: actor)
        let base = receiptBase
        let header = PackageHeader(bundle: paths.bundle.lastPathComponent, creditCode: bundle.entity?.creditCode ?? "", items: [],
                          attestation: attestation ?? "", actor: actor, time: clock.timestamp, unixTime: clock.now,
                          filerKey: key.verifierKey.description, baseSeq: base.0, baseEvent: base.1,
                          sequence: ledger.nextSeq, cancel: .init(item: item.description, reason: reason))
        try header.seal(files: [:], key: key, to: out)
        e.package = header.id
        return try record(e)
    }
}
