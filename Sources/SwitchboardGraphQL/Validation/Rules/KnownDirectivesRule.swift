/// Every directive must be defined (by the schema or the document) and used where its definition allows.
///
/// See https://spec.graphql.org/draft/#sec-Directives-Are-Defined
public final class KnownDirectivesRule: ValidationRule {
    override public class var hooks: ValidationHooks { [.enterDirective] }
    private let context: ASTValidationContext
    private let locationsByName: [String: Set<DirectiveLocation>]

    public required init(context: ASTValidationContext) {
        self.context = context
        let (schemaDirectives, documentDirectives) = RuleSupport.directiveDefinitions(context)
        var map: [String: Set<DirectiveLocation>] = [:]
        for directive in schemaDirectives { map[directive.name] = Set(directive.locations) }
        for definition in documentDirectives {
            map[definition.name.value] = Set(definition.locations.compactMap { DirectiveLocation(rawValue: $0.value) })
        }
        locationsByName = map
        super.init(context: context)
    }

    override public func enterDirective(_ node: DirectiveNode, location: DirectiveLocation) {
        let name = node.name.value
        if let locations = locationsByName[name], !locations.isEmpty {
            if !locations.contains(location) {
                context.reportError(GraphQLError("Directive '@\(name)' may not be used on \(Self.describe(location)).", nodes: [node]))
            }
        } else {
            context.reportError(GraphQLError("Unknown directive '@\(name)'.", nodes: [node]))
        }
    }

    /// A location as graphql-core's messages name it: `fragment definition` for `FRAGMENT_DEFINITION`.
    private static func describe(_ location: DirectiveLocation) -> String {
        String(location.rawValue.lowercased().map { $0 == "_" ? " " : $0 })
    }
}
