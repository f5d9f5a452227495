public import BeianDiagnostics
public import Foundation
public import BeianStore
public import BeianTrust

/// An append-only, hash-chained JSON Lines file of `LedgerEvent`s.
///
/// Appends write only the new lines (`AppendFile`: `O_APPEND`, `fsync`). A write cut short
/// leaves an incomplete last line, the torn tail: reading ignores it (it never completed, so it
/// never happened), `beian verify` reports it (L612), and the next append repairs it first —
/// a fragment is truncated away, a whole event missing only its newline is completed.
public struct Ledger: Sendable {
    public static let genesis = String(repeating: "0", count: 64)

    public var url: URL
    /// The path shown in messages.
    public var displayPath: String
    public private(set) var events: [LedgerEvent]
    /// Events before `events` that `openTail` did not decode.
    private var skipped = 0
    /// The file's size as read (torn tail included): an append checks nothing changed since.
    public private(set) var byteSize = 0
    /// What follows the last newline, as read.
    public private(set) var tail: AppendFile.Tail = .clean

    /// An empty ledger at `url` (nothing is written until the first append).
    public init(url: URL, displayPath: String) {
        self.url = url
        self.displayPath = displayPath
        self.events = []
    }

    /// Reads and fully verifies the ledger; a missing file is an empty ledger.
    ///
    /// Every line must parse, have `seq` = its line number, chain to the previous `hash` and
    /// hash to its own `hash` (SHA-256 of its bytes with the value of `hash` emptied), so any
    /// changed byte is caught. `canonicalForm` also re-encodes each event and compares the
    /// bytes, which tells "altered" from "reformatted" in `beian verify`'s message; the public
    /// read for `beian build` skips that (a third of reading a ledger), not the hashes.
    /// An incomplete last line is left out of `events` and kept in `tail` (see the type).
    public static func open(_ url: URL, displayPath: String, canonicalForm: Bool = true) throws(Diagnostic) -> Ledger {
        var ledger = Ledger(url: url, displayPath: displayPath)
        guard let data = try bytes(url, displayPath: displayPath) else { return ledger }
        ledger.byteSize = data.count
        let end = (data.lastIndex(of: 0x0A) ?? (data.startIndex - 1)) + 1
        let whole = data[data.startIndex..<end], rest = data[end...]
        guard let text = String(data: whole, encoding: .utf8) else {
            throw broken(displayPath, line: 1, Localized(zh: "台账不是 UTF-8 文本", en: "the ledger is not UTF-8 text"))
        }
        // Split on the byte 0x0A: the ledger is JSON Lines, and splitting `Character`s was a
        // quarter of reading it.
        var parts = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
        if parts.last == "" { parts.removeLast() }
        var prev = genesis
        let decoder = JSONDecoder()
        for (i, line) in parts.enumerated() {
            let n = i + 1
            let event = try checked(line, n: n, prev: prev, canonicalForm: canonicalForm, decoder: decoder, displayPath: displayPath)
            ledger.events.append(event)
            prev = event.hash
        }
        if !rest.isEmpty {
            // A whole, valid next event that lacks only its newline is an event; anything else
            // is the fragment of a write that never completed.
            let n = parts.count + 1
            if let line = String(data: rest, encoding: .utf8),
               let event = try? checked(line, n: n, prev: prev, canonicalForm: canonicalForm, decoder: decoder, displayPath: displayPath) {
                ledger.events.append(event)
                ledger.tail = .unterminated
            } else {
                ledger.tail = .torn(bytes: rest.count)
            }
        }
        return ledger
    }

    /// Line `n`, decoded and checked: its `seq`, its link to `prev`, its hash and (with
    /// `canonicalForm`) its bytes.
    private static func checked(_ line: String, n: Int, prev: String, canonicalForm: Bool, decoder: JSONDecoder, displayPath: String) throws(Diagnostic) -> LedgerEvent {
        guard let event = LedgerLine.decode(Array(line.utf8)) ?? (try? decoder.decode(LedgerEvent.self, from: Data(line.utf8))) else {
            throw broken(displayPath, line: n, Localized(zh: "第 \(n) 行不是有效的台账事件", en: "line \(n) is not a valid ledger event"))
        }
        if event.seq != n {
            throw broken(displayPath, line: n, Localized(zh: "序号应为 \(n)，实为 \(event.seq)（有事件被删除或插入）", en: "sequence should be \(n), is \(event.seq) (an event was removed or inserted)"))
        }
        if event.prev != prev {
            throw broken(displayPath, line: n, Localized(zh: "与上一事件的哈希链接不上", en: "does not chain to the previous event's hash"))
        }
        let (canonical, hash): (String, String?) = canonicalForm ? sealDecoded(event) : (line, lineHash(line, sealedWith: event.hash))
        if hash != event.hash {
            throw broken(displayPath, line: n, Localized(zh: "事件内容与其哈希不符（被改动过）", en: "the event does not match its hash (it was altered)"))
        }
        if canonical != line {
            throw broken(displayPath, line: n, Localized(zh: "事件的书写形式被改动过", en: "the event's bytes were altered"))
        }
        return event
    }

