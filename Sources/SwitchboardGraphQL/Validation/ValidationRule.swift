/// A validation rule: a visitor over a document that reports errors to its context
/// (graphql-js `ValidationRule`, whose closures this class's instance state replaces).
///
/// The validator makes one instance per rule per run and walks the document once, calling the hooks
/// of all rules in turn at every node, in rule order (graphql-js's parallel visitor). A rule lists the
/// hooks it overrides in `hooks`, so that the walk calls no empty methods; it may call `skipSubtree()`
/// in an enter hook to skip that node's children (and its leave hook) for itself alone.
open class ValidationRule {
    /// The hooks this rule overrides; the validator calls no others.
    open class var hooks: ValidationHooks { [] }

    public required init(context: ASTValidationContext) {}

    /// Set by `skipSubtree()`; the walker turns it into `skipDepth`.
    final var skipRequested = false
    /// The depth of the node whose subtree this rule is skipping, or -1.
    final var skipDepth = -1

    /// From an enter hook: do not visit this node's children, nor its leave hook, for this rule
    /// (graphql-js's `return false`).
    public final func skipSubtree() { skipRequested = true }

    // MARK: - Executable definitions

    open func enterDocument(_ node: DocumentNode) {}
    open func leaveDocument(_ node: DocumentNode) {}
    open func enterOperationDefinition(_ node: OperationDefinitionNode) {}
    open func leaveOperationDefinition(_ node: OperationDefinitionNode) {}
    open func enterFragmentDefinition(_ node: FragmentDefinitionNode) {}
    open func leaveFragmentDefinition(_ node: FragmentDefinitionNode) {}
    open func enterVariableDefinition(_ node: VariableDefinitionNode) {}
    open func enterSelectionSet(_ node: SelectionSetNode, parent: SelectionSetParent) {}
    open func enterField(_ node: FieldNode) {}
    open func leaveField(_ node: FieldNode) {}
    open func enterFragmentSpread(_ node: FragmentSpreadNode) {}
    open func leaveFragmentSpread(_ node: FragmentSpreadNode) {}
    open func enterInlineFragment(_ node: InlineFragmentNode) {}

    // MARK: - Directives, arguments, values, types

    /// `location` is where the directive is applied, whether or not that is allowed.
    open func enterDirective(_ node: DirectiveNode, location: DirectiveLocation) {}
    open func leaveDirective(_ node: DirectiveNode) {}
    /// `ownerName` is the name of the field or directive the argument is given to.
    open func enterArgument(_ node: ArgumentNode, ownerName: String) {}
    /// Every value literal, variables included, nested ones too.
    open func enterValue(_ node: ValueNode) {}
    open func leaveValue(_ node: ValueNode) {}
    open func enterObjectField(_ node: ObjectFieldNode) {}
    /// `inTypeSystemDefinition`: whether the enclosing definition is a type system definition or extension.
    open func enterNamedType(_ node: NamedTypeNode, inTypeSystemDefinition: Bool) {}

    // MARK: - Type system definitions

    /// Schema, type and directive definitions and extensions (the top-level definitions that are not executable).
    open func enterTypeSystemDefinition(_ node: DefinitionNode) {}
    open func enterFieldDefinition(_ node: FieldDefinitionNode) {}
    open func enterInputValueDefinition(_ node: InputValueDefinitionNode) {}
    open func enterEnumValueDefinition(_ node: EnumValueDefinitionNode) {}
}

/// The node that owns a selection set.
public enum SelectionSetParent: Sendable {
    case operation, fragmentDefinition, field, inlineFragment
}

/// The hooks of `ValidationRule`, one flag each.
public struct ValidationHooks: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let enterDocument = ValidationHooks(rawValue: 1 << 0)
    public static let leaveDocument = ValidationHooks(rawValue: 1 << 1)
    public static let enterOperationDefinition = ValidationHooks(rawValue: 1 << 2)
    public static let leaveOperationDefinition = ValidationHooks(rawValue: 1 << 3)
    public static let enterFragmentDefinition = ValidationHooks(rawValue: 1 << 4)
    public static let leaveFragmentDefinition = ValidationHooks(rawValue: 1 << 5)
    public static let enterVariableDefinition = ValidationHooks(rawValue: 1 << 6)
    public static let enterSelectionSet = ValidationHooks(rawValue: 1 << 7)
    public static let enterField = ValidationHooks(rawValue: 1 << 8)
    public static let leaveField = ValidationHooks(rawValue: 1 << 9)
    public static let enterFragmentSpread = ValidationHooks(rawValue: 1 << 10)
    public static let leaveFragmentSpread = ValidationHooks(rawValue: 1 << 11)
    public static let enterInlineFragment = ValidationHooks(rawValue: 1 << 12)
    public static let enterDirective = ValidationHooks(rawValue: 1 << 13)
    public static let leaveDirective = ValidationHooks(rawValue: 1 << 14)
    public static let enterArgument = ValidationHooks(rawValue: 1 << 15)
    public static let enterValue = ValidationHooks(rawValue: 1 << 16)
    public static let leaveValue = ValidationHooks(rawValue: 1 << 17)
    public static let enterObjectField = ValidationHooks(rawValue: 1 << 18)
    public static let enterNamedType = ValidationHooks(rawValue: 1 << 19)
    public static let enterTypeSystemDefinition = ValidationHooks(rawValue: 1 << 20)
    public static let enterFieldDefinition = ValidationHooks(rawValue: 1 << 21)
    public static let enterInputValueDefinition = ValidationHooks(rawValue: 1 << 22)
    public static let enterEnumValueDefinition = ValidationHooks(rawValue: 1 << 23)
    /// How many hooks there are.
    static let count = 24

    /// Entering every node that can carry directives.
    public static let enterNodesWithDirectives: ValidationHooks = [
        .enterOperationDefinition, .enterFragmentDefinition, .enterVariableDefinition, .enterField,
        .enterFragmentSpread, .enterInlineFragment, .enterTypeSystemDefinition, .enterFieldDefinition,
        .enterInputValueDefinition, .enterEnumValueDefinition,
    ]
}
