// swift-tools-version:6.1
// RefHuman: measure the human baseline of image-classification datasets.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "RefHuman",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "refhuman", targets: ["refhuman"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // C libraries: each is imported by exactly one Swift module.
        .systemLibrary(name: "CStb", pkgConfig: "stb", providers: [.apt(["libstb-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD", "WireFormat"], swiftSettings: strict),
        .target(name: "SeededRandom", swiftSettings: strict),
        .target(name: "StudyPhase", swiftSettings: strict),
        .target(name: "WireFormat", swiftSettings: strict),

        .target(
            name: "Storage",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "CLibCrypto",
                "SeededRandom",
                "StudyPhase",
            ],
            swiftSettings: strict,
            plugins: ["EmbedMigrations"]),
        .executableTarget(name: "MigrationEmbedder", swiftSettings: strict),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["MigrationEmbedder"]),
        .executableTarget(name: "BuildInfoEmbedder", swiftSettings: strict),
        .plugin(name: "EmbedBuildInfo", capability: .buildTool(), dependencies: ["BuildInfoEmbedder"]),
        .target(name: "Imaging", dependencies: ["CStb"], swiftSettings: strict),
        .target(name: "Compression", dependencies: ["CZlib"], swiftSettings: strict),
        .target(
            name: "Datasets",
            dependencies: ["Storage", "Imaging", "Compression", "SeededRandom", "WireFormat"],
            swiftSettings: strict),
        .target(name: "Analysis", dependencies: ["SeededRandom", "StudyPhase"], swiftSettings: strict),
        .target(name: "Classifier", dependencies: ["CBLAS", "SeededRandom"], swiftSettings: strict),
        .target(name: "ModelRuns", dependencies: ["Classifier", "Storage", "Imaging"], swiftSettings: strict),
        .target(name: "Reporting", dependencies: ["Storage", "Analysis", "StudyPhase"], swiftSettings: strict),
        .target(name: "Service", dependencies: ["HTTPServer", "Storage", "Reporting", "StudyPhase"], swiftSettings: strict),
        .executableTarget(
            name: "refhuman",
            dependencies: [
                "Storage", "Datasets", "HTTPServer", "Service", "Reporting", "Analysis", "Classifier", "ModelRuns", "WireFormat",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            plugins: ["EmbedBuildInfo"]),

        .executableTarget(
            name: "ImportBenchmark",
            dependencies: ["Datasets", "Storage"],
            path: "Benchmarks/ImportBenchmark",
            swiftSettings: strict),

        .target(name: "BenchmarkSupport", dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
                path: "Benchmarks/BenchmarkSupport", swiftSettings: strict),
        .executableTarget(
            name: "JudgementBenchmark",
            dependencies: ["BenchmarkSupport", "HTTPServer", "Service", "Storage", "Imaging", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/JudgementBenchmark",
            swiftSettings: strict),
        .executableTarget(
            name: "ClassifierBenchmark",
            dependencies: ["Classifier", "Datasets"],
            path: "Benchmarks/ClassifierBenchmark",
            swiftSettings: strict),
        .executableTarget(
            name: "ReportBenchmark",
            dependencies: ["Analysis", "SeededRandom", "StudyPhase"],
            path: "Benchmarks/ReportBenchmark",
            swiftSettings: strict),

        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "SeededRandom", "StudyPhase", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "SeededRandom", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Storage", "Imaging", "Compression", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["Storage", "Imaging", "Compression", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "SeededRandom", "StudyPhase"], exclude: ["reference"], swiftSettings: strict),
        .testTarget(name: "SeededRandomTests", dependencies: ["SeededRandom"], swiftSettings: strict),
        .testTarget(name: "ClassifierTests", dependencies: ["Classifier", "SeededRandom"], exclude: ["reference"], swiftSettings: strict),
        .testTarget(name: "ModelRunTests", dependencies: ["TestSupport"], swiftSettings: strict),
        .testTarget(name: "ServiceTests", dependencies: ["Service", "HTTPServer", "Storage", "SeededRandom", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ReportingTests", dependencies: ["TestSupport"], swiftSettings: strict),
        .testTarget(name: "ServerTests", dependencies: ["TestSupport"], swiftSettings: strict),
        .target(name: "TestSupport", dependencies: ["Storage", "Imaging", "Compression"], path: "Tests/TestSupport", swiftSettings: strict),
    ]
)
