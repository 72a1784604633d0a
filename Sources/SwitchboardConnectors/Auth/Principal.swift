/// Who a request acts for.
public enum Principal: Sendable, Hashable, CustomStringConvertible {
    /// A tenant, by id: it sees and changes its own rows only.
    case tenant(String)
    /// The operator: manages tenants; has no tenant of its own.
    case admin

    public var description: String {
        switch self {
        case .tenant(let id): "tenant \(id)"
        case .admin: "admin"
        }
    }
}
