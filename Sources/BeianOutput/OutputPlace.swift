public import BeianDiagnostics
import Foundation

/// Where a build may write, decided before it reads or writes anything: a build replaces
/// only what it made itself, and never writes into its own inputs.
///
/// The output must be absent, an empty folder, or a folder carrying `SiteMarker` (a site a
/// build made). Refused: `.`, `..`, `/`, the home folder, a symbolic link, a regular file, a
/// folder holding anything else; an output equal to, inside or holding the registry or the
/// content folder (real paths: links resolved, `..` normalised). The same goes for what the
/// build keeps beside the output (`.site.lock`, `.site.prev`, the caches, the leftovers
/// `.site.building-*` and `.site.old-*` of killed builds): each must be absent or of the
/// build's own making. Nothing refused is moved or deleted; every problem is reported at once.
public enum OutputPlace {
    /// The files and folders beside `site` a build manages, by the suffix after `.site.`.
    package enum Beside: String, CaseIterable {
        case lock, prev
        case contentCache = "content-cache"
        case registryCache = "registry-cache"
        case searchState = "search-state"
    }

    /// Prefixes of the staging and set-aside folders of builds (`Staging`).
    package static let leftoverKinds = ["building-", "old-"]

    /// Every reason not to build from `registry` and `content` into `output` (paths as the user
    /// gave them; the diagnostics name them so).
    public static func problems(output: String, registry: String, content: String) -> [Diagnostic] {
        // `.`, `/` and the like: nothing beside them is worth looking at.
        if let named = nameProblem(output) { return [named] }
        var out = siteProblems(output: output)
        var st = stat()
        if stat(registry, &st) != 0 || st.st_mode & S_IFMT != S_IFDIR {
            out.append(Diagnostic(.registryNotFound, at: SourceLocation(path: registry),
                                  message: Localized(zh: "登记簿目录“\(registry)”不存在或不是目录",
                                                     en: "the registry folder “\(registry)” does not exist or is not a folder"),
                                  help: Localized(zh: "用 --registry 指定存放备案包的目录（默认 bundles）",
                                                  en: "name the folder holding the bundles with --registry (default: bundles)")))
        }
        let site = resolved(output)
        for (option, path) in [("--registry", registry), ("--content", content)] {
            let input = resolved(path)
            let clash: Localized?
            if input == site {
                clash = Localized(zh: "输出目录就是 \(option) 指定的目录“\(path)”", en: "the output is the \(option) folder “\(path)” itself")
            } else if site.hasPrefix(input + "/") || input == "/" {
                clash = Localized(zh: "输出目录位于 \(option) 指定的目录“\(path)”之内", en: "the output lies inside the \(option) folder “\(path)”")
            } else if input.hasPrefix(site + "/") || site == "/" {
                clash = Localized(zh: "\(option) 指定的目录“\(path)”位于输出目录之内", en: "the \(option) folder “\(path)” lies inside the output")
            } else if (input as NSString).deletingLastPathComponent == (site as NSString).deletingLastPathComponent,
                      (input as NSString).lastPathComponent.hasPrefix(".\((site as NSString).lastPathComponent).") {
                clash = Localized(zh: "\(option) 指定的目录“\(path)”是构建放在输出旁的文件", en: "the \(option) folder “\(path)” is one the build keeps beside the output")
            } else {
                clash = nil
            }
            if let clash {
                out.append(refusal(output, clash, help: Localized(zh: "用 --out 指定另一个目录，不要与输入目录重叠",
                                                                en: "pass --out a folder apart from the registry and the content")))
            }
        }
        for kind in Beside.allCases where kind != .prev {
            let path = besidePath(output, kind.rawValue)
            if let why = foreign(path, kind) {
                out.append(refusal(path, why, help: Localized(zh: "这个位置留给 beian build 使用：请移走或改名后再构建",
                                                              en: "beian build keeps its own file here: move or rename this one, then build again")))
            }
        }
        return out
    }

