import BeianPortal
public import BeianStore
public import BeianTrust
import Foundation

/// The signed head as `verify-site` reads it: the checkpoint and its extension lines.
public struct SignedHead: Sendable {
    public var checkpoint: Checkpoint
    /// The whole note, signatures included (witnesses' cosignatures are lines of it).
    public var note: String
    public var time: Int64?
    /// The signed base URL (`site`), with its final slash.
    public var baseURL: String?
    /// The SHA-256 of `transparency/files.txt` (`files`).
    public var files: Digest32?

    init(checkpoint: Checkpoint, note: String) {
        self.checkpoint = checkpoint
        self.note = note
        for line in checkpoint.extensions {
            if line.hasPrefix("time ") { time = SiteTime.parse(String(line.dropFirst(5))) }
            if line.hasPrefix("site ") { baseURL = String(line.dropFirst(5)) }
            if line.hasPrefix("files ") { files = Digest32(hex: line.utf8.dropFirst(6)) }
        }
    }
}
