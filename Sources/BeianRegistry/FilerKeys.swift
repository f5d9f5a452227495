import BeianDiagnostics
import BeianModel
import BeianBundle
import BeianStore
import BeianTrust
import Foundation

/// Which filer keys may send packages for an entity (SPEC §11): identity is bound by a
/// reviewer's decision, never by whoever sends the first package.
///
/// - A reviewer's signed `bind_key` binds a key (and `revoke_key` unbinds it), after checking
///   who the filer is; for an entity the registry holds without a credit code (imported from the
///   published lists) the binding also records the credit code the reviewer checked (a claim).
/// - A brand-new entity's first package *proposes* its key: `review list`/`show` say so, and
///   the entity's approval binds it (`approve` carrying `filerKey`); a rejection binds nothing.
/// - An entity the registry already holds — approved, recorded or imported — with no bound key
///   accepts no package until a reviewer binds one.
extension BundleRecord {
    /// The filer keys bound to this entity: reviewers' `bind_key`s less their `revoke_key`s, and
    /// the key an entity's approval bound.
    public var boundFilerKeys: Set<String> {
        var bound: Set<String> = []
        for e in ledger.events {
            guard let key = e.filerKey else { continue }
            switch e.action {
            case .bindKey: bound.insert(key)
            case .revokeKey: bound.remove(key)
            case .approve where e.item == .item(.entity): bound.insert(key)
            default: break
            }
        }
        return bound
    }

    /// The key a new entity's pending submission proposes (bound if the entity is approved).
    public var proposedFilerKey: String? {
        guard boundFilerKeys.isEmpty, state(.entity).firstApproval == nil else { return nil }
        let entity = state(.entity)
        return entity.status == .submitted ? entity.lastSubmit?.filerKey : nil
    }

    /// The 统一社会信用代码 the registry knows this entity by: its approved entity's, else the
    /// one a reviewer's claim recorded; nil when it knows none (a new entity, or an imported one
    /// nobody has claimed).
    public var registryCreditCode: String? {
        if let code = ((try? approvedSnapshot(.entity)) ?? nil)?.entity?.creditCode, !code.isEmpty { return code.uppercased() }
        return ledger.events.last { $0.action == .bindKey && $0.creditCode != nil }?.creditCode?.uppercased()
    }

    /// Refuses a package whose key may not file for this entity, or whose credit code is not
    /// the entity's. An empty credit code is never "no check": it is refused.
    func requireMayFile(_ package: OpenedPackage) throws(RegistryError) {
        let key = package.filerKey
        let bound = boundFilerKeys
        let help = Localized(zh: "请登记机关核实身份后用 beian review bind-key 绑定此密钥（指纹 \(key.keyID)）", en: "have the registry check who you are and bind this key (fingerprint \(key.keyID)) with beian review bind-key")
        if !bound.isEmpty {
            guard bound.contains(key.description) else {
                throw package.refuse(PackageHeader.signatureName, Localized(zh: "签名密钥（指纹 \(key.keyID)）不是此主体已绑定的填报密钥", en: "the signing key (fingerprint \(key.keyID)) is not a filer key bound to this entity"), help)
            }
        } else if state(.entity).firstApproval != nil || ledger.events.contains(where: { $0.action == .importRecord }) {
            throw package.refuse(PackageHeader.signatureName, Localized(zh: "登记簿中的此主体尚未绑定任何填报密钥：备案包不能绑定密钥", en: "no filer key is bound to this entity the registry already holds: a package cannot bind one"), help)
        } else if let proposed = proposedFilerKey, proposed != key.description {
            throw package.refuse(PackageHeader.signatureName, Localized(zh: "此新主体已有另一密钥提议的提交在审核中", en: "another key's proposal for this new entity awaits review"),
                                 Localized(zh: "等待审核决定；被退回后可重新提议", en: "wait for the decision; after a rejection a new proposal can be made"))
        }
        let code = package.header.creditCode.uppercased()
        let wrongEntity = Localized(zh: "备案包属于另一主体：统一社会信用代码与登记簿中的 \(package.header.bundle) 不符", en: "the package is for another entity: its credit code is not that of \(package.header.bundle) in the registry")
        let check = Localized(zh: "检查备案包标识与统一社会信用代码", en: "check the bundle id and credit code")
        guard !code.isEmpty else {
            throw package.refuse(PackageHeader.headerName, Localized(zh: "备案包没有有效的统一社会信用代码", en: "the package names no valid credit code"), check)
        }
        if let known = registryCreditCode, known != code { throw package.refuse(PackageHeader.headerName, wrongEntity, check) }
        if let filed = bundle.entity?.creditCode, !filed.isEmpty, filed.uppercased() != code { throw package.refuse(PackageHeader.headerName, wrongEntity, check) }
    }

