// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Switchboard",
    products: [
        .library(name: "SwitchboardGraphQL", targets: ["SwitchboardGraphQL"]),
        .executable(name: "switchboard", targets: ["switchboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Both come with Hummingbird; named here because the server uses their APIs directly.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.14.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        // Also comes with Hummingbird; the cluster's router–worker protocol is a NIO codec.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        // Mutual TLS between a router and its remote workers (tenant keys cross that link).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // Metrics: the cluster records through the swift-metrics API; the executable exports them for Prometheus.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // The connectors' calls to providers (verification, OAuth token requests): HTTP/1.1 and TLS with timeouts.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // The GraphQL engine: language, type system, validation, execution. No dependencies by design.
        .target(
            name: "SwitchboardGraphQL"
        ),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "SwitchboardGraphQL", "SwitchboardServer", "SwitchboardConnectors", "SwitchboardPostgres",
                "SwitchboardCrypto", "SwitchboardCatalog", "SwitchboardCluster",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // libpq as a system library; SwitchboardPostgres wraps it (pool, transactions, migrations, embedded cluster).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "SwitchboardPostgres",
            dependencies: ["CLibPQ"]
        ),
        .testTarget(
            name: "SwitchboardPostgresTests",
            dependencies: ["SwitchboardPostgres"]
        ),
        .testTarget(
            name: "SwitchboardGraphQLTests",
            dependencies: ["SwitchboardGraphQL"],
            // Expected outputs the tests read by path, not bundled resources.
            exclude: ["Expected"]
        ),
        // libsodium as a system library: key hierarchy, credential sealing, token hashing.
        .systemLibrary(
            name: "CSodium",
            path: "Sources/CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .target(
            name: "SwitchboardCrypto",
            dependencies: ["CSodium"]
        ),
        .testTarget(
            name: "SwitchboardCryptoTests",
            dependencies: ["SwitchboardCrypto"]
        ),
        // The provider catalog: one JSON file per provider, loaded as a resource.
        .target(
            name: "SwitchboardCatalog",
            resources: [.copy("Resources/providers")]
        ),
        .testTarget(
            name: "SwitchboardCatalogTests",
            dependencies: ["SwitchboardCatalog"]
        ),
        // GraphQL over HTTP on Hummingbird: seams for authentication and per-request context, no domain knowledge.
        .target(
            name: "SwitchboardServer",
            dependencies: [
                "SwitchboardGraphQL",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "SwitchboardServerTests",
            dependencies: [
                "SwitchboardServer",
                "SwitchboardGraphQL",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The connector graph: schema.graphql bound to resolvers over PostgreSQL, keys, tokens, row-level security.
        .target(
            name: "SwitchboardConnectors",
            dependencies: [
                "SwitchboardGraphQL", "SwitchboardPostgres", "SwitchboardCrypto", "SwitchboardCatalog",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            // A symbolic link to the repository's schema.graphql (the one source of truth), embedded at build time.
            resources: [.embedInCode("Resources/schema.graphql")]
        ),
        .testTarget(
            name: "SwitchboardConnectorsTests",
            dependencies: [
                "SwitchboardConnectors", "SwitchboardGraphQL", "SwitchboardPostgres", "SwitchboardCrypto",
                "SwitchboardCatalog",
            ]
        ),
        // `serve --workers N`: the router, its workers, the frame protocol between them and the shard map.
        .target(
            name: "SwitchboardCluster",
            dependencies: [
                "SwitchboardServer", "SwitchboardConnectors", "SwitchboardGraphQL", "SwitchboardPostgres",
                "SwitchboardCrypto", "SwitchboardCatalog", "CSodium",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "SwitchboardClusterTests",
            dependencies: [
                "SwitchboardCluster", "SwitchboardServer", "SwitchboardConnectors", "SwitchboardGraphQL",
                "SwitchboardPostgres", "SwitchboardCrypto", "SwitchboardCatalog",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