    /// L612 when the last line is incomplete (a write was cut short): `beian verify` reports it;
    /// the next append repairs it. Nil for a ledger that ends with a whole line.
    public var tornTailProblem: Diagnostic? {
        let line = skipped + events.count + (tail == .unterminated ? 0 : 1)
        let (zh, en): (String, String)
        switch tail {
        case .clean: return nil
        case .torn(let n):
            (zh, en) = ("最后一行不完整（\(n) 字节，文件被截断或写入被中断）", "the last line is incomplete (\(n) bytes: the file was truncated or a write was interrupted)")
        case .unterminated:
            (zh, en) = ("最后一个事件缺少换行符（写入被中断）", "the last event lacks its newline (a write was interrupted)")
        }
        return Diagnostic(.tornTail, at: SourceLocation(path: displayPath, line: line, column: 1), message: Localized(zh: zh, en: en),
                          help: Localized(zh: "该文件的下一次写入会修复它（删去不完整的一行，或补上换行符）；如它本是完整的一行，从备份恢复",
                                          en: "the file's next write repairs it (drops the incomplete line, or adds the newline); if it was a whole line, restore the file from a backup"))
    }

    /// The ledger file's bytes, never through a link; nil when there is none yet.
    private static func bytes(_ url: URL, displayPath: String) throws(Diagnostic) -> Data? {
        switch NoFollow.read(root: url.deletingLastPathComponent(), url.lastPathComponent) {
        case .success(let d): return d
        case .failure(.missing): return nil
        case .failure(.link): throw linkRefused(displayPath)
        case .failure: throw unreadable(displayPath)
        }
    }

    static func linkRefused(_ displayPath: String) -> Diagnostic {
        Diagnostic(.linkRefused, at: SourceLocation(path: displayPath),
                   message: Localized(zh: "台账是符号链接，不予跟随", en: "the ledger is a symbolic link and is not followed"),
                   help: Localized(zh: "用真实的台账文件替换该链接", en: "replace the link with the real ledger file"))
    }

    static func unreadable(_ displayPath: String) -> Diagnostic {
        Diagnostic(.unreadable, at: SourceLocation(path: displayPath),
                   message: Localized(zh: "无法读取台账", en: "cannot read the ledger"),
                   help: Localized(zh: "检查文件权限", en: "check the file's permissions"))
    }

    /// The hash the next event must chain to.
    public var head: String { events.last?.hash ?? Ledger.genesis }
    public var nextSeq: Int { skipped + events.count + 1 }
    /// The number of events in the file (those `openTail` skipped included).
    public var count: Int { skipped + events.count }

    /// The ledger for appending only: only the end of the file is read (its last whole line,
    /// and any torn tail after it), and only the last event decoded and checked (its `seq` is
    /// its position and its bytes hash to its `hash`), so an append to a long registry-wide file
    /// (`heads.jsonl`, `entities.jsonl`) costs the same at any length. `events` holds the last
    /// event only; `beian verify` checks the whole chain.
    public static func openTail(_ url: URL, displayPath: String) throws(Diagnostic) -> Ledger {
        var ledger = Ledger(url: url, displayPath: displayPath)
        let found: TailBytes
        switch TailBytes.read(url) {
        case .success(let t): found = t
        case .failure(.missing): return ledger
        case .failure(.link): throw linkRefused(displayPath)
        case .failure: throw unreadable(displayPath)
        }
        ledger.byteSize = found.size
        var lastLine = found.lastLine
        var tail = found.tail
        // A tail that is a whole next event missing its newline counts as an event.
        if !tail.isEmpty, let e = decodeSealed(tail), lastLine.flatMap(decodeSealed).map({ e.seq == $0.seq + 1 && e.prev == $0.hash }) ?? (e.seq == 1 && e.prev == genesis) {
            lastLine = tail
            tail = Data()
            ledger.tail = .unterminated
        } else if !tail.isEmpty {
            ledger.tail = .torn(bytes: tail.count)
        }
        guard let lastLine else { return ledger }
        guard let event = decodeSealed(lastLine) else {
            // A damaged end: the full read names the line.
            let whole = try open(url, displayPath: displayPath, canonicalForm: false)
            throw broken(displayPath, line: max(1, whole.count), Localized(zh: "最后一个事件无效或与其哈希不符", en: "the last event is invalid or does not match its hash"))
        }
        ledger.events = [event]
        ledger.skipped = event.seq - 1
        return ledger
    }

    /// A line decoded, its bytes hashing to its own `hash`; nil otherwise.
    private static func decodeSealed(_ line: Data) -> LedgerEvent? {
        guard let event = LedgerLine.decodeAny(line), event.seq >= 1,
              let text = String(data: line, encoding: .utf8), lineHash(text, sealedWith: event.hash) == event.hash else { return nil }
        return event
    }

    /// Seals `event` (sets `prev`, `seq`, `hash`) and appends it.
    @discardableResult
    public mutating func append(_ event: LedgerEvent, signer: SigningKey? = nil) throws(Diagnostic) -> LedgerEvent {
        try append(contentsOf: [event], signer: signer)[0]
    }

