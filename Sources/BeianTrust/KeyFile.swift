public import BeianDiagnostics
public import Foundation

/// Private key files: written once with mode 0600, never inside a bundle or a registry, and
/// refused when they are readable by others, are a link, or sit where a filer's files travel.
///
/// The format (UTF-8 text, one `key: value` per line after the header):
///
///     beian private key v1
///     name: 王审
///     kind: reviewer
///     seed: <base64 of the 32-byte Ed25519 private key>
///     public: 王审+1a2b3c4d+AeX…   (the verifier key, for reference; recomputed on read)
public enum KeyFile {
    public static let header = "beian private key v1"

    /// Writes a new key file at `path` (never over an existing file), mode 0600.
    public static func write(_ key: SigningKey, to path: String) -> Result<Void, Diagnostic> {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if let holder = enclosingBundleOrRegistry(url) { return .failure(misplaced(path, holder)) }
        var st = stat()
        if lstat(url.path, &st) == 0 {
            return .failure(Diagnostic(.keyExists, at: SourceLocation(path: path),
                message: Localized(zh: "文件已存在，不会覆盖", en: "the file exists and is not overwritten"),
                help: Localized(zh: "换一个文件名；要替换密钥，先把旧文件移走", en: "choose another name; to replace a key, move the old file away first")))
        }
        let dir = url.deletingLastPathComponent()
        // The key's folder (e.g. ~/.beian/keys/) is made when missing, private to its owner.
        if lstat(dir.path, &st) != 0 {
            do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
                return .failure(unwritable(path, String(describing: error)))
            }
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return .failure(unwritable(path, String(cString: strerror(errno)))) }
        fchmod(fd, 0o600)  // whatever the umask
        let bytes = Array(key.fileText.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress!, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        // link(2) fails if the target appeared meanwhile: a key file is never replaced.
        guard written == bytes.count, synced, link(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp.path)
            return .failure(unwritable(path, reason))
        }
        unlink(tmp.path)
        let dfd = open(dir.path, O_RDONLY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
        return .success(())
    }

