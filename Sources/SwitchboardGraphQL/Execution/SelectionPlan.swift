/// Selection plans: what the executor does for every object of one runtime type under one field.
///
/// A request's variables are fixed, so the fields a selection set collects for a type, their definitions
/// and their coerced arguments are the same for every object at that place in the response: they are
/// worked out once per (field, runtime type) and shared by all the objects of a level.

/// The fields to execute on objects of one runtime type, in response order.
final class SelectionPlan {
    let type: GraphQLObjectType
    let fields: [FieldPlan]

    init(type: GraphQLObjectType, fields: [FieldPlan]) {
        self.type = type
        self.fields = fields
    }
}

/// How a field's values are produced.
enum FieldResolution {
    /// `__typename`: the parent's type name, no resolver call.
    case typeName
    /// The field's `resolveBatch`: one call per level.
    case batch(BatchFieldResolver)
    /// The field's `resolve`: one call per parent.
    case each(FieldResolver)
    /// The default resolver: a property of the parent.
    case property
}

/// One response key of a selection plan.
final class FieldPlan {
    let responseKey: String
    let fieldName: String
    let nodes: [FieldNode]
    let definition: GraphQLField
    let parentType: GraphQLObjectType
    let returnType: GraphQLType
    let resolution: FieldResolution
    /// The coerced arguments, or why they are invalid (reported at every parent's field).
    let arguments: Result<ArgumentValues, GraphQLError>
    /// What resolvers of this field get in their `ResolveInfo`, made when first needed.
    var sharedInfo: ResolveInfo.Shared?
    /// Sub-selection plans by runtime object type, made when first needed.
    private var childPlans: [(type: GraphQLObjectType, plan: Result<SelectionPlan, GraphQLError>)] = []

    init(responseKey: String, nodes: [FieldNode], definition: GraphQLField, parentType: GraphQLObjectType,
         arguments: Result<ArgumentValues, GraphQLError>) {
        self.responseKey = responseKey
        self.fieldName = definition.name
        self.nodes = nodes
        self.definition = definition
        self.parentType = parentType
        self.returnType = definition.type
        self.arguments = arguments
        if definition === typeNameMetaFieldDefinition {
            resolution = .typeName
        } else if let batch = definition.resolveBatch {
            resolution = .batch(batch)
        } else if let resolve = definition.resolve {
            resolution = .each(resolve)
        } else {
            resolution = .property
        }
    }

    /// The plan for the sub-selections of this field on objects of `type`.
    func childPlan(for type: GraphQLObjectType, _ make: (GraphQLObjectType, [FieldNode]) -> Result<SelectionPlan, GraphQLError>)
        -> Result<SelectionPlan, GraphQLError>
    {
        for entry in childPlans where entry.type === type { return entry.plan }
        let plan = make(type, nodes)
        childPlans.append((type, plan))
        return plan
    }
}

/// Builds selection plans for one request.
struct SelectionPlanner {
    let schema: GraphQLSchema
    let fragments: [String: FragmentDefinitionNode]
    let variables: [String: GraphQLValue]

    func plan(for type: GraphQLObjectType, selectionSets: [SelectionSetNode]) throws(GraphQLError) -> SelectionPlan {
        let collected = try collectFields(schema: schema, fragments: fragments, variables: variables,
                                          runtimeType: type, selectionSets: selectionSets)
        var fields: [FieldPlan] = []
        fields.reserveCapacity(collected.count)
        for field in collected {
            let first = field.nodes[0]
            // Fields the type does not have are left out of the response (validation reports them).
            guard let definition = fieldDefinition(type, first.name.value) else { continue }
            let arguments: Result<ArgumentValues, GraphQLError>
            do {
                arguments = .success(try getArgumentValues(definition.args, first.arguments, at: first, variables: variables))
            } catch {
                arguments = .failure(error)
            }
            fields.append(FieldPlan(responseKey: field.responseKey, nodes: field.nodes, definition: definition,
                                    parentType: type, arguments: arguments))
        }
        return SelectionPlan(type: type, fields: fields)
    }

    /// The sub-selection plan of a field group on `type`.
    func subPlan(for type: GraphQLObjectType, nodes: [FieldNode]) -> Result<SelectionPlan, GraphQLError> {
        var selectionSets: [SelectionSetNode] = []
        selectionSets.reserveCapacity(nodes.count)
        for node in nodes {
            if let set = node.selectionSet { selectionSets.append(set) }
        }
        do {
            return .success(try plan(for: type, selectionSets: selectionSets))
        } catch {
            return .failure(error)
        }
    }

    /// A field of `type`, including the meta-fields (graphql-js `getFieldDef`).
    private func fieldDefinition(_ type: GraphQLObjectType, _ name: String) -> GraphQLField? {
        if name.utf8.first == UInt8(ascii: "_") {
            if name == "__typename" { return typeNameMetaFieldDefinition }
            if type === schema.queryType {
                if name == "__schema" { return schemaMetaFieldDefinition }
                if name == "__type" { return typeMetaFieldDefinition }
            }
        }
        return type.fields[name]
    }
}
