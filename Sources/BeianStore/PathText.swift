/// Path arithmetic on the text of a path, as the user typed it.
///
/// `NSString.deletingLastPathComponent` of swift-corelibs-foundation crashes on some one-part
/// paths (`"b"` traps in `String._startOfLastPathComponent`), so paths shown to users go
/// through this instead.
public enum PathText {
    /// A path as the user typed it, with one trailing slash dropped (`bundles/x/` → `bundles/x`;
    /// `/` stays): the form every display path of a folder starts from.
    public static func typed(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// `relative` under the folder `root` as the user would type it: `relative` alone under
    /// "" or ".", otherwise one slash between them (`bundles/` + `x` → `bundles/x`).
    public static func join(_ root: String, _ relative: String) -> String {
        if root.isEmpty || root == "." { return relative }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    /// The folder part of `path`: "" for a one-part path, "/" for a top-level one; trailing
    /// slashes are ignored.
    public static func parent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        if slash == p.startIndex { return "/" }
        var parent = p[..<slash]
        while parent.count > 1 && parent.hasSuffix("/") { parent = parent.dropLast() }
        return String(parent)
    }
}
