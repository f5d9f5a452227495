import Foundation

/// A direct reader and writer of ledger lines, for speed (`beian verify` reads every event of
/// every ledger: JSONDecoder and JSONEncoder were nine tenths of that). Exact by construction
/// and checked against Foundation's coders by `LedgerLineTests`:
/// - `encode` writes byte for byte what `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`)
///   writes, and gives nil — the caller then uses `JSONEncoder` — whenever a string would need
///   an escape or a manifest path is not plain ASCII;
/// - `decode` reads only lines in that form (no escapes, no whitespace, no unknown, repeated or
///   null keys) and gives exactly the event `JSONDecoder` would; anything else gives nil and
///   the caller uses `JSONDecoder`, whose errors name what is wrong.
/// Whatever `decode` accepts, `Ledger` still checks against `canonical`, so a line is only ever
/// accepted in the one form `JSONEncoder` writes.
enum LedgerLine {
    // MARK: Writing

    static func encode(_ e: LedgerEvent) -> [UInt8]? {
        var w = Writer()
        w.out.append(UInt8(ascii: "{"))
        // Keys in byte order, as `.sortedKeys` writes them (the order is fixed: these names).
        w.string("action", e.action.rawValue)
        w.string("actor", e.actor)
        w.string("attestation", e.attestation)
        w.bool("change", e.change)
        w.string("creditCode", e.creditCode)
        w.string("entityID", e.entityID)
        w.string("filerKey", e.filerKey)
        w.string("hash", e.hash)
        w.string("item", e.item.description)
        w.string("ledgerHead", e.ledgerHead)
        w.int("ledgerSeq", e.ledgerSeq.map(Int64.init))
        w.manifest(e.manifest)
        w.string("note", e.note)
        w.string("number", e.number)
        w.string("package", e.package)
        w.int("packageSeq", e.packageSeq.map(Int64.init))
        w.string("prev", e.prev)
        w.string("reason", e.reason)
        w.string("receipt", e.receipt)
        w.string("registryEvent", e.registryEvent)
        w.int("registrySeq", e.registrySeq.map(Int64.init))
        w.int("seq", Int64(e.seq))
        w.string("signature", e.signature)
        w.string("signer", e.signer)
        w.string("snapshot", e.snapshot)
        w.string("submission", e.submission)
        w.string("time", e.time)
        w.int("unixTime", e.unixTime)
        w.out.append(UInt8(ascii: "}"))
        return w.failed ? nil : w.out
    }

    private struct Writer {
        var out: [UInt8] = []
        var failed = false
        var first = true

        mutating func key(_ k: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: k.utf8)
            out.append(contentsOf: "\":".utf8)
        }

        mutating func quoted(_ s: String) {
            out.append(UInt8(ascii: "\""))
            for b in s.utf8 {
                if !LedgerLine.plain(b) { failed = true }
                out.append(b)
            }
            if LedgerLine.hasLineSeparator(s.utf8) { failed = true }
            out.append(UInt8(ascii: "\""))
        }

        mutating func string(_ k: String, _ v: String?) {
            guard let v else { return }
            key(k)
            quoted(v)
        }

        mutating func int(_ k: String, _ v: Int64?) {
            guard let v else { return }
            key(k)
            out.append(contentsOf: String(v).utf8)
        }

        mutating func bool(_ k: String, _ v: Bool?) {
            guard let v else { return }
            key(k)
            out.append(contentsOf: (v ? "true" : "false").utf8)
        }

        mutating func manifest(_ m: [String: String]?) {
            guard let m else { return }
            key("manifest")
            // Plain ASCII paths only: then byte order is the order `.sortedKeys` gives.
            if m.keys.contains(where: { !$0.utf8.allSatisfy { $0 < 0x80 } }) { failed = true }
            out.append(UInt8(ascii: "{"))
            for (i, path) in m.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                quoted(path)
                out.append(UInt8(ascii: ":"))
                quoted(m[path]!)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A byte a JSON string holds as itself in `JSONEncoder`'s output: not a quote, a backslash,
    /// a control character or DEL.
    static func plain(_ b: UInt8) -> Bool {
        b >= 0x20 && b != 0x7F && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\")
    }

    /// U+2028 or U+2029 (which some encoders escape): left to Foundation.
    static func hasLineSeparator<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var state = 0
        for b in bytes {
            switch (state, b) {
            case (_, 0xE2): state = 1
            case (1, 0x80): state = 2
            case (2, 0xA8), (2, 0xA9): return true
            default: state = 0
            }
        }
        return false
    }

    // MARK: Reading

    static func decode(_ line: [UInt8]) -> LedgerEvent? {
        var r = Reader(bytes: line)
        return r.event()
    }

