public import BeianModel
public import BeianTrust
public import Foundation

/// The registry facade: the one way a bundle's record is opened (`record(bundle:view:)`) and
/// the one way it changes. Each operation takes the locks (`WriteLock.swift`), opens the
/// record from its paths (`RegistryPaths`) only after, applies the lifecycle rules
/// (`Lifecycle`) and the record's checks, appends the events durably, and returns them.
///
/// Commands (`beian submit`, `review …`, `receipt …`, `registry pin`) and the filer's web form
/// call this and nothing below it: `BundleRecord`'s state is `private(set)` and it has no
/// public way to be opened or appended to.
public struct Registry: Sendable {
    /// The time every event is stamped with.
    public var clock: Clock

    public init(clock: Clock = .fromEnvironment()) {
        self.clock = clock
    }

    /// The bundle at `bundle` with its ledger, replayed, read-only (`BundleRecord.View`: the
    /// live folder, or each pending item as it was submitted).
    public func record(bundle: String, view: BundleRecord.View = .live) throws(RegistryError) -> BundleRecord {
        try BundleRecord.open(bundle, clock: clock, view: view)
    }

    /// Runs `body` on the record of `bundle`, opened after the locks are taken (the registry's
    /// too when `registry`). A `decision` is signed by `key`, which must be a trusted reviewer's
    /// in an initialized registry (S712).
    func changing<T>(_ bundle: String, registry: Bool = false, view: BundleRecord.View = .live, keepingBytes: Bool = false,
                     decision: Bool = false, key: SigningKey? = nil,
                     _ body: (inout BundleRecord) throws(RegistryError) -> T) throws(RegistryError) -> T {
        try Self.locked(bundle, registry: registry) { () throws(RegistryError) in
            var record = try BundleRecord.open(bundle, clock: clock, view: view, keepingBytes: keepingBytes)
            if decision { try record.authorize(key) }
            return try body(&record)
        }
    }

    /// Submits `items` (or every new or changed item) with the commitment text, holding the
    /// bundle's write lock from reading the ledger to appending to it (`BundleRecord.submit`).
    public func submit(bundle: String, items: [ItemRef]?, attestation: String?, actor: String) throws(RegistryError) -> [LedgerEvent] {
        try changing(bundle, keepingBytes: true) { (record) throws(RegistryError) in
            try record.submit(items, attestation: attestation, actor: actor)
        }
    }

    /// `submit`, writing the sealed package of what is submitted to `out` (signed by `key`)
    /// before the local ledger records it: a package that cannot be written leaves the bundle
    /// unsubmitted.
    public func submitPackage(bundle: String, items: [ItemRef]?, attestation: String?, actor: String, key: SigningKey,
                              out: URL) throws(RegistryError) -> [LedgerEvent] {
        try changing(bundle, keepingBytes: true) { (record) throws(RegistryError) in
            try record.submitPackage(items, attestation: attestation, actor: actor, key: key, out: out)
        }
    }

    /// Asks to cancel an approved item (注销, 下线, 主体注销): `Lifecycle.requestCancellation`.
    public func requestCancellation(bundle: String, item: ItemRef, reason: String, attestation: String?, actor: String) throws(RegistryError) -> LedgerEvent {
        try changing(bundle) { (record) throws(RegistryError) in
            try record.requestCancellation(item, reason: reason, attestation: attestation, actor: actor)
        }
    }

    /// `requestCancellation`, writing the sealed package of the request to `out` first.
    public func cancelPackage(bundle: String, item: ItemRef, reason: String, attestation: String?, actor: String, key: SigningKey,
                              out: URL) throws(RegistryError) -> LedgerEvent {
        try changing(bundle) { (record) throws(RegistryError) in
            try record.cancelPackage(item, reason: reason, attestation: attestation, actor: actor, key: key, out: out)
        }
    }
}
