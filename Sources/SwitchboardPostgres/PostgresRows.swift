import Foundation

/// The rows a statement returned, copied out of libpq's result so that they can cross threads and tasks.
public struct PostgresRows: Sendable, RandomAccessCollection {
    let storage: ResultStorage

    /// The command tag (`INSERT 0 1`, `SELECT 3`, `BEGIN`, …).
    public var commandTag: String { storage.commandTag }
    /// Rows inserted, updated, deleted, selected…, as the command tag reports it (0 when it reports none).
    public var affectedRows: Int { storage.affectedRows }
    public var columnNames: [String] { storage.columnNames }
    public var columnTypes: [UInt32] { storage.columnTypes }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.rowCount }
    public subscript(position: Int) -> PostgresRow { PostgresRow(storage: storage, row: position) }
}

/// One row; read columns by name or index, as a type that conforms to `PostgresDecodable`.
/// Reading NULL as a non-optional type, a missing column or a value of another shape throws a `.decoding` error.
public struct PostgresRow: Sendable {
    let storage: ResultStorage
    let row: Int

    public var columnCount: Int { storage.columnNames.count }

    public subscript<T: PostgresDecodable>(column: String, as type: T.Type) -> T {
        get throws { try decode(column, as: type) }
    }

    public subscript<T: PostgresDecodable>(index: Int, as type: T.Type) -> T {
        get throws { try decode(index, as: type) }
    }

    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try decode(try storage.index(of: column), as: type)
    }

    public func decode<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard index >= 0, index < storage.columnNames.count else {
            throw PostgresError(kind: .decoding, message: "column index \(index) is out of range")
        }
        let name = storage.columnNames[index]
        let columnType = storage.columnTypes[index]
        guard let text = storage.cells[row * storage.columnNames.count + index] else {
            return try T.decodeNull(column: name)
        }
        do {
            return try T.decode(postgresText: text, type: columnType)
        } catch {
            // The value itself stays out of the message: it may be a secret.
            throw PostgresError(
                kind: .decoding,
                message: "column \"\(name)\" (type oid \(columnType)) cannot be read as \(T.self)")
        }
    }

    public func isNull(_ column: String) throws -> Bool {
        storage.cells[row * storage.columnNames.count + (try storage.index(of: column))] == nil
    }

    public func string(_ column: String) throws -> String { try decode(column) }
    public func int(_ column: String) throws -> Int { try decode(column) }
    public func bool(_ column: String) throws -> Bool { try decode(column) }
    public func double(_ column: String) throws -> Double { try decode(column) }
    /// A `bytea` column.
    public func bytes(_ column: String) throws -> [UInt8] { try decode(column) }
    public func uuid(_ column: String) throws -> UUID { try decode(column) }
    /// A `timestamptz`, `timestamp` (as UTC) or `date` column.
    public func date(_ column: String) throws -> Date { try decode(column) }
}

/// The copied result: column names and types, and every cell's text (nil for NULL), row after row.
final class ResultStorage: Sendable {
    let columnNames: [String]
    let columnTypes: [UInt32]
    let columnIndex: [String: Int]
    let cells: [String?]
    let rowCount: Int
    let commandTag: String
    let affectedRows: Int

    init(
        columnNames: [String], columnTypes: [UInt32], cells: [String?], rowCount: Int, commandTag: String,
        affectedRows: Int
    ) {
        self.columnNames = columnNames
        self.columnTypes = columnTypes
        var index: [String: Int] = [:]
        for (position, name) in columnNames.enumerated() where index[name] == nil { index[name] = position }
        self.columnIndex = index
        self.cells = cells
        self.rowCount = rowCount
        self.commandTag = commandTag
        self.affectedRows = affectedRows
    }

    func index(of column: String) throws(PostgresError) -> Int {
        guard let index = columnIndex[column] else {
            throw PostgresError(kind: .decoding, message: "no column named \"\(column)\" in the result")
        }
        return index
    }
}

/// A Swift type that a column's text form can be read as.
public protocol PostgresDecodable: Sendable {
    /// Reads the text form of a non-NULL value; `type` is the column's type OID.
    static func decode(postgresText text: String, type: UInt32) throws -> Self
    /// The value for NULL: optionals return nil, every other type throws.
    static func decodeNull(column: String) throws -> Self
}

extension PostgresDecodable {
    public static func decodeNull(column: String) throws -> Self {
        throw PostgresError(kind: .decoding, message: "column \"\(column)\" is NULL; read it as \(Self.self)?")
    }
}

/// Thrown by the conformances below; `PostgresRow` turns it into a `.decoding` error naming the column.
struct PostgresDecodingFailure: Error {}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(postgresText text: String, type: UInt32) throws -> Wrapped? {
        try Wrapped.decode(postgresText: text, type: type)
    }

    public static func decodeNull(column: String) throws -> Wrapped? { nil }
}

extension String: PostgresDecodable {
    /// Any column as its text form (a `uuid` as `0a1b…`, a `bytea` as `\x…`, a `jsonb` as JSON text).
    public static func decode(postgresText text: String, type: UInt32) throws -> String { text }
}

extension Int: PostgresDecodable {
    public static func decode(postgresText text: String, type: UInt32) throws -> Int {
        guard let value = Int(text) else { throw PostgresDecodingFailure() }
        return value
    }
}

extension Int64: PostgresDecodable {
    public static func decode(postgresText text: String, type: UInt32) throws -> Int64 {
        guard let value = Int64(text) else { throw PostgresDecodingFailure() }
        return value
    }
}

extension Int32: PostgresDecodable {
    public static func decode(postgresText text: String, type: UInt32) throws -> Int32 {
        guard let value = Int32(text) else { throw PostgresDecodingFailure() }
        return value
    }
}

extension Bool: PostgresDecodable {
    public static func decode(postgresText text: String, type: UInt32) throws -> Bool {
        switch text {
        case "t", "true": return true
        case "f", "false": return false
        default: throw PostgresDecodingFailure()
        }
    }
}

extension Double: PostgresDecodable {
    public static func decode(postgresText text: String, type: UInt32) throws -> Double {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text) else { throw PostgresDecodingFailure() }
            return value
        }
    }
}

extension UUID: PostgresDecodable {
    public static func decode(postgresText text: String, type: UInt32) throws -> UUID {
        guard let value = UUID(uuidString: text) else { throw PostgresDecodingFailure() }
        return value
    }
}

extension Date: PostgresDecodable {
    public static func decode(postgresText text: String, type: UInt32) throws -> Date {
        guard let value = PostgresTimestamp.parse(text) else { throw PostgresDecodingFailure() }
        return value
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    /// A `bytea` column, which the server writes as `\x` and hex digits (connections set `bytea_output=hex`).
    public static func decode(postgresText text: String, type: UInt32) throws -> [UInt8] {
        guard type == PostgresTypeOID.bytea else { throw PostgresDecodingFailure() }
        let hex = Array(text.utf8)
        guard hex.count >= 2, hex[0] == UInt8(ascii: "\\"), hex[1] == UInt8(ascii: "x"), hex.count % 2 == 0 else {
            throw PostgresDecodingFailure()
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.count / 2 - 1)
        var position = 2
        while position < hex.count {
            guard let high = hexValue(hex[position]), let low = hexValue(hex[position + 1]) else {
                throw PostgresDecodingFailure()
            }
            bytes.append(high << 4 | low)
            position += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension Data: PostgresDecodable {
    public static func decode(postgresText text: String, type: UInt32) throws -> Data {
        Data(try [UInt8].decode(postgresText: text, type: type))
    }
}
