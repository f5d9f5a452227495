import BeianModel
import Foundation
import Synchronization
import Testing

/// A filing kept encoded (`PublicFiling(deferred:decode:)`, the registry cache's) decodes once,
/// on the first read of a field, whichever thread reads; it is equal to the filing it encodes
/// and keeps value semantics.
@Suite struct DeferredFilingTests {
    static let sample = FilingKeyTests.filing("110108000000102240011")

    /// How many times `decode` ran.
    final class Counter: Sendable {
        let count = Atomic<Int>(0)
    }

    static func deferred(_ filing: PublicFiling, counter: Counter) throws -> PublicFiling {
        let payload = try JSONEncoder().encode(filing)
        return PublicFiling(deferred: payload) { data in
            counter.count.add(1, ordering: .relaxed)
            return try? JSONDecoder().decode(PublicFiling.self, from: data)
        }
    }

    @Test func decodedOnceOnFirstReadAndEqualToWhatItEncodes() throws {
        let counter = Counter()
        let d = try Self.deferred(Self.sample, counter: counter)
        let copy = d
        #expect(!d.isDecoded && counter.count.load(ordering: .relaxed) == 0, "nothing decoded before a field is read")
        #expect(d.algorithmName == "算法")
        #expect(d.isDecoded && copy.isDecoded, "copies share the decoded fields")
        #expect(d == Self.sample && d.hashValue == Self.sample.hashValue && d.contentKey == Self.sample.contentKey)
        #expect(copy.number == Self.sample.number && copy.products == Self.sample.products)
        #expect(counter.count.load(ordering: .relaxed) == 1)
    }

    @Test func readersOnManyThreadsDecodeOnceAndSeeTheSameFiling() async throws {
        let counter = Counter()
        let d = try Self.deferred(Self.sample, counter: counter)
        let names = await withTaskGroup(of: String.self) { group in
            for _ in 0..<64 { group.addTask { d.entityName + d.algorithmName } }
            var out: [String] = []
            for await n in group { out.append(n) }
            return out
        }
        #expect(names.count == 64 && Set(names) == ["主体算法"])
        // Racing readers may decode more than once, but all see one result; here, on two cores,
        // the count stays small and the filing is whole.
        #expect((1...64).contains(counter.count.load(ordering: .relaxed)))
        #expect(d == Self.sample)
    }

    @Test func changingACopyNeverChangesTheOther() throws {
        let counter = Counter()
        let d = try Self.deferred(Self.sample, counter: counter)
        var edited = d
        edited.algorithmName = "另一个算法"
        edited.notes.append("变更")
        #expect(edited.algorithmName == "另一个算法" && edited.notes == ["变更"])
        #expect(d.algorithmName == "算法" && d.notes.isEmpty)
        #expect(d == Self.sample && edited != Self.sample)
        // A copy edited before any read: the edit decodes (once, into the shared box) and
        // goes to the copy's own fields.
        let untouched = try Self.deferred(Self.sample, counter: counter)
        var other = untouched
        other.purpose = "新用途"
        #expect(other.purpose == "新用途" && other.isDecoded)
        #expect(untouched.purpose == "用途" && untouched == Self.sample)
    }

    @Test func repeatedNumbersAreFoundSortedOrNot() {
        let a = Self.sample
        let b = FilingKeyTests.filing("110108000000102240029")
        let c = FilingKeyTests.filing("650102000000102240011")
        func groups(_ filings: [PublicFiling]) -> [[Int]] { FilingSummary.repeatedNumbers(filings.map { FilingSummary($0) }) }
        #expect(groups([a, b, c]).isEmpty)
        #expect(groups([a, a, b, c, c, c]) == [[0, 1], [3, 4, 5]])
        #expect(groups([c, a, b, a, c]) == [[1, 3], [0, 4]])
        #expect(groups([]).isEmpty)
    }

    @Test func digitsAreWrittenFromTheIntegers() {
        var out: [UInt8] = [0x41]
        for f in [Self.sample, FilingKeyTests.filing("650102999999906249999")] {
            let s = FilingSummary(f)
            #expect(s.digits == Array(f.number.digits.utf8))
            s.appendDigits(to: &out)
        }
        #expect(out == [0x41] + Array("110108000000102240011650102999999906249999".utf8))
    }
}
