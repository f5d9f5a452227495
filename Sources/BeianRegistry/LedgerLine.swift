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
        w.string("item", e.item)
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
            var strings: [String: String] = [:]
            var ints: [String: Int64] = [:]
            var change: Bool?
            var manifest: [String: String]?
            var seen = Set<String>()
            repeat {
                guard let k = string(), take(UInt8(ascii: ":")), seen.insert(k).inserted else { return nil }
                switch k {
                case "seq", "unixTime", "ledgerSeq", "registrySeq", "packageSeq":
                    guard let v = int() else { return nil }
                    ints[k] = v
                case "change":
                    guard let v = bool() else { return nil }
                    change = v
                case "manifest":
                    guard let v = self.manifest() else { return nil }
                    manifest = v
                case "action", "actor", "attestation", "creditCode", "entityID", "filerKey", "hash", "item", "ledgerHead", "note", "number",
                     "package", "prev", "reason", "receipt", "registryEvent", "signature", "signer", "snapshot", "submission", "time":
                    guard let v = string() else { return nil }
                    strings[k] = v
                default:
                    return nil
                }
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")), i == bytes.count else { return nil }
            return Self.event(strings, ints, change, manifest)
        }

        /// The event, when every key it requires is there and each number fits its type.
        static func event(_ s: [String: String], _ n: [String: Int64], _ change: Bool?, _ manifest: [String: String]?) -> LedgerEvent? {
            guard let seq = n["seq"].flatMap(Int.init(exactly:)), let unixTime = n["unixTime"], let time = s["time"], let actor = s["actor"],
                  let action = s["action"].flatMap(LedgerEvent.Action.init(rawValue:)), let item = s["item"], let prev = s["prev"], let hash = s["hash"]
            else { return nil }
            func small(_ k: String) -> Int?? {
                guard let v = n[k] else { return .some(nil) }
                return Int(exactly: v).map { .some($0) } ?? nil
            }
            guard let ledgerSeq = small("ledgerSeq"), let registrySeq = small("registrySeq"), let packageSeq = small("packageSeq") else { return nil }
            var e = LedgerEvent(seq: seq, time: time, unixTime: unixTime, actor: actor, action: action, item: item, prev: prev, hash: hash)
            e.change = change
            e.manifest = manifest
            e.attestation = s["attestation"]
            e.reason = s["reason"]
            e.number = s["number"]
            e.entityID = s["entityID"]
            e.snapshot = s["snapshot"]
            e.note = s["note"]
            e.ledgerHead = s["ledgerHead"]
            e.ledgerSeq = ledgerSeq
            e.signer = s["signer"]
            e.signature = s["signature"]
            e.receipt = s["receipt"]
            e.registrySeq = registrySeq
            e.registryEvent = s["registryEvent"]
            e.package = s["package"]
            e.filerKey = s["filerKey"]
            e.submission = s["submission"]
            e.packageSeq = packageSeq
            e.creditCode = s["creditCode"]
            return e
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
        self.item = item
        self.prev = prev
        self.hash = hash
    }
}
