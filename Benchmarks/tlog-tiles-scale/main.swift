// Benchmarks/tlog-tiles-scale: the time to make every C2SP tile of a log of N leaves
// (`TlogTiles.tiles(leafHashes:)`, what each portal build does), to read its root back from
// the tiles, and to prove and check one inclusion and one consistency proof, median of 5 runs.
//
//     swift build -c release --product tlog-tiles-scale && .build/release/tlog-tiles-scale 100000
import BeianTrust
import Foundation

let n = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
var flat: [UInt8] = []
flat.reserveCapacity(n * 32)
for i in 0..<n { flat += Array(MerkleTree.leafHash(Array("record \(i)".utf8))) }
let root = Array(MerkleTree.root(flat: flat))

func median(_ runs: Int = 5, _ body: () throws -> Void) rethrows -> Duration {
    var times: [Duration] = []
    for _ in 0..<runs { times.append(try ContinuousClock().measure { try body() }) }
    return times.sorted()[runs / 2]
}

var tiles: [(path: String, bytes: [UInt8])] = []
let make = median { tiles = TlogTiles.tiles(leafHashes: flat) }
let merkle = median { _ = MerkleTree.root(flat: flat) }
let byPath = Dictionary(uniqueKeysWithValues: tiles.map { ($0.path, $0.bytes) })
let read: Tlog.TileReader = { path in
    guard let b = byPath[path] else { throw CocoaError(.fileNoSuchFile) }
    return b
}
let treeHash = try median {
    let computed = try Tlog.treeHash(size: n, reader: read)
    precondition(computed == root)
}
let inclusion = try median {
    let p = try Tlog.proveRecord(index: n / 3, size: n, root: root, reader: read)
    try Tlog.checkRecord(proof: p, size: n, root: root, index: n / 3, leafHash: Array(flat[(n / 3 * 32)..<(n / 3 * 32 + 32)]))
}
let oldRoot = Array(MerkleTree.root(flat: Array(flat[0..<(n / 2 * 32)])))
let consistency = try median {
    let p = try Tlog.proveTree(old: n / 2, new: n, newRoot: root, reader: read)
    try Tlog.checkTree(proof: p, new: n, newRoot: root, old: n / 2, oldRoot: oldRoot)
}
print("\(n) leaves: \(tiles.count) tiles, \(tiles.reduce(0) { $0 + $1.bytes.count }) bytes")
print("tiles(leafHashes:)      \(make)   (MerkleTree.root(flat:) alone: \(merkle))")
print("treeHash from tiles     \(treeHash)")
print("prove+check inclusion   \(inclusion)")
print("prove+check consistency \(consistency)")
