import BeianStore
import BeianBundle
public import BeianModel
public import BeianTrust
public import Foundation

/// The reviewer's and the registry's operations of the facade: decisions, key bindings,
/// received packages, receipts.
extension Registry {
    /// Approves a pending item (`Lifecycle.approve`, then `BundleRecord.approve`): holds the
    /// registry's lock and the bundle's, so numbers stay unique, and reads the item as it was
    /// submitted (`View.submitted`): the live folder may have changed since, or be changing now.
    ///
    /// `key` signs the decision (and any entity id it assigns); in an initialized registry it
    /// is required and must be a trusted reviewer's (S712). `submission` names what is decided:
    /// the digest `review show` printed (or a prefix of at least 16 hex digits), required in an
    /// initialized registry (S716).
    public func approve(bundle: String, item: ItemRef, reviewer: String, key: SigningKey? = nil, submission: String? = nil) throws(RegistryError) -> LedgerEvent {
        try changing(bundle, registry: true, view: .submitted, decision: true, key: key) { (record) throws(RegistryError) in
            try record.approve(item, reviewer: reviewer, submission: submission)
        }
    }

    /// Rejects a pending item with a reason; `submission` names what is rejected, as for `approve`.
    public func reject(bundle: String, item: ItemRef, reviewer: String, reason: String, key: SigningKey? = nil,
                       submission: String? = nil) throws(RegistryError) -> LedgerEvent {
        try changing(bundle, view: .submitted, decision: true, key: key) { (record) throws(RegistryError) in
            try record.reject(item, reviewer: reviewer, reason: reason, submission: submission)
        }
    }

    /// 监管部门注销: revokes an approved item as a signed decision (`Lifecycle.revoke`).
    /// `reason` is for the filer, never published; `publicNote` is the portal's.
    public func revoke(bundle: String, item: ItemRef, reviewer: String, reason: String, publicNote: String? = nil,
                       key: SigningKey? = nil) throws(RegistryError) -> LedgerEvent {
        try changing(bundle, decision: true, key: key) { (record) throws(RegistryError) in
            try record.revoke(item, reviewer: reviewer, reason: reason, publicNote: publicNote)
        }
    }

    /// A reviewer binds `filerKey` to the entity (or revokes it), signed like any decision.
    public func bindKey(bundle: String, filerKey: VerifierKey, revoke: Bool, creditCode: String? = nil, reviewer: String,
                        key: SigningKey?) throws(RegistryError) -> LedgerEvent {
        try changing(bundle, registry: true, decision: true, key: key) { (record) throws(RegistryError) in
            try record.bindKey(filerKey, revoke: revoke, creditCode: creditCode, reviewer: reviewer)
        }
    }

    /// Receives a sealed package into the registry at `registry` (SPEC §7, §11): checked on its
    /// own first (`OpenedPackage`), then, holding the registry's lock throughout (a first package
    /// creates the bundle) and the bundle's, against the bundle's record. Receiving the same
    /// package again (by its signed header, whatever the zip's bytes) changes nothing — except to
    /// complete an earlier receipt that was interrupted before its head was recorded.
    public func receive(package data: Data, path: String, registry: String) throws(RegistryError) -> BundleRecord.ReceiveOutcome {
        let package = try BundleRecord.OpenedPackage.open(data, path: path)
        let bundlePath = PathText.join(registry, package.header.bundle)
        return try RegistryLock.held(registry: URL(fileURLWithPath: registry), display: registry) { () throws(RegistryError) in
            try Self.locked(bundlePath, registry: false, registryHeld: true) { () throws(RegistryError) in
                var record = try BundleRecord.open(bundlePath, clock: clock, overlay: package.files)
                return try record.receive(package)
            }
        }
    }

    /// Receipts for every decision in the bundle's ledger, signed by the registry key (which
    /// must be the registry's own once it is initialized). Deterministic: the same decision
    /// always gives the same bytes, so issuing again changes nothing.
    public func receipts(bundle: String, key: SigningKey) throws(RegistryError) -> [Receipt] {
        try record(bundle: bundle).receipts(key: key)
    }

    /// Pins `key` as the registry key whose receipts this bundle accepts (`beian registry pin`).
    public func pin(bundle: String, key: VerifierKey) throws(RegistryError) {
        try changing(bundle) { (record) throws(RegistryError) in try record.pin(key) }
    }

    /// Imports receipts into the filer's bundle (`BundleRecord.importReceipts`): nothing is
    /// written unless every receipt checks (exit 2).
    public func importReceipts(bundle: String, receipts: [(path: String, data: Data)]) throws(RegistryError) -> (imported: [ImportedReceipt], skipped: Int) {
        try changing(bundle) { (record) throws(RegistryError) in try record.importReceipts(receipts) }
    }
}
