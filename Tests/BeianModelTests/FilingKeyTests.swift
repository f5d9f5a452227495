import BeianModel
import Testing

/// The integer keys incremental builds sort and compare by: the same order as the digits, and
/// a content key that moves with every public field and only with them.
@Suite struct FilingKeyTests {
    static func filing(_ digits: String, day: Int = 1) -> PublicFiling {
        PublicFiling(number: FilingNumber(published: digits)!, algorithmName: "算法", type: .personalised, role: .provider,
                     entityName: "主体", entityID: String(Array(digits)[6..<13]), region: String(digits.prefix(6)),
                     products: ["产品（APP）"], purpose: "用途", disclosure: "公示", approvedOn: CalendarDate(year: 2024, month: 1, day: day)!,
                     history: [PublicEvent(date: CalendarDate(year: 2024, month: 1, day: day)!, note: "备案通过")])
    }

    /// Numbers of every region — 65… overflows a 20-digit integer — sort by integers as by digits.
    @Test func integerKeysSortAsTheDigits() {
        var digits: [String] = []
        for region in ["110108", "190000", "440305", "650102", "999999"] {
            for tail in ["00000010224001", "99999990624999", "12345670224105", "00000010224009"] {
                digits.append(region + tail + "1")
                digits.append(region + tail + "9")
            }
        }
        let numbers = digits.map { FilingNumber(published: $0)! }
        let byKey = numbers.sorted { $0.integerKey < $1.integerKey }.map(\.digits)
        #expect(byKey == digits.sorted())
        // 备案清单 order: the day first, then the number.
        let late = Self.filing("110108000000102240011", day: 2)
        let early = Self.filing("650102999999906249999", day: 1)
        #expect(early.listOrderKey < late.listOrderKey)
        #expect(Self.filing("110108000000102240011").listOrderKey < Self.filing("650102000000102240011").listOrderKey)
    }

    @Test func theContentKeyMovesWithEveryPublicField() {
        let base = Self.filing("110108000000102240011")
        #expect(base.contentKey == Self.filing("110108000000102240011").contentKey)
        var changes: [(inout PublicFiling) -> Void] = [
            { $0.algorithmName += "2" }, { $0.type = .generative }, { $0.role = .technicalSupporter },
            { $0.entityName += "2" }, { $0.region = "110101" }, { $0.products.append("另一个（网站）") },
            { $0.products = [] }, { $0.purpose += "。" }, { $0.disclosure += " " },
            { $0.approvedOn = CalendarDate(year: 2024, month: 1, day: 2)! }, { $0.status = .cancelled },
            { $0.cancelledOn = CalendarDate(year: 2025, month: 1, day: 1)! }, { $0.notes.append("已注销") },
            { $0.history.append(PublicEvent(date: CalendarDate(year: 2025, month: 1, day: 1)!, note: "备案信息变更")) },
            { $0.imported = true },
        ]
        // Moving text between neighbouring fields changes the key too.
        changes.append { $0.algorithmName = "算法主"; $0.entityName = "体" }
        var keys: Set<UInt64> = [base.contentKey]
        for change in changes {
            var f = base
            change(&f)
            #expect(f != base)
            keys.insert(f.contentKey)
        }
        #expect(keys.count == changes.count + 1)
        // Copies share storage until one is changed; a change never reaches the other copy.
        var copy = base
        copy.notes.append("变更")
        #expect(base.notes.isEmpty && copy.notes == ["变更"])
    }
}
