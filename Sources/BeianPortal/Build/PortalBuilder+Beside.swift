import BeianDiagnostics
import BeianModel
import BeianOutput
import BeianStore
import Foundation

extension PortalBuilder {
    /// What lies beside the output, read under its lock: the live site's manifest and the
    /// recycled site's (the staging folder to be). The lock is held until the build ends
    /// (`FileLock` also unlocks when dropped).
    struct Beside {
        let place: Staging
        let lock: FileLock
        let live: BuildManifest
        let recycled: BuildManifest?

        init(_ place: Staging, recycle: Bool) throws {
            try POSIX.makeDirectories(place.parent)
            // A link or a folder at the lock's place is someone else's: refused, not opened.
            var st = stat()
            if lstat(place.lock, &st) == 0, st.st_mode & S_IFMT != S_IFREG {
                throw PortalOutputRefused([OutputPlace.refusal(place.lock, Localized(zh: "“\(place.lock)”不是 beian build 的锁文件", en: "“\(place.lock)” is not beian build's lock file"),
                                                               help: Localized(zh: "移走它后再构建", en: "move it away, then build again"))])
            }
            lock = try FileLock(URL(fileURLWithPath: place.lock))
            self.place = place
            // Under the lock: what this build will replace, recycle or clear is its own.
            let refused = OutputPlace.siteProblems(output: place.output)
            guard refused.isEmpty else { throw PortalOutputRefused(refused) }
            // An empty folder is as good as none: the new site is renamed into its place (and
            // its hard-link copy kept for the next build, as after a first build).
            if OutputPlace.isEmptyFolder(place.output) { rmdir(place.output) }
            try place.removeLeftovers()
            live = POSIX.isDirectory(place.output) ? BuildManifest.read(siteAt: place.output) : BuildManifest()
            recycled = place.recycledManifest(recycle: recycle)
        }
    }
}
