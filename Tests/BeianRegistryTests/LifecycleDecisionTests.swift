import BeianDiagnostics
import BeianModel
import BeianRegistry
import Testing

/// The lifecycle rules alone (`Lifecycle`): plain states in, an event or a refusal out, no
/// bundle folder and no file read. The end-to-end lifecycle through the CLI is
/// `LifecycleRulesTests`; these pin each rule where it is decided.
struct LifecycleDecisionTests {
    static let clock = Clock(now: 1_764_000_000)
    static let items: [ItemRef] = [.entity, .product("app"), .algorithm("feed")]

    /// The rules over a ledger made of `steps` (each an action on an item), in order.
    static func rules(_ steps: [(LedgerEvent.Action, ItemRef)]) -> Lifecycle {
        var events: [LedgerEvent] = []
        for (action, item) in steps {
            var e = LedgerEvent(seq: events.count + 1, clock: clock, actor: "t", action: action, item: .item(item), prev: "p")
            if action == .submit { e.manifest = ["\(item)": "h\(events.count)"] }
            if action == .cancelRequest { e.reason = "closing" }
            events.append(e)
        }
        return Lifecycle(events: events, items: items, displayRoot: "xc")
    }

    static let stamp = Lifecycle.Stamp(seq: 100, prev: "p", clock: clock, actor: "R")

    /// The codes a rule refuses with (empty when it passes).
    static func codes(_ body: () throws -> Void) -> [DiagnosticCode] {
        do { try body(); return [] } catch let error as RegistryError { return error.diagnostics.map(\.code) } catch {
            Issue.record("not a refusal: \(error)")
            return []
        }
    }

    static let approvedFeed: [(LedgerEvent.Action, ItemRef)] = [(.submit, .algorithm("feed")), (.approve, .algorithm("feed"))]

    @Test func approvingAnItemNotSubmittedIsRefused() {
        let approved = Self.rules(Self.approvedFeed)
        #expect(Self.codes { _ = try approved.approve(.algorithm("feed"), submission: nil, initialized: false, by: Self.stamp) } == [.notPending])
        let draft = Self.rules([])
        #expect(Self.codes { _ = try draft.approve(.product("app"), submission: nil, initialized: false, by: Self.stamp) } == [.notPending])
        #expect(Self.codes { _ = try draft.approve(.algorithm("nope"), submission: nil, initialized: false, by: Self.stamp) } == [.unknownItem])
    }

    @Test func aChangeApprovedIsAFilingChangeAndLeavesTheItemApproved() throws {
        let rules = Self.rules(Self.approvedFeed + [(.submit, .algorithm("feed"))])
        #expect(rules.state(.algorithm("feed")).status == .changePending)
        let decision = try rules.approve(.algorithm("feed"), submission: nil, initialized: false, by: Self.stamp)
        guard case .filing(let e, let change) = decision else { Issue.record("not a filing: \(decision)"); return }
        #expect(change && e.action == .approve && e.seq == 100)
        #expect(e.submission == rules.state(.algorithm("feed")).lastSubmit?.manifest.map { SubmissionDigest.of(item: "algorithm:feed", manifest: $0) })
        let after = rules.applying([e]).state(.algorithm("feed"))
        #expect(after.status == .approved && after.lastApproval?.seq == 100 && after.firstApproval?.seq == 2)
    }

    @Test func anInitializedRegistryDecidesOnlyTheSubmissionItNames() throws {
        let rules = Self.rules([(.submit, .product("app"))])
        #expect(Self.codes { _ = try rules.approve(.product("app"), submission: nil, initialized: true, by: Self.stamp) } == [.submissionNotNamed])
        #expect(Self.codes { _ = try rules.approve(.product("app"), submission: String(repeating: "0", count: 64), initialized: true, by: Self.stamp) } == [.submissionNotNamed])
        let digest = try #require(rules.state(.product("app")).pendingSubmission.flatMap(SubmissionDigest.of))
        guard case .filing(_, change: false) = try rules.approve(.product("app"), submission: String(digest.prefix(16)), initialized: true, by: Self.stamp) else {
            Issue.record("a first approval is a new filing"); return
        }
    }