    /// The reasons not to replace `output`, recycle `.site.prev` or clear the leftovers of
    /// killed builds: what the portal build itself removes or moves (checked again under its lock).
    public static func siteProblems(output: String) -> [Diagnostic] {
        if let named = nameProblem(output) { return [named] }
        var out: [Diagnostic] = []
        let help = Localized(zh: "beian build 只写入不存在的目录、空目录或它自己生成的站点（含 \(SiteMarker.fileName)）：请用 --out 指定这样的目录，或先移走这里的内容",
                             en: "beian build writes only into an absent or empty folder or a site it made (with \(SiteMarker.fileName)): pass --out such a folder, or move this one away first")
        var st = stat()
        if lstat(output, &st) == 0 {
            let kind = st.st_mode & S_IFMT
            if kind == S_IFLNK {
                out.append(refusal(output, Localized(zh: "输出位置是符号链接", en: "the output is a symbolic link"),
                                   help: Localized(zh: "用 --out 指定真实的目录，而不是指向它的链接", en: "pass --out the real folder, not a link to it")))
            } else if kind != S_IFDIR {
                out.append(refusal(output, Localized(zh: "输出位置是一个文件，不是目录", en: "the output is a file, not a folder"), help: help))
            } else if !isRemovable(output) {
                out.append(refusal(output, Localized(zh: "输出目录中有不是 beian build 生成的内容（没有 \(SiteMarker.fileName)）",
                                                     en: "the output folder holds files beian build did not write (no \(SiteMarker.fileName))"), help: help))
            }
        }
        let prev = besidePath(output, Beside.prev.rawValue)
        if lstat(prev, &st) == 0 && !isRemovable(prev) {
            out.append(refusal(prev, Localized(zh: "上次站点的位置被不是 beian build 生成的内容占用",
                                               en: "the place of the previous site holds something beian build did not write"), help: help))
        }
        for path in leftovers(output) where !isRemovable(path) {
            out.append(refusal(path, Localized(zh: "构建遗留目录的位置被不是 beian build 生成的内容占用",
                                               en: "a leftover of a killed build's place holds something beian build did not write"), help: help))
        }
        return out
    }

    /// The refusal of an output that names no folder of its own: `.`, `..` (as its last
    /// component), `/`, the home folder, an empty path.
    package static func nameProblem(_ output: String) -> Diagnostic? {
        var trimmed = output
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let last = trimmed.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let site = resolved(output)
        let home = ProcessInfo.processInfo.environment["HOME"].map(resolved)
        guard output.isEmpty || last == "." || last == ".." || site == "/" || site == home else { return nil }
        let (zh, en) = site == "/" ? ("根目录", "the root folder") : site == home ? ("主目录", "the home folder")
            : last == "." ? ("当前目录", "the current folder") : last == ".." ? ("上级目录", "the parent folder") : ("空路径", "an empty path")
        return refusal(output, Localized(zh: "输出位置是\(zh)，不能用作站点目录", en: "the output is \(en), which cannot be a site folder"),
                       help: Localized(zh: "用 --out 指定一个专用的目录，例如 --out site", en: "pass --out a folder of its own, e.g. --out site"))
    }

    /// The live site's filing count: its filing pages, from its manifest (0 when none or unknown).
    public static func liveFilingCount(output: String) -> Int {
        guard SiteMarker.isMarked(output) else { return 0 }
        // Each filing has one page per language (SPEC §10: Chinese and English).
        let pages = BuildManifest.read(siteAt: output).groups.values.reduce(0) { $0 + ($1.name.hasPrefix("filing/") ? $1.pages : 0) }
        return pages / Lang.allCases.count
    }

    /// The refusal to replace a site of `live` filings with an empty one read from `registry`.
    public static func emptyRegistry(registry: String, live: Int) -> Diagnostic {
        Diagnostic(.registryEmpty, at: SourceLocation(path: registry),
                   message: Localized(zh: "登记簿“\(registry)”中没有已公示的备案，而现有站点有 \(live) 个",
                                      en: "the registry at \(registry) has 0 filings but the live site has \(live)"),
                   help: Localized(zh: "检查 --registry；确要发布空门户时加 --allow-empty",
                                   en: "check --registry, or pass --allow-empty to publish an empty portal"))
    }