    /// A reviewer binds `filerKey` to the entity (or revokes it), signed like any decision
    /// (the facade authorized the signer). `creditCode` claims an entity the registry holds
    /// without one (imported): the code the reviewer checked, refused when another bundle's
    /// entity has it or the entity has another.
    mutating func bindKey(_ filerKey: VerifierKey, revoke: Bool, creditCode: String? = nil, reviewer: String) throws(RegistryError) -> LedgerEvent {
        let bound = boundFilerKeys
        if revoke ? !bound.contains(filerKey.description) : bound.contains(filerKey.description) {
            throw .refuse(.notPending, at: bundle.displayRoot,
                          Localized(zh: revoke ? "该填报密钥（指纹 \(filerKey.keyID)）未绑定" : "该填报密钥（指纹 \(filerKey.keyID)）已绑定", en: revoke ? "filer key \(filerKey.keyID) is not bound" : "filer key \(filerKey.keyID) is already bound"),
                          help: Localized(zh: "用 beian review show 查看已绑定的密钥", en: "see the bound keys with beian review show"))
        }
        var e = event(revoke ? .revokeKey : .bindKey, item: .entity, actor: reviewer)
        e.filerKey = filerKey.description
        if !revoke { e.creditCode = try claimedCreditCode(creditCode) }
        return try record(e)
    }

    /// The credit code a binding records: none when the registry knows the entity's (a given one
    /// must equal it); the checked, unique `given` one when it knows none (S713 without one).
    func claimedCreditCode(_ given: String?) throws(RegistryError) -> String? {
        let code = given?.trimmingSpacesAndNewlines.uppercased()
        if let known = registryCreditCode {
            guard code == nil || code == known else {
                throw .refuse(.registrySetup, at: bundle.displayRoot, Localized(zh: "此主体的统一社会信用代码是 \(known)，不是 \(code!)", en: "this entity's credit code is \(known), not \(code!)"),
                              help: Localized(zh: "去掉 --credit-code，或核对主体", en: "drop --credit-code, or check the entity"))
            }
            return nil
        }
        guard let code, !code.isEmpty else {
            // A new entity binds its key by its approval; only an entity the registry holds
            // without a credit code needs one claimed.
            guard state(.entity).firstApproval != nil || ledger.events.contains(where: { $0.action == .importRecord }) else { return nil }
            throw .refuse(.registrySetup, at: bundle.displayRoot,
                          Localized(zh: "登记簿不知道此主体的统一社会信用代码（从公布清单导入）：认领须写明核实过的代码", en: "the registry knows no credit code for this entity (imported from the published lists): a claim must name the code you checked"),
                          help: Localized(zh: "加上 --credit-code 统一社会信用代码", en: "add --credit-code CODE"))
        }
        if CreditCode.check(code) != nil {
            throw .refuse(.invalidCreditCode, at: bundle.displayRoot, Localized(zh: "统一社会信用代码 \(code) 无效", en: "credit code \(code) is not valid"),
                          help: Localized(zh: "核对营业执照上的 18 位代码", en: "check the 18-character code on the business licence"))
        }
        if let other = otherApprovedEntities(name: "", creditCode: code).first(where: { $0.creditCode.uppercased() == code }) {
            throw .refuse(.duplicateEntity, at: bundle.displayRoot, Localized(zh: "统一社会信用代码 \(code) 已是备案包“\(other.bundle)”的主体", en: "credit code \(code) is already the entity of bundle '\(other.bundle)'"),
                          help: Localized(zh: "一个统一社会信用代码只对应一个主体", en: "one credit code, one entity"))
        }
        return code
    }
}
