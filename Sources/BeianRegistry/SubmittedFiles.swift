import BeianBundle
import BeianDiagnostics
import BeianStore
import Foundation

/// The bytes of every submitted file, kept content-addressed beside the ledger
/// (`.beian/objects/<sha256>`), so that a review reads and an approval publishes exactly what
/// was submitted — never the live folder, which the filer may have changed since (or may be
/// changing while the reviewer approves).
struct SubmittedFiles {
    var paths: RegistryPaths

    /// Stores each file's bytes under its SHA-256 (an object already there is kept). With
    /// `durable` (the default) they are on disk when this returns, before the ledger names
    /// them: written without an `fsync` each, then one `sync`. A caller
    /// storing several batches passes `durable: false` to all but the last.
    func store(_ files: [String: Data], durable: Bool = true) throws(RegistryError) {
        var wrote = false
        for data in Set(files.values).sorted(by: { $0.count < $1.count }) {
            let hash = SHA256Hash.hex(data)
            let url = paths.object(hash)
            if case .success(let existing) = NoFollow.read(root: paths.bundle, relative(hash)), existing == data { continue }
            do { try AtomicFile.write(data, to: url, durable: false) } catch {
                throw .writeFailed(paths.objectDisplay(hash), error)
            }
            wrote = true
        }
        if durable && wrote { AtomicFile.syncWritten() }
    }

    /// The files a submission sealed (`manifest`: path → SHA-256), as bytes: each from its
    /// stored object, checked against its hash. A submission made before objects were kept
    /// has none; then the live file is taken only if it still hashes to the manifest.
    /// L602, naming the file, when neither holds the submitted bytes.
    func restore(_ manifest: [String: String], live: BundleFiles) -> Result<[String: Data], Diagnostic> {
        var out: [String: Data] = [:]
        for (path, hash) in manifest.sorted(by: { $0.key < $1.key }) {
            switch NoFollow.read(root: paths.bundle, relative(hash)) {
            case .success(let data):
                guard SHA256Hash.hex(data) == hash else {
                    return .failure(Diagnostic(.sealedFileChanged, at: SourceLocation(path: paths.objectDisplay(hash)),
                        message: Localized(zh: "所存的提交文件 \(path) 与其哈希不符（被改动过）", en: "the stored submitted file \(path) does not match its hash (it was altered)"),
                        help: Localized(zh: "从备份恢复该文件，或退回（reject）该提交由填报人员重新提交", en: "restore the file from a backup, or reject the submission so the filer submits again")))
                }
                out[path] = data
            case .failure:
                if case .success(let data) = live.read(path, limit: Manifest.maxFileSize), SHA256Hash.hex(data) == hash {
                    out[path] = data
                    continue
                }
                return .failure(Diagnostic(.sealedFileChanged, at: SourceLocation(path: PathText.join(live.displayRoot, path)),
                    message: Localized(zh: "提交时的文件内容已不可得：未存于 .beian/objects/，且该文件提交后被改动过", en: "the submitted content is gone: it is not stored under .beian/objects/ and the file changed after it was submitted"),
                    help: Localized(zh: "恢复提交时的内容，或退回（reject）该提交由填报人员重新提交", en: "restore the submitted content, or reject the submission so the filer submits again")))
            }
        }
        return .success(out)
    }

    private func relative(_ hash: String) -> String { "\(BundlePaths.registryDir)/objects/\(hash)" }
}