    /// Seals `events` in order and appends all of them in one write (`AppendFile`): after a full
    /// disk the ledger holds all of them or none; a torn tail left by an earlier write is
    /// repaired first. With `signer`, each event is signed (`EventSignature`) once its place in
    /// the chain is set.
    @discardableResult
    public mutating func append(contentsOf new: [LedgerEvent], signer: SigningKey? = nil) throws(Diagnostic) -> [LedgerEvent] {
        guard !new.isEmpty else { return [] }
        var sealed: [LedgerEvent] = []
        var text = ""
        var prev = head
        for (i, event) in new.enumerated() {
            var e = event
            e.seq = nextSeq + i
            e.prev = prev
            if let signer { e = EventSignature.sign(e, with: signer) }
            e.hash = Ledger.seal(e).1
            prev = e.hash
            sealed.append(e)
            text += Ledger.canonical(e) + "\n"
        }
        let data = Data(text.utf8)
        do {
            try AppendFile.append(data, to: url, expectedSize: byteSize, tail: tail)
        } catch {
            throw Diagnostic(.unreadable, at: SourceLocation(path: displayPath),
                             message: Localized(zh: "无法写入台账：\(error)", en: "cannot write the ledger: \(error)"),
                             help: Localized(zh: "检查磁盘空间和权限", en: "check disk space and permissions"))
        }
        switch tail {
        case .clean: byteSize += data.count
        case .unterminated: byteSize += data.count + 1
        case .torn(let n): byteSize += data.count - n
        }
        tail = .clean
        events += sealed
        return sealed
    }

    /// Seals a whole chain (sets `seq`, `prev`, `hash` in order) and returns it with the file text.
    public static func sealChain(_ events: [LedgerEvent]) -> ([LedgerEvent], String) {
        var prev = genesis
        var out: [LedgerEvent] = []
        var text = ""
        for (i, event) in events.enumerated() {
            var e = event
            e.seq = i + 1
            e.prev = prev
            e.hash = seal(e).1
            prev = e.hash
            text += canonical(e) + "\n"
            out.append(e)
        }
        return (out, text)
    }

    /// The canonical line of an event, and its hash (computed with `hash` = "").
    static func seal(_ event: LedgerEvent) -> (String, String) {
        var unsealed = event
        unsealed.hash = ""
        let hash = SHA256Hash.hex(canonical(unsealed))
        return (canonical(event), hash)
    }

    /// `seal` for an event just read: the same line and hash from one encoding instead of two.
    ///
    /// The canonical line differs from the unsealed one only in the value of `hash`, which the
    /// sorted keys put after `action`, `actor`, `attestation`, `change` and `entityID` (all
    /// scalars, whose quotes are escaped), so its first `"hash":"<value>"` is the key itself.
    /// Blanking it gives the unsealed line's bytes; a hash that is not plain hex (a damaged
    /// line) takes the two-encoding path.
    static func sealDecoded(_ event: LedgerEvent) -> (String, String) {
        let line = canonical(event)
        guard isHex(event.hash), let hash = hashBlanking(event.hash, in: line) else { return seal(event) }
        return (line, hash)
    }

    /// The hash of a line as read, its `hash` value emptied: equal to the event's `hash` only
    /// if no byte of the line changed. Nil when `hash` is not hex or not in the line.
    static func lineHash(_ line: String, sealedWith hash: String) -> String? {
        isHex(hash) ? hashBlanking(hash, in: line) : nil
    }

    /// SHA-256 of `line` with its first `"hash":"<hash>"` made `"hash":""`.
    private static func hashBlanking(_ hash: String, in line: String) -> String? {
        let bytes = Array(line.utf8)
        let key = Array("\"hash\":\"\(hash)\"".utf8)
        guard let at = firstIndex(of: key, in: bytes) else { return nil }
        // `"hash":"` stays, the value and its closing quote go, a closing quote comes back.
        let unsealed = bytes[..<(at + 8)] + [UInt8(ascii: "\"")] + bytes[(at + key.count)...]
        return unsealed.withUnsafeBytes { SHA256Hash.hex($0) }
    }

    private static func isHex(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// Where `pattern` first occurs in `bytes` (a plain scan: lines are short).
    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return nil }
        let first = pattern[0]
        var i = 0
        while i <= bytes.count - pattern.count {
            if bytes[i] == first, bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }

    /// Sorted keys, no spaces, no escaped slashes: one line, byte-stable.
    static func canonical(_ event: LedgerEvent) -> String {
        if let bytes = LedgerLine.encode(event) { return String(decoding: bytes, as: UTF8.self) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(event)) ?? Data(), as: UTF8.self)
    }

    static func broken(_ path: String, line: Int, _ message: Localized) -> Diagnostic {
        Diagnostic(.ledgerBroken, at: SourceLocation(path: path, line: line, column: 1), message: message,
                   help: Localized(zh: "台账只能由 beian 写入；从备份或版本库恢复该文件", en: "only beian writes the ledger; restore the file from a backup or from git"))
    }
}
