import Foundation
import Testing

/// Issue 30: a hostile mirror that passed `beian verify-site` (exit 0) while a browser showed a
/// lie. Each attack is run through the real CLI against a copy of the signed demo and must be
/// named by code, file and field: marks moved into an attribute value, hidden (`hidden`,
/// `aria-hidden`, a comment, `<template>`), repeated, on the English page too; a page of
/// 40,000 unclosed marks; and open data a JSON or CSV parser reads differently from a
/// line-by-line reader (a second `filings` array, URLs on another host, keys the format does
/// not have).
@Suite(.serialized) struct HostileMirrorFieldTests {
    static let cancelled = VerifySiteTests.cancelled
    static let cancelledPage = "filings/\(cancelled)/index.html"
    static let cancelledEnglishPage = "en/filings/\(cancelled)/index.html"
    static let status = "<span class=\"badge badge-cancelled\" data-field=\"status\">已注销</span>"
    static let englishStatus = "<span class=\"badge badge-cancelled\" data-field=\"status\">Cancelled</span>"

    struct Attack: Sendable, CustomStringConvertible {
        var description: String
        var code: String
        var path: String
        var field: String
        /// A phrase the diagnostic's message must hold (the reason, not only the field).
        var says: String
        var change: @Sendable (URL) throws -> Void
    }

    static func edit(_ site: URL, _ path: String, _ old: String, _ new: String) throws {
        try VerifySiteTests.replace(site.appendingPathComponent(path), old, new)
    }

    static let attacks: [Attack] = {
        let page = cancelledPage, en = cancelledEnglishPage, status = Self.status, englishStatus = Self.englishStatus
        return [
            Attack(description: "the status mark moved into an attribute value", code: "V973", path: page, field: "status",
                   says: "attribute value") {
                try edit($0, page, status, "<span class=\"badge\" title='data-field=\"status\">已注销</span>'>已备案</span>") },
            Attack(description: "the status mark hidden with the hidden attribute", code: "V973", path: page, field: "status",
                   says: "the hidden attribute") {
                try edit($0, page, status, status.replacingOccurrences(of: "data-field", with: "hidden data-field") + "<span class=\"badge\">已备案</span>") },
            Attack(description: "the status mark hidden with aria-hidden", code: "V973", path: page, field: "status",
                   says: "aria-hidden") {
                try edit($0, page, status, "<span aria-hidden=\"TRUE\">" + status + "</span><span class=\"badge\">已备案</span>") },
            Attack(description: "the status mark inside a comment", code: "V973", path: page, field: "status",
                   says: "comment") {
                try edit($0, page, status, "<!-- " + status + " --><span class=\"badge\">已备案</span>") },
            Attack(description: "the status mark inside a template", code: "V973", path: page, field: "status",
                   says: "<template>") {
                try edit($0, page, status, "<template>" + status + "</template><span class=\"badge\">已备案</span>") },
            Attack(description: "the status mark hidden by an inline style", code: "V973", path: page, field: "status",
                   says: "inline style") {
                try edit($0, page, status, status.replacingOccurrences(of: "data-field", with: "style=\"display: none\" data-field") + "<span class=\"badge\">已备案</span>") },
            Attack(description: "the status mark inside a script's escaped text", code: "V973", path: page, field: "status",
                   says: "<script>") {
                try edit($0, page, status, "<script><!--<script></script>" + status + "--></script><span class=\"badge\">已备案</span>") },
            Attack(description: "a hidden element closed by another element's end tag", code: "V973", path: page, field: "status",
                   says: "the hidden attribute") {
                // A browser ignores `</div>` inside the table's cell: the mark stays inside the hidden div.
                try edit($0, page, status, "<div hidden><table><tr><td></div>" + status + "</td></tr></table></div><span class=\"badge\">已备案</span>") },
            Attack(description: "the cancellation date hidden", code: "V973", path: page, field: "cancelledOn",
                   says: "the hidden attribute") {
                try edit($0, page, "<time data-field=\"cancelledOn\"", "<time hidden data-field=\"cancelledOn\"") },
            Attack(description: "a second status element showing something else", code: "V973", path: page, field: "status",
                   says: "marks “status” 2 times") {
                try edit($0, page, status, status + "<span class=\"badge\" data-field=\"status\">已备案</span>") },
            Attack(description: "the English status mark hidden", code: "V973", path: en, field: "status",
                   says: "the hidden attribute") {
                try edit($0, en, englishStatus, englishStatus.replacingOccurrences(of: "data-field", with: "hidden data-field") + "<span class=\"badge\">Filed</span>") },
            Attack(description: "the English status mark moved into an attribute value", code: "V973", path: en, field: "status",
                   says: "attribute value") {
                try edit($0, en, englishStatus, "<span class=\"badge\" title='data-field=\"status\">Cancelled</span>'>Filed</span>") },
        ]
    }()

    @Test func marksMovedOrHiddenAreNamed() throws {
        let s = try VerifySiteTests.signedDemo()
        for (n, a) in Self.attacks.enumerated() {
            let copy = "mirror-\(n)"
            try FileManager.default.copyItem(at: s.path("site"), to: s.path(copy))
            try a.change(s.path(copy))
            let (r, diagnostics) = try VerifySiteTests.verify(copy, in: s)
            #expect(r.status == 2, "\(a): \(r)")
            let named = diagnostics.contains { d in
                d["code"] as? String == a.code && (d["path"] as? String ?? "").hasSuffix("/\(copy)/\(a.path)")
                    && d["field"] as? String == a.field && (d["message"] as? String ?? "").contains(a.says)
                    && (d["line"] as? Int ?? 0) > 1
            }
            #expect(named, "\(a): expected \(a.code) at \(a.path):line field \(a.field) saying “\(a.says)”, got \(r.stdout)")
        }
    }

