import Foundation

/// Fault injection for the crash tests: `BEIAN_FAULT=<name>` makes the process SIGKILL itself
/// at the point called `name`, so a test can prove that a process killed exactly there leaves
/// every file whole (the ledger, the live site).
///
/// Compiled only into builds with `BEIAN_TEST_HOOKS` (debug builds, which the tests run;
/// Package.swift): in a release binary `hit` is empty and the variable is never read, so
/// nobody can kill a production approval or build through the environment.
///
/// The points: `after-snapshot` (an approval, between its snapshot and its ledger event),
/// `after-ledger` (any registry write, between the bundle's ledger and its head in
/// `heads.jsonl`),
/// `build:<step>` (a portal build, after each step it times, e.g. `build:render`, and
/// `build:exchanged`, between the swap and the recycling of the replaced site) and
/// `atomic-write:before-rename` (the process's first `AtomicFile` write, its temporary file
/// written and not yet renamed: what `StrayTempFiles` cleans up) and `append:<file>:<n>` (the
/// first `AppendFile` append to a file of that name writes only its first `n` bytes, then the
/// process dies: a torn tail, for the test that kills an append at every byte boundary).
public enum FaultPoint {
    /// True when this build has the hooks (debug builds); tests of the hooks check it first.
    public static var compiledIn: Bool {
        #if BEIAN_TEST_HOOKS
        true
        #else
        false
        #endif
    }

    #if BEIAN_TEST_HOOKS
    /// Read once: `hit` is called for every atomic write.
    static let wanted = ProcessInfo.processInfo.environment["BEIAN_FAULT"]
    #endif

    /// Kills the process when `BEIAN_FAULT` names this point; does nothing in a release build.
    @inline(__always)
    public static func hit(_ name: @autoclosure () -> String) {
        #if BEIAN_TEST_HOOKS
        guard let wanted, wanted == name() else { return }
        kill(getpid(), SIGKILL)
        #endif
    }

    /// For `append:<file>:<n>`: how many of the `count` bytes the append to `file` writes before
    /// the process dies (`die`), or nil to write them all. Always nil in a release build.
    public static func tornAppend(_ file: String, count: Int) -> Int? {
        #if BEIAN_TEST_HOOKS
        guard let wanted, wanted.hasPrefix("append:\(file):"), let n = Int(wanted.dropFirst("append:\(file):".count)), n >= 0 else { return nil }
        return min(n, count)
        #else
        return nil
        #endif
    }

    /// Kills the process now (after a torn append); does nothing in a release build.
    public static func die() {
        #if BEIAN_TEST_HOOKS
        kill(getpid(), SIGKILL)
        #endif
    }
}
