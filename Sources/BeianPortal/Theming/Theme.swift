import BeianDiagnostics
import BeianOutput
public import Foundation

/// The portal's look: Mustache templates and static assets (CSS …).
///
/// The built-in theme is compiled into the executable. An operator's override folder
/// (`content/theme/`) replaces any built-in file of the same name and may add assets, without
/// recompiling. Every template is checked by `ThemeLint` before use, so an override cannot
/// switch escaping off.
public struct Theme: Sendable {
    /// Template name (file name without `.mustache`) → Mustache source.
    public private(set) var templates: [String: String]
    /// Asset path under `assets/` (e.g. `style.css`) → bytes.
    public private(set) var assets: [String: Data]
    /// Files taken from the override folder, relative to it, sorted.
    public private(set) var overrides: [String]

    /// The templates every theme must provide; an override folder may replace any of them.
    public static let requiredTemplates = ["header", "masthead", "footer", "site-footer", "filing-table", "filing-row", "pager", "home", "list",
                                           "filing", "entity", "announcements", "announcement", "page",
                                           "search", "404", "entities", "filings-index", "stats", "feed-links"]

    /// The templates taken untouched from the built-in theme by `builtIn()`: the one place
    /// that fills it, so `CompiledTheme` may skip `ThemeLint` for them (a test lints them all).
    /// Any other template — an override, or one given to `init` — is linted.
    private(set) var builtInTemplates: Set<String> = []

    public init(templates: [String: String], assets: [String: Data], overrides: [String] = []) {
        self.templates = templates
        self.assets = assets
        self.overrides = overrides
    }

    /// The built-in theme, compiled into the executable (`Resources/theme/`, embedded by
    /// scripts/embed-resources): nothing is read from disk, so one binary is the whole install.
    public static func builtIn() throws(PortalError) -> Theme {
        var theme = Theme(templates: [:], assets: [:])
        for file in EmbeddedTheme.files {
            try theme.add(file.data, relative: file.path, label: "theme", isOverride: false)
        }
        theme.builtInTemplates = Set(theme.templates.keys)
        return theme
    }

    /// The built-in theme with the files of `overrideFolder` (if it exists) laid over it.
    public static func load(overrideFolder: URL?) throws(PortalError) -> Theme {
        var theme = try builtIn()
        if let folder = overrideFolder, FileManager.default.fileExists(atPath: folder.path) {
            try theme.merge(folder: folder, label: folder.path, isOverride: true)
        }
        return theme
    }

    /// Lays the files of `folder` over this theme.
    mutating func merge(folder: URL, label: String, isOverride: Bool) throws(PortalError) {
        for relative in try ThemeFolder.files(in: folder, label: label) {
            let url = folder.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw PortalError(ThemeLint.problem(path: "\(label)/\(relative)", zh: "无法读取主题文件", en: "cannot read the theme file",
                                        helpZh: "检查文件权限", helpEn: "check the file's permissions"))
            }
            try add(data, relative: relative, label: label, isOverride: isOverride)
        }
        overrides.sort()
    }

    /// Adds one file (a template when it is a `.mustache` file at the top, else an asset),
    /// replacing one of the same name.
    mutating func add(_ data: Data, relative: String, label: String, isOverride: Bool) throws(PortalError) {
        if relative.hasSuffix(".mustache"), !relative.contains("/") {
            guard let text = String(data: data, encoding: .utf8) else {
                throw PortalError(ThemeLint.problem(path: "\(label)/\(relative)", zh: "模板不是有效的 UTF-8", en: "the template is not valid UTF-8",
                                        helpZh: "以 UTF-8 保存该文件", helpEn: "save the file as UTF-8"))
            }
            let name = String(relative.dropLast(".mustache".count))
            templates[name] = text
            builtInTemplates.remove(name)
        } else {
            assets[relative] = data
        }
        if isOverride { overrides.append(relative) }
    }

    /// A fingerprint of every template and asset: any theme change re-renders every page.
    var fingerprint: Fingerprint {
        var f = Fingerprint("theme")
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            f.add(name)
            f.add(text)
        }
        for (name, data) in assets.sorted(by: { $0.key < $1.key }) {
            f.add(name)
            data.withUnsafeBytes { f.add(bytes: $0) }
        }
        return f
    }
}

/// Lists a theme folder's files: regular files only, no hidden files, safe names.
enum ThemeFolder {
    static func files(in folder: URL, label: String) throws(PortalError) -> [String] {
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var out: [String] = []
        while let rel = walker.nextObject() as? String {
            let last = (rel as NSString).lastPathComponent
            if last.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            let full = base + "/" + rel
            var st = stat()
            guard lstat(full, &st) == 0 else { continue }
            let kind = st.st_mode & S_IFMT
            if kind == S_IFDIR { continue }
            guard kind == S_IFREG else {
                throw PortalError(ThemeLint.problem(path: "\(label)/\(rel)", zh: "主题中只允许普通文件（不允许符号链接）",
                                        en: "a theme may hold regular files only (no symbolic links)",
                                        helpZh: "用文件本身替换该链接", helpEn: "replace the link with the file itself"))
            }
            guard rel.split(separator: "/").allSatisfy({ ThemeFolder.isSafeName(String($0)) }) else {
                throw PortalError(ThemeLint.problem(path: "\(label)/\(rel)", zh: "主题文件名只能包含字母、数字、点、- 和 _",
                                        en: "theme file names may hold only letters, digits, '.', '-' and '_'",
                                        helpZh: "重命名该文件", helpEn: "rename the file"))
            }
            out.append(rel)
        }
        return out.sorted()
    }

    static func isSafeName(_ s: String) -> Bool {
        guard let first = s.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else { return false }
        return s.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
        }
    }
}
