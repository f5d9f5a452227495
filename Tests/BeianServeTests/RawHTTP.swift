import Foundation

/// A minimal HTTP/1.1 client over a plain socket: the request target is sent byte for byte
/// (URLSession would normalise `..` and `%2e%2e` before the server ever saw them).
///
/// The socket calls block, so they run on a thread of their own: on the cooperative pool
/// (two threads on two cores) they would starve the server's own handlers, which run there.
struct RawHTTP: Sendable {
    struct Reply {
        var status: Int
        var headers: [String: String]  // lower-cased names
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let port: Int

    func send(_ target: String, method: String = "GET", headers: [String: String] = [:]) async throws -> Int32 {
        try await Self.offPool { try sendNow(target, method: method, headers: headers) }
    }

    func read(_ fd: Int32) async throws -> Reply {
        try await Self.offPool { try readNow(fd) }
    }

    func get(_ target: String, method: String = "GET", headers: [String: String] = [:]) async throws -> Reply {
        try await Self.offPool { try readNow(try sendNow(target, method: method, headers: headers)) }
    }

    /// Runs blocking `work` on a new thread.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in
            Thread { c.resume(with: Result { try work() }) }.start()
        }
    }

    /// Opens a connection and sends one request (the reply is read by `read`).
    func sendNow(_ target: String, method: String = "GET", headers: [String: String] = [:]) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else { close(fd); throw Failure("connect") }
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (k, v) in headers { request += "\(k): \(v)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else { close(fd); throw Failure("write") }
        return fd
    }

    /// Reads the reply on `fd` to the end of the connection, then closes it.
    func readNow(_ fd: Int32) throws -> Reply {
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { throw Failure("no head in \(data.count) bytes") }
        let lines = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { throw Failure("status line") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[split.upperBound...])
        if headers["transfer-encoding"] == "chunked" { body = Self.unchunked(body) }
        return Reply(status: status, headers: headers, body: body)
    }

    static func unchunked(_ data: Data) -> Data {
        var out = Data()
        var rest = data[...]
        while let line = rest.range(of: Data("\r\n".utf8)) {
            guard let size = Int(String(decoding: rest[..<line.lowerBound], as: UTF8.self), radix: 16), size > 0 else { break }
            let start = line.upperBound
            out.append(rest[start..<start + size])
            rest = rest[(start + size + 2)...]
        }
        return out
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}
