import BeianDiagnostics
import BeianPortal
import BeianStore
import Foundation

/// Every byte (V975): the signed file list against the files of the copy.
extension SiteVerifier {
    /// One listed file.
    struct ListedFile: Sendable {
        var path: String
        var size: Int
        var digest: Digest32
        /// Where it is listed: the shard (or the list), and the line.
        var listedIn: String
        var line: Int
    }

    func fileProblem(_ relative: String, line: Int = 1, zh: String, en: String) -> Diagnostic {
        problem(.siteFileMismatch, relative, line: line, zh: zh, en: en,
                helpZh: "不要信任这个站点副本；从登记机关自己的网址获取站点",
                helpEn: "do not trust this copy; fetch the site from the regulator's own address")
    }

    /// Parses a shard or the list: `<hex> <size> <path>` lines, sorted by path, each path in
    /// `shard` when given. Nil (with a problem) when malformed.
    func parseFileList(_ data: Data, at relative: String, shard: Int?, into problems: inout [Diagnostic]) -> [ListedFile]? {
        var out: [ListedFile] = []
        var line = 0
        var previous: [UInt8] = []
        let bytes = [UInt8](data)
        guard bytes.last == 0x0A || bytes.isEmpty else {
            problems.append(fileProblem(relative, zh: "文件清单 /\(relative) 未以换行结束", en: "the file list /\(relative) does not end with a newline"))
            return nil
        }
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            line += 1
            let parts = raw.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let digest = Digest32(hex: parts[0]), parts[0].allSatisfy({ $0 < 0x41 || $0 > 0x46 }),
                  let size = Int(String(decoding: parts[1], as: UTF8.self)), String(size).utf8.elementsEqual(parts[1]),
                  !parts[2].isEmpty, Array(parts[2]).lexicographicallyPrecedes(previous) == false, Array(parts[2]) != previous
            else {
                problems.append(fileProblem(relative, line: line, zh: "第 \(line) 行不是“SHA-256 大小 路径”，或路径未按序排列、重复",
                                            en: "line \(line) is not “SHA-256 size path”, or its path is out of order or repeated"))
                return nil
            }
            let path = String(decoding: parts[2], as: UTF8.self)
            if let shard, SiteFiles.shard(of: path) != shard {
                problems.append(fileProblem(relative, line: line, zh: "第 \(line) 行的 \(path) 不属于这个分片", en: "\(path) on line \(line) does not belong in this shard"))
                return nil
            }
            previous = Array(parts[2])
            out.append(ListedFile(path: path, size: size, digest: digest, listedIn: relative, line: line))
        }
        return out
    }

    /// The signed list and its shards: every file they name, or nil (with problems) when the list
    /// itself is not the one the checkpoint signs.
    func listedFiles(_ head: SignedHead, into problems: inout [Diagnostic]) -> [ListedFile]? {
        guard let shards = signedShards(head, into: &problems) else { return nil }
        var files: [ListedFile] = []
        for s in shards {
            guard s.path.hasPrefix(SiteFiles.shardFolder), let n = Int(s.path.dropFirst(SiteFiles.shardFolder.count).dropLast(4), radix: 16),
                  SiteFiles.shardPath(n) == s.path else {
                problems.append(fileProblem(SiteFiles.list, line: s.line, zh: "第 \(s.line) 行的 \(s.path) 不是分片文件", en: "\(s.path) on line \(s.line) is not a shard"))
                return nil
            }
            guard case .success(let shard) = read(s.path, limit: Self.dataLimit), shard.count == s.size, Digest32.of(shard) == s.digest else {
                problems.append(fileProblem(s.path, zh: "文件清单的分片 /\(s.path) 缺失或被改动（与 /\(SiteFiles.list) 第 \(s.line) 行不符）",
                                            en: "the shard /\(s.path) of the file list is missing or altered (it differs from /\(SiteFiles.list) line \(s.line))"))
                return nil
            }
            guard let listed = parseFileList(shard, at: s.path, shard: n, into: &problems) else { return nil }
            files += listed
        }
        return files
    }

    /// `files.txt`'s lines (one per shard), when it is the list the checkpoint's `files` line signs.
    func signedShards(_ head: SignedHead, into problems: inout [Diagnostic]) -> [ListedFile]? {
        guard let signed = head.files else {
            problems.append(fileProblem(SiteFiles.checkpoint, zh: "检查点没有 files 行：这个站点是在签名文件清单之前构建的，不能逐字节核验",
                                        en: "the checkpoint has no files line: the site was built before the signed file list and cannot be checked byte for byte"))
            return nil
        }
        guard case .success(let data) = read(SiteFiles.list, limit: Self.dataLimit) else {
            problems.append(fileProblem(SiteFiles.list, zh: "签名的文件清单 /\(SiteFiles.list) 无法读取", en: "the signed file list /\(SiteFiles.list) cannot be read"))
            return nil
        }
        guard Digest32.of(data) == signed else {
            problems.append(fileProblem(SiteFiles.list, zh: "文件清单 /\(SiteFiles.list) 不是检查点签名的那份（SHA-256 不符）",
                                        en: "the file list /\(SiteFiles.list) is not the one the checkpoint signs (its SHA-256 differs)"))
            return nil
        }
        return parseFileList(data, at: SiteFiles.list, shard: nil, into: &problems)
    }

    /// Every listed file must be there with its size and SHA-256; every other file of the copy
    /// is one the registry did not publish. Linear in the site: each file read once.
    func checkFiles(_ head: SignedHead, into problems: inout [Diagnostic]) async -> Int {
        guard let listed = listedFiles(head, into: &problems) else { return 0 }
        let found = try? await Concurrent.map(listed.indices.map { $0 }, tasks: tasks, worker: { self }) { v, i -> Diagnostic? in
            let f = listed[i]
            guard !SiteFiles.isUnlisted(f.path) else {
                return v.fileProblem(f.listedIn, line: f.line, zh: "文件清单列出了 \(f.path)，它不能列在清单里", en: "the file list names \(f.path), which it cannot list")
            }
            switch v.read(f.path, limit: max(f.size, 0)) {
            case .failure(.missing):
                return v.fileProblem(f.path, zh: "/\(f.path) 已签名发布，但这个副本中没有（被删除）", en: "/\(f.path) was published and signed, but this copy lacks it (removed)")
            case .failure(let why):
                let d = Self.describe(why)
                return v.fileProblem(f.path, zh: "/\(f.path) \(d.zh)（签名清单：\(f.size) 字节）", en: "/\(f.path) \(d.en) (the signed list: \(f.size) bytes)")
            case .success(let data):
                guard data.count == f.size, Digest32.of(data) == f.digest else {
                    return v.fileProblem(f.path, zh: "/\(f.path) 被改动：与签名清单（\(f.listedIn) 第 \(f.line) 行）的大小或 SHA-256 不符",
                                         en: "/\(f.path) was changed: its size or SHA-256 differs from the signed list (\(f.listedIn) line \(f.line))")
                }
                return nil
            }
        }
        problems += (found ?? []).compactMap { $0 }
        // What the copy has that the list does not name.
        let names = Set(listed.map(\.path))
        for path in NoFollow.files(under: site) where !names.contains(path) && !SiteFiles.isUnlisted(path) {
            problems.append(fileProblem(path, zh: "/\(path) 不在签名的文件清单中：登记机关没有发布它（被添加）",
                                        en: "/\(path) is not in the signed file list: the registry did not publish it (added)"))
        }
        return listed.count
    }
}
