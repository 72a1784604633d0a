import Foundation
@testable import SwitchboardConnectors
import SwitchboardGraphQL
import Testing

@Suite struct SchemaBindingTests {
    /// The repository root: three levels above this file.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func servesTheRepositorysSchemaByteForByte() throws {
        let root = try Data(contentsOf: Self.repositoryRoot.appendingPathComponent("schema.graphql"))
        #expect(Data(ConnectorSchema.sdl.utf8) == root)
    }

    @Test func everyFieldHasAResolverAndEveryResolverAField() throws {
        let schema = try buildSchema(ConnectorSchema.sdl)
        let mismatch = ConnectorSchema.mismatches(GraphResolvers.registry, schema)
        #expect(mismatch == nil, "\(mismatch.map(String.init(describing:)) ?? "")")
        // And binding sets a resolver on every field of every object type.
        let bound = try ConnectorSchema.build(registry: GraphResolvers.registry)
        for type in ConnectorSchema.objectTypes(of: bound) {
            for (name, field) in type.fields {
                #expect(field.resolve != nil || field.resolveBatch != nil, "\(type.name).\(name) is not bound")
            }
        }
    }

    @Test func aFieldWithoutResolverIsRefused() throws {
        var registry = GraphResolvers.registry
        registry["TenantConnector"]?["name"] = nil
        let schema = try buildSchema(ConnectorSchema.sdl)
        let mismatch = try #require(ConnectorSchema.mismatches(registry, schema))
        #expect(mismatch.unresolvedFields == ["TenantConnector.name"])
        #expect(mismatch.unknownResolvers.isEmpty)
        #expect(throws: ConnectorSchema.BindingError.self) { try ConnectorSchema.build(registry: registry) }
    }

    @Test func aResolverWithoutFieldIsRefused() throws {
        var registry = GraphResolvers.registry
        registry["TenantConnector"]?["secret"] = .property(ConnectorRecord.self) { $0.name }
        registry["Ghost"] = ["id": .property(ConnectorRecord.self) { $0.id }]
        let schema = try buildSchema(ConnectorSchema.sdl)
        let mismatch = try #require(ConnectorSchema.mismatches(registry, schema))
        #expect(mismatch.unknownResolvers == ["Ghost.id", "TenantConnector.secret"])
        #expect(mismatch.unresolvedFields.isEmpty)
    }

    @Test func aSchemaFieldAddedWithoutResolverIsRefused() throws {
        let sdl = ConnectorSchema.sdl.replacingOccurrences(
            of: "type Project {\n  id: ID!", with: "type Project {\n  id: ID!\n  archived: Boolean!")
        #expect(sdl != ConnectorSchema.sdl)
        let mismatch = try #require(ConnectorSchema.mismatches(GraphResolvers.registry, try buildSchema(sdl)))
        #expect(mismatch.unresolvedFields == ["Project.archived"])
    }

    /// The lists below objects load in batches (one statement per level), the rest are plain resolvers.
    @Test func nestedListsResolveInBatches() throws {
        let registry = GraphResolvers.registry
        let batched = [
            ("Tenant", "projects"), ("Tenant", "connectors"), ("TenantConnector", "credentials"),
            ("TenantConnector", "projects"), ("Project", "connectors"), ("ProjectConnector", "project"),
            ("ProjectConnector", "tenantConnector"), ("TenantConnector", "webhookEndpoint"),
        ]
        for (type, field) in batched {
            #expect(registry[type]?[field]?.kind == .batch, "\(type).\(field)")
        }
        let allBatched = registry.flatMap { type, fields in
            fields.filter { $0.value.kind == .batch }.map { "\(type).\($0.key)" }
        }
        #expect(allBatched.count == batched.count)
    }

    @Test func dateTimesAreRFC3339InUTC() throws {
        let date = Date(timeIntervalSince1970: 1_795_295_797.042)
        #expect(RFC3339.format(date) == "2026-11-21T21:16:37.042Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        let parsed = try #require(RFC3339.parse("2026-11-21T21:16:37.042Z"))
        #expect(abs(parsed.timeIntervalSince1970 - 1_795_295_797.042) < 1e-6)
        #expect(RFC3339.parse("2026-11-21T22:16:37+01:00")?.timeIntervalSince1970 == 1_795_295_797)
        #expect(RFC3339.parse("2026-02-30T00:00:00Z") == nil)
        #expect(RFC3339.parse("yesterday") == nil)
    }

    @Test func opaqueIDsHaveAPrefixAndNothingElseToTell() {
        let ids = (0..<100).map { _ in OpaqueID.generate(.tenantConnector) }
        #expect(Set(ids).count == 100)
        for id in ids {
            #expect(id.hasPrefix("tc_"))
            #expect(OpaqueID.isWellFormed(id, .tenantConnector))
            #expect(!OpaqueID.isWellFormed(id, .project))
        }
        #expect(!OpaqueID.isWellFormed("tc_'; DROP TABLE tenants; --", .tenantConnector))
        #expect(!OpaqueID.isWellFormed("tc_ABCDEFGHIJKLMNOPQRSTUVWXYZ", .tenantConnector))
    }
}
