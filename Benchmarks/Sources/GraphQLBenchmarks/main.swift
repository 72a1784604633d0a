import Foundation

/// Measures Switchboard's GraphQL engine against GraphQLSwift 4.3.0 on the same inputs in one run, and prints
/// throughput and the ratio for each step. Run it with `ops/bench-engine.sh` (release build).
enum BenchmarkError: Error { case failed(String) }

let fixtures = CommandLine.arguments.count > 1
    ? CommandLine.arguments[1]
    : URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/fixtures").standardized.path
let minimumSeconds = Double(ProcessInfo.processInfo.environment["BENCH_SECONDS"] ?? "") ?? 2.0

func read(_ name: String) throws -> String {
    try String(contentsOfFile: fixtures + "/" + name, encoding: .utf8)
}

/// Runs `body` repeatedly for at least `minimumSeconds` (and at least 3 times) after one warm-up run,
/// and returns the median seconds per run of 5 batches.
@MainActor
func measure(_ body: () async throws -> Int) async throws -> Double {
    var sink = try await body()
    let clock = ContinuousClock()
    // Size a batch so that it lasts about minimumSeconds / 5.
    var perBatch = 1
    while true {
        let start = clock.now
        for _ in 0..<perBatch { sink &+= try await body() }
        let elapsed = (clock.now - start).seconds
        if elapsed >= minimumSeconds / 5 || perBatch >= 1 << 20 { break }
        perBatch = max(perBatch * 2, Int(Double(perBatch) * (minimumSeconds / 5) / max(elapsed, 1e-6)))
    }
    var samples: [Double] = []
    for _ in 0..<5 {
        let start = clock.now
        for _ in 0..<perBatch { sink &+= try await body() }
        samples.append((clock.now - start).seconds / Double(perBatch))
    }
    if sink == Int.min { print("") }  // keeps `sink` alive
    return samples.sorted()[2]
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

struct Row {
    let step: String
    let ours: Double
    let peer: Double?
    let unit: String
    let higherIsBetter: Bool
    var ratio: Double? { peer.map { higherIsBetter ? ours / $0 : $0 / ours } }
}

func formatted(_ value: Double) -> String { String(format: value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value) }

var ours: any Engine = SwitchboardEngine()
var peer: any Engine = GraphQLSwiftEngine()
var rows: [Row] = []

for fixture in ["kitchen_sink.graphql", "schema_kitchen_sink.graphql", "github_schema.graphql", "github_schema_2026.graphql",
                "large_query.graphql", "introspection_query.graphql"] {
    let text = try read(fixture)
    let megabytes = Double(text.utf8.count) / 1_000_000
    let oursTime = try await measure { try ours.parse(text) }
    var peerTime: Double?
    do {
        peerTime = try await measure { try peer.parse(text) }
    } catch {
        print("note: \(peer.name) cannot parse \(fixture): \(error)")
    }
    rows.append(Row(step: "parse \(fixture)", ours: megabytes / oursTime, peer: peerTime.map { megabytes / $0 }, unit: "MB/s", higherIsBetter: true))
}

let githubSchema = try read("github_schema.graphql")
let introspection = try read("introspection_query.graphql")
let buildOurs = try await measure { try ours.buildSchema(githubSchema) }
let buildPeer = try await measure { try peer.buildSchema(githubSchema) }
rows.append(Row(step: "build github_schema.graphql", ours: buildOurs * 1000, peer: buildPeer * 1000, unit: "ms", higherIsBetter: false))
let validateOurs = try await measure { try ours.validate(introspection) }
let validatePeer = try await measure { try peer.validate(introspection) }
rows.append(Row(step: "validate introspection query", ours: validateOurs * 1000, peer: validatePeer * 1000, unit: "ms", higherIsBetter: false))
let oursWithSchema = ours, peerWithSchema = peer
let standardIntrospection = executableIntrospectionQuery()
let executeOurs = try await measure { try await oursWithSchema.execute(standardIntrospection) }
let executePeer = try await measure { try await peerWithSchema.execute(standardIntrospection) }
rows.append(Row(step: "execute standard introspection query", ours: executeOurs * 1000, peer: executePeer * 1000, unit: "ms", higherIsBetter: false))

print("| step | Switchboard | \(peer.name) | ratio |")
print("|---|---:|---:|---:|")
for row in rows {
    let peerText = row.peer.map { "\(formatted($0)) \(row.unit)" } ?? "fails"
    let ratioText = row.ratio.map { "\(formatted($0))x" } ?? "n/a"
    print("| \(row.step) | \(formatted(row.ours)) \(row.unit) | \(peerText) | \(ratioText) |")
}
