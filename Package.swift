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
    ],
    targets: [
        // The GraphQL engine: language, type system, validation, execution. No dependencies by design.
        .target(
            name: "SwitchboardGraphQL"
        ),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "SwitchboardGraphQL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SwitchboardGraphQLTests",
            dependencies: ["SwitchboardGraphQL"],
            // Expected outputs the tests read by path, not bundled resources.
            exclude: ["Expected"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
