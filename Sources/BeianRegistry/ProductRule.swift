import BeianBundle
import BeianDiagnostics
import BeianModel

/// The product rule of SPEC §3, decided here and nowhere else:
/// a product linked to an algorithm that is approved or awaiting review — or submitted in the
/// same submission — is reviewed; a product linked to no such algorithm is edited directly
/// (recorded without review). The order in which a filer submits (products first, algorithms
/// first, or both at once) never changes the outcome: an algorithm is approved only once every
/// product it links has passed a reviewer's approval.
extension BundleRecord {
    /// Products linked by an algorithm that is approved or awaiting review, or by one of the
    /// algorithms in `submitting` (as they read in `submitted`, the bytes being sealed).
    func linkedProducts(submitting: [ItemRef] = [], in submitted: LoadedBundle? = nil) -> Set<String> {
        var out = Set(activeLinks().values.joined())
        for case .algorithm(let id) in submitting {
            for entry in (submitted ?? bundle).algorithms.first(where: { $0.id == id })?.appliesTo ?? [] { out.insert(entry.product) }
        }
        return out
    }

    /// Each algorithm that is approved or awaiting review (a change or a cancellation included)
    /// → the products it links, in its files and in its approved version.
    func activeLinks() -> [ItemRef: Set<String>] {
        var out: [ItemRef: Set<String>] = [:]
        for (ref, s) in states {
            guard case .algorithm(let id) = ref, s.status != .draft, s.status != .rejected, s.status != .cancelled, s.status != .neverFiled else { continue }
            var products = Set((bundle.algorithms.first { $0.id == id }?.appliesTo ?? []).map(\.product))
            if let hash = s.lastApproval?.snapshot, let snap = try? readSnapshot(hash) {
                products.formUnion((snap.algorithm?.appliesTo ?? []).map(\.product))
            }
            out[ref] = products
        }
        return out
    }

    /// The active algorithms that link `product` (a withdrawal is refused while there are any).
    func algorithmsLinking(_ product: String) -> [ItemRef] {
        activeLinks().filter { $0.value.contains(product) }.keys.sorted()
    }

    /// True when a reviewer has approved the product (or it was imported from the published
    /// lists): a direct record, made while it was linked to nothing, is not a review.
    func productReviewed(_ id: String) -> Bool {
        guard let last = state(.product(id)).lastApproval else { return false }
        return last.action == .approve || last.action == .importRecord
    }

    /// The products that submitting `items` brings in for review with them: each product an
    /// algorithm among `items` links that no reviewer has approved yet and that is not already
    /// awaiting review (a draft, a rejected one, or one only recorded directly).
    func productsJoiningReview(_ items: [ItemRef], in submitted: LoadedBundle) -> [ItemRef] {
        let linked = linkedProducts(submitting: items, in: submitted)
        return linked.sorted().map { ItemRef.product($0) }.filter { ref in
            guard !items.contains(ref), case .product(let id) = ref, bundle.items.contains(ref) else { return false }
            let s = state(ref)
            return !productReviewed(id) && !s.status.isPending && s.status != .cancelled
        }
    }

    /// Refuses (S706) approving an algorithm before every product it links has passed review.
    func requireLinkedProductsReviewed(_ algorithm: Algorithm) throws(RegistryError) {
        for id in Set(algorithm.appliesTo.map(\.product)).sorted() where state(.product(id)).status == .cancelled {
            throw .refuse(.itemCancelled, at: bundle.display(BundlePaths.productFile(id)),
                          Localized(zh: "关联产品 product:\(id) 已下线（已注销）", en: "linked product product:\(id) is withdrawn (cancelled)"),
                          help: Localized(zh: "退回该算法，请填报人员从 applies_to 中去掉它", en: "reject the algorithm so the filer removes it from applies_to"))
        }
        for id in Set(algorithm.appliesTo.map(\.product)).sorted() where !productReviewed(id) {
            throw .refuse(.linkedProductNotApproved, at: bundle.display(BundlePaths.productFile(id)),
                          Localized(zh: "关联产品 product:\(id) 尚未经审核通过（关联算法的产品须审核）", en: "linked product product:\(id) has not passed review (a product linked to an algorithm is reviewed)"),
                          help: Localized(zh: "先审核通过 product:\(id)；若它不在待审核队列中，请填报人员提交它：beian submit <备案包> product:\(id)",
                                          en: "approve product:\(id) first; if it is not in the queue, have the filer submit it: beian submit <bundle> product:\(id)"))
        }
    }
}
