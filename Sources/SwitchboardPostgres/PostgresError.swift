/// A five-character SQLSTATE code (https://www.postgresql.org/docs/current/errcodes-appendix.html).
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The first two characters: the class (`23` for integrity constraint violations, …).
    public var errorClass: String { String(rawValue.prefix(2)) }
    public var description: String { rawValue }

    public static let uniqueViolation = SQLState("23505")
    public static let foreignKeyViolation = SQLState("23503")
    public static let notNullViolation = SQLState("23502")
    public static let checkViolation = SQLState("23514")
    public static let exclusionViolation = SQLState("23P01")
    public static let stringDataRightTruncation = SQLState("22001")
    public static let numericValueOutOfRange = SQLState("22003")
    public static let invalidTextRepresentation = SQLState("22P02")
    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")
    public static let syntaxError = SQLState("42601")
    public static let insufficientPrivilege = SQLState("42501")
    public static let undefinedTable = SQLState("42P01")
    public static let undefinedColumn = SQLState("42703")
    public static let duplicateTable = SQLState("42P07")
    public static let duplicateDatabase = SQLState("42P04")
    public static let lockNotAvailable = SQLState("55P03")
    public static let queryCanceled = SQLState("57014")
    public static let adminShutdown = SQLState("57P01")
    public static let inFailedTransaction = SQLState("25P02")
}

/// An error from the PostgreSQL layer. It carries what helps to act on it (kind, SQLSTATE, the server's primary
/// message, the constraint, table and column involved) and, by design, never a statement's parameters nor a
/// connection password: the server's DETAIL field, which echoes key values, is not kept, and a parameter value quoted
/// in the message (`invalid input syntax for type uuid: "…"`) is replaced by `<redacted>`.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The server rejected a statement; `sqlState` says why.
        case server
        /// No connection could be made, or it broke while in use.
        case connection
        /// The connection string could not be understood.
        case invalidConfiguration
        /// No connection came free within the pool's acquire timeout.
        case poolTimeout
        /// The pool was closed.
        case poolClosed
        /// A parameter cannot be sent (text with a NUL character).
        case invalidParameter
        /// A column value could not be read as the type asked for, or the column does not exist.
        case decoding
        /// A statement failed earlier in the transaction, so COMMIT rolled it back.
        case transactionAborted
        /// A connection or transaction handle was used after its closure returned.
        case misuse
    }

    public let kind: Kind
    /// The SQLSTATE reported by the server (server errors only).
    public let sqlState: SQLState?
    /// The server's (or the client library's) primary message, without values from the statement's parameters.
    public let message: String
    public let constraint: String?
    public let table: String?
    public let column: String?

    public init(
        kind: Kind, message: String, sqlState: SQLState? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    public var description: String {
        var text = "PostgreSQL \(kind.rawValue) error"
        if let sqlState { text += " \(sqlState.rawValue)" }
        text += ": \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        return text
    }

    public var isUniqueViolation: Bool { sqlState == .uniqueViolation }
}

extension PostgresError {
    /// Removes secrets from a message: every `"…"`-quoted occurrence of a parameter's text, and every occurrence
    /// of the given secrets (a connection password).
    static func redact(_ message: String, parameters: [String] = [], secrets: [String] = []) -> String {
        var result = message
        for value in parameters where !value.isEmpty {
            result = result.replacingAll("\"\(value)\"", with: "\"<redacted>\"")
        }
        for secret in secrets where !secret.isEmpty {
            result = result.replacingAll(secret, with: "<redacted>")
        }
        return result
    }
}

extension String {
    /// Literal (not pattern) replacement, kept here so that the target does not need Foundation for it.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
