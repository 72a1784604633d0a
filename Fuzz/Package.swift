// swift-tools-version:6.0
// A libFuzzer target for the GraphQL parser. Build and run it with `ops/fuzz.sh`.
import PackageDescription

let package = Package(
    name: "SwitchboardFuzz",
    dependencies: [
        .package(name: "Switchboard", path: ".."),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver: an executable's own `main` hides libFuzzer's.
        .target(name: "CFuzzDriver"),
        .executableTarget(
            name: "fuzz-parser",
            dependencies: [
                "CFuzzDriver",
                .product(name: "SwitchboardGraphQL", package: "Switchboard"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
