import Foundation
import SwitchboardGraphQL

/// The schema of the connector graph: the repository's `schema.graphql`, built as is, with the resolvers of
/// `ResolverRegistry` bound to it by type and field name.
///
/// `schema.graphql` is embedded in this module at build time (`Resources/schema.graphql` is a symbolic link to
/// it), so the server always serves the file that is in the repository.
public enum ConnectorSchema {
    /// The text of `schema.graphql`, byte for byte.
    public static var sdl: String {
        String(decoding: PackageResources.schema_graphql, as: UTF8.self)
    }

    /// A field without a resolver, or a resolver without a field.
    public struct BindingError: Error, Sendable, CustomStringConvertible {
        /// `Type.field` of fields of object types that have no resolver.
        public let unresolvedFields: [String]
        /// `Type.field` of resolvers that match no field of the schema.
        public let unknownResolvers: [String]

        public var description: String {
            var parts: [String] = []
            if !unresolvedFields.isEmpty {
                parts.append("fields without a resolver: " + unresolvedFields.joined(separator: ", "))
            }
            if !unknownResolvers.isEmpty {
                parts.append("resolvers without a field: " + unknownResolvers.joined(separator: ", "))
            }
            return parts.joined(separator: "; ")
        }
    }

    /// Builds the schema from `sdl` (the repository's schema by default) and binds `registry` to it.
    static func build(sdl: String = ConnectorSchema.sdl, registry: ResolverRegistry) throws -> GraphQLSchema {
        let schema = try buildSchema(sdl)
        try bind(registry, to: schema)
        CustomScalars.install(in: schema)
        return schema
    }

    /// The object types whose fields need resolvers: every object type but the introspection types.
    static func objectTypes(of schema: GraphQLSchema) -> [GraphQLObjectType] {
        schema.typeMap.values.compactMap { $0 as? GraphQLObjectType }.filter { !$0.isIntrospectionType }
    }

    /// Both directions of the check: fields with no resolver, resolvers with no field.
    static func mismatches(_ registry: ResolverRegistry, _ schema: GraphQLSchema) -> BindingError? {
        var unresolved: [String] = []
        var unknown: [String] = []
        let types = objectTypes(of: schema)
        for type in types {
            let bindings = registry[type.name] ?? [:]
            for name in type.fields.keys where bindings[name] == nil {
                unresolved.append("\(type.name).\(name)")
            }
        }
        let typesByName = Dictionary(uniqueKeysWithValues: types.map { ($0.name, $0) })
        for (typeName, bindings) in registry {
            for fieldName in bindings.keys where typesByName[typeName]?.fields[fieldName] == nil {
                unknown.append("\(typeName).\(fieldName)")
            }
        }
        guard !unresolved.isEmpty || !unknown.isEmpty else { return nil }
        return BindingError(unresolvedFields: unresolved.sorted(), unknownResolvers: unknown.sorted())
    }

    /// Sets each field's resolver from `registry`, after checking that they match exactly.
    static func bind(_ registry: ResolverRegistry, to schema: GraphQLSchema) throws {
        if let mismatch = mismatches(registry, schema) { throw mismatch }
        for type in objectTypes(of: schema) {
            for (name, field) in type.fields {
                let binding = registry[type.name]![name]!
                field.resolve = binding.resolve
                field.resolveBatch = binding.resolveBatch
            }
        }
    }
}
