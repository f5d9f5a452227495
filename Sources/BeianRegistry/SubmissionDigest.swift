import BeianStore
import Foundation

/// What a decision decides (SPEC §11): the digest of one submission of one item.
///
/// A submission's digest is the SHA-256 of the canonical JSON (keys sorted, no spaces) of
/// `{"item": …, "manifest": {path: sha256}}` — the item and the hash of every file it covers —
/// or, for a cancellation request, `{"cancel": reason, "item": …}`. It depends on nothing but
/// what was submitted, so the filer's machine and the registry compute the same digest for the
/// same submission: `review show` prints it, `review approve|reject --submission` must name it
/// (a filer's resubmission after the reviewer looked changes it, and the decision is refused),
/// and every receipt carries it, so `receipt import` can tell which of the filer's submissions
/// the registry decided.
public enum SubmissionDigest {
    /// The shortest prefix a reviewer may type (64 bits: no filer can aim a resubmission at it).
    public static let minimumPrefix = 16

    /// The digest of a submission of `item` covering `manifest`.
    public static func of(item: String, manifest: [String: String]) -> String {
        struct Body: Encodable { var item: String; var manifest: [String: String] }
        return hash(Body(item: item, manifest: manifest))
    }

    /// The digest of a cancellation request of `item` for `reason`.
    public static func of(item: String, cancelReason: String) -> String {
        struct Body: Encodable { var cancel: String; var item: String }
        return hash(Body(cancel: cancelReason, item: item))
    }

    /// The digest of the submission `e` records (a `submit` or `cancel_request`): its own
    /// `submission` when it carries one, else computed (events written before digests were kept).
    public static func of(_ e: LedgerEvent) -> String? {
        if let d = e.submission, e.action == .submit || e.action == .cancelRequest { return d }
        switch e.action {
        case .submit: return e.manifest.map { of(item: e.item.description, manifest: $0) }
        case .cancelRequest: return of(item: e.item.description, cancelReason: e.reason ?? "")
        default: return nil
        }
    }

    /// True when `given` (a reviewer's `--submission`) names `digest`: the whole digest, or a
    /// prefix of at least `minimumPrefix` hex digits, in either case.
    public static func matches(_ given: String, _ digest: String) -> Bool {
        let g = given.lowercased()
        return g.count >= minimumPrefix && g.count <= digest.count && digest.hasPrefix(g)
    }

    private static func hash(_ body: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return SHA256Hash.hex((try? encoder.encode(body)) ?? Data())
    }
}
