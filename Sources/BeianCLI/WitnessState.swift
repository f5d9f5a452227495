import BeianDiagnostics
import BeianStore
import BeianTrust
import Foundation

/// A witness's state folder (`beian witness init --state DIR`): which log it follows and the
/// last checkpoint it cosigned.
///
///     DIR/log          beian witness state v1 / log-key: <the registry's verifier key>
///     DIR/checkpoint   the last checkpoint cosigned, as the registry signed it
///     DIR/.lock        held while a cosign runs, so two cannot race
///
/// The log's origin is its key's name (a beian checkpoint's first line is the registry key's name).
struct WitnessState {
    static let header = "beian witness state v1"
    let folder: URL
    var log: URL { folder.appendingPathComponent("log") }
    var checkpoint: URL { folder.appendingPathComponent("checkpoint") }
    var lock: URL { folder.appendingPathComponent(".lock") }

    init(_ path: String) { folder = URL(fileURLWithPath: path) }

    static func logText(_ key: VerifierKey) -> String { "\(header)\nlog-key: \(key)\n" }

    /// The key of the log this state follows; nil when the folder was never set up.
    func logKey() -> Result<VerifierKey?, Diagnostic> {
        switch NoFollow.read(root: log, "", limit: 4_096) {
        case .failure(.missing): return .success(nil)
        case .failure(let f): return .failure(invalid(log, line: 1, zh: "无法读取：\(TileFileError(f))", en: "cannot be read: \(TileFileError(f))"))
        case .success(let data):
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.first == Substring(Self.header) else { return .failure(invalid(log, line: 1, zh: "第一行应为“\(Self.header)”", en: "the first line must be '\(Self.header)'")) }
            guard lines.count >= 2, lines[1].hasPrefix("log-key: "), let key = VerifierKey(String(lines[1].dropFirst(9))) else {
                return .failure(invalid(log, line: 2, zh: "应为“log-key: 名称+指纹+base64”", en: "expected 'log-key: name+keyid+base64'"))
            }
            return .success(key)
        }
    }

    /// The last checkpoint cosigned (nil before the first), re-verified with the log's key.
    func lastCheckpoint(_ key: VerifierKey) -> Result<(note: String, checkpoint: Checkpoint)?, Diagnostic> {
        switch NoFollow.read(root: checkpoint, "", limit: 1 << 20) {
        case .failure(.missing): return .success(nil)
        case .failure(let f): return .failure(invalid(checkpoint, line: 1, zh: "无法读取：\(TileFileError(f))", en: "cannot be read: \(TileFileError(f))"))
        case .success(let data):
            let note = String(decoding: data, as: UTF8.self)
            guard case .success(let text) = SignedNote.open(note, verifiedBy: key), let cp = Checkpoint(text: text) else {
                return .failure(invalid(checkpoint, line: 1, zh: "不是该日志签名的检查点（状态被改动过）", en: "not a checkpoint signed by the log (the state was altered)"))
            }
            return .success((note, cp))
        }
    }

    func invalid(_ url: URL, line: Int, zh: String, en: String) -> Diagnostic {
        Diagnostic(.witnessStateInvalid, at: SourceLocation(path: url.relativePath, line: line),
                   message: Localized(zh: "见证状态“\(url.relativePath)”\(zh)", en: "witness state '\(url.relativePath)': \(en)"),
                   help: Localized(zh: "从备份恢复状态目录；新见证人先运行 beian witness init", en: "restore the state folder from a backup; a new witness runs beian witness init first"))
    }
}

/// A file read refused by `NoFollow`, said in words (tiles and state files come from disks a
/// witness does not fully control).
struct TileFileError: Error, CustomStringConvertible {
    let failure: NoFollow.Failure
    init(_ failure: NoFollow.Failure) { self.failure = failure }
    var description: String {
        switch failure {
        case .missing: "missing"
        case .link(let at): "a symbolic link at \(at), not followed"
        case .notRegular: "not a regular file"
        case .tooLarge(let size): "too large (\(size) bytes)"
        case .unreadable(let why): why
        }
    }
}