    /// The event of a line in any form JSONDecoder reads (the form `encode` writes read
    /// directly): for readers that check nothing more than that a line is an event.
    static func decodeAny<D: DataProtocol>(_ line: D) -> LedgerEvent? {
        decode(Array(line)) ?? (try? JSONDecoder().decode(LedgerEvent.self, from: Data(line)))
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0

        mutating func take(_ b: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == b else { return false }
            i += 1
            return true
        }

        /// A string without escapes, valid UTF-8.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                guard LedgerLine.plain(bytes[i]) else { return nil }
                i += 1
            }
            guard i < bytes.count else { return nil }
            let slice = bytes[start..<i]
            i += 1
            guard !LedgerLine.hasLineSeparator(slice) else { return nil }
            return String(validating: slice, as: UTF8.self)
        }

        /// An integer as JSONEncoder writes one: an optional minus, no leading zero.
        mutating func int() -> Int64? {
            let start = i
            _ = take(UInt8(ascii: "-"))
            let digits = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard i > digits, i - digits == 1 || bytes[digits] != 0x30 else { return nil }
            return Int64(String(decoding: bytes[start..<i], as: UTF8.self))
        }

        mutating func bool() -> Bool? {
            for (word, value) in [("true", true), ("false", false)] where bytes[i...].starts(with: word.utf8) {
                i += word.utf8.count
                return value
            }
            return nil
        }

        mutating func manifest() -> [String: String]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var m: [String: String] = [:]
            if take(UInt8(ascii: "}")) { return m }
            repeat {
                guard let k = string(), take(UInt8(ascii: ":")), let v = string(), m.updateValue(v, forKey: k) == nil else { return nil }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}")) ? m : nil
        }

        mutating func event() -> LedgerEvent? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var e = LedgerEvent(seq: 0, time: "", unixTime: 0, actor: "", action: .submit, item: "", prev: "", hash: "")
            // The required keys, each seen once; every key may appear once.
            var seen = Set<String>()
            repeat {
                guard let k = string(), take(UInt8(ascii: ":")), seen.insert(k).inserted, read(k, into: &e) else { return nil }
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")), i == bytes.count, seen.isSuperset(of: Self.required) else { return nil }
            return e
        }

        static let required: Set<String> = ["seq", "time", "unixTime", "actor", "action", "item", "prev", "hash"]

        /// The value of key `k` into its field; false for an unknown key or a value of the
        /// wrong type.
        mutating func read(_ k: String, into e: inout LedgerEvent) -> Bool {
            func text(_ set: (inout LedgerEvent, String) -> Void) -> Bool {
                guard let v = string() else { return false }
                set(&e, v)
                return true
            }
            func small(_ set: (inout LedgerEvent, Int) -> Void) -> Bool {
                guard let v = int().flatMap(Int.init(exactly:)) else { return false }
                set(&e, v)
                return true
            }
            switch k {
            case "action":
                guard let v = string().flatMap(LedgerEvent.Action.init(rawValue:)) else { return false }
                e.action = v
                return true
            case "actor": return text { $0.actor = $1 }
            case "attestation": return text { $0.attestation = $1 }
            case "change":
                guard let v = bool() else { return false }
                e.change = v
                return true
            case "creditCode": return text { $0.creditCode = $1 }
            case "entityID": return text { $0.entityID = $1 }
            case "filerKey": return text { $0.filerKey = $1 }
            case "hash": return text { $0.hash = $1 }
            case "item": return text { $0.item = LedgerEvent.Subject($1) }
            case "ledgerHead": return text { $0.ledgerHead = $1 }
            case "ledgerSeq": return small { $0.ledgerSeq = $1 }
            case "manifest":
                guard let v = manifest() else { return false }
                e.manifest = v
                return true
            case "note": return text { $0.note = $1 }
            case "number": return text { $0.number = $1 }
            case "package": return text { $0.package = $1 }
            case "packageSeq": return small { $0.packageSeq = $1 }
            case "prev": return text { $0.prev = $1 }
            case "reason": return text { $0.reason = $1 }
            case "receipt": return text { $0.receipt = $1 }
            case "registryEvent": return text { $0.registryEvent = $1 }
            case "registrySeq": return small { $0.registrySeq = $1 }
            case "seq": return small { $0.seq = $1 }
            case "signature": return text { $0.signature = $1 }
            case "signer": return text { $0.signer = $1 }
            case "snapshot": return text { $0.snapshot = $1 }
            case "submission": return text { $0.submission = $1 }
            case "time": return text { $0.time = $1 }
            case "unixTime":
                guard let v = int() else { return false }
                e.unixTime = v
                return true
            default: return false
            }
        }
    }
}

extension LedgerEvent {
    /// An event with its required fields as read (no clock involved).
    init(seq: Int, time: String, unixTime: Int64, actor: String, action: Action, item: String, prev: String, hash: String) {
        self.seq = seq
        self.time = time
        self.unixTime = unixTime
        self.actor = actor
        self.action = action
        self.item = Subject(item)
        self.prev = prev
        self.hash = hash
    }
}
