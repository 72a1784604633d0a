import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import SwitchboardCrypto
import SwitchboardGraphQL
import SwitchboardPostgres
import Synchronization
import Testing

/// Rotating the master key beside a running server: every key is rewrapped, no credential changes, tokens stay
/// valid, and the running server picks up the new key from its key file when the old one stops opening things.
@Suite struct MasterKeyRotationTests {
    struct KeyDirectory {
        let path: String
        var keyFile: String { path + "/master.key" }

        init() throws {
            path = NSTemporaryDirectory() + "switchboard-graph-keys-" + UUID().uuidString
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func aRotationBesideARunningServerKeepsEverythingWorking() async throws {
        let keys = try KeyDirectory()
        defer { keys.remove() }
        let oldKey = MasterKey.generate()
        try oldKey.save(to: keys.keyFile)
        let env = try await TestGraph.make(masterKeySource: .file(keys.keyFile))
        let running = env.graph

        let tenant = try await env.tenant("Before")
        let connector = await env.createConnector(tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        await env.data(
            #"mutation { setCredentialOverride(input: {providerId: "github", override: {clientId: "Iv1.0123456789abcdef", clientSecret: "0123456789abcdef0123456789abcdef01234567"}}) { source } }"#,
            as: tenant.principal)
        let second = try await env.tenant("Second")
        let sealedBefore = try await env.pool.query(
            "SELECT sealed FROM connector_credentials ORDER BY tenant_id, connector_id, field").map { try $0.bytes("sealed") }
        let wrappedBefore = try await env.pool.query(
            "SELECT wrapped_key FROM tenant_keys ORDER BY tenant_id, version").map { try $0.bytes("wrapped_key") }

        // What `switchboard rotate-master-key` does, in another process.
        let report = try await MasterKeyRotation.rotateKeyFile(pool: env.pool, path: keys.keyFile)
        #expect(report.tenantKeys == 2)
        #expect(report.serverSecrets == 1)
        #expect(!report.alreadyRotated)
        #expect(report.oldFingerprint == oldKey.fingerprint)
        let newKey = try MasterKey.load(file: keys.keyFile)
        #expect(newKey != oldKey)
        #expect(report.newFingerprint == newKey.fingerprint)
        #expect(!FileManager.default.fileExists(atPath: keys.keyFile + ".next"))

        // Credentials are untouched; the wrapped keys all changed.
        let sealedAfter = try await env.pool.query(
            "SELECT sealed FROM connector_credentials ORDER BY tenant_id, connector_id, field").map { try $0.bytes("sealed") }
        #expect(sealedAfter == sealedBefore)
        let wrappedAfter = try await env.pool.query(
            "SELECT wrapped_key FROM tenant_keys ORDER BY tenant_id, version").map { try $0.bytes("wrapped_key") }
        #expect(wrappedAfter.count == wrappedBefore.count)
        #expect(zip(wrappedAfter, wrappedBefore).allSatisfy { $0 != $1 })

        // The running server still holds the old key. Tokens keep working (their hash key did not change).
        #expect(running.keyRing.masterKey == oldKey)
        #expect(try await running.authenticator.authenticate(bearerToken: tenant.token) == .tenant(tenant.id))
        // A key it has not cached fails to open with the old master key: it reloads the key file and goes on.
        running.keyRing.forget(tenantID: tenant.id)
        #expect(try await running.connectorCredentials(tenantID: tenant.id, connectorID: connector) == ["apiKey": openAIKey])
        #expect(running.keyRing.masterKey == newKey)
        #expect(try await running.overrideCredentials(tenantID: tenant.id, providerID: "github")?["clientId"]
            == "Iv1.0123456789abcdef")

        // New tenants and new credentials work, and a freshly started server opens everything.
        let after = try await env.tenant("After")
        let afterConnector = await env.createConnector(after, provider: "stripe", credentials: ["secretKey": "sk_test_abcdef0123456789"])
        _ = await env.createConnector(second, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        let restarted = try await ConnectorGraph.start(
            pool: env.pool, masterKeySource: .file(keys.keyFile), catalog: try ProviderCatalog.bundled())
        for token in [tenant.token, second.token, after.token] {
            if case .tenant = try await restarted.authenticator.authenticate(bearerToken: token) {} else {
                Issue.record("a token stopped working")
            }
        }
        #expect(try await restarted.connectorCredentials(tenantID: tenant.id, connectorID: connector)?["apiKey"] == openAIKey)
        #expect(try await restarted.connectorCredentials(tenantID: after.id, connectorID: afterConnector)?["secretKey"]
            == "sk_test_abcdef0123456789")

        // A server holding only the old key cannot start on this database any more, and says why.
        await #expect(throws: ServerSecrets.MasterKeyMismatch.self) {
            _ = try await ConnectorGraph.start(
                pool: env.pool, masterKeySource: .fixed(oldKey), catalog: try ProviderCatalog.bundled())
        }
        // Running the rotation again finds it done; a wrong current key changes nothing.
        let repeated = try await MasterKeyRotation.rotate(pool: env.pool, from: oldKey, to: newKey)
        #expect(repeated.alreadyRotated)
        await #expect(throws: MasterKeyRotation.RotationError.self) {
            _ = try await MasterKeyRotation.rotate(pool: env.pool, from: MasterKey.generate(), to: MasterKey.generate())
        }
        #expect(try await env.pool.query("SELECT wrapped_key FROM tenant_keys ORDER BY tenant_id, version").count
            == wrappedAfter.count + 1)
    }

    @Test func aServerRotatesItsOwnMasterKey() async throws {
        let env = try await TestGraph.make()
        let tenant = try await env.tenant()
        let connector = await env.createConnector(tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        let newKey = MasterKey.generate()
        let report = try await env.graph.rotateMasterKey(to: newKey)
        #expect(report.tenantKeys == 1 && report.serverSecrets == 1)
        #expect(env.graph.keyRing.masterKey == newKey)
        env.graph.keyRing.forget(tenantID: tenant.id)
        #expect(try await env.graph.connectorCredentials(tenantID: tenant.id, connectorID: connector)?["apiKey"] == openAIKey)
        let restarted = try await ConnectorGraph.start(
            pool: env.pool, masterKeySource: .fixed(newKey), catalog: try ProviderCatalog.bundled())
        #expect(try await restarted.authenticator.authenticate(bearerToken: tenant.token) == .tenant(tenant.id))
    }

    @Test func anInterruptedKeyFileRotationFinishesWhenRunAgain() async throws {
        let keys = try KeyDirectory()
        defer { keys.remove() }
        let oldKey = MasterKey.generate()
        try oldKey.save(to: keys.keyFile)
        let env = try await TestGraph.make(masterKeySource: .file(keys.keyFile))
        let tenant = try await env.tenant()
        let connector = await env.createConnector(tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])

        // The previous run saved the new key and committed the rotation, then stopped before replacing the file.
        let newKey = MasterKey.generate()
        try newKey.save(to: keys.keyFile + ".next")
        _ = try await MasterKeyRotation.rotate(pool: env.pool, from: oldKey, to: newKey)
        let report = try await MasterKeyRotation.rotateKeyFile(pool: env.pool, path: keys.keyFile)
        #expect(report.alreadyRotated)
        #expect(try MasterKey.load(file: keys.keyFile) == newKey)
        #expect(!FileManager.default.fileExists(atPath: keys.keyFile + ".next"))
        let restarted = try await ConnectorGraph.start(
            pool: env.pool, masterKeySource: .file(keys.keyFile), catalog: try ProviderCatalog.bundled())
        #expect(try await restarted.connectorCredentials(tenantID: tenant.id, connectorID: connector)?["apiKey"] == openAIKey)
    }

    @Test func aServerWithAnOutdatedKeyRefusesToWrapNewKeysWithIt() async throws {
        let oldKey = MasterKey.generate()
        let reported = Mutex<[any Error]>([])
        let env = try await TestGraph.make(
            masterKeySource: .fixed(oldKey), errorReporter: { error in reported.withLock { $0.append(error) } })
        _ = try await env.tenant()
        _ = try await MasterKeyRotation.rotate(pool: env.pool, from: oldKey, to: MasterKey.generate())
        // Its source still gives the old key: creating a tenant would wrap its key with a retired master key.
        await #expect(throws: ServerSecrets.MasterKeyMismatch.self) { _ = try await env.tenant() }
        let result = await env.run(#"mutation { createTenant(input: {name: "x"}) { token } }"#, as: .admin)
        #expect(result.errors.map(\.connectorErrorCode) == [.internalServerError])
        // The response says nothing; the server's reporter gets the reason.
        #expect(result.errors.first?.message == "Internal server error.")
        let errors = reported.withLock { $0 }
        #expect(errors.count == 1)
        #expect(errors.first is ServerSecrets.MasterKeyMismatch)
        #expect("\(errors.first!)".contains(oldKey.fingerprint))
    }
}
