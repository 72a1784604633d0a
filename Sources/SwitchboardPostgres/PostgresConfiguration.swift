import CLibPQ

/// Where and how to connect, and how large the pool is.
///
/// Built from a URL (`postgresql://user:pw@host:5432/db?sslmode=require`, `postgresql://user@/db?host=/socket/dir`)
/// or a libpq key/value string (`host=/socket/dir dbname=switchboard`), both read by libpq's own parser, or from
/// parts. Its description shows where it connects and never the password.
public struct PostgresConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// One libpq connection keyword and its value.
    struct Parameter: Sendable, Hashable {
        var keyword: String
        var value: String
    }

    /// libpq keywords whose values are secrets.
    static let secretKeywords: Set<String> = ["password", "sslpassword"]

    /// libpq keyword/value pairs in the order given (password included; it is never printed).
    private(set) var parameters: [Parameter] = []

    /// Most connections the pool opens.
    public var poolSize: Int = 10
    /// How long to wait for the server when opening a connection (libpq counts whole seconds, at least 2).
    public var connectTimeout: Duration = .seconds(10)
    /// Sets the server's `statement_timeout` for every connection; nil keeps the server's setting.
    public var statementTimeout: Duration?
    /// How long `PostgresPool` lets a caller wait for a free connection before failing with `.poolTimeout`.
    public var acquireTimeout: Duration = .seconds(30)
    /// Shown in `pg_stat_activity`.
    public var applicationName: String = "switchboard"

    /// Reads a `postgresql://` / `postgres://` URL or a key/value connection string.
    public init(_ connectionString: String) throws(PostgresError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else {
            var reason = "unreadable connection string"
            if let errorMessage {
                reason = Self.withoutQuotedText(String(cString: errorMessage))
                    .trimmingSuffix(while: { $0 == "\n" || $0 == " " })
                PQfreemem(errorMessage)
            }
            throw PostgresError(kind: .invalidConfiguration, message: "invalid PostgreSQL connection string: \(reason)")
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                let keyword = String(cString: keyword)
                let value = String(cString: value)
                if keyword == "connect_timeout", let seconds = Int(value) {
                    connectTimeout = .seconds(seconds)
                } else if keyword == "application_name" {
                    applicationName = value
                } else {
                    parameters.append(Parameter(keyword: keyword, value: value))
                }
            }
            option += 1
        }
    }

    public init(
        host: String? = nil, port: Int? = nil, user: String? = nil, password: String? = nil, database: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.setPassword(password)
    }

    /// A host name, an IP address or (starting with `/`) the directory of a Unix socket.
    public var host: String? {
        get { self["host"] }
        set { self["host"] = newValue }
    }

    public var port: Int? {
        get { self["port"].flatMap { Int($0) } }
        set { self["port"] = newValue.map { String($0) } }
    }

    public var user: String? {
        get { self["user"] }
        set { self["user"] = newValue }
    }

    public var database: String? {
        get { self["dbname"] }
        set { self["dbname"] = newValue }
    }

    /// The password, kept for connecting only: no getter is public, and no description shows it.
    public mutating func setPassword(_ password: String?) { self["password"] = password }

    var password: String? { self["password"] }

    /// Any other libpq keyword (`sslmode`, `sslrootcert`, `target_session_attrs`…).
    public subscript(keyword: String) -> String? {
        get { parameters.last { $0.keyword == keyword }?.value }
        set {
            parameters.removeAll { $0.keyword == keyword }
            if let newValue { parameters.append(Parameter(keyword: keyword, value: newValue)) }
        }
    }

    public var description: String {
        let pairs = parameters.map { parameter in
            Self.secretKeywords.contains(parameter.keyword)
                ? "\(parameter.keyword)=<redacted>" : "\(parameter.keyword)=\(parameter.value)"
        }
        return "PostgresConfiguration(\(pairs.joined(separator: " ")), poolSize: \(poolSize))"
    }

    public var debugDescription: String { description }

    /// The keywords and values given to `PQconnectdbParams`: the parameters, the timeouts and the session settings
    /// this layer reads results by (UTF-8, ISO dates in UTC, hex bytea).
    func connectionParameters() -> [Parameter] {
        var result = parameters.filter { $0.keyword != "options" && $0.keyword != "client_encoding" }
        let seconds = max(2, Int(connectTimeout.components.seconds))
        result.append(Parameter(keyword: "connect_timeout", value: String(seconds)))
        result.append(Parameter(keyword: "client_encoding", value: "UTF8"))
        result.append(Parameter(keyword: "application_name", value: applicationName))
        var options = self["options"].map { [$0] } ?? []
        options += ["-c DateStyle=ISO", "-c TimeZone=UTC", "-c bytea_output=hex", "-c extra_float_digits=1"]
        if let statementTimeout {
            let (seconds, attoseconds) = statementTimeout.components
            let milliseconds = max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
            options.append("-c statement_timeout=\(milliseconds)")
        }
        result.append(Parameter(keyword: "options", value: options.joined(separator: " ")))
        return result
    }

    /// The secrets to scrub from any message libpq writes.
    var secrets: [String] {
        parameters.filter { Self.secretKeywords.contains($0.keyword) }.map(\.value)
    }

    /// libpq's parse errors quote the offending part of the string, which may hold the password: drop quoted text.
    private static func withoutQuotedText(_ message: String) -> String {
        var result = ""
        var quoted = false
        for character in message {
            if character == "\"" {
                if !quoted { result += "\"…\"" }
                quoted.toggle()
            } else if !quoted {
                result.append(character)
            }
        }
        return result
    }
}

extension String {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var result = self
        while let last = result.last, predicate(last) { result.removeLast() }
        return result
    }
}
