import BeianModel
import Foundation
import Testing

/// `PublicChange`: what an approved change changed, field by field; and `PublicEvent`'s JSON
/// stays readable without it (snapshots of imported filings written before it existed).
@Suite struct PublicChangeTests {
    @Test func oneValueFieldsListOldAndNew() {
        #expect(PublicChange.value(.purpose, "a", "a") == nil)
        #expect(PublicChange.value(.purpose, "a", "b") == PublicChange(field: .purpose, old: ["a"], new: ["b"]))
    }

    @Test func listsAndLinesListWhatWasRemovedAndAdded() {
        #expect(PublicChange.list(.products, ["A", "B", "C"], ["A", "C", "D"]) == PublicChange(field: .products, old: ["B"], new: ["D"]))
        #expect(PublicChange.list(.products, [], ["A"]) == PublicChange(field: .products, old: [], new: ["A"]))
        #expect(PublicChange.list(.products, ["A"], ["A"]) == nil)
        // Reordered: the moved item is removed and added.
        #expect(PublicChange.list(.products, ["A", "B"], ["B", "A"])?.old.count == 1)
        let old = "# 标题\n\n第一段。\n\n第二段。\n", new = "# 标题\n\n第一段，改过。\n\n第二段。\n\n第三段。\n"
        #expect(PublicChange.lines(.disclosure, old, new) == PublicChange(field: .disclosure, old: ["第一段。"], new: ["第一段，改过。", "第三段。"]))
        #expect(PublicChange.lines(.disclosure, old, old) == nil)
        // Only blank lines differ: a change, with no line to show.
        #expect(PublicChange.lines(.disclosure, old, old + "\n") == PublicChange(field: .disclosure, old: [], new: []))
        // A hostile size costs no quadratic time: the middle is all removed, all added.
        let many = (0..<5_000).map { "行\($0)" }
        let other = many.map { $0 + "改" }
        let started = Date()
        let big = PublicChange.lines(.disclosure, many.joined(separator: "\n"), other.joined(separator: "\n"))
        #expect(big?.old == many && big?.new == other)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func betweenComparesOnlyTheGivenPublicFields() {
        let a = PublicFiling(number: FilingNumber(published: "110108874287802250017")!, algorithmName: "甲", type: .personalised,
                             role: .provider, entityName: "主体", entityID: "8742878", region: "110108", products: ["P（APP）"],
                             purpose: "用途", disclosure: "x", approvedOn: CalendarDate("2025-05-02")!)
        var b = a
        b.algorithmName = "乙"
        b.entityName = "新主体"
        b.notes = ["备注不是公示字段的变更"]
        #expect(PublicChange.between(a, b).map(\.field) == [.algorithmName, .entityName])
        #expect(PublicChange.between(a, b, fields: [.purpose, .entityName]).map(\.field) == [.entityName])
    }

    @Test func eventsWithoutChangesEncodeAsBeforeAndOldJSONDecodes() throws {
        let old = Data(#"{"date":{"day":2,"month":5,"year":2025},"note":"备案通过"}"#.utf8)
        let event = try JSONDecoder().decode(PublicEvent.self, from: old)
        #expect(event == PublicEvent(date: CalendarDate("2025-05-02")!, note: "备案通过"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(event) == old)
        let changed = PublicEvent(date: event.date, note: "变更", changes: [PublicChange(field: .region, old: ["110108"], new: ["440305"])])
        let json = String(decoding: try encoder.encode(changed), as: UTF8.self)
        #expect(json.contains(#""changes":[{"field":"region","new":["440305"],"old":["110108"]}]"#))
        #expect(try JSONDecoder().decode(PublicEvent.self, from: Data(json.utf8)) == changed)
        // A step's kind (issue 27) is written only where its note does not already say it.
        #expect(PublicEvent(date: event.date, note: "监管部门注销").kind == .cancelled, "the regulator's cancellation (review revoke)")
        let revoked = PublicEvent(date: event.date, note: "由监管部门注销", kind: .cancelled)
        let kindJSON = try encoder.encode(revoked)
        #expect(String(decoding: kindJSON, as: UTF8.self).contains(#""kind":"cancelled""#))
        #expect(try JSONDecoder().decode(PublicEvent.self, from: kindJSON) == revoked)
        #expect(event.kind == .filed)
        // A field outside the public list does not decode.
        let bad = json.replacingOccurrences(of: "\"region\"", with: "\"creditCode\"")
        #expect(throws: (any Error).self) { try JSONDecoder().decode(PublicEvent.self, from: Data(bad.utf8)) }
    }
}
