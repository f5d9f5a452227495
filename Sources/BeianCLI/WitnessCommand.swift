import ArgumentParser
import BeianDiagnostics
import BeianStore
import BeianTrust
import Foundation

/// `beian witness init` and `beian witness cosign` (SPEC §11): a witness follows one log and
/// cosigns (C2SP tlog-cosignature, cosignature/v1) a checkpoint only if it extends the last
/// one it cosigned. The rule is `Witness.check`; this command reads the files and keeps the state.
struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Cosign the registry's checkpoints, each only if it extends the last one cosigned (C2SP tlog-witness).",
        subcommands: [Init.self, Cosign.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set up a witness state folder that follows one log (the registry's key; its name is the log's origin).")

        @Option(help: "The witness's state folder (made if missing).") var state: String
        @Option(name: .customLong("log-key"), help: "The registry's public key (name+keyid+base64), or a file holding it, as the regulator publishes it.")
        var logKey: String
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            let key = try RegistryKeyArgument.verifierKey(logKey, lang: lang, json: json)
            let s = WitnessState(state)
            var already = false
            switch s.logKey() {
            case .failure(let d): try fail(d, lang: lang, json: json)
            case .success(let current?) where current != key:
                try fail(Diagnostic(.witnessStateInvalid, at: SourceLocation(path: s.log.relativePath, line: 2),
                    message: Localized(zh: "该状态目录已跟随日志“\(current.name)”（\(current)），不能改为跟随“\(key.name)”（\(key)）",
                                       en: "this state folder follows the log '\(current.name)' (\(current)), not '\(key.name)' (\(key))"),
                    help: Localized(zh: "每个日志用一个状态目录：为新日志另选 --state", en: "keep one state folder per log: choose another --state for the new log")),
                    lang: lang, json: json)
            case .success(.some): already = true
            case .success(nil):
                do { try AtomicFile.write(WitnessState.logText(key), to: s.log) } catch {
                    try fail(Diagnostic(.unreadable, at: SourceLocation(path: s.log.relativePath),
                                        message: Localized(zh: "无法写入：\(error.reason)", en: "cannot write: \(error.reason)"),
                                        help: Localized(zh: "检查目录及其权限", en: "check the folder and its permissions")), lang: lang, json: json)
                }
            }
            if json {
                struct Out: Encodable { var state: String; var origin: String; var logKey: String; var already: Bool }
                Console.out(DiagnosticRenderer.encodeJSON(Out(state: state, origin: key.name, logKey: key.description, already: already)))
            } else {
                Console.out(lang == .zh
                    ? "\(state)：\(already ? "已在" : "开始")跟随日志“\(key.name)”（\(key)）\n"
                    : "\(state): \(already ? "already follows" : "now follows") the log '\(key.name)' (\(key))\n")
            }
        }
    }

    struct Cosign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cosign a checkpoint if it extends the last one cosigned: the same tree, or a larger one proved consistent from the tiles beside it.",
            discussion: """
            CHECKPOINT is the registry's signed checkpoint; its folder holds the log's tile/ (as published). \
            The checkpoint with the witness's cosignature line appended goes to --out, or to standard output. \
            The state is updated before the cosignature is written, so a witness never cosigns a checkpoint it has not recorded.
            """)

        @Argument(help: "The signed checkpoint (its folder holds tile/).") var checkpoint: String
        @Option(help: "The witness's private key (beian key new FILE --name NAME --kind witness).") var key: String
        @Option(help: "The witness's state folder (beian witness init).") var state: String
        @Option(help: "Write the cosigned checkpoint here instead of to standard output.") var out: String?
        @Flag(help: "Print JSON (the cosigned note is then in its `note` field unless --out is given).") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            let witness = try signingKey(key, lang: lang, json: json)
            guard witness.kind == .witness else {
                try fail(Diagnostic(.keyInvalid, at: SourceLocation(path: key),
                    message: Localized(zh: "这是 \(witness.kind.rawValue) 密钥，不是见证人密钥", en: "this is a \(witness.kind.rawValue) key, not a witness key"),
                    help: Localized(zh: "用 beian key new 文件 --name 名称 --kind witness 生成见证人密钥", en: "make a witness key with beian key new FILE --name NAME --kind witness")),
                    lang: lang, json: json)
            }
            let s = WitnessState(state)
            let logKey: VerifierKey
            switch s.logKey() {
            case .failure(let d): try fail(d, lang: lang, json: json)
            case .success(nil):
                try fail(s.invalid(s.log, line: 1, zh: "不存在", en: "missing"), lang: lang, json: json)
            case .success(let k?): logKey = k
            }
            // Held until the process ends: a second cosign waits, then reads the state this one wrote.
            let lock: FileLock
            do { lock = try FileLock(s.lock) } catch {
                try fail(s.invalid(s.lock, line: 1, zh: "无法加锁：\(error.reason)", en: "cannot be locked: \(error.reason)"), lang: lang, json: json)
            }
            defer { lock.unlock() }

            let (note, new) = try readCheckpoint(logKey, lang: lang)
            let last: (note: String, checkpoint: Checkpoint)?
            switch s.lastCheckpoint(logKey) {
            case .failure(let d): try fail(d, lang: lang, json: json)
            case .success(let l): last = l
            }
            let folder = URL(fileURLWithPath: checkpoint).deletingLastPathComponent()
            let tiles: Tlog.TileReader = { path in
                switch NoFollow.read(root: folder, path, limit: Tile.fullWidth * Tile.hashSize) {
                case .success(let data): return Array(data)
                case .failure(let f): throw TileFileError(f)
                }
            }
            let proof: [[UInt8]]
            switch Witness.check(new, extends: last?.checkpoint, tiles: tiles) {
            case .success(let p): proof = p
            case .failure(let refusal): try fail(diagnostic(refusal, folder: folder, last: last?.checkpoint), lang: lang, json: json)
            }

            let time = UInt64(max(0, Date().timeIntervalSince1970))
            guard case .success(let cosigned) = Cosignature.sign(noteText: note, time: time, key: witness) else {
                try fail(checkpointProblem(line: 1, zh: "不是签名文本", en: "not a signed note"), lang: lang, json: json)
            }
            // The state first: once a cosignature exists, the witness must hold to it.
            do {
                try AtomicFile.write(note, to: s.checkpoint)
                if let out { try AtomicFile.write(cosigned, to: URL(fileURLWithPath: out)) }
            } catch {
                try fail(Diagnostic(.unreadable, at: SourceLocation(path: error.path),
                                           message: Localized(zh: "无法写入：\(error.reason)", en: "cannot write: \(error.reason)"),
                                           help: Localized(zh: "检查目录及其权限", en: "check the folder and its permissions")), lang: lang, json: json)
            }
            let extends = last.map { "\($0.checkpoint.size)" } ?? "-"
            if json {
                struct Out: Encodable {
                    var origin: String; var size: Int; var lastSize: Int?; var proofHashes: Int; var time: UInt64; var witness: String; var out: String?; var note: String?
                }
                Console.out(DiagnosticRenderer.encodeJSON(Out(origin: new.origin, size: new.size, lastSize: last?.checkpoint.size, proofHashes: proof.count,
                                                              time: time, witness: witness.cosignatureKey.description, out: out, note: out == nil ? cosigned : nil)))
                return
            }
            if out == nil { Console.out(cosigned) }
            let summary = lang == .zh
                ? "✓ 已联署 \(checkpoint)（\(new.origin)，\(new.size) 条；上次联署 \(extends) 条\(proof.isEmpty ? "" : "，一致性证明 \(proof.count) 个哈希")）\(out.map { " → \($0)" } ?? "")\n"
                : "✓ cosigned \(checkpoint) (\(new.origin), \(new.size) entries; last cosigned \(extends)\(proof.isEmpty ? "" : ", consistency proof of \(proof.count) hashes"))\(out.map { " → \($0)" } ?? "")\n"
            if out == nil { Console.err(summary) } else { Console.out(summary) }
        }

        /// The checkpoint, opened with the log's key (W982 otherwise).
        func readCheckpoint(_ logKey: VerifierKey, lang: Lang) throws -> (note: String, checkpoint: Checkpoint) {
            let note: String
            switch NoFollow.read(root: URL(fileURLWithPath: checkpoint), "", limit: 1 << 20) {
            case .success(let data): note = String(decoding: data, as: UTF8.self)
            case .failure(let f):
                try fail(checkpointProblem(line: 1, zh: "无法读取：\(TileFileError(f))", en: "cannot be read: \(TileFileError(f))"), lang: lang, json: json)
            }
            let text: String
            switch SignedNote.open(note, verifiedBy: logKey) {
            case .success(let t): text = t
            case .failure(.malformed(let why)):
                try fail(checkpointProblem(line: 1, zh: "不是签名文本：\(why)", en: "not a signed note: \(why)"), lang: lang, json: json)
            case .failure(.noSignatureByKey):
                try fail(checkpointProblem(line: 1, zh: "没有日志公钥“\(logKey.name)”的签名", en: "no signature by the log's key '\(logKey.name)'"), lang: lang, json: json)
            case .failure(.badSignature):
                try fail(checkpointProblem(line: 1, zh: "日志公钥“\(logKey.name)”的签名无效（内容被改动过）", en: "the signature by the log's key '\(logKey.name)' does not verify (the text was altered)"), lang: lang, json: json)
            }
            guard let cp = Checkpoint(text: text) else {
                try fail(checkpointProblem(line: 1, zh: "不是检查点（来源、条数、根哈希各一行）", en: "not a checkpoint (origin, size and root hash lines)"), lang: lang, json: json)
            }
            guard cp.origin == logKey.name else {
                try fail(checkpointProblem(line: 1, zh: "来源为“\(cp.origin)”，不是该日志“\(logKey.name)”", en: "its origin is '\(cp.origin)', not the log '\(logKey.name)'"), lang: lang, json: json)
            }
            return (note, cp)
        }

        func checkpointProblem(line: Int, zh: String, en: String) -> Diagnostic {
            Diagnostic(.witnessCheckpointInvalid, at: SourceLocation(path: checkpoint, line: line),
                       message: Localized(zh: "检查点\(zh)", en: "the checkpoint: \(en)"),
                       help: Localized(zh: "从登记机关自己的地址重新获取检查点", en: "fetch the checkpoint again from the registry's own address"))
        }

        /// A refusal located at the checkpoint's size or root line, or at the tile that failed.
        func diagnostic(_ refusal: Witness.Refusal, folder: URL, last: Checkpoint?) -> Diagnostic {
            let lastText = last.map { "\($0.size) \($0.root.base64EncodedString())" } ?? ""
            switch refusal {
            case .otherLog(let origin, let expected):
                return checkpointProblem(line: 1, zh: "来源为“\(origin)”，不是“\(expected)”", en: "its origin is '\(origin)', not '\(expected)'")
            case .smaller(let size, let lastSize):
                return Diagnostic(.witnessRollback, at: SourceLocation(path: checkpoint, line: 2),
                    message: Localized(zh: "检查点只有 \(size) 条，少于上次联署的 \(lastSize) 条（\(lastText)）：日志回退了", en: "the checkpoint has \(size) entries, fewer than the \(lastSize) of the last one cosigned (\(lastText)): the log went backwards"),
                    help: Localized(zh: "不要联署；把两个检查点报告给登记机关和其他见证人", en: "do not cosign; report both checkpoints to the registry's operator and to other witnesses"))
            case .forked(let size):
                return Diagnostic(.witnessRollback, at: SourceLocation(path: checkpoint, line: 3),
                    message: Localized(zh: "检查点与上次联署的同为 \(size) 条，根哈希却不同（上次 \(lastText)）：日志分叉了", en: "the checkpoint has the \(size) entries of the last one cosigned but another root (last \(lastText)): the log forked"),
                    help: Localized(zh: "不要联署；把两个检查点报告给登记机关和其他见证人", en: "do not cosign; report both checkpoints to the registry's operator and to other witnesses"))
            case .notConsistent(let error):
                var at = SourceLocation(path: checkpoint, line: 3)
                switch error {
                case .tileUnreadable(let path, _), .tileWrongSize(let path, _, _), .tileInconsistent(let path):
                    let first = path.components(separatedBy: ", ")[0]
                    at = SourceLocation(path: folder.appendingPathComponent(first).relativePath)
                default: break
                }
                return Diagnostic(.witnessProofFailed, at: at,
                    message: Localized(zh: "无法证明该检查点延续了上次联署的检查点（\(lastText)）：\(error)", en: "the checkpoint is not shown to extend the last one cosigned (\(lastText)): \(error)"),
                    help: Localized(zh: "连同 tile/ 目录重新获取检查点；仍不通过则日志不是只增的，应报告", en: "fetch the checkpoint again with its tile/ folder; if the proof still fails, the log is not append-only: report it"))
            }
        }
    }
}

/// Reports one diagnostic and exits 2.
private func fail(_ d: Diagnostic, lang: Lang, json: Bool) throws -> Never {
    Console.report([d], lang: lang, format: json ? .json : .text)
    throw ExitCode.ioFailure
}
