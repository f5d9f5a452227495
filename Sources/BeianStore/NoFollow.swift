public import Foundation

/// File access under a root folder that never follows a symbolic link.
///
/// A bundle or a registry may have been written by someone hostile: a `.beian` that links to
/// another bundle's, an `entity.yaml` that links to a file outside, a `products` folder that
/// links elsewhere. Every path here is checked component by component with `lstat` from the
/// root down, and the file itself is opened with `O_NOFOLLOW`, so a link anywhere below the
/// root is reported as `.link` (never read through, never written through). The root itself
/// must not be a link either. Paths above the root (the user's own folders) are not checked.
public enum NoFollow {
    public enum Kind: Equatable, Sendable {
        case missing
        case file(size: Int)
        case folder
        /// A symbolic link at `at` (the relative path of the first component that is one).
        case link(at: String)
        /// A FIFO, socket or device.
        case other
    }

    /// What is at `relative` under `root` ("" for the root itself), without following links.
    public static func kind(root: URL, _ relative: String) -> Kind {
        var path = root.path
        var walked = ""
        var st = stat()
        guard lstat(path, &st) == 0 else { return .missing }
        if (st.st_mode & S_IFMT) == S_IFLNK { return .link(at: "") }
        for component in relative.split(separator: "/") where component != "." {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { return .missing }
            path += "/" + component
            walked += walked.isEmpty ? String(component) : "/" + component
            guard lstat(path, &st) == 0 else { return .missing }
            if (st.st_mode & S_IFMT) == S_IFLNK { return .link(at: walked) }
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int(st.st_size))
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// Why a read failed.
    public enum Failure: Error, Equatable, Sendable {
        case missing
        case link(at: String)
        case notRegular
        case tooLarge(size: Int)
        case unreadable(String)
    }

    /// The bytes of the regular file at `relative`, at most `limit` of them.
    ///
    /// The file is opened with `O_NOFOLLOW | O_NONBLOCK` after its path was checked, and the
    /// open file is checked again with `fstat`, so a link or FIFO swapped in between is refused
    /// too (the check of the folders above it is `lstat` only: swapping a folder for a link
    /// between the check and the open is the one race left, and no writer relies on it).
    public static func read(root: URL, _ relative: String, limit: Int = .max) -> Result<Data, Failure> {
        switch kind(root: root, relative) {
        case .missing: return .failure(.missing)
        case .link(let at): return .failure(.link(at: at))
        case .folder, .other: return .failure(.notRegular)
        case .file(let size): if size > limit { return .failure(.tooLarge(size: size)) }
        }
        let path = relative.isEmpty ? root.path : root.path + "/" + relative
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            return errno == ELOOP ? .failure(.link(at: relative)) : .failure(.unreadable(String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        if Int(st.st_size) > limit { return .failure(.tooLarge(size: Int(st.st_size))) }
        var total = 0
        let cap = limit == .max ? Int.max : limit + 1
        var data = Data()
        data.reserveCapacity(min(Int(st.st_size), cap))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while total < cap {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, min($0.count, cap - total)) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
            total += n
        }
        if total > limit { return .failure(.tooLarge(size: total)) }
        return .success(data)
    }

    /// The names in the folder at `relative` (unsorted; empty when it is missing, not a
    /// folder, or reached through a link).
    public static func list(root: URL, _ relative: String) -> [String] {
        guard kind(root: root, relative) == .folder else { return [] }
        let path = relative.isEmpty ? root.path : root.path + "/" + relative
        return (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    /// The first symbolic link among `relatives` (each checked from `root` down), if any.
    public static func firstLink(root: URL, _ relatives: [String]) -> String? {
        for relative in relatives {
            if case .link(let at) = kind(root: root, relative) { return at }
        }
        return nil
    }

    /// Every entry under `root` that is not a folder — files, links, anything else — as paths
    /// relative to it, sorted; folders are walked without following links (a link is listed,
    /// never entered). Bounded by what the folder holds.
    public static func files(under root: URL) -> [String] {
        var out: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? root.path : root.path + "/" + relative
            guard let dir = opendir(path) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var st = stat()
                guard lstat(root.path + "/" + child, &st) == 0 else { out.append(child); continue }
                if st.st_mode & S_IFMT == S_IFDIR { pending.append(child) } else { out.append(child) }
            }
        }
        return out.sorted()
    }

    /// What a folder entry is, as the folder itself says.
    public enum EntryType: Equatable, Sendable { case file, folder, link, other }

    /// The entries of the folder `relative` under `root` with their types, sorted by name: one
    /// read of the folder, each type from the entry itself (`d_type`, or an `lstat` of the entry
    /// where the file system gives none) instead of a walk from the root per entry. Empty when
    /// `relative` is not a folder reached without links.
    public static func entries(root: URL, _ relative: String) -> [(name: String, type: EntryType)] {
        guard kind(root: root, relative) == .folder else { return [] }
        let path = relative.isEmpty ? root.path : root.path + "/" + relative
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var out: [(name: String, type: EntryType)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var type: Int32 = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var st = stat()
                guard lstat(path + "/" + name, &st) == 0 else { continue }
                type = switch st.st_mode & S_IFMT {
                case S_IFREG: Int32(DT_REG)
                case S_IFDIR: Int32(DT_DIR)
                case S_IFLNK: Int32(DT_LNK)
                default: Int32(DT_FIFO)
                }
            }
            out.append((name, type == Int32(DT_REG) ? .file : type == Int32(DT_DIR) ? .folder : type == Int32(DT_LNK) ? .link : .other))
        }
        return out.sorted { $0.name < $1.name }
    }
}