    /// Reads a key file, refusing a link, loose permissions, a place inside a bundle or
    /// registry, and any malformed line (located).
    public static func read(_ path: String) -> Result<SigningKey, Diagnostic> {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var st = stat()
        guard lstat(url.path, &st) == 0 else {
            return .failure(invalid(path, line: 1, Localized(zh: "找不到密钥文件", en: "no key file there"),
                                    Localized(zh: "检查路径；新建密钥用 beian key new \(path) --name 名称", en: "check the path; make a key with beian key new \(path) --name NAME")))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            return .failure(invalid(path, line: 1, Localized(zh: "密钥文件须是普通文件（不能是链接或目录）", en: "a key file must be a regular file (not a link or folder)"),
                                    Localized(zh: "指向密钥文件本身", en: "name the key file itself")))
        }
        if st.st_mode & 0o077 != 0 {
            let mode = String(st.st_mode & 0o777, radix: 8)
            return .failure(Diagnostic(.keyExposed, at: SourceLocation(path: path),
                message: Localized(zh: "私钥文件权限为 \(mode)，其他用户可以读取", en: "the private key file has mode \(mode): other users can read it"),
                help: Localized(zh: "运行 chmod 600 \(path)；若文件曾被他人读取，换用新密钥", en: "run chmod 600 \(path); if others may have read it, make a new key")))
        }
        if let holder = enclosingBundleOrRegistry(url) { return .failure(misplaced(path, holder)) }
        guard st.st_size < 4096, let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            return .failure(invalid(path, line: 1, Localized(zh: "不是 beian 私钥文件", en: "not a beian private key file"),
                                    Localized(zh: "用 beian key new 生成密钥文件", en: "make key files with beian key new")))
        }
        return parse(text, path: path)
    }

    /// Parses a key file's text (see the type's documentation).
    public static func parse(_ text: String, path: String) -> Result<SigningKey, Diagnostic> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == header else {
            return .failure(invalid(path, line: 1, Localized(zh: "第一行应为“\(header)”", en: "the first line must be '\(header)'"),
                                    Localized(zh: "用 beian key new 生成密钥文件", en: "make key files with beian key new")))
        }
        var fields: [String: (value: String, line: Int)] = [:]
        for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(invalid(path, line: i + 1, Localized(zh: "应为“键: 值”", en: "expected 'key: value'"),
                                        Localized(zh: "不要手工编辑密钥文件", en: "do not edit key files by hand")))
            }
            let key = String(line[..<colon])
            guard ["name", "kind", "seed", "public"].contains(key), fields[key] == nil else {
                return .failure(invalid(path, line: i + 1, Localized(zh: "未知或重复的键“\(key)”", en: "unknown or repeated key '\(key)'"),
                                        Localized(zh: "不要手工编辑密钥文件", en: "do not edit key files by hand")))
            }
            fields[key] = (line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces), i + 1)
        }
        for key in ["name", "kind", "seed"] where fields[key] == nil {
            return .failure(invalid(path, line: lines.count, Localized(zh: "缺少“\(key)”", en: "'\(key)' is missing"),
                                    Localized(zh: "用 beian key new 重新生成密钥文件", en: "make the key again with beian key new")))
        }
        let name = fields["name"]!, kind = fields["kind"]!, seed = fields["seed"]!
        guard VerifierKey.isValidName(name.value) else {
            return .failure(invalid(path, line: name.line, Localized(zh: "名称不能为空，不能含空白或“+”", en: "the name must be non-empty, without spaces or '+'"),
                                    Localized(zh: "用 beian key new 重新生成密钥文件", en: "make the key again with beian key new")))
        }
        guard let k = SigningKey.Kind(rawValue: kind.value) else {
            return .failure(invalid(path, line: kind.line, Localized(zh: "kind 应为 filer、reviewer、registry 或 witness", en: "kind must be filer, reviewer, registry or witness"),
                                    Localized(zh: "改正 kind 一行", en: "correct the kind line")))
        }
        guard let raw = Data(base64Encoded: seed.value), raw.count == 32, let key = try? SigningKey(name: name.value, kind: k, seed: raw) else {
            return .failure(invalid(path, line: seed.line, Localized(zh: "seed 不是 32 字节的 base64 私钥", en: "seed is not a 32-byte key in base64"),
                                    Localized(zh: "密钥文件已损坏；从备份恢复", en: "the key file is damaged; restore it from a backup")))
        }
        if let pub = fields["public"], pub.value != key.publicKeyText {
            return .failure(invalid(path, line: pub.line, Localized(zh: "public 与私钥不符", en: "public does not match the private key"),
                                    Localized(zh: "密钥文件被改动过；从备份恢复", en: "the key file was altered; restore it from a backup")))
        }
        return .success(key)
    }

    /// The nearest folder at or above `url`'s folder that is a bundle (holds `entity.yaml` or
    /// `.beian`) or a registry (holds `.beian-registry`), or is one of the tool's own folders.
    /// A private key there would travel with the bundle or the registry.
    ///
    /// `~/.beian` (under `$HOME`) is the place the tool recommends for keys (`~/.beian/keys/`),
    /// not a bundle's tool folder: it marks neither itself nor the home folder as a bundle.
    public static func enclosingBundleOrRegistry(_ url: URL) -> String? {
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0).standardizedFileURL.path }
        let keyHome = home.map { $0 == "/" ? "/.beian" : $0 + "/.beian" }
        var dir = url.deletingLastPathComponent()
        while true {
            let name = dir.lastPathComponent
            if (name == ".beian" && dir.standardizedFileURL.path != keyHome) || name == ".beian-registry" { return dir.path }
            for marker in ["entity.yaml", ".beian", ".beian-registry"] {
                let candidate = dir.appendingPathComponent(marker)
                if marker == ".beian", candidate.standardizedFileURL.path == keyHome { continue }
                var st = stat()
                if lstat(candidate.path, &st) == 0 { return dir.path }
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path || dir.path == "/" { return nil }
            dir = parent
        }
    }

    static func misplaced(_ path: String, _ holder: String) -> Diagnostic {
        Diagnostic(.keyMisplaced, at: SourceLocation(path: path),
            message: Localized(zh: "私钥文件位于备案包或登记簿“\(holder)”之内，会随其一起被复制或提交", en: "the private key file is inside the bundle or registry '\(holder)' and would travel with it"),
            help: Localized(zh: "把私钥放在备案包与登记簿之外，如 ~/.beian/keys/", en: "keep private keys outside bundles and registries, e.g. ~/.beian/keys/"))
    }

    static func invalid(_ path: String, line: Int, _ message: Localized, _ help: Localized) -> Diagnostic {
        Diagnostic(.keyInvalid, at: SourceLocation(path: path, line: line), message: message, help: help)
    }

    static func unwritable(_ path: String, _ reason: String) -> Diagnostic {
        Diagnostic(.unreadable, at: SourceLocation(path: path),
            message: Localized(zh: "无法写入密钥文件：\(reason)", en: "cannot write the key file: \(reason)"),
            help: Localized(zh: "检查目录是否存在及其权限", en: "check that the folder exists and is writable"))
    }
}