    /// 40,000 unclosed marks (729 KB): once 9 s of quadratic scanning that passed; now one pass
    /// that names the mark the template never makes.
    @Test func fortyThousandUnclosedMarksAreReported() throws {
        let s = try VerifySiteTests.signedDemo()
        let file = s.path("site/\(Self.cancelledPage)")
        let marks = String(repeating: "<b data-field=\"x\">", count: 40_000)
        try (try Data(contentsOf: file) + Data(marks.utf8)).write(to: file)
        let (r, diagnostics) = try VerifySiteTests.verify("site", in: s)
        #expect(r.status == 2, "\(r)")
        let unclosed = diagnostics.first { d in
            d["code"] as? String == "V973" && (d["path"] as? String ?? "").hasSuffix("/site/\(Self.cancelledPage)")
                && d["field"] as? String == "x" && (d["message"] as? String ?? "").contains("is never closed (40000 times)")
        }
        #expect(unclosed != nil, "\(r.stdout.prefix(3_000))")
        #expect(diagnostics.contains { $0["field"] as? String == "x" && ($0["message"] as? String ?? "").contains("never marks") })
    }

    /// Open data that a parser reads differently from a line-by-line reader.
    static let dataAttacks: [Attack] = {
        let header = "{\"schema\":\"beian-portal/filings/v3\",\"count\":8,\"filings\":["
        @Sendable func fakeFirstLine(_ site: URL, key: String) throws {
            // The cancelled filing's object, shown as filed, as the one array a parser keeps.
            let file = site.appendingPathComponent("filings.json")
            let text = try String(contentsOf: file, encoding: .utf8)
            let line = try #require(text.split(separator: "\n").first { $0.contains("\"id\":\"\(cancelled)\"") })
            let fake = String(line.hasSuffix(",") ? line.dropLast() : line).replacingOccurrences(of: "\"status\":\"已注销\"", with: "\"status\":\"已备案\"")
            try edit(site, "filings.json", header, "{\"schema\":\"beian-portal/filings/v3\",\"count\":8,\"filings\":[" + fake + "],\"\(key)\":[")
        }
        return [
            Attack(description: "a second filings array on the first line", code: "V974", path: "filings.json", field: "-",
                   says: "“filings” appears twice") { try fakeFirstLine($0, key: "filings") },
            Attack(description: "the real filings under another key", code: "V974", path: "filings.json", field: "archive",
                   says: "top-level key") { try fakeFirstLine($0, key: "archive") },
            Attack(description: "filings.json URLs on another host", code: "V974", path: "filings.json", field: "url",
                   says: "https://beian.example.cn/filings/") {
                let file = $0.appendingPathComponent("filings.json")
                let text = try String(contentsOf: file, encoding: .utf8)
                try Data(text.replacingOccurrences(of: "\"url\":\"https://beian.example.cn/", with: "\"url\":\"https://beian.example.com.evil.cn/").utf8).write(to: file) },
            Attack(description: "filings.csv URLs on another host", code: "V974", path: "filings.csv", field: "URL",
                   says: "https://beian.example.cn/filings/") {
                let file = $0.appendingPathComponent("filings.csv")
                let text = try String(contentsOf: file, encoding: .utf8)
                try Data(text.replacingOccurrences(of: ",https://beian.example.cn/filings/", with: ",https://mirror.example.net/filings/").utf8).write(to: file) },
            Attack(description: "a key the format does not have", code: "V974", path: "filings.json", field: "warning",
                   says: "“warning”") {
                try edit($0, "filings.json", "{\"id\":\"\(cancelled)\",", "{\"id\":\"\(cancelled)\",\"warning\":\"此备案已恢复有效\",") },
            Attack(description: "a key the format does not have in a history step", code: "V974", path: "filings.json", field: "history",
                   says: "history[0].remark") {
                let file = $0.appendingPathComponent("filings.json")
                var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
                let k = try #require(lines.firstIndex { $0.contains("\"id\":\"\(cancelled)\"") })
                lines[k] = lines[k].replacingOccurrences(of: "\"history\":[{\"date\":", with: "\"history\":[{\"remark\":\"已恢复\",\"date\":")
                try Data(lines.joined(separator: "\n").utf8).write(to: file) },
            Attack(description: "a duplicate key inside a filing", code: "V974", path: "filings.json", field: "-",
                   says: "“status” appears twice") {
                try edit($0, "filings.json", "\"status\":\"已注销\",", "\"status\":\"已注销\",\"status\":\"已备案\",") },
            Attack(description: "a CSV cell quoted in a way parsers read differently", code: "V974", path: "filings.csv", field: "-",
                   says: "not RFC 4180") {
                try edit($0, "filings.csv", ",已注销\r\n", ",\"已注销\"已备案\r\n") },
        ]
    }()

    @Test func openDataIsReadAsAParserReadsIt() throws {
        let s = try VerifySiteTests.signedDemo()
        for (n, a) in Self.dataAttacks.enumerated() {
            let copy = "data-\(n)"
            try FileManager.default.copyItem(at: s.path("site"), to: s.path(copy))
            try a.change(s.path(copy))
            let (r, diagnostics) = try VerifySiteTests.verify(copy, in: s)
            #expect(r.status == 2, "\(a): \(r)")
            let named = diagnostics.contains { d in
                d["code"] as? String == a.code && (d["path"] as? String ?? "").hasSuffix("/\(copy)/\(a.path)")
                    && (a.field == "-" ? d["field"] == nil : d["field"] as? String == a.field)
                    && (d["message"] as? String ?? "").contains(a.says)
            }
            #expect(named, "\(a): expected \(a.code) at \(a.path) field \(a.field) saying “\(a.says)”, got \(r.stdout)")
        }
    }
}
