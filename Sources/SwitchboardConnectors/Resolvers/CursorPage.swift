import Foundation
import SwitchboardGraphQL
import SwitchboardPostgres

/// A position in a list ordered newest first by (created_at, id): the keyset of `auditEvents` and
/// `webhookEvents`. Clients see it as an opaque string (base64url of `<time>|<id>`); it names no tenant and
/// reveals nothing the row's own fields do not.
struct Cursor: Sendable, Hashable {
    /// The row's `created_at` in UTC with microseconds, as `cursorTimeColumn` prints it: `2026-11-22T00:31:45.123456Z`.
    let time: String
    let id: String

    /// The SQL expression that prints `created_at` as a cursor's time (exact: PostgreSQL keeps microseconds).
    static let timeExpression = #"to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"#

    /// The cursor of a row read with `timeExpression AS cursor_time` and its `id`.
    init(row: PostgresRow) throws {
        self.init(time: try row.string("cursor_time"), id: try row.string("id"))
    }

    init(time: String, id: String) {
        self.time = time
        self.id = id
    }

    var encoded: String {
        Data("\(time)|\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a cursor made by `encoded` for rows with ids of `kind`; BAD_USER_INPUT for anything else.
    static func decode(_ text: String, kind: OpaqueID.Kind, argument: String = "after") throws -> Cursor {
        let invalid = ConnectorError.badInput("\(argument) is not a cursor of this list.")
        guard text.utf8.count <= 128 else { throw invalid }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else {
            throw invalid
        }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 2, isCursorTime(parts[0]), OpaqueID.isWellFormed(String(parts[1]), kind) else {
            throw invalid
        }
        return Cursor(time: String(parts[0]), id: String(parts[1]))
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, digits where digits go.
    private static func isCursorTime(_ text: Substring) -> Bool {
        let shape = Array("dddd-dd-ddTdd:dd:dd.ddddddZ".utf8)
        let bytes = Array(text.utf8)
        guard bytes.count == shape.count else { return false }
        return zip(bytes, shape).allSatisfy { byte, expected in
            expected == UInt8(ascii: "d") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
        }
    }
}

/// One page of a connection: the rows with their cursors, and whether more follow.
struct CursorPage<Node: Sendable>: Sendable {
    struct Edge: Sendable {
        let cursor: String
        let node: Node
    }

    let edges: [Edge]
    let hasNextPage: Bool

    var endCursor: String? { edges.last?.cursor }

    /// The page of `rows` (fetched with one more than `first`, to learn whether more follow).
    init(rows: [(Node, Cursor)], first: Int) {
        edges = rows.prefix(first).map { Edge(cursor: $0.1.encoded, node: $0.0) }
        hasNextPage = rows.count > first
    }

    /// `first` (1 to 200, default 50) and the decoded `after`.
    static func arguments(_ args: ArgumentValues, kind: OpaqueID.Kind) throws -> (first: Int, after: Cursor?) {
        var first = 50
        if case .int(let value)? = args["first"] { first = value }
        guard (1...Arguments.maximumLimit).contains(first) else {
            throw ConnectorError.badInput("first must be between 1 and \(Arguments.maximumLimit); it is \(first).")
        }
        let after = try Arguments.optionalString(args["after"], "after").map { try Cursor.decode($0, kind: kind) }
        return (first, after)
    }

    /// The resolvers of `<Node>Connection`, `<Node>Edge` and `PageInfo`, for a connection type named `connection`.
    static func types(connection: String, edge: String) -> ResolverRegistry {
        [
            connection: [
                "edges": .property(CursorPage<Node>.self) { $0.edges },
                "nodes": .property(CursorPage<Node>.self) { $0.edges.map(\.node) },
                "pageInfo": .property(CursorPage<Node>.self) { PageInfoRecord(page: $0) },
            ],
            edge: [
                "cursor": .property(Edge.self) { $0.cursor },
                "node": .property(Edge.self) { $0.node },
            ],
        ]
    }
}

/// `PageInfo`.
struct PageInfoRecord: Sendable {
    let hasNextPage: Bool
    let endCursor: String?

    init<Node>(page: CursorPage<Node>) {
        hasNextPage = page.hasNextPage
        endCursor = page.endCursor
    }

    static let type: ResolverRegistry = [
        "PageInfo": [
            "hasNextPage": .property(PageInfoRecord.self) { $0.hasNextPage },
            "endCursor": .property(PageInfoRecord.self) { $0.endCursor },
        ],
    ]
}

/// Conditions of a keyset page, ` AND …` with parameters numbered from `first`.
struct SQLConditions {
    private(set) var sql = ""
    private(set) var parameters: [PostgresValue?] = []
    let first: Int

    init(firstParameter first: Int) {
        self.first = first
    }

    /// Adds `condition`, which receives the placeholders of `values` in order.
    mutating func add(_ values: [PostgresValue], _ condition: ([String]) -> String) {
        let placeholders = values.indices.map { "$\(first + parameters.count + $0)" }
        parameters += values.map { Optional($0) }
        sql += " AND " + condition(placeholders)
    }

    /// The rows strictly after `cursor` in newest-first order.
    mutating func after(_ cursor: Cursor?) {
        guard let cursor else { return }
        add([.text(cursor.time), .text(cursor.id)]) { "(created_at, id) < (\($0[0])::timestamptz, \($0[1]))" }
    }
}