    /// Deletes the folder at `path` if the build made it (marked) or it is empty; refuses
    /// anything else. The one way a build deletes a folder beside or at its output.
    package static func removeBuilt(_ path: String) throws {
        guard POSIX.exists(path) else { return }
        guard isRemovable(path) else {
            throw PortalOutputRefused([refusal(path, Localized(zh: "“\(path)”不是 beian build 生成的目录，不会删除", en: "“\(path)” is not a folder beian build made; it is not deleted"),
                                               help: Localized(zh: "移走它后再构建", en: "move it away, then build again"))])
        }
        try POSIX.removeTree(path)
    }

    /// True when a build may delete the folder at `path`: an empty folder, or one it made.
    package static func isRemovable(_ path: String) -> Bool {
        SiteMarker.isMarked(path) || isEmptyFolder(path)
    }

    package static func isEmptyFolder(_ path: String) -> Bool {
        guard POSIX.isDirectory(path), let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return false }
        return names.isEmpty
    }

    /// `.<name>.<suffix>` beside `output`, spelled as the user spelled `output`.
    package static func besidePath(_ output: String, _ suffix: String) -> String {
        let name = URL(fileURLWithPath: output).standardizedFileURL.lastPathComponent
        var trimmed = output
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let parent = trimmed.lastIndex(of: "/").map { String(trimmed[...$0]) } ?? ""
        return parent + ".\(name).\(suffix)"
    }

    /// The staging and set-aside folders of builds beside `output`, sorted.
    package static func leftovers(_ output: String) -> [String] {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return [] }
        let prefixes = leftoverKinds.map { ".\(url.lastPathComponent).\($0)" }
        return names.filter { n in prefixes.contains { n.hasPrefix($0) } }.sorted().map { besidePath(output, String($0.dropFirst(url.lastPathComponent.count + 2))) }
    }

    /// Why `path` (one of the files beside the output) is not the build's own, or nil.
    package static func foreign(_ path: String, _ kind: Beside) -> Localized? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        let type = st.st_mode & S_IFMT
        let notOurs = Localized(zh: "“\(path)”不是 beian build 写的文件", en: "“\(path)” is not a file beian build wrote")
        switch kind {
        case .lock:
            return type == S_IFREG ? nil : notOurs
        case .registryCache where type == S_IFDIR:
            // The cache's shards (`00` … `63`) and the temporary files of their atomic writes.
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return notOurs }
            for n in names {
                let shard = n.count == 2 && n.allSatisfy(\.isASCII) && n.allSatisfy(\.isNumber)
                let temp = n.hasPrefix(".") && n.contains(".tmp-")
                guard (shard && isOurFile(path + "/" + n)) || temp else { return notOurs }
            }
            return nil
        default:
            return type == S_IFREG && isOurFile(path) ? nil : notOurs
        }
    }

    /// True for an empty regular file or one whose header names a beian format (`beian-…`).
    package static func isOurFile(_ path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return false }
        if st.st_size == 0 { return true }
        guard let head = POSIX.read(path, at: 0, count: min(Int(st.st_size), 32)) else { return false }
        let tag = Array("beian-".utf8)
        return head.count >= tag.count && (0...(head.count - tag.count)).contains { Array(head[$0..<($0 + tag.count)]) == tag }
    }

    /// `path` absolute, with `..` and `.` normalised and links resolved as far as it exists.
    package static func resolved(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var head = absolute, tail: [String] = []
        while true {
            if let real = realpath(head, nil) {
                defer { free(real) }
                let base = String(cString: real)
                return tail.isEmpty ? base : (base == "/" ? "" : base) + "/" + tail.reversed().joined(separator: "/")
            }
            guard head != "/" && !head.isEmpty else { return absolute }
            tail.append((head as NSString).lastPathComponent)
            head = (head as NSString).deletingLastPathComponent
        }
    }

    package static func refusal(_ path: String, _ message: Localized, help: Localized) -> Diagnostic {
        Diagnostic(.outputRefused, at: SourceLocation(path: path), message: message, help: help)
    }
}

/// The build refused its output (`OutputPlace`): nothing was written, moved or deleted.
public struct PortalOutputRefused: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String {
        diagnostics.map { "\($0.location.description): error[\($0.code.rawValue)]: \($0.message.en)" }.joined(separator: "\n")
    }
}
