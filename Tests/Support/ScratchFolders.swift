public import Foundation

/// Scratch folders made by the tests, removed when the test process exits: tests share them
/// across helpers and expectations, so no one test owns them, and a run must not leave
/// hundreds of sites behind in the temporary folder.
public enum ScratchFolders {
    nonisolated(unsafe) private static var folders: [String] = []
    private static let lock = NSLock()
    private static let installed: Void = {
        atexit {
            ScratchFolders.lock.lock()
            for path in ScratchFolders.folders { try? FileManager.default.removeItem(atPath: path) }
            ScratchFolders.lock.unlock()
        }
    }()

    /// Returns `url`, to be removed at exit.
    @discardableResult
    public static func register(_ url: URL) -> URL {
        _ = installed
        lock.lock()
        folders.append(url.path)
        lock.unlock()
        return url
    }
}
