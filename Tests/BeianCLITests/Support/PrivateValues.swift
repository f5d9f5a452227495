import BeianBundle
import Foundation
import Testing
import Yams

/// Every private value of a registry's bundles, collected from their own files: what the
/// portal must never publish, in any file, in any encoding.
///
/// The portal publishes only `PublicFiling`'s fields (SPEC §4; Sources/BeianModel/PublicFiling.swift,
/// built from the snapshot in Sources/BeianRegistry/Snapshot.swift): the entity's name and
/// region, each product's name and form, the algorithm's name, type, role and purpose, and
/// `disclosure.md`. Every other field `BundleSchema` describes is private; of those, the ones
/// that identify or describe someone (text, paragraphs, lists of text, addresses, e-mails,
/// mobiles, credit codes, ID numbers, URLs, attachment paths, counts) are collected here —
/// fixed choices, dates, booleans and ids say nothing of anyone. Besides: each attachment's
/// bytes, and from the ledger the rejection reasons, the actors and the attestations.
///
/// A product's `url` is private but for its host (网站域名, `ProductHost`, published since
/// issue 27): the whole URL is collected, and each other part of it — userinfo, path, query,
/// fragment — on its own, so a page that showed the path beside the host is caught.
///
/// A private value the filer (or the operator, in `content/`) also wrote in public text — a
/// 使用场景 the disclosure repeats — is not a leak; such values are left out and counted.
struct PrivateValues {
    struct Value: Hashable, CustomStringConvertible {
        var text: String
        var source: String
        var description: String { "\(source) = \(text.debugDescription)" }
    }

    private(set) var values: [Value] = []
    /// Attachment files: (path, bytes).
    private(set) var attachments: [(String, Data)] = []
    /// Values left out because public text holds them too.
    private(set) var alsoPublic: [Value] = []

    /// The keys whose values are published, per file kind.
    static let published: [String: Set<String>] = [
        "entity": ["name", "region"],
        "product": ["name", "form"],
        "algorithm": ["name", "type", "role", "purpose"],
    ]

    init(bundles: URL, content: URL) throws {
        var found: [Value] = []
        var publicText = try Self.texts(under: content)
        let fm = FileManager.default
        for name in try fm.contentsOfDirectory(atPath: bundles.path).sorted() where !name.hasPrefix(".") {
            let bundle = bundles.appendingPathComponent(name)
            guard fm.fileExists(atPath: bundle.appendingPathComponent("entity.yaml").path) else { continue }
            var files: [(String, String, [FieldSpec])] = [("entity.yaml", "entity", BundleSchema.entity)]
            for p in (try? fm.contentsOfDirectory(atPath: bundle.appendingPathComponent("products").path)) ?? [] where p.hasSuffix(".yaml") {
                files.append(("products/\(p)", "product", BundleSchema.product))
            }
            for a in (try? fm.contentsOfDirectory(atPath: bundle.appendingPathComponent("algorithms").path)) ?? [] {
                files.append(("algorithms/\(a)/algorithm.yaml", "algorithm", BundleSchema.algorithm))
                if let d = try? String(contentsOf: bundle.appendingPathComponent("algorithms/\(a)/disclosure.md"), encoding: .utf8) {
                    publicText.append(d)
                }
            }
            for (relative, kind, specs) in files.sorted(by: { $0.0 < $1.0 }) {
                let text = try String(contentsOf: bundle.appendingPathComponent(relative), encoding: .utf8)
                let yaml = try #require(try Yams.load(yaml: text) as? [String: Any], "\(name)/\(relative) is a mapping")
                for spec in specs {
                    let source = "\(name)/\(relative) \(spec.key)"
                    if Self.published[kind]!.contains(spec.key) {
                        Self.leaves(yaml[spec.key], spec.kind, source).forEach { publicText.append($0.text) }
                    } else if kind == "product", spec.key == "url" {
                        found += Self.leaves(yaml[spec.key], spec.kind, source).flatMap { Self.urlParts($0) }
                    } else {
                        found += Self.leaves(yaml[spec.key], spec.kind, source)
                    }
                }
            }
            // The attachments, whatever their name.
            let folder = bundle.appendingPathComponent("attachments")
            for file in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                attachments.append(("\(name)/attachments/\(file)", try Data(contentsOf: folder.appendingPathComponent(file))))
            }
            // The ledger: who acted, what they attested, why an item was sent back.
            let ledger = bundle.appendingPathComponent(".beian/ledger.jsonl")
            if let lines = try? String(contentsOf: ledger, encoding: .utf8) {
                for (i, line) in lines.split(separator: "\n").enumerated() {
                    let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                    let action = event["action"] as? String ?? ""
                    for key in ["actor", "attestation"] + (action == "reject" ? ["reason"] : []) {
                        if let v = event[key] as? String { found.append(Value(text: v, source: "\(name)/.beian/ledger.jsonl:\(i + 1) \(key)")) }
                    }
                }
            }
        }
        let joined = publicText.joined(separator: "\n")
        var seen = Set<String>()
        for v in found where !v.text.isEmpty && seen.insert(v.text).inserted {
            if joined.contains(v.text) { alsoPublic.append(v) } else { values.append(v) }
        }
    }

    /// A product URL and its private parts: everything but the scheme, the host and the port
    /// (digits that say nothing of anyone, and would match any number on the site).
    static func urlParts(_ v: Value) -> [Value] {
        guard let c = URLComponents(string: v.text) else { return [v] }
        var out = [v]
        let parts: [(String, String?)] = [("user", c.user), ("password", c.password), ("path", c.path), ("query", c.query), ("fragment", c.fragment)]
        for (name, part) in parts {
            if let part, part.count > 3 { out.append(Value(text: part, source: v.source + " (" + name + ")")) }
        }
        return out
    }

    /// The values of one field, walked as the schema describes it.
    static func leaves(_ value: Any?, _ kind: FieldKind, _ source: String) -> [Value] {
        guard let value else { return [] }
        switch kind {
        case .text, .paragraph, .url, .email, .mobile, .creditCode, .idNumber, .attachment, .integer:
            return [Value(text: "\(value)".trimmingCharacters(in: .whitespacesAndNewlines), source: source)]
        case .textList:
            return (value as? [Any] ?? []).map { Value(text: "\($0)", source: source) }
        case .object(let specs):
            let map = value as? [String: Any] ?? [:]
            return specs.flatMap { leaves(map[$0.key], $0.kind, source + "." + $0.key) }
        case .objectList(let specs, _):
            return (value as? [Any] ?? []).enumerated().flatMap { i, item in
                let map = item as? [String: Any] ?? [:]
                return specs.flatMap { leaves(map[$0.key], $0.kind, "\(source)[\(i)].\($0.key)") }
            }
        case .choice, .choices, .date, .dateOrForever, .region, .boolean, .identifier, .schemaVersion:
            return []
        }
    }

    static func texts(under dir: URL) throws -> [String] {
        var out: [String] = []
        guard let walk = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        for case let url as URL in walk where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            out.append(String(decoding: try Data(contentsOf: url), as: UTF8.self))
        }
        return out
    }
}

