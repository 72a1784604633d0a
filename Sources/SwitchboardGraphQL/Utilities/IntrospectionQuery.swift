/// The introspection query clients send to learn a schema (graphql-js `getIntrospectionQuery`), with the
/// text graphql-core 3.3.2's `get_introspection_query` produces for the same options.

/// Which parts of the schema the introspection query asks for.
public struct IntrospectionOptions: Sendable {
    /// Descriptions of types, fields, arguments, enum values and directives.
    public var descriptions = true
    /// `specifiedByURL` of scalars.
    public var specifiedByURL = false
    /// `isRepeatable` of directives.
    public var directiveIsRepeatable = false
    /// The schema's own description.
    public var schemaDescription = false
    /// Deprecated arguments and input fields, with their deprecation.
    public var inputValueDeprecation = false
    /// Deprecated directives, with their deprecation.
    public var experimentalDirectiveDeprecation = false
    /// `isOneOf` of input object types.
    public var oneOf = false
    /// How many `ofType` levels type references unwrap.
    public var typeDepth = 9

    public init(descriptions: Bool = true, specifiedByURL: Bool = false, directiveIsRepeatable: Bool = false,
                schemaDescription: Bool = false, inputValueDeprecation: Bool = false,
                experimentalDirectiveDeprecation: Bool = false, oneOf: Bool = false, typeDepth: Int = 9) {
        self.descriptions = descriptions
        self.specifiedByURL = specifiedByURL
        self.directiveIsRepeatable = directiveIsRepeatable
        self.schemaDescription = schemaDescription
        self.inputValueDeprecation = inputValueDeprecation
        self.experimentalDirectiveDeprecation = experimentalDirectiveDeprecation
        self.oneOf = oneOf
        self.typeDepth = typeDepth
    }

    /// Everything on: what `switchboard introspect` asks, so that a client can rebuild the schema exactly.
    public static let all = IntrospectionOptions(
        specifiedByURL: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true)
}

/// The introspection query text for `options`. `typeDepth` is clamped to 0...100.
public func getIntrospectionQuery(_ options: IntrospectionOptions = IntrospectionOptions()) -> String {
    let description = options.descriptions ? "description" : ""
    let specifiedByURL = options.specifiedByURL ? "specifiedByURL" : ""
    let isRepeatable = options.directiveIsRepeatable ? "isRepeatable" : ""
    let schemaDescription = options.schemaDescription ? description : ""
    let oneOf = options.oneOf ? "isOneOf" : ""
    func inputDeprecation(_ text: String) -> String { options.inputValueDeprecation ? text : "" }
    func directiveDeprecation(_ text: String) -> String { options.experimentalDirectiveDeprecation ? text : "" }
    func ofType(_ level: Int, _ indent: String) -> String {
        if level <= 0 { return "" }
        return "\n\(indent)ofType {\n\(indent)  name\n\(indent)  kind\(ofType(level - 1, indent + "  "))\n\(indent)}"
    }

    let text = """

        query IntrospectionQuery {
          __schema {
            \(schemaDescription)
            queryType { name kind }
            mutationType { name kind }
            subscriptionType { name kind }
            types {
              ...FullType
            }
            directives\(directiveDeprecation("(includeDeprecated: true)")) {
              name
              \(description)
              \(isRepeatable)
              \(directiveDeprecation("isDeprecated"))
              \(directiveDeprecation("deprecationReason"))
              locations
              args\(inputDeprecation("(includeDeprecated: true)")) {
                ...InputValue
              }
            }
          }
        }

        fragment FullType on __Type {
          kind
          name
          \(description)
          \(specifiedByURL)
          \(oneOf)
          fields(includeDeprecated: true) {
            name
            \(description)
            args\(inputDeprecation("(includeDeprecated: true)")) {
              ...InputValue
            }
            type {
              ...TypeRef
            }
            isDeprecated
            deprecationReason
          }
          inputFields\(inputDeprecation("(includeDeprecated: true)")) {
            ...InputValue
          }
          interfaces {
            ...TypeRef
          }
          enumValues(includeDeprecated: true) {
            name
            \(description)
            isDeprecated
            deprecationReason
          }
          possibleTypes {
            ...TypeRef
          }
        }

        fragment InputValue on __InputValue {
          name
          \(description)
          type { ...TypeRef }
          defaultValue
          \(inputDeprecation("isDeprecated"))
          \(inputDeprecation("deprecationReason"))
        }

        fragment TypeRef on __Type {
          kind
          name\(ofType(min(max(options.typeDepth, 0), 100), "  "))
        }

        """
    // Lines left with only indentation are empty, as Python's `textwrap.dedent` leaves them.
    return text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { line in line.allSatisfy { $0 == " " } ? "" : String(line) }
        .joined(separator: "\n")
}