    @Test func anApprovedCancellationCancelsAndAnEntityTakesItsItemsWithIt() throws {
        let steps: [(LedgerEvent.Action, ItemRef)] = [(.submit, .entity), (.approve, .entity)] + Self.approvedFeed + [(.cancelRequest, .entity)]
        let rules = Self.rules(steps)
        #expect(rules.submissionRefusals([.entity]).map(\.code) == [.stillUnderReview])
        guard case .cancellation(let e) = try rules.approve(.entity, submission: nil, initialized: false, by: Self.stamp) else {
            Issue.record("a pending cancellation approved is a cancellation"); return
        }
        #expect(e.approvesCancellation && e.reason == "closing" && e.snapshot == nil)
        let after = rules.applying([e])
        #expect(after.state(.entity).status == .cancelled)
        #expect(after.state(.algorithm("feed")).status == .cancelled && after.state(.algorithm("feed")).cancelledWithEntity)
        #expect(after.state(.product("app")).status == .draft, "never filed: not cancelled")
        #expect(after.cancelledRefusal(.algorithm("feed"))?.diagnostics.map(\.code) == [.itemCancelled])
    }

    @Test func aRejectionNeedsAReasonAndARejectedChangeStaysApproved() throws {
        let rules = Self.rules(Self.approvedFeed + [(.submit, .algorithm("feed"))])
        #expect(Self.codes { _ = try rules.reject(.algorithm("feed"), reason: " \n", submission: nil, initialized: false, by: Self.stamp) } == [.reasonRequired])
        let e = try rules.reject(.algorithm("feed"), reason: "fix it", submission: nil, initialized: false, by: Self.stamp)
        #expect(e.action == .reject && e.reason == "fix it")
        #expect(rules.applying([e]).state(.algorithm("feed")).status == .approved)
        let first = Self.rules([(.submit, .product("app"))])
        let r = try first.reject(.product("app"), reason: "no", submission: nil, initialized: false, by: Self.stamp)
        #expect(first.applying([r]).state(.product("app")).status == .rejected)
    }

    @Test func aCancellationRequestNeedsTheCommitmentAnApprovedItemAndNoActiveLink() throws {
        let rules = Self.rules(Self.approvedFeed + [(.submit, .product("app")), (.approve, .product("app"))])
        func request(_ item: ItemRef, attestation: String? = Lifecycle.attestation, reason: String = "closing", linkedBy: [ItemRef] = []) throws(RegistryError) -> LedgerEvent {
            try rules.requestCancellation(item, reason: reason, attestation: attestation, linkedBy: linkedBy, by: Self.stamp)
        }
        #expect(Self.codes { _ = try request(.algorithm("feed"), attestation: nil) } == [.attestationMissing])
        #expect(Self.codes { _ = try request(.algorithm("feed"), reason: "") } == [.reasonRequired])
        #expect(Self.codes { _ = try request(.entity) } == [.notApproved])
        #expect(Self.codes { _ = try request(.product("app"), linkedBy: [.algorithm("feed")]) } == [.productStillLinked])
        let e = try request(.algorithm("feed"))
        #expect(e.action == .cancelRequest && e.attestation == Lifecycle.attestation)
        let pending = rules.applying([e])
        #expect(pending.state(.algorithm("feed")).status == .cancelPending)
        #expect(Self.codes { _ = try pending.requestCancellation(.algorithm("feed"), reason: "again", attestation: Lifecycle.attestation, linkedBy: [], by: Self.stamp) } == [.stillUnderReview])
    }

    @Test func onlyAnApprovedFilingNotCancelledIsRevoked() throws {
        let rules = Self.rules(Self.approvedFeed + [(.submit, .product("app"))])
        func revoke(_ item: ItemRef, reason: String = "fraud", note: String? = nil) throws(RegistryError) -> LedgerEvent {
            try rules.revoke(item, reason: reason, publicNote: note, linkedBy: [], by: Self.stamp)
        }
        #expect(Self.codes { _ = try revoke(.product("app")) } == [.notApproved])
        #expect(Self.codes { _ = try revoke(.algorithm("feed"), note: "  ") } == [.reasonRequired])
        #expect(Self.codes { _ = try revoke(.algorithm("feed"), note: "a\u{200B}b") } == [.unsafeCharacter])
        let e = try revoke(.algorithm("feed"), note: " 违规 ")
        #expect(e.action == .revoke && e.note == "违规" && e.reason == "fraud")
        let after = rules.applying([e])
        #expect(after.state(.algorithm("feed")).cancelledByRegulator)
        #expect(Self.codes { _ = try after.revoke(.algorithm("feed"), reason: "x", publicNote: nil, linkedBy: [], by: Self.stamp) } == [.itemCancelled])
    }
}
