import BeianModel

/// 监管部门注销: the regulator cancels an approved filing on its own, with no request from the
/// filer (`beian review revoke`).
extension BundleRecord {
    /// Revokes an approved item — an algorithm, a product (下线) or the whole entity, whose
    /// approved items are cancelled with it (`ItemState.cascadeEntityCancellation`) — as a
    /// signed `revoke` decision: `reason` is for the filer (its receipt, `beian status`), never
    /// published; `publicNote`, when given, is the public note the portal shows beside the
    /// regulator's cancellation. The number is retired like any cancellation's.
    ///
    /// `key` signs it and must be a trusted reviewer's in an initialized registry (S712), as
    /// for every decision. Only an item with an approved filing that is not cancelled can be
    /// revoked (S707, S714); a pending change or cancellation request of it is then moot.
    mutating func revoke(_ item: ItemRef, reviewer: String, reason: String, publicNote: String?) throws(RegistryError) -> LedgerEvent {
        let linkedBy = if case .product(let id) = item { algorithmsLinking(id) } else { [ItemRef]() }  // ProductRule.swift
        return try record(rules.revoke(item, reason: reason, publicNote: publicNote, linkedBy: linkedBy, by: stamp(actor: reviewer)))
    }
}
