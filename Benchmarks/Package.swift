// swift-tools-version:6.0
// The engine's benchmark against GraphQLSwift, the Swift port of graphql-js, as the peer.
// A package of its own so that the peer never enters the main package's dependencies.
import PackageDescription

let package = Package(
    name: "SwitchboardBenchmarks",
    dependencies: [
        .package(path: "Switchboard"),  // a link to the repository root, so the package identity is always "switchboard"
        .package(url: "https://github.com/GraphQLSwift/GraphQL", exact: "4.3.0"),
    ],
    targets: [
        .executableTarget(
            name: "GraphQLBenchmarks",
            dependencies: [
                .product(name: "SwitchboardGraphQL", package: "Switchboard"),
                .product(name: "GraphQL", package: "GraphQL"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
