/// A stable 64-bit hash: a fixed multiply–xorshift over 8-byte words.
///
/// Swift's `Hasher` is seeded per process, so it cannot compare builds; this can, and it is
/// fast enough to key 100,000 filings in a few milliseconds. Not cryptographic: it guards
/// against accidental change (incremental builds, caches), never against an adversary.
public struct StableHash: Sendable, Hashable {
    public private(set) var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    public init(_ parts: String...) {
        for p in parts { add(p) }
    }

    /// The hash of one 64-bit word (e.g. a key computed elsewhere).
    public init(word: UInt64) { mix(word) }

    public mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
    }

    public mutating func add(_ n: Int) { mix(UInt64(bitPattern: Int64(n)) ^ 0xA5A5_0000_0000_0001) }

    public mutating func add(_ b: Bool) { add(b ? 1 : 0) }

    public mutating func add(_ f: StableHash) { mix(f.state) }

    /// Mixes in one 64-bit word (e.g. another key's state).
    public mutating func add(word: UInt64) { mix(word) }

    public mutating func add(bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        mix(Self.tail(bytes, from: i))
        mix(UInt64(n))  // length last, so "ab"+"c" and "a"+"bc" differ
    }

    private mutating func mix(_ w: UInt64) { state = Self.mixed(state, w) }

    /// One mixing step: `w` folded into `state`.
    @inline(__always) static func mixed(_ state: UInt64, _ w: UInt64) -> UInt64 {
        var h = (state ^ w) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        return h
    }

    /// The bytes from `i` to the end (fewer than eight), little-endian in one word.
    @inline(__always) static func tail(_ bytes: UnsafeRawBufferPointer, from i: Int) -> UInt64 {
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        for b in bytes[i...] {
            tail |= UInt64(b) << shift
            shift += 8
        }
        return tail
    }

    /// 16 lowercase hex digits.
    public var hex: String {
        let s = String(state, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

extension PublicFiling {
    /// A key of everything public about the filing: equal keys, equal filings (as far as a
    /// 64-bit hash can say). What incremental builds compare instead of the filings themselves;
    /// the registry computes it once, when it reads a bundle, and caches it with the filing.
    /// (Changing what goes in? Every cache keyed by it rebuilds once, nothing else.)
    public var contentKey: UInt64 {
        var h = StableHash("filing 3", number.digits, algorithmName, type.code, role.rawValue, entityName, entityID,
                           region, purpose, disclosure, approvedOn.description, status.rawValue, cancelledOn?.description ?? "-")
        h.add(products.count)
        for p in products { h.add(p) }
        h.add(hosts.count)
        for p in hosts { h.add(p) }
        h.add(notes.count)
        for n in notes { h.add(n) }
        h.add(history.count)
        for e in history {
            h.add(e.date.description)
            h.add(e.note)
            h.add(e.kind.rawValue)
            h.add(e.changes.count)
            for c in e.changes {
                h.add(c.field.rawValue)
                h.add(c.old.count)
                for v in c.old { h.add(v) }
                h.add(c.new.count)
                for v in c.new { h.add(v) }
            }
        }
        h.add(imported)
        return h.state
    }

    /// The latest date the filing's public record carries (approval, cancellation, history).
    public var newestDate: CalendarDate {
        var d = approvedOn
        if let c = cancelledOn, c > d { d = c }
        for e in history where e.date > d { d = e.date }
        return d
    }

    /// 备案清单 order, oldest first: approval date, then number. Integers, so sorting 100,000
    /// filings compares no strings.
    public var listOrderKey: FilingOrderKey {
        FilingOrderKey(day: approvedOn.dayNumber, number: number)
    }
}

/// A filing's place in 备案清单: its approval day (yyyymmdd), then its number's 21 digits as
/// the first 19 (a `UInt64`; 20 would overflow it) and the last two.
public struct FilingOrderKey: Sendable, Hashable, Comparable {
    public var day: Int
    public var head: UInt64
    public var last: UInt8

    public init(day: Int, number: FilingNumber) {
        self.day = day
        (head, last) = number.integerKey
    }

    public init(day: Int, head: UInt64, last: UInt8) {
        self.day = day
        self.head = head
        self.last = last
    }

    public static func < (a: FilingOrderKey, b: FilingOrderKey) -> Bool {
        a.day != b.day ? a.day < b.day : a.head != b.head ? a.head < b.head : a.last < b.last
    }
}

extension FilingNumber {
    /// The 21 digits as integers — the first 19 (a 20-digit prefix can exceed `UInt64.max`)
    /// and the last two — ordered as the digits are.
    public var integerKey: (head: UInt64, last: UInt8) {
        var head: UInt64 = 0
        var last: UInt8 = 0
        var i = 0
        for b in digits.utf8 {
            if i < 19 { head = head &* 10 &+ UInt64(b &- 0x30) } else { last = last &* 10 &+ (b &- 0x30) }
            i += 1
        }
        return (head, last)
    }
}

/// A filing as incremental builds sort, group and compare it: integers only, so passes over
/// 100,000 filings touch no strings. The registry makes one per filing as it reads a bundle.
public struct FilingSummary: Sendable, Hashable {
    /// `PublicFiling.contentKey`.
    public var key: UInt64
    /// 备案清单 order: approval day, then number.
    public var order: FilingOrderKey
    /// The entity id (digits 7–13 of the number) as an integer.
    public var entity: Int
    /// False when the filing's `entityID` is not those seven digits (the portal refuses it).
    public var entityMatches: Bool
    public var type: AlgorithmType
    public var active: Bool
    /// The newest date the filing's record carries (approval, cancellation, history), yyyymmdd.
    public var newestDay: Int
    public var role: AlgorithmRole
    /// The province of the filing's region as its two leading digits (11 for 110108), 0 when
    /// the region is no known division: the portal's statistics count from it.
    public var province: Int
    /// The cancellation date (yyyymmdd) of a cancelled filing; 0 when it is active or its
    /// cancellation carries no date.
    public var cancelledDay: Int
    /// The day (yyyymmdd) of the newest public step of each kind, 0 when there is none: which
    /// filings a feed of the latest steps can hold is decided from these, without decoding a
    /// filing. (Three integers, not an array: no allocation per filing.)
    public var eventDays: EventDays

    public init(_ f: PublicFiling, key: UInt64? = nil) {
        self.key = key ?? f.contentKey
        let number = f.number
        order = FilingOrderKey(day: f.approvedOn.dayNumber, number: number)
        var entity = 0
        var matches = f.entityID.utf8.count == 7
        var id = f.entityID.utf8.makeIterator()
        for (i, d) in number.digits.utf8.enumerated() where i >= 6 && i < 13 {
            entity = entity * 10 + Int(d &- 0x30)
            if matches, id.next() != d { matches = false }
        }
        self.entity = entity
        entityMatches = matches
        type = f.type
        active = f.status == .active
        newestDay = f.newestDate.dayNumber
        role = f.role
        province = Self.province(of: f.region)
        cancelledDay = f.status == .cancelled ? f.cancelledOn?.dayNumber ?? 0 : 0
        eventDays = Self.eventDays(f.history)
    }

    /// The newest day (yyyymmdd) of each kind of public step; 0 where there is none.
    public struct EventDays: Sendable, Hashable {
        public var filed = 0, changed = 0, cancelled = 0

        public init(filed: Int = 0, changed: Int = 0, cancelled: Int = 0) {
            (self.filed, self.changed, self.cancelled) = (filed, changed, cancelled)
        }

        /// The newest day of a step of `kind`, or of any kind when nil.
        public subscript(kind: PublicEventKind?) -> Int {
            get {
                switch kind {
                case nil: max(filed, changed, cancelled)
                case .filed: filed
                case .changed: changed
                case .cancelled: cancelled
                }
            }
            set {
                switch kind {
                case nil: break
                case .filed: filed = newValue
                case .changed: changed = newValue
                case .cancelled: cancelled = newValue
                }
            }
        }
    }

    /// The newest day of each kind of step in `history` (`eventDays`).
    public static func eventDays(_ history: [PublicEvent]) -> EventDays {
        var days = EventDays()
        for e in history { days[e.kind] = max(days[e.kind], e.date.dayNumber) }
        return days
    }

    /// The newest day of a step of `kind` (any kind when nil); 0 when there is none.
    public func eventDay(_ kind: PublicEventKind?) -> Int { eventDays[kind] }

    public init(key: UInt64, order: FilingOrderKey, entity: Int, entityMatches: Bool, type: AlgorithmType, active: Bool, newestDay: Int,
                role: AlgorithmRole = .provider, province: Int = 0, cancelledDay: Int = 0, eventDays: EventDays = EventDays()) {
        self.key = key
        self.order = order
        self.entity = entity
        self.entityMatches = entityMatches
        self.type = type
        self.active = active
        self.newestDay = newestDay
        self.role = role
        self.province = province
        self.cancelledDay = cancelledDay
        self.eventDays = eventDays
    }

    /// The two leading digits of a region code whose province is a known division, else 0.
    public static func province(of region: String) -> Int {
        guard Region.provinceName(of: region) != nil, region.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return 0 }
        let u = Array(region.utf8.prefix(2))
        return Int(u[0] - 0x30) * 10 + Int(u[1] - 0x30)
    }

    /// The filings that share a number with another, as groups of indices into `summaries`
    /// (each ascending; groups ordered by number). Linear when `summaries` is sorted by number,
    /// as the registry's view is; no hashing either way.
    public static func repeatedNumbers(_ summaries: [FilingSummary]) -> [[Int]] {
        func less(_ a: Int, _ b: Int) -> Bool {
            (summaries[a].order.head, summaries[a].order.last) < (summaries[b].order.head, summaries[b].order.last)
        }
        let sorted = summaries.indices.dropFirst().allSatisfy { !less($0, $0 - 1) }
        let byNumber = sorted ? Array(summaries.indices) : summaries.indices.sorted(by: less)
        var groups: [[Int]] = []
        var start = 0
        while start < byNumber.count {
            var end = start + 1
            while end < byNumber.count, !less(byNumber[start], byNumber[end]) { end += 1 }
            if end - start > 1 { groups.append(byNumber[start..<end].sorted()) }
            start = end
        }
        return groups
    }

    /// The number's 21 digits, written from the integers.
    public var digits: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(21)
        appendDigits(to: &out)
        return out
    }

    /// Appends the number's 21 digits to `out` (no array of its own: 100,000 filings at once).
    public func appendDigits(to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0x30, count: 21))
        var head = order.head
        for i in stride(from: 18, through: 0, by: -1) {
            out[start + i] = 0x30 + UInt8(head % 10)
            head /= 10
        }
        out[start + 19] = 0x30 + order.last / 10
        out[start + 20] = 0x30 + order.last % 10
    }
}

extension CalendarDate {
    /// yyyymmdd as one integer: ordered as the dates are.
    public var dayNumber: Int { year * 10_000 + month * 100 + day }

    /// The date of a `dayNumber`; nil when it names no day.
    public init?(dayNumber: Int) {
        self.init(year: dayNumber / 10_000, month: dayNumber / 100 % 100, day: dayNumber % 100)
    }
}
