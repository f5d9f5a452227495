import BeianDiagnostics
import BeianStore
import Foundation

/// Registry-wide assignment of 7-digit entity ids: unique, assigned once, never reused.
///
/// Kept in `.beian-registry/entities.jsonl`, a hash-chained ledger like a bundle's.
public enum EntityIDs {
    /// Every id assigned so far, with the bundle it went to.
    public static func assigned(_ ledger: Ledger) -> [String: String] {
        var out: [String: String] = [:]
        for e in ledger.events where e.action == .assignEntityID {
            if let id = e.entityID { out[id] = e.item.description }
        }
        return out
    }

    /// A fresh id for a bundle: derived from its credit code (so ids look like the published
    /// ones, not a counter), probing forward past any id already taken.
    public static func next(for creditCode: String, taken: Set<String>) -> String {
        let hex = SHA256Hash.hex(creditCode)
        var n = Int(hex.prefix(12), radix: 16)! % 9_000_000 + 1_000_000
        while taken.contains(String(n)) { n = n == 9_999_999 ? 1_000_000 : n + 1 }
        return String(n)
    }

    /// The id after `id` in the same probe order (for an index that answers one id at a time).
    static func next(for creditCode: String, taken: Set<String>, after id: String) -> String {
        let n = Int(id) ?? 1_000_000
        return String(n == 9_999_999 ? 1_000_000 : n + 1)
    }
}
