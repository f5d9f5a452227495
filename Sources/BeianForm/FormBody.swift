public import Foundation

/// A posted form: fields in order (a name may repeat) and uploaded files, from
/// `multipart/form-data` or `application/x-www-form-urlencoded`.
public struct FormBody: Sendable {
    public struct File: Sendable {
        public var field: String
        public var filename: String
        public var data: Data
    }

    public var fields: [(String, String)] = []
    public var files: [File] = []

    public init(fields: [(String, String)] = [], files: [File] = []) {
        self.fields = fields
        self.files = files
    }

    /// The first value of `name` (line ends as the browser sent them turned into `\n`).
    public subscript(name: String) -> String? { fields.first { $0.0 == name }?.1 }

    /// Every value of `name`, in order.
    public func all(_ name: String) -> [String] { fields.filter { $0.0 == name }.map(\.1) }

    public func has(_ name: String) -> Bool { fields.contains { $0.0 == name } }

    /// Parses a request body by its content type; nil when it cannot be read.
    public static func parse(_ data: Data, contentType: String?) -> FormBody? {
        let type = contentType ?? ""
        if type.hasPrefix("multipart/form-data") {
            guard let b = type.range(of: "boundary=") else { return nil }
            var boundary = String(type[b.upperBound...])
            if let semi = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semi]) }
            boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            return multipart(data, boundary: boundary)
        }
        if type.hasPrefix("application/x-www-form-urlencoded") || type.isEmpty {
            guard let text = String(data: data, encoding: .utf8) else { return nil }
            var body = FormBody()
            for pair in text.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let decode = { (s: Substring) in s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
                body.fields.append((decode(kv[0]), kv.count > 1 ? normalise(decode(kv[1])) : ""))
            }
            return body
        }
        return nil
    }

    /// Browsers send text areas with CRLF line ends; the bundle's files use LF.
    static func normalise(_ s: String) -> String { s.replacingOccurrences(of: "\r\n", with: "\n") }

    static func multipart(_ data: Data, boundary: String) -> FormBody? {
        guard !boundary.isEmpty else { return nil }
        let delimiter = Data("--\(boundary)".utf8)
        var body = FormBody()
        var cursor = data.startIndex
        guard let first = data.range(of: delimiter, in: cursor..<data.endIndex) else { return nil }
        cursor = first.upperBound
        while true {
            // After a delimiter: `--` ends the body, CRLF starts a part.
            if data[cursor...].starts(with: Data("--".utf8)) { break }
            guard data[cursor...].starts(with: Data("\r\n".utf8)) else { return nil }
            cursor += 2
            guard let headEnd = data.range(of: Data("\r\n\r\n".utf8), in: cursor..<data.endIndex) else { return nil }
            let head = String(decoding: data[cursor..<headEnd.lowerBound], as: UTF8.self)
            guard let next = data.range(of: Data("\r\n".utf8) + delimiter, in: headEnd.upperBound..<data.endIndex) else { return nil }
            let content = data[headEnd.upperBound..<next.lowerBound]
            cursor = next.upperBound
            var name: String?
            var filename: String?
            for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = parameter("name", in: String(line))
                filename = parameter("filename", in: String(line))
            }
            guard let name else { continue }
            if let filename {
                if !content.isEmpty || !filename.isEmpty { body.files.append(File(field: name, filename: filename, data: Data(content))) }
            } else {
                body.fields.append((name, normalise(String(decoding: content, as: UTF8.self))))
            }
        }
        return body
    }

    /// `name="value"` in a Content-Disposition line.
    static func parameter(_ key: String, in line: String) -> String? {
        guard let r = line.range(of: "; \(key)=\"") else { return nil }
        var out = ""
        var i = r.upperBound
        while i < line.endIndex, line[i] != "\"" {
            out.append(line[i])
            i = line.index(after: i)
        }
        return out.replacingOccurrences(of: "%22", with: "\"")
    }
}
