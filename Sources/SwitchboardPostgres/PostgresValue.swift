import Foundation

/// A statement parameter. `nil` (of `PostgresValue?`) is SQL NULL.
///
/// Values are sent in text format, except `bytea` which goes as raw binary. `.text` (and `.textArray`) is sent with
/// an unspecified type, so the server infers it from the statement: a `.text` compares with a `uuid` or `date`
/// column as a literal would; cast (`$1::text`) where the statement leaves it ambiguous. The other cases carry their
/// type (`int8`, `bool`, `float8`, `bytea`, `uuid`, `timestamptz`, `jsonb` and their arrays).
public enum PostgresValue: Sendable, Hashable {
    case text(String)
    case int(Int)
    case bool(Bool)
    case double(Double)
    case bytea([UInt8])
    case uuid(UUID)
    case timestamptz(Date)
    /// JSON text, sent as `jsonb`.
    case json(String)
    case textArray([String?])
    case intArray([Int?])
    case uuidArray([UUID?])
}

extension PostgresValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
}

/// Type OIDs of the built-in types this layer reads and writes (`pg_type.oid`).
public enum PostgresTypeOID {
    public static let unspecified: UInt32 = 0
    public static let bool: UInt32 = 16
    public static let bytea: UInt32 = 17
    public static let int8: UInt32 = 20
    public static let int2: UInt32 = 21
    public static let int4: UInt32 = 23
    public static let text: UInt32 = 25
    public static let json: UInt32 = 114
    public static let float4: UInt32 = 700
    public static let float8: UInt32 = 701
    public static let varchar: UInt32 = 1043
    public static let date: UInt32 = 1082
    public static let timestamp: UInt32 = 1114
    public static let timestamptz: UInt32 = 1184
    public static let numeric: UInt32 = 1700
    public static let uuid: UInt32 = 2950
    public static let jsonb: UInt32 = 3802
    public static let int8Array: UInt32 = 1016
    public static let uuidArray: UInt32 = 2951
}

/// A parameter as libpq takes it: type OID, format (0 text, 1 binary) and bytes (text is NUL-terminated).
struct EncodedParameter {
    var type: UInt32
    var format: Int32
    var bytes: [UInt8]
    /// The text form, which is what a server message could quote back (used only to redact it).
    var textForRedaction: String?
}

extension PostgresValue {
    func encoded(position: Int) throws(PostgresError) -> EncodedParameter {
        switch self {
        case .text(let string):
            return try .text(string, type: PostgresTypeOID.unspecified, position: position)
        case .int(let int):
            return try .text(String(int), type: PostgresTypeOID.int8, position: position)
        case .bool(let bool):
            return try .text(bool ? "true" : "false", type: PostgresTypeOID.bool, position: position)
        case .double(let double):
            return try .text(Self.doubleText(double), type: PostgresTypeOID.float8, position: position)
        case .bytea(let bytes):
            return EncodedParameter(type: PostgresTypeOID.bytea, format: 1, bytes: bytes, textForRedaction: nil)
        case .uuid(let uuid):
            return try .text(uuid.uuidString.lowercased(), type: PostgresTypeOID.uuid, position: position)
        case .timestamptz(let date):
            return try .text(PostgresTimestamp.format(date), type: PostgresTypeOID.timestamptz, position: position)
        case .json(let json):
            return try .text(json, type: PostgresTypeOID.jsonb, position: position)
        case .textArray(let strings):
            let literal = Self.arrayLiteral(strings.map { $0.map(Self.quotedArrayElement) })
            return try .text(literal, type: PostgresTypeOID.unspecified, position: position)
        case .intArray(let ints):
            let literal = Self.arrayLiteral(ints.map { $0.map { String($0) } })
            return try .text(literal, type: PostgresTypeOID.int8Array, position: position)
        case .uuidArray(let uuids):
            let literal = Self.arrayLiteral(uuids.map { $0.map { $0.uuidString.lowercased() } })
            return try .text(literal, type: PostgresTypeOID.uuidArray, position: position)
        }
    }

    /// Shortest text that reads back as the same double; PostgreSQL spells the special values its own way.
    static func doubleText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return "\(value)"
    }

    private static func arrayLiteral(_ elements: [String?]) -> String {
        "{" + elements.map { $0 ?? "NULL" }.joined(separator: ",") + "}"
    }

    /// An array element in double quotes, backslash-escaping `"` and `\` (so `NULL`, commas and braces stay text).
    private static func quotedArrayElement(_ string: String) -> String {
        var out = "\""
        for character in string.unicodeScalars {
            if character == "\"" || character == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(character)
        }
        return out + "\""
    }
}

extension EncodedParameter {
    static func text(_ string: String, type: UInt32, position: Int) throws(PostgresError) -> EncodedParameter {
        var bytes = Array(string.utf8)
        if bytes.contains(0) {
            throw PostgresError(
                kind: .invalidParameter,
                message: "parameter $\(position) contains a NUL character, which PostgreSQL text cannot hold")
        }
        bytes.append(0)
        return EncodedParameter(type: type, format: 0, bytes: bytes, textForRedaction: string)
    }
}
