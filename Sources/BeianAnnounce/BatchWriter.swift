public import BeianDiagnostics
import BeianModel
public import BeianStore
public import Foundation

/// Writes batch announcements into a content folder: for each, the CSV (`files/<slug>.csv`)
/// then the Markdown (`announcements/<slug>.md`), each atomically (temp file, fsync, rename),
/// so a crash leaves at worst a CSV without its announcement, never half a file.
///
/// Nothing is written when any target exists (unless `force`), is a folder, or lies under a
/// symbolic link (O951), or an announcement is longer than a build accepts (C802): every such
/// problem is reported at once, before the first write.
public struct BatchWriter: Sendable {
    /// The content folder on disk, and as the user typed it (for messages).
    public var content: URL
    public var contentDisplay: String
    public var force: Bool
    /// The largest announcement the build accepts (`ContentLoader.maxMarkdownSize`): a longer
    /// period is refused here rather than by the next build.
    public var markdownLimit: Int

    public init(content: URL, contentDisplay: String, force: Bool, markdownLimit: Int = .max) {
        self.content = content
        self.contentDisplay = contentDisplay
        self.force = force
        self.markdownLimit = markdownLimit
    }

    /// The files of `batches` (relative path → bytes), in writing order.
    public static func files(_ batches: [BatchAnnouncement], basePath: String) -> [(path: String, data: Data)] {
        batches.flatMap { [($0.csvPath, $0.csv()), ($0.markdownPath, Data($0.markdown(basePath: basePath).utf8))] }
    }

    /// Why the files cannot be written; empty when they can.
    public func problems(_ files: [(path: String, data: Data)]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (path, data) in files {
            let shown = display(path)
            if path.hasSuffix(".md"), data.count > markdownLimit {
                out.append(Diagnostic(
                    .contentInvalid, at: SourceLocation(path: shown),
                    message: Localized(zh: "公告将有 \(data.count / 1024) KB，超过构建接受的 \(markdownLimit / 1024) KB",
                                       en: "the announcement would be \(data.count / 1024) KB, over the \(markdownLimit / 1024) KB a build accepts"),
                    help: Localized(zh: "缩短期间（--from/--to），或用 --list 只写一类清单", en: "choose a shorter period (--from/--to), or one list with --list")))
            }
            func refuse(_ zh: String, _ en: String, _ helpZh: String, _ helpEn: String) {
                out.append(Diagnostic(.outputRefused, at: SourceLocation(path: shown),
                                      message: Localized(zh: zh, en: en), help: Localized(zh: helpZh, en: helpEn)))
            }
            switch NoFollow.kind(root: content, path) {
            case .missing: continue
            case .file:
                if !force {
                    refuse("文件已存在，未覆盖", "the file already exists; not overwritten",
                           "检查后删除它，或加 --force 覆盖（运营人员对它的修改会丢失）",
                           "check it, then delete it or pass --force to overwrite it (edits made to it are lost)")
                }
            case .link(let at):
                refuse("路径经过符号链接“\(display(at))”，拒绝写入", "the path goes through the symbolic link '\(display(at))'; refused",
                       "用真实目录或文件替换该链接", "replace the link with a real folder or file")
            case .folder, .other:
                refuse("该位置不是普通文件", "this is not a regular file", "移走它，或换一个 --content", "move it away, or use another --content")
            }
        }
        return out
    }

    /// Writes `files` (after `problems` came back empty).
    public func write(_ files: [(path: String, data: Data)]) throws(AtomicFile.Failure) {
        for (path, data) in files {
            try AtomicFile.write(data, to: content.appendingPathComponent(path))
        }
    }

    /// `relative` as the user would type it, under the content folder they named.
    public func display(_ relative: String) -> String {
        PathText.join(contentDisplay, relative)
    }
}
