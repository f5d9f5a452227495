public import BeianDiagnostics
import BeianBundle
public import BeianStore
public import Foundation

/// `beian review attachments --out DIR`: the submitted attachments (and for a change the
/// approved ones) written side by side, `DIR/submitted/<path>` and `DIR/approved/<path>`, so a
/// reviewer reads the stamped 承诺书 or 自评估报告 exactly as submitted.
///
/// Nothing is written when any problem is found (O951): `DIR` inside a bundle or a registry
/// (the reviewer's copy must never become part of what is filed), a target that exists with
/// other bytes (unless `force`) or is not a regular file, or a symbolic link on the way.
/// A target that already holds the same bytes is left as it is. Each file is written whole
/// (`AtomicFile`).
public struct AttachmentExport: Sendable {
    public var out: URL
    public var outDisplay: String
    public var force: Bool

    public init(out: String, force: Bool) {
        self.out = URL(fileURLWithPath: out).standardizedFileURL
        self.outDisplay = out
        self.force = force
    }

    /// The files to write: relative path under `out` → bytes.
    public static func files(_ a: ReviewAttachments) -> [(path: String, data: Data)] {
        let submitted = a.submitted.map { (path: "submitted/" + $0.key, data: $0.value) }
        let approved = a.isChange ? a.approved.map { (path: "approved/" + $0.key, data: $0.value) } : []
        return (submitted + approved).sorted { $0.path < $1.path }
    }

    /// Why the files cannot be written; empty when they can.
    public func problems(_ files: [(path: String, data: Data)]) -> [Diagnostic] {
        func refuse(_ at: String, _ zh: String, _ en: String, _ helpZh: String, _ helpEn: String) -> Diagnostic {
            Diagnostic(.outputRefused, at: SourceLocation(path: at), message: Localized(zh: zh, en: en), help: Localized(zh: helpZh, en: helpEn))
        }
        if let inside = enclosingBundleOrRegistry() {
            return [refuse(outDisplay, "输出目录位于备案包或登记簿“\(inside)”之内，拒绝写入", "the output folder is inside the bundle or registry '\(inside)'; refused",
                           "换一个不在任何备案包或登记簿之内的目录，如 /tmp/review", "choose a folder outside every bundle and registry, e.g. /tmp/review")]
        }
        var out: [Diagnostic] = []
        switch NoFollow.kind(root: self.out, "") {
        case .missing, .folder: break
        case .link:
            return [refuse(outDisplay, "输出目录是符号链接，拒绝写入", "the output folder is a symbolic link; refused", "用真实目录", "use a real folder")]
        default:
            return [refuse(outDisplay, "输出位置不是目录", "the output is not a folder", "换一个目录", "choose a folder")]
        }
        for (path, data) in files {
            let shown = PathText.join(outDisplay, path)
            guard Self.isPlainRelative(path) else {
                out.append(refuse(shown, "附件路径不安全，拒绝写入", "the attachment's path is not a plain relative path; refused", "退回该提交", "reject the submission"))
                continue
            }
            switch NoFollow.kind(root: self.out, path) {
            case .missing: continue
            case .file:
                if case .success(let existing) = NoFollow.read(root: self.out, path), existing == data { continue }
                if !force {
                    out.append(refuse(shown, "文件已存在且内容不同，未覆盖", "the file exists with other content; not overwritten",
                                      "换一个空目录，或加 --force 覆盖", "use an empty folder, or pass --force to overwrite it"))
                }
            case .link(let at):
                out.append(refuse(shown, "路径经过符号链接“\(PathText.join(outDisplay, at))”，拒绝写入", "the path goes through the symbolic link '\(PathText.join(outDisplay, at))'; refused",
                                  "用真实目录替换该链接", "replace the link with a real folder"))
            case .folder, .other:
                out.append(refuse(shown, "该位置不是普通文件", "this is not a regular file", "移走它，或换一个目录", "move it away, or choose another folder"))
            }
        }
        return out
    }

    /// Writes `files` (after `problems` came back empty); returns how many were written (a
    /// target already holding the same bytes is not rewritten).
    public func write(_ files: [(path: String, data: Data)]) throws(AtomicFile.Failure) -> Int {
        var written = 0
        for (path, data) in files {
            if case .success(let existing) = NoFollow.read(root: out, path), existing == data { continue }
            try AtomicFile.write(data, to: out.appendingPathComponent(path))
            written += 1
        }
        return written
    }

    /// The bundle or registry folder `out` lies in (or is), if any: the nearest existing
    /// ancestor, resolved, and every folder above it is checked.
    func enclosingBundleOrRegistry() -> String? {
        var url = out
        while NoFollow.kind(root: url, "") == .missing, url.path != "/" { url = url.deletingLastPathComponent() }
        url = url.resolvingSymlinksInPath()
        while true {
            // A bundle has `entity.yaml` or a ledger; an initialized registry `.beian-registry/`.
            // (Not a bare `.beian/`: a home folder's `~/.beian/keys` is no bundle.)
            for marker in [BundlePaths.entityFile, "\(BundlePaths.registryDir)/ledger.jsonl", ".beian-registry"] where NoFollow.kind(root: url, marker) != .missing {
                return url.path
            }
            if url.path == "/" { return nil }
            url = url.deletingLastPathComponent()
        }
    }

    static func isPlainRelative(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.hasPrefix("/") && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." } && !path.contains("\0") && !path.contains("\\")
    }
}
