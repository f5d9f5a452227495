import BeianDiagnostics
import BeianModel
import BeianBundle
import BeianStore
import Foundation

/// The parts of an approved snapshot the public view uses. Decoding only these skips the
/// review-only parts (`fields`, `manifest`, products), a third of decoding a snapshot.
struct PublicSnapshot: Decodable {
    var entity: Entity?
    var algorithm: Algorithm?
    var publicProducts: [String]?
    var publicHosts: [String]?
    var imported: PublicFiling?
}

/// Reads snapshots for the public view by hash, checking each file's SHA-256 against the hash
/// the ledger names: a snapshot that does not match is never published.
struct PublicSnapshotReader {
    let directory: String
    let paths: RegistryPaths
    let decoder = JSONDecoder()

    init(paths: RegistryPaths) {
        self.paths = paths
        directory = paths.dir.path + "/snapshots/"
    }

    func read(_ hash: String) throws(RegistryError) -> PublicSnapshot {
        guard let data = FileManager.default.contents(atPath: directory + hash + ".json"), SHA256Hash.hex(data) == hash,
              let snap = PublicSnapshot.fast(data) ?? (try? decoder.decode(PublicSnapshot.self, from: data)) else {
            throw SnapshotReader.broken(paths, hash)
        }
        return snap
    }
}

/// Reads snapshots by hash, checking each against its name.
struct SnapshotReader {
    var paths: RegistryPaths

    func read(_ hash: String) throws(RegistryError) -> Snapshot {
        let url = paths.snapshot(hash)
        guard let data = try? Data(contentsOf: url), SHA256Hash.hex(data) == hash,
              let snap = try? JSONDecoder().decode(Snapshot.self, from: data) else {
            throw SnapshotReader.broken(paths, hash)
        }
        return snap
    }

    /// Only that the snapshot's bytes are the ones its name commits to (`beian verify`): the
    /// readers that use a snapshot decode it.
    func check(_ hash: String) throws(RegistryError) {
        _ = try bytes(hash)
    }

    /// The approved entity's name and credit code, checked against the hash like `read`
    /// but decoding only those two fields (what the registry-wide checks compare).
    func entityName(_ hash: String) throws(RegistryError) -> (name: String, creditCode: String)? {
        struct Fields: Decodable {
            struct Entity: Decodable { var name: String; var creditCode: String }
            var entity: Entity?
        }
        guard let fields = try? JSONDecoder().decode(Fields.self, from: try bytes(hash)) else { throw SnapshotReader.broken(paths, hash) }
        return fields.entity.map { ($0.name, $0.creditCode) }
    }

    private func bytes(_ hash: String) throws(RegistryError) -> Data {
        guard let data = try? Data(contentsOf: paths.snapshot(hash)), SHA256Hash.hex(data) == hash else {
            throw SnapshotReader.broken(paths, hash)
        }
        return data
    }

    static func broken(_ paths: RegistryPaths, _ hash: String) -> RegistryError {
        .integrity(Diagnostic(.snapshotBroken, at: SourceLocation(path: paths.snapshotDisplay(hash)),
            message: Localized(zh: "快照缺失或与台账记录的哈希不符", en: "snapshot missing or not matching the hash in the ledger"),
            help: Localized(zh: "运行 beian verify；从备份或版本库恢复 .beian/", en: "run beian verify; restore .beian/ from a backup or from git")))
    }
}
