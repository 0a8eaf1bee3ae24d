// swift-tools-version:6.0
import PackageDescription

/// Links jemalloc and exports `malloc_conf` (CMallocSettings) so that jemalloc finds its options.
let jemalloc: [LinkerSetting] = [
    .linkedLibrary("jemalloc"), .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=malloc_conf"]),
]

let package = Package(
    name: "hearth",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hearth", targets: ["hearth"]),
        .executable(name: "hearth-bench", targets: ["hearth-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Debian's liblua5.4, as a system library.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        // The few C functions Swift cannot do without: macro wrappers, the error trampoline, hooks.
        .target(
            name: "CLuaShim",
            dependencies: ["CLua"],
            cSettings: [.unsafeFlags(["-I/usr/include/lua5.4"])]
        ),
        // A sandboxed, bounded Lua runtime; knows nothing of the domain.
        .target(name: "LuaBridge", dependencies: [
            "CLua", "CLuaShim", .product(name: "Logging", package: "swift-log"),
        ]),
        // Cases, risk, consent, referrals, the decision pipeline; pure Swift.
        .target(name: "HearthCore"),
        // Council plugins: loading, validation, the `hearth` Lua API.
        .target(name: "HearthPlugins", dependencies: [
            "LuaBridge", "HearthCore", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Policy scenario scripts (`hearth test`).
        .target(name: "HearthScenarios", dependencies: ["LuaBridge", "HearthCore", "HearthPlugins"]),
        // Process-wide SQLite settings made before the first connection (sqlite3_config is variadic C).
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Durable case histories and the hash-chained audit trail.
        .target(name: "HearthStore", dependencies: [
            "HearthCore", "CSQLiteSettings",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Bulk imports driven by Lua mapping scripts.
        .target(name: "HearthImport", dependencies: [
            "LuaBridge", "CLuaShim", "HearthCore", "HearthPlugins", "HearthStore",
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        // The `hearth` command tree.
        .target(name: "HearthCLI", dependencies: [
            "LuaBridge", "HearthCore", "HearthPlugins", "HearthScenarios", "HearthStore", "HearthImport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // jemalloc's options for the executables that link it (malloc_conf).
        .target(name: "CMallocSettings"),
        // Linked with jemalloc: an import allocates on one thread and frees on another, where glibc's allocator
        // spends much of its time on locks (docs/performance.md, bulk import).
        .executableTarget(name: "hearth", dependencies: ["HearthCLI", "CMallocSettings"], linkerSettings: jemalloc),
        // Appends to a store from a separate process, for the store's crash and concurrency tests.
        .executableTarget(name: "hearth-store-writer", dependencies: ["HearthStore"]),
        .executableTarget(name: "hearth-bench", dependencies: [
            "LuaBridge", "HearthCore", "HearthPlugins", "HearthScenarios", "HearthStore", "HearthImport", "CMallocSettings",
        ], linkerSettings: jemalloc),

        .testTarget(name: "LuaBridgeTests", dependencies: ["LuaBridge"], resources: [.copy("Fixtures")]),
        .testTarget(name: "HearthCoreTests", dependencies: [
            "HearthCore", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "HearthPluginsTests", dependencies: ["HearthPlugins", "HearthCore", "LuaBridge"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "HearthScenariosTests", dependencies: ["HearthScenarios", "HearthPlugins"]),
        .testTarget(name: "HearthStoreTests", dependencies: ["HearthStore", "HearthCore"]),
        .testTarget(name: "HearthImportTests", dependencies: ["HearthImport", "HearthStore", "HearthPlugins"]),
        .testTarget(name: "HearthCLITests", dependencies: [
            "HearthCLI", "HearthCore", "HearthPlugins", "HearthStore", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
