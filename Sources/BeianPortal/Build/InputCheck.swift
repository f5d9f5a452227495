import BeianDiagnostics
import BeianModel

/// Checks what the portal cannot build from — a bad base URL, slugs that are not URL-safe or
/// repeat, extra files outside the site — and reports every problem at once.
enum InputCheck {
    static func routes(_ input: PortalInput) -> (Routes?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        let routes = Routes(baseURL: input.site.baseURL)
        if routes == nil {
            problems.append(problem("content/site.yaml", zh: "base_url“\(input.site.baseURL)”不是 http(s) 绝对地址",
                                    en: "base_url “\(input.site.baseURL)” is not an absolute http(s) URL",
                                    helpZh: "写成 https://域名/ 的形式", helpEn: "write it as https://host/"))
        }
        var seen: Set<String> = []
        for a in input.announcements {
            checkSlug(a.slug, folder: "content/announcements", seen: &seen, into: &problems)
        }
        seen = []
        for p in input.pages {
            checkSlug(p.slug, folder: "content/pages", seen: &seen, into: &problems)
        }
        for path in input.keptFiles where input.extraFiles[path] != nil {
            problems.append(problem(path, zh: "附加文件“\(path)”既要保留又要重写", en: "the extra file “\(path)” is both kept and written",
                                    helpZh: "只在其中一处列出", helpEn: "list it in one place only"))
        }
        // Unsorted first (70,000 search files at 100,000 filings); only problems are sorted.
        var bad: [String] = []
        for path in input.extraFiles.keys where !safePath(path) || reserved(path) { bad.append(path) }
        for path in input.keptFiles where !safePath(path) || reserved(path) { bad.append(path) }
        for path in bad.sorted() {
            if !safePath(path) {
                problems.append(problem(path, zh: "附加文件路径“\(path)”不安全", en: "the extra file path “\(path)” is not safe",
                                        helpZh: "只用字母、数字、点、- 和 _ 组成相对路径", helpEn: "use a relative path of letters, digits, '.', '-' and '_'"))
            } else if reserved(path) {
                problems.append(problem(path, zh: "附加文件“\(path)”与门户生成的文件重名", en: "the extra file “\(path)” clashes with a generated file",
                                        helpZh: "换一个路径", helpEn: "choose another path"))
            }
        }
        return (routes, problems)
    }

    /// A relative path of `ThemeFolder.isSafeName` segments (no empty one, none starting with
    /// `.` or `-`), checked on its bytes.
    static func safePath(_ path: String) -> Bool {
        var atStart = true
        for b in path.utf8 {
            if b == UInt8(ascii: "/") {
                if atStart { return false }
                atStart = true
                continue
            }
            if atStart && (b == UInt8(ascii: ".") || b == UInt8(ascii: "-")) { return false }
            atStart = false
            let ok = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
            if !ok { return false }
        }
        return !atStart
    }

    /// Paths the portal itself writes; extra files may not replace them.
    static func reserved(_ path: String) -> Bool {
        // Search files (the bulk) are never reserved but `search/index.html`: decide on bytes.
        if path.utf8.starts(with: "search/".utf8) { return path == "search/index.html" }
        let top = path.split(separator: "/").first.map(String.init) ?? path
        return ["index.html", "404.html", "robots.txt", "filings.csv", "filings.json", "list", "filings", "entities",
                "announcements", "pages", "assets"].contains(top)
            || path == "search/index.html" || (top.hasPrefix("sitemap") && top.hasSuffix(".xml"))
    }

    private static func checkSlug(_ slug: String, folder: String, seen: inout Set<String>, into problems: inout [Diagnostic]) {
        let at = "\(folder)/\(slug).md"
        if !Slug.isValid(slug) {
            problems.append(problem(at, zh: "文件名“\(slug)”不能用作网址", en: "the name “\(slug)” cannot be used in a URL",
                                    helpZh: "文件名只用英文字母、数字、- 和 _，例如 2025-01-notice.md",
                                    helpEn: "name the file with letters, digits, '-' and '_' only, e.g. 2025-01-notice.md"))
        } else if !seen.insert(slug.lowercased()).inserted {
            problems.append(problem(at, zh: "网址名“\(slug)”重复", en: "the URL name “\(slug)” is used twice",
                                    helpZh: "重命名其中一个文件", helpEn: "rename one of the files"))
        }
    }

    private static func problem(_ path: String, zh: String, en: String, helpZh: String, helpEn: String) -> Diagnostic {
        Diagnostic(.contentInvalid, at: SourceLocation(path: path), message: Localized(zh: zh, en: en),
                   help: Localized(zh: helpZh, en: helpEn))
    }
}
