/// Directive definitions and the directives every schema has (graphql-js `type/directives`).
public final class GraphQLDirective: @unchecked Sendable {
    public let name: String
    public var description: String?
    public var locations: [DirectiveLocation]
    public var args: [GraphQLArgument]
    public var isRepeatable: Bool
    /// graphql-js 17 lets `@deprecated` mark a directive definition.
    public var deprecationReason: String?
    public var astNode: DirectiveDefinitionNode?

    public init(name: String, description: String? = nil, locations: [DirectiveLocation], args: [GraphQLArgument] = [],
                isRepeatable: Bool = false, deprecationReason: String? = nil, astNode: DirectiveDefinitionNode? = nil) {
        self.deprecationReason = deprecationReason
        self.name = name
        self.description = description
        self.locations = locations
        self.args = args
        self.isRepeatable = isRepeatable
        self.astNode = astNode
    }

    public func argument(named name: String) -> GraphQLArgument? {
        args.first { $0.name == name }
    }

    /// Whether this is one of `specifiedDirectives`.
    public var isSpecified: Bool { specifiedDirectives.contains { $0.name == name } }
}

/// The reason `@deprecated` gives when none is written.
public let defaultDeprecationReason = "No longer supported"

public let GraphQLIncludeDirective = GraphQLDirective(
    name: "include",
    description: "Directs the executor to include this field or fragment only when the `if` argument is true.",
    locations: [.field, .fragmentSpread, .inlineFragment],
    args: [GraphQLArgument(name: "if", type: .nonNull(.named(GraphQLBoolean)), description: "Included when true.")]
)

public let GraphQLSkipDirective = GraphQLDirective(
    name: "skip",
    description: "Directs the executor to skip this field or fragment when the `if` argument is true.",
    locations: [.field, .fragmentSpread, .inlineFragment],
    args: [GraphQLArgument(name: "if", type: .nonNull(.named(GraphQLBoolean)), description: "Skipped when true.")]
)

public let GraphQLDeprecatedDirective = GraphQLDirective(
    name: "deprecated",
    description: "Marks an element of a GraphQL schema as no longer supported.",
    locations: [.fieldDefinition, .argumentDefinition, .inputFieldDefinition, .enumValue, .directiveDefinition],
    args: [
        GraphQLArgument(
            name: "reason", type: .nonNull(.named(GraphQLString)),
            description: "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
            defaultValue: .string(defaultDeprecationReason))
    ]
)

public let GraphQLSpecifiedByDirective = GraphQLDirective(
    name: "specifiedBy",
    description: "Exposes a URL that specifies the behavior of this scalar.",
    locations: [.scalar],
    args: [GraphQLArgument(name: "url", type: .nonNull(.named(GraphQLString)), description: "The URL that specifies the behavior of this scalar.")]
)

public let GraphQLOneOfDirective = GraphQLDirective(
    name: "oneOf",
    description: "Indicates exactly one field must be supplied and this field must not be `null`.",
    locations: [.inputObject]
)

/// The directives every schema includes unless it defines its own of the same name.
public let specifiedDirectives: [GraphQLDirective] = [
    GraphQLIncludeDirective, GraphQLSkipDirective, GraphQLDeprecatedDirective, GraphQLSpecifiedByDirective, GraphQLOneOfDirective,
]
