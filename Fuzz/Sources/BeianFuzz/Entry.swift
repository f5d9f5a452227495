import Foundation

// The C entry points of Fuzz/Sources/beian-fuzz/main.c.

/// The target this process fuzzes, read once from `BEIAN_FUZZ_TARGET` (exit 2 when unset or
/// unknown, before libFuzzer runs anything).
let fuzzedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["BEIAN_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        fail("set BEIAN_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
}()

/// libFuzzer's `LLVMFuzzerTestOneInput`: one input through the target.
@_cdecl("beian_fuzz_test_one_input")
public func beianFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzedTarget.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

/// The replay tool of a plain build: `beian-fuzz TARGET FILE…`.
@_cdecl("beian_fuzz_replay")
public func beianFuzzReplay(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    let args = (1..<Int(argc)).map { String(cString: argv[$0]!) }
    guard let name = args.first, let target = FuzzTarget(rawValue: name), args.count > 1 else {
        fail("usage: beian-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE…   (scripts/fuzz runs the fuzzers)")
    }
    for path in args.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
        target.run(data)
        print("ok \(path)")
    }
    return 0
}

private func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("beian-fuzz: \(message)\n".utf8))
    exit(2)
}
