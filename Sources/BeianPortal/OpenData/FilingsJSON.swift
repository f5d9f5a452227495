import BeianDiagnostics
package import BeianModel
import BeianOutput

/// `filings.json`: every public field of every filing, in list order, one filing per line.
/// Strings go through `JSONText`, so the file is safe even inside a `<script>` element.
package enum FilingsJSON {
    /// v2 (issue 19): each history step carries `changes`, as the record (format v2) does.
    /// v3 (issue 27): `hosts`, as the record (format v3) does.
    package static let schema = "beian-portal/filings/v3"
    /// Every schema `beian verify-site` reads, with the record format its objects rebuild into.
    package static let schemas = ["beian-portal/filings/v1": PublicRecord.formats[0], "beian-portal/filings/v2": PublicRecord.formats[1],
                          schema: PublicRecord.format]

    static func file(_ index: FilingIndex, routes: Routes) -> OpenDataFile {
        var key = Fingerprint("filings.json", routes.origin)
        for k in index.keys { key.add(k) }
        let count = index.filings.count
        let header = "{\"schema\":\(JSONText.quoted(schema)),\"count\":\(count),\"filings\":[\n"
        return OpenDataFile(path: "filings.json", inputKey: key, count: count, header: Array(header.utf8),
                            footer: Array("]}\n".utf8), records: { range in
            var out: [UInt8] = []
            out.reserveCapacity(range.count * 2_048)
            for i in range {
                object(index.filings[i], routes: routes, into: &out)
                if i + 1 < count { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            return out
        }, recordsKey: { range in
            var k = Fingerprint("json", routes.origin)
            k.add(range.lowerBound)
            k.add(range.upperBound == count)  // the last record has no comma
            for i in range { k.add(index.keys[i]) }
            return k
        })
    }

    /// One filing as a JSON object with a fixed key order.
    package static func object(_ f: PublicFiling, routes: Routes, into out: inout [UInt8]) {
        var first = true
        func key(_ k: String) {
            out += first ? Array("{\"\(k)\":".utf8) : Array(",\"\(k)\":".utf8)
            first = false
        }
        func string(_ k: String, _ v: String) {
            key(k)
            JSONText.append(PlainText.clean(v), to: &out)
        }
        func strings(_ k: String, _ vs: [String]) {
            key(k)
            out.append(UInt8(ascii: "["))
            for (i, v) in vs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.append(PlainText.clean(v), to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        string("id", f.id)
        string("number", f.number.description)
        string("url", routes.absolute(Routes.filing(f.id)))
        string("algorithmName", f.algorithmName)
        string("type", f.type.rawValue)
        string("typeCode", f.type.code)
        string("role", f.role.rawValue)
        string("entityName", f.entityName)
        string("entityID", f.entityID)
        string("region", f.region)
        string("regionName", Region.displayName(of: f.region) ?? "")
        strings("products", f.products)
        strings("hosts", f.hosts)
        string("purpose", f.purpose)
        string("approvedOn", f.approvedOn.description)
        string("status", f.status.rawValue)
        key("cancelledOn")
        if let c = f.cancelledOn { JSONText.append(c.description, to: &out) } else { out += Array("null".utf8) }
        strings("notes", f.notes)
        key("history")
        out.append(UInt8(ascii: "["))
        for (i, e) in f.history.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("{\"date\":".utf8)
            JSONText.append(e.date.description, to: &out)
            out += Array(",\"note\":".utf8)
            JSONText.append(PlainText.clean(e.note), to: &out)
            out += Array(",\"changes\":[".utf8)
            for (j, c) in e.changes.enumerated() {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                out += Array("{\"field\":".utf8)
                JSONText.append(c.field.rawValue, to: &out)
                for (k, values) in [("old", c.old), ("new", c.new)] {
                    out += Array(",\"\(k)\":[".utf8)
                    for (i, v) in values.enumerated() {
                        if i > 0 { out.append(UInt8(ascii: ",")) }
                        JSONText.append(PlainText.clean(v), to: &out)
                    }
                    out.append(UInt8(ascii: "]"))
                }
                out.append(UInt8(ascii: "}"))
            }
            out += Array("]}".utf8)
        }
        out.append(UInt8(ascii: "]"))
        key("imported")
        out += Array((f.imported ? "true" : "false").utf8)
        string("disclosure", f.disclosure)
        out.append(UInt8(ascii: "}"))
    }
}
