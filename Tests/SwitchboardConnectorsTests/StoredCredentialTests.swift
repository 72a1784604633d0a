import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import SwitchboardCrypto
import SwitchboardGraphQL
import SwitchboardPostgres
import Testing

/// Credentials at rest: altered or moved ciphertexts never open, and tenant key rotation reseals everything.
@Suite struct StoredCredentialTests {
    static let environment = Task { try await TestGraph.make() }

    func sealed(_ env: TestGraph, tenant: String, connector: String, field: String) async throws -> [UInt8] {
        try await env.pool.query(
            "SELECT sealed FROM connector_credentials WHERE tenant_id = $1 AND connector_id = $2 AND field = $3",
            [.text(tenant), .text(connector), .text(field)])[0].bytes("sealed")
    }

    @Test func anAlteredCiphertextFailsToOpenAndNeverGivesGarbage() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let connector = await env.createConnector(tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        let length = try await sealed(env, tenant: tenant.id, connector: connector, field: "apiKey").count
        // The format byte, the key version, the nonce, the ciphertext and the tag.
        for offset in [0, 4, 5, 20, 30, length - 1] {
            let flip = "SET sealed = set_byte(sealed, $3::int, get_byte(sealed, $3::int) # 1)"
            _ = try await env.pool.query(
                "UPDATE connector_credentials \(flip) WHERE tenant_id = $1 AND connector_id = $2 AND field = 'apiKey'",
                [.text(tenant.id), .text(connector), .int(offset)])
            await #expect(throws: CryptoError.authenticationFailed, "byte \(offset)") {
                _ = try await env.graph.connectorCredentials(tenantID: tenant.id, connectorID: connector)
            }
            // Reads never decrypt: the graph still shows the mask.
            let shown = await env.data(
                "query($id: ID!) { connector(id: $id) { credentials { maskedValue } } }", as: tenant.principal,
                variables: ["id": .string(connector)])
            #expect(shown["connector"]["credentials"] == [["maskedValue": "sk-…3456"]])
            _ = try await env.pool.query(
                "UPDATE connector_credentials \(flip) WHERE tenant_id = $1 AND connector_id = $2 AND field = 'apiKey'",
                [.text(tenant.id), .text(connector), .int(offset)])
            #expect(try await env.graph.connectorCredentials(tenantID: tenant.id, connectorID: connector)
                == ["apiKey": openAIKey])
        }
        // Truncated.
        _ = try await env.pool.query(
            "UPDATE connector_credentials SET sealed = substring(sealed from 1 for 10) WHERE tenant_id = $1",
            [.text(tenant.id)])
        await #expect(throws: CryptoError.authenticationFailed) {
            _ = try await env.graph.connectorCredentials(tenantID: tenant.id, connectorID: connector)
        }
    }

    @Test func aCiphertextMovedToAnotherTenantConnectorOrFieldFailsToOpen() async throws {
        let env = try await Self.environment.value
        let a = try await env.tenant("A")
        let b = try await env.tenant("B")
        let aOpenAI = await env.createConnector(
            a, provider: "openai", credentials: ["apiKey": .string(openAIKey), "organization": "org-abc123"])
        let aAnthropic = await env.createConnector(
            a, provider: "anthropic", credentials: ["apiKey": "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789"])
        let bOpenAI = await env.createConnector(
            b, provider: "openai", credentials: ["apiKey": "sk-proj-bbbbbbbbbbbbbbbbbbbbbbbbbbbb"])
        let stolen = try await sealed(env, tenant: a.id, connector: aOpenAI, field: "apiKey")

        func plant(tenant: String, connector: String, field: String) async throws {
            _ = try await env.pool.query(
                "UPDATE connector_credentials SET sealed = $4 WHERE tenant_id = $1 AND connector_id = $2 AND field = $3",
                [.text(tenant), .text(connector), .text(field), .bytea(stolen)])
        }
        // Into B's row of the same provider and field: another tenant.
        try await plant(tenant: b.id, connector: bOpenAI, field: "apiKey")
        await #expect(throws: CryptoError.authenticationFailed) {
            _ = try await env.graph.connectorCredentials(tenantID: b.id, connectorID: bOpenAI)
        }
        // Into another connector of A, same field: another connector.
        try await plant(tenant: a.id, connector: aAnthropic, field: "apiKey")
        await #expect(throws: CryptoError.authenticationFailed) {
            _ = try await env.graph.connectorCredentials(tenantID: a.id, connectorID: aAnthropic)
        }
        // Into another field of the same connector.
        try await plant(tenant: a.id, connector: aOpenAI, field: "organization")
        await #expect(throws: CryptoError.authenticationFailed) {
            _ = try await env.graph.connectorCredentials(tenantID: a.id, connectorID: aOpenAI)
        }
        // As an override of the same provider.
        await env.data(
            #"mutation { setCredentialOverride(input: {providerId: "openai", override: {apiKey: "\#(openAIKey)"}}) { source } }"#,
            as: a.principal)
        _ = try await env.pool.query(
            "UPDATE credential_overrides SET sealed = $2 WHERE tenant_id = $1", [.text(a.id), .bytea(stolen)])
        await #expect(throws: CryptoError.authenticationFailed) {
            _ = try await env.graph.overrideCredentials(tenantID: a.id, providerID: "openai")
        }
    }

    @Test func rotatingATenantKeyResealsEverythingWithTheNewVersion() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let other = try await env.tenant()
        let openai = await env.createConnector(
            tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey), "organization": "org-abc123"])
        let stripe = await env.createConnector(tenant, provider: "stripe", credentials: ["secretKey": "sk_test_0123456789abcdef"])
        await env.data(
            #"mutation { setCredentialOverride(input: {providerId: "openai", override: {apiKey: "\#(openAIKey)"}}) { source } }"#,
            as: tenant.principal)
        let otherConnector = await env.createConnector(other, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        let before = try await sealed(env, tenant: tenant.id, connector: openai, field: "apiKey")
        let otherBefore = try await sealed(env, tenant: other.id, connector: otherConnector, field: "apiKey")

        let rotated = await env.data(
            "mutation($id: ID!) { rotateTenantKey(id: $id) { keyVersion resealedCredentials tenant { id name } } }",
            as: .admin, variables: ["id": .string(tenant.id)])
        #expect(rotated["rotateTenantKey"] == [
            "keyVersion": 2, "resealedCredentials": 4, "tenant": ["id": .string(tenant.id), "name": "Tenant"],
        ])
        let keys = try await env.pool.query("SELECT version FROM tenant_keys WHERE tenant_id = $1", [.text(tenant.id)])
        #expect(try keys.map { try $0.int("version") } == [2])
        let versions = try await env.pool.query(
            """
            SELECT key_version FROM connector_credentials WHERE tenant_id = $1
            UNION ALL SELECT key_version FROM credential_overrides WHERE tenant_id = $1
            """, [.text(tenant.id)])
        #expect(try versions.map { try $0.int("key_version") } == [2, 2, 2, 2])
        #expect(try await sealed(env, tenant: tenant.id, connector: openai, field: "apiKey") != before)
        #expect(try await sealed(env, tenant: other.id, connector: otherConnector, field: "apiKey") == otherBefore)

        #expect(try await env.graph.connectorCredentials(tenantID: tenant.id, connectorID: openai)
            == ["apiKey": openAIKey, "organization": "org-abc123"])
        #expect(try await env.graph.connectorCredentials(tenantID: tenant.id, connectorID: stripe)
            == ["secretKey": "sk_test_0123456789abcdef"])
        #expect(try await env.graph.overrideCredentials(tenantID: tenant.id, providerID: "openai") == ["apiKey": openAIKey])
        // A process that never saw the old key (nothing cached) opens them too.
        let fresh = try await ConnectorGraph.start(
            pool: env.pool, masterKeySource: env.graph.keyRing.source, catalog: try ProviderCatalog.bundled())
        #expect(try await fresh.connectorCredentials(tenantID: tenant.id, connectorID: openai)?["apiKey"] == openAIKey)
        // New credentials are sealed with the new version.
        await env.data(
            "mutation($id: ID!) { updateConnector(id: $id, input: {credentials: {secretKey: \"sk_live_9876543210fedcba\"}}) { id } }",
            as: tenant.principal, variables: ["id": .string(stripe)])
        let stripeSealed = try SealedValue(
            encoded: Data(try await sealed(env, tenant: tenant.id, connector: stripe, field: "secretKey")))
        #expect(stripeSealed.keyVersion == 2)

        let again = await env.data(
            "mutation($id: ID!) { rotateTenantKey(id: $id) { keyVersion } }", as: .admin,
            variables: ["id": .string(tenant.id)])
        #expect(again["rotateTenantKey"]["keyVersion"] == 3)
        #expect(try await env.graph.connectorCredentials(tenantID: tenant.id, connectorID: stripe)
            == ["secretKey": "sk_live_9876543210fedcba"])
        #expect(await env.errorCodes(
            "mutation($id: ID!) { rotateTenantKey(id: $id) { keyVersion } }", as: .admin,
            variables: ["id": .string(OpaqueID.generate(.tenant))]) == ["NOT_FOUND"])
    }

    /// Writers of credentials and rotations of the tenant's key, all at once: every credential written opens
    /// afterwards (a writer never seals with a key version that a concurrent rotation retires).
    @Test func credentialsWrittenDuringRotationsStayReadable() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let providers = ["openai", "stripe", "anthropic"]
        let credentials: [String: GraphQLValue] = [
            "openai": ["apiKey": .string(openAIKey)], "stripe": ["secretKey": "sk_test_0123456789abcdef"],
            "anthropic": ["apiKey": "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789"],
        ]
        var connectors: [String] = []
        for provider in providers { connectors.append(await env.createConnector(tenant, provider: provider)) }
        await withTaskGroup(of: Void.self) { group in
            for round in 0..<6 {
                group.addTask {
                    await env.data(
                        "mutation($id: ID!) { rotateTenantKey(id: $id) { keyVersion } }", as: .admin,
                        variables: ["id": .string(tenant.id)])
                }
                for (index, connector) in connectors.enumerated() {
                    group.addTask {
                        await env.data(
                            "mutation($id: ID!, $c: JSON) { updateConnector(id: $id, input: {credentials: $c, name: $name}) { id } }"
                                .replacingOccurrences(of: "$name", with: "\"round \(round)\""),
                            as: tenant.principal,
                            variables: ["id": .string(connector), "c": credentials[providers[index]]!])
                    }
                }
            }
        }
        let version = try await env.pool.query("SELECT key_version FROM tenants WHERE id = $1", [.text(tenant.id)])[0]
            .int("key_version")
        #expect(version == 7)
        for (index, connector) in connectors.enumerated() {
            let opened = try await env.graph.connectorCredentials(tenantID: tenant.id, connectorID: connector)
            #expect(opened?.values.first == credentials[providers[index]]?[opened?.keys.first ?? ""].string)
        }
        let versions = try await env.pool.query(
            "SELECT DISTINCT key_version FROM connector_credentials WHERE tenant_id = $1", [.text(tenant.id)])
        #expect(try versions.map { try $0.int("key_version") } == [7])
    }

    @Test func aTenantWithoutCredentialsRotatesToo() async throws {
        let env = try await Self.environment.value
        let tenant = try await env.tenant()
        let rotated = await env.data(
            "mutation($id: ID!) { rotateTenantKey(id: $id) { keyVersion resealedCredentials } }", as: .admin,
            variables: ["id": .string(tenant.id)])
        #expect(rotated["rotateTenantKey"] == ["keyVersion": 2, "resealedCredentials": 0])
        let connector = await env.createConnector(tenant, provider: "openai", credentials: ["apiKey": .string(openAIKey)])
        #expect(try await env.graph.connectorCredentials(tenantID: tenant.id, connectorID: connector)?["apiKey"] == openAIKey)
    }
}