/// Every file of a built site, whatever its name or format, as the texts a reader could get
/// out of it: the bytes (gunzipped when gzip), and that text with HTML/XML entities, JSON
/// string escapes and percent-encoding undone, each alone and all together.
enum SiteTexts {
    struct File {
        var path: String
        var bytes: Data
        var texts: [String]
    }

    static func read(_ site: URL) throws -> [File] {
        var files: [File] = []
        let base = site.standardizedFileURL.path + "/"
        let walk = try #require(FileManager.default.enumerator(at: site, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in walk where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            var bytes = try Data(contentsOf: url)
            if bytes.starts(with: [0x1F, 0x8B]) { bytes = try gunzip(url) }
            let raw = String(decoding: bytes, as: UTF8.self)
            let entities = htmlEntities(raw), json = jsonEscapes(raw), percent = percentDecoded(raw)
            let all = percentDecoded(htmlEntities(jsonEscapes(raw)))
            files.append(File(path: String(url.standardizedFileURL.path.dropFirst(base.count)), bytes: bytes,
                              texts: Array(Set([raw, entities, json, percent, all, htmlEntities(all)]))))
        }
        return files.sorted { $0.path < $1.path }
    }

    static func gunzip(_ url: URL) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-dc", url.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return data
    }

    /// `&lt;` `&#60;` `&#x3C;` … and the named entities a template or feed writes.
    static func htmlEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
        return s.replacing(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/) { m in
            let name = String(m.1)
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) } ?? String(m.0)
            }
            if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) } ?? String(m.0) }
            return named[name] ?? String(m.0)
        }
    }

    /// `\uXXXX` (surrogate pairs too), `\"`, `\\`, `\/`, `\n`, `\t`.
    static func jsonEscapes(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = String.UnicodeScalarView()
        let u = Array(s.unicodeScalars)
        var i = 0
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= u.count else { return nil }
            return UInt32(String(String.UnicodeScalarView(u[at..<at + 4])), radix: 16)
        }
        while i < u.count {
            if u[i] == "\\", i + 1 < u.count {
                let c = u[i + 1]
                if c == "u", let v = hex(i + 2) {
                    if (0xD800..<0xDC00).contains(v), i + 12 <= u.count, u[i + 6] == "\\", u[i + 7] == "u",
                       let low = hex(i + 8), (0xDC00..<0xE000).contains(low),
                       let scalar = Unicode.Scalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)) {
                        out.append(scalar)
                        i += 12
                        continue
                    }
                    if let scalar = Unicode.Scalar(v) { out.append(scalar); i += 6; continue }
                }
                let simple: [Unicode.Scalar: Unicode.Scalar] = ["\"": "\"", "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r"]
                if let r = simple[c] { out.append(r); i += 2; continue }
            }
            out.append(u[i])
            i += 1
        }
        return String(out)
    }

    /// `%XX` sequences decoded where they form UTF-8; others left as they are.
    static func percentDecoded(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var bytes: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let v = UInt8(String(decoding: b[i + 1...i + 2], as: UTF8.self), radix: 16) {
                bytes.append(v)
                i += 3
            } else {
                bytes.append(b[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
