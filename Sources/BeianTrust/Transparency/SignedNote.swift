public import BeianDiagnostics
public import Foundation

/// A C2SP signed note (https://c2sp.org/signed-note): UTF-8 text of complete lines, a blank
/// line, then one signature line per signer, `— <key name> <base64(key id ‖ signature)>`.
/// For Ed25519 the key id is the verifier key's 4-byte id and the signature is over the text
/// (every byte up to and including its last newline). Go's `golang.org/x/mod/sumdb/note`
/// and Sigstore clients read the same notes.
public enum SignedNote {
    /// The em dash (U+2014) and space that start a signature line.
    public static let signaturePrefix = "\u{2014} "

    /// `text` signed by `key`: the text must be non-empty lines each ending in a newline,
    /// with no blank line (the caller's own format guarantees it).
    public static func sign(_ text: String, with key: SigningKey) -> String {
        precondition(text.hasSuffix("\n") && !text.contains("\n\n"), "a signed note's text is complete, non-blank lines")
        var sig = key.verifierKey.keyIDBytes
        sig.append(key.sign(Data(text.utf8)))
        return text + "\n" + signaturePrefix + key.name + " " + sig.base64EncodedString() + "\n"
    }

    /// Why `bytes` cannot be a note's text, or nil when they can: what `sign` requires, plus
    /// what Go's `golang.org/x/mod/sumdb/note` requires of a note it opens (well-formed UTF-8,
    /// no control character other than newline, at most 1 MiB with its signatures).
    public static func unsignableReason(_ bytes: Data) -> Localized? {
        guard let text = String(data: bytes, encoding: .utf8) else {
            return Localized(zh: "不是合法的 UTF-8", en: "not valid UTF-8")
        }
        if text.isEmpty || !text.hasSuffix("\n") {
            return Localized(zh: "为空或末行没有换行符", en: "empty, or its last line has no newline")
        }
        if text.hasPrefix("\n") || text.contains("\n\n") {
            return Localized(zh: "含空行（空行分隔正文与签名）", en: "holds a blank line (a blank line separates the text from the signatures)")
        }
        if let c = text.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }) {
            return Localized(zh: "含控制字符 U+\(String(format: "%04X", c.value))", en: "holds the control character U+\(String(format: "%04X", c.value))")
        }
        if bytes.count > 1 << 19 {
            return Localized(zh: "超过 512 KiB", en: "longer than 512 KiB")
        }
        return nil
    }

    /// Why a note was not accepted.
    public enum Problem: Error, Sendable, Equatable {
        /// Not a signed note at all (no blank line before signatures, a malformed line).
        case malformed(String)
        /// No signature line by the key's name and id.
        case noSignatureByKey
        /// A signature line by the key's name and id whose signature does not verify.
        case badSignature
    }

    /// The note's text when it carries a valid signature by `key` (other signers' lines are
    /// ignored, as C2SP allows — e.g. witnesses' cosignatures).
    public static func open(_ note: String, verifiedBy key: VerifierKey) -> Result<String, Problem> {
        let parsed: (text: String, signatures: [(name: String, raw: Data)])
        switch parse(note) {
        case .success(let p): parsed = p
        case .failure(let problem): return .failure(problem)
        }
        let wantID = key.keyIDBytes
        var sawKey = false
        for (name, raw) in parsed.signatures {
            guard name == key.name, raw.prefix(4) == wantID else { continue }
            sawKey = true
            if raw.count == 68, key.isValidSignature(raw.dropFirst(4), for: Data(parsed.text.utf8)) { return .success(parsed.text) }
        }
        return .failure(sawKey ? .badSignature : .noSignatureByKey)
    }

    /// A note's text (up to and including its last newline) and its signature lines, each as
    /// the signer's name and the decoded bytes (key id ‖ signature); nothing is verified.
    static func parse(_ note: String) -> Result<(text: String, signatures: [(name: String, raw: Data)]), Problem> {
        guard note.utf8.count <= 1 << 20 else { return .failure(.malformed("longer than 1 MiB")) }
        guard let split = note.range(of: "\n\n", options: .backwards) else {
            return .failure(.malformed("no blank line before the signatures"))
        }
        let text = String(note[..<split.lowerBound]) + "\n"
        let signatures = note[split.upperBound...]
        guard signatures.hasSuffix("\n"), !text.contains("\n\n") else { return .failure(.malformed("the text or the signatures are not complete lines")) }
        var out: [(name: String, raw: Data)] = []
        for line in signatures.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            guard line.hasPrefix(signaturePrefix) else { return .failure(.malformed("a signature line must start with “— ”")) }
            let rest = line.dropFirst(signaturePrefix.count)
            guard let space = rest.lastIndex(of: " ") else { return .failure(.malformed("a signature line is “— name signature”")) }
            let name = String(rest[..<space])
            guard let raw = Data(base64Encoded: String(rest[rest.index(after: space)...])), raw.count >= 5 else {
                return .failure(.malformed("a signature is not base64"))
            }
            out.append((name, raw))
        }
        return .success((text, out))
    }

}

/// A C2SP tlog checkpoint (https://c2sp.org/tlog-checkpoint): the body of a signed note —
/// origin, tree size, base64 root hash, then optional extension lines. beian adds one,
/// `time <RFC 3339 UTC>`, the moment the head was made.
public struct Checkpoint: Sendable, Hashable {
    public var origin: String
    public var size: Int
    public var root: Data
    public var extensions: [String]

    public init(origin: String, size: Int, root: Data, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    public var text: String {
        ([origin, String(size), root.base64EncodedString()] + extensions).map { $0 + "\n" }.joined()
    }

    /// Parses a checkpoint's text (as `SignedNote.open` returns it); nil when malformed.
    public init?(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines.last == "", !lines[0].isEmpty,
              let size = Int(lines[1]), size >= 0, String(size) == lines[1],
              let root = Data(base64Encoded: String(lines[2])), root.count == 32
        else { return nil }
        origin = String(lines[0])
        self.size = size
        self.root = root
        extensions = lines[3..<(lines.count - 1)].map(String.init)
        guard !extensions.contains(where: \.isEmpty) else { return nil }
    }

    /// The value of the `time` extension line, if any.
    public var time: String? {
        extensions.first { $0.hasPrefix("time ") }.map { String($0.dropFirst(5)) }
    }
}
