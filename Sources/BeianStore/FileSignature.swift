import Foundation

/// A file's `stat` identity: device, inode, size, modification and status-change times (ns).
/// Nil when the file cannot be stat'ed (absent).
public enum FileSignature {
    public static func of(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return "\(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec):\(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)"
    }
}
