// swift-tools-version:6.1
import PackageDescription
import Foundation

/// The commit `beian --version` names, from BEIAN_COMMIT when scripts/release builds (letters,
/// digits and '-' only); a plain `swift build` leaves it out and the binary says "unknown".
/// Only the tiny C target below sees it, so a new commit recompiles one file, not the package.
let buildCommit: [CSetting] = ProcessInfo.processInfo.environment["BEIAN_COMMIT"].map { commit in
    precondition(!commit.isEmpty && commit.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") },
                 "BEIAN_COMMIT must be letters, digits and '-', e.g. 1a2b3c4d5e6f or 1a2b3c4d5e6f-dirty")
    return [.define("BEIAN_COMMIT", to: commit)]
} ?? []

/// Every library target gets the same strict settings (STYLE.md: Swift 6 features on every target).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    // Test hooks (fault injection, `BEIAN_FAULT`; Sources/BeianStore/FaultPoint.swift) exist in
    // debug builds only, which the tests run: a release binary has none.
    .define("BEIAN_TEST_HOOKS", .when(configuration: .debug)),
]

let package = Package(
    name: "beian",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "beian", targets: ["beian"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The HTTP server behind `beian serve` / `preview --serve` (BeianServe only). Its
        // swift-configuration support is left out: nothing here reads server config files.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        // Hummingbird's own dependencies, named because BeianServe imports them directly.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
    ],
    targets: [
        // Layer 1: diagnostics and the C shim.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The system SQLite: the registry's rebuildable index (docs/registry.md, "Indexes").
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "BeianDiagnostics", exclude: ["README.md"], swiftSettings: strict),
        // The commit `beian --version` prints, a C define given at build time (buildCommit above).
        .target(name: "CBeianBuildInfo", exclude: ["README.md"], cSettings: buildCommit),
        .target(
            name: "BeianStore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Keys and signatures (Ed25519, C2SP verifier keys): SPEC §7 and §8.
        .target(
            name: "BeianTrust",
            dependencies: ["BeianDiagnostics", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Layer 2: the filing model and Markdown rendering.
        .target(name: "BeianModel", dependencies: ["BeianDiagnostics"], exclude: ["README.md"], swiftSettings: strict),
        .target(name: "BeianMarkdown", dependencies: ["CCmarkGFM", "BeianDiagnostics"], exclude: ["README.md"], swiftSettings: strict),
        // Layer 3: loading and validating bundles.
        .target(
            name: "BeianBundle",
            dependencies: ["BeianDiagnostics", "BeianModel", "BeianStore", "BeianMarkdown", "Yams"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .target(
            name: "BeianRegistry",
            dependencies: ["BeianDiagnostics", "BeianModel", "BeianBundle", "BeianStore", "BeianTrust", "CSQLite"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .target(
            name: "BeianImport",
            dependencies: ["BeianDiagnostics", "BeianModel", "BeianRegistry", "BeianStore", "BeianBundle", "BeianTrust",
                           .product(name: "CSV", package: "CSV.swift")],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Layer 4: printable attachment templates (takes plain model values; uses the schema only for field names).
        .target(
            name: "BeianTemplates",
            dependencies: [
                "BeianModel", "BeianBundle", "BeianMarkdown",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // Templates/ is compiled in (Generated/, scripts/embed-resources): one self-contained binary.
            exclude: ["README.md", "Templates"],
            swiftSettings: strict
        ),
        .target(
            name: "BeianContent",
            dependencies: ["BeianBundle", "BeianMarkdown", "BeianDiagnostics", "BeianModel", "BeianStore"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Layer 3: the output engine under the portal — the site folder, its manifest, staging
        // and the swap, incremental writes (bytes in, files out; knows nothing of pages).
        .target(
            name: "BeianOutput",
            dependencies: ["BeianModel", "BeianStore", "BeianDiagnostics"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Layer 4: the static portal, built from plain values (never reads bundles).
        .target(
            name: "BeianPortal",
            dependencies: [
                "BeianModel", "BeianStore", "BeianDiagnostics", "BeianTrust", "BeianOutput",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // Resources/theme is compiled in (Generated/, scripts/embed-resources).
            exclude: ["README.md", "Resources"],
            swiftSettings: strict
        ),
        // Layer 5: `beian announce batch`, the batch announcements written into the content
        // folder: above BeianContent (whose front matter it writes through content's own type)
        // and BeianPortal (the CSV and plain-text escapers of the published lists).
        .target(
            name: "BeianAnnounce",
            dependencies: ["BeianContent", "BeianPortal", "BeianModel", "BeianStore", "BeianDiagnostics"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Layer 5: `beian verify-site`, the site verifier (SPEC §8), one check per file: reads a
        // built site as a mirror serves it and recomputes what the portal would have written.
        .target(
            name: "BeianTransparency",
            dependencies: ["BeianPortal", "BeianModel", "BeianStore", "BeianDiagnostics", "BeianTrust"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Layer 3: the client-side search index (sharded JSON + the plain-JS client).
        .target(
            name: "BeianSearch",
            dependencies: ["BeianModel", "BeianStore", "BeianDiagnostics"],
            // Client/ is compiled in (Generated/, scripts/embed-resources).
            exclude: ["README.md", "Client"],
            swiftSettings: strict
        ),
        // Layer 4: the site pipeline above the portal (content + registry view + search + portal,
        // the caches beside the output) that `build`, `serve`, `preview` and `verify-site` call.
        .target(
            name: "BeianSite",
            dependencies: ["BeianDiagnostics", "BeianModel", "BeianBundle", "BeianStore", "BeianMarkdown", "BeianRegistry", "BeianContent", "BeianPortal", "BeianOutput", "BeianSearch", "BeianTrust"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Layer 4: `beian form`, the filer's local web forms as plain request → response (no
        // SwiftNIO here: BeianServe puts it behind Hummingbird).
        .target(
            name: "BeianForm",
            dependencies: ["BeianDiagnostics", "BeianModel", "BeianBundle", "BeianStore", "BeianMarkdown", "BeianRegistry", "BeianTrust", "BeianTemplates"],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Layer 5: the command line.
        .target(
            name: "BeianCLI",
            dependencies: [
                "BeianDiagnostics", "BeianModel", "BeianBundle", "BeianStore", "BeianMarkdown", "BeianRegistry", "BeianImport", "BeianTemplates", "BeianContent", "BeianPortal", "BeianOutput", "BeianTransparency", "BeianAnnounce", "BeianSearch", "BeianSite", "BeianTrust", "BeianForm", "CBeianBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Layer 5: the local HTTP server for `serve` and `preview --serve` (the only target that
        // compiles SwiftNIO; only the executable and its tests depend on it).
        .target(
            name: "BeianServe",
            dependencies: [
                "BeianDiagnostics", "BeianStore", "BeianForm",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .executableTarget(name: "beian", dependencies: ["BeianCLI", "BeianServe", "BeianForm"], exclude: ["README.md"], swiftSettings: strict),
        // Benchmarks/search-scale: writes the search index of a synthetic registry (JSON in, files out).
        .executableTarget(
            name: "search-scale-index",
            dependencies: ["BeianSearch", "BeianModel"],
            path: "Benchmarks/search-scale-index",
            swiftSettings: strict
        ),
        // Benchmarks/tlog-tiles-scale: makes the C2SP tiles of a log of N leaves and reads proofs back.
        .executableTarget(
            name: "tlog-tiles-scale",
            dependencies: ["BeianTrust"],
            path: "Benchmarks/tlog-tiles-scale",
            swiftSettings: strict
        ),
        // Fuzzing (Fuzz/README.md): the targets as plain functions, and the libFuzzer driver that
        // scripts/fuzz builds with -sanitize=fuzzer (a plain build makes it a replay tool); the
        // driver is C so that libFuzzer keeps its own main.
        .target(
            name: "BeianFuzz",
            dependencies: ["BeianBundle", "BeianDiagnostics", "BeianModel", "BeianMarkdown", "BeianTrust"],
            path: "Fuzz/Sources/BeianFuzz",
            swiftSettings: strict
        ),
        .executableTarget(name: "beian-fuzz", dependencies: ["BeianFuzz"], path: "Fuzz/Sources/beian-fuzz"),

        // Helpers the test targets share (scratch folders removed at exit); no product uses it.
        .target(name: "BeianTestSupport", path: "Tests/Support", swiftSettings: strict),

        .testTarget(name: "BeianModelTests", dependencies: ["BeianModel"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "BeianTrustTests", dependencies: ["BeianTrust", "BeianDiagnostics", "BeianTestSupport"], swiftSettings: strict),
        .testTarget(name: "BeianMarkdownTests", dependencies: ["BeianMarkdown"], swiftSettings: strict),
        .testTarget(
            name: "BeianBundleTests",
            // Yams: the YAML editor's output is read back by Yams itself.
            dependencies: ["BeianBundle", "BeianModel", "BeianDiagnostics", "Yams"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BeianRegistryTests",
            dependencies: ["BeianRegistry", "BeianBundle", "BeianModel", "BeianDiagnostics", "BeianStore", "BeianTrust", "BeianTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(name: "BeianBundleDocTests", dependencies: ["BeianBundle"], swiftSettings: strict),
        .testTarget(
            name: "BeianImportTests",
            dependencies: ["BeianImport", "BeianRegistry", "BeianModel", "BeianDiagnostics", "BeianTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BeianSearchTests",
            dependencies: ["BeianSearch", "BeianModel", "BeianDiagnostics", "BeianTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BeianContentTests",
            dependencies: ["BeianContent", "BeianBundle", "BeianMarkdown", "BeianDiagnostics", "BeianModel", "BeianStore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BeianTemplatesTests",
            dependencies: ["BeianTemplates", "BeianModel", "BeianBundle", "beian", "BeianTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BeianPortalTests",
            // BeianMarkdown: the hostile-input tests render disclosures with the real renderer.
            dependencies: ["BeianPortal", "BeianOutput", "BeianTransparency", "BeianAnnounce", "BeianModel", "BeianDiagnostics", "BeianMarkdown", "BeianTrust", "BeianTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BeianServeTests",
            dependencies: ["BeianServe", "BeianDiagnostics", "BeianTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BeianFormTests",
            dependencies: ["BeianForm", "BeianBundle", "BeianTrust", "BeianTestSupport", "Yams"],
            swiftSettings: strict
        ),
        .testTarget(name: "BeianFuzzTests", dependencies: ["BeianFuzz"], swiftSettings: strict),
        .testTarget(
            name: "BeianCLITests",
            // BeianBundle and Yams: the privacy test reads bundles by their schema (Support/PrivateValues.swift);
            // BeianTrust: the witness tests write a log and check cosignatures with the library.
            dependencies: ["BeianCLI", "BeianBundle", "BeianTrust", "Yams"],
            exclude: ["Goldens"],
            swiftSettings: strict
        ),
    ]
)
