import Foundation
import SwitchboardCatalog
import SwitchboardCrypto

/// Why a delivery's signature does not hold. The descriptions go into responses and audit events: they say what
/// is wrong, never what the signature or the secret should have been.
enum WebhookRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case missingSignature(header: String)
    case malformedSignature(header: String)
    case badSignature
    case missingTimestamp(header: String)
    case staleTimestamp(toleranceSeconds: Int)
    /// The connector has no signing secret to check with (the catalog names the field).
    case noSecret(field: String?)

    var description: String {
        switch self {
        case .missingSignature(let header): "The \(header) header is missing."
        case .malformedSignature(let header): "The \(header) header is not a signature of the expected form."
        case .badSignature: "The signature does not match the payload."
        case .missingTimestamp(let header): "The \(header) header is missing or not a Unix time."
        case .staleTimestamp(let tolerance):
            "The signed timestamp is more than \(tolerance) seconds away from the server's time."
        case .noSecret(let field):
            "The connector has no webhook signing secret" + (field.map { " (credential field \($0))" } ?? "") + "."
        }
    }

    /// A short stable reason for audit details.
    var reason: String {
        switch self {
        case .missingSignature: "missing_signature"
        case .malformedSignature: "malformed_signature"
        case .badSignature: "bad_signature"
        case .missingTimestamp: "missing_timestamp"
        case .staleTimestamp: "stale_timestamp"
        case .noSecret: "no_secret"
        }
    }
}

/// Checks a delivery against a provider's signature scheme from the catalog (`WebhookScheme`). Every comparison of
/// a signature runs in constant time; timestamps must lie within the scheme's tolerance (default 300 s) of `now`,
/// in either direction.
struct WebhookVerifier: Sendable {
    static let defaultToleranceSeconds = 300

    let scheme: WebhookScheme
    /// The signing secret (for `ed25519`, the provider's public key in hex).
    let secret: String

    func verify(header: (String) -> String?, body: [UInt8], now: Date) -> WebhookRefusal? {
        let name = scheme.signatureHeader
        guard let value = header(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            return .missingSignature(header: name)
        }
        let key = Array(secret.utf8)
        switch scheme.kind {
        case .hmacSHA256, .hmacSHA1:
            var signature = Substring(value)
            if let prefix = scheme.prefix {
                guard signature.hasPrefix(prefix) else { return .malformedSignature(header: name) }
                signature = signature.dropFirst(prefix.count)
            }
            guard let given = Self.decode(signature, scheme.encoding ?? .hex) else {
                return .malformedSignature(header: name)
            }
            let expected = scheme.kind == .hmacSHA256
                ? MessageAuthentication.hmacSHA256(key: key, message: body)
                : MessageAuthentication.hmacSHA1(key: key, message: body)
            return MessageAuthentication.equal(given, expected) ? nil : .badSignature

        case .slack:
            let timestampHeader = scheme.timestampHeader ?? "X-Slack-Request-Timestamp"
            guard let timestamp = header(timestampHeader), let seconds = Int(timestamp) else {
                return .missingTimestamp(header: timestampHeader)
            }
            if let stale = checkTolerance(seconds, now: now) { return stale }
            let prefix = scheme.prefix ?? "v0="
            guard value.hasPrefix(prefix), let given = Self.decode(value.dropFirst(prefix.count), .hex) else {
                return .malformedSignature(header: name)
            }
            let expected = MessageAuthentication.hmacSHA256(key: key, message: Array("v0:\(timestamp):".utf8) + body)
            return MessageAuthentication.equal(given, expected) ? nil : .badSignature

        case .stripe, .paddle:
            // Stripe: `t=<unix>,v1=<hex>[,v1=…]` over `<t>.<body>`; Paddle: `ts=<unix>;h1=<hex>` over `<ts>:<body>`.
            let (separator, timeKey, signatureKey, joiner): (Character, String, String, String) =
                scheme.kind == .stripe ? (",", "t", "v1", ".") : (";", "ts", "h1", ":")
            var timestamp: String?
            var signatures: [[UInt8]] = []
            for part in value.split(separator: separator) {
                let pair = part.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                let field = pair[0].trimmingCharacters(in: .whitespaces)
                if field == timeKey { timestamp = String(pair[1]) }
                if field == signatureKey, let bytes = Self.decode(pair[1], .hex) { signatures.append(bytes) }
            }
            guard let timestamp, let seconds = Int(timestamp) else { return .missingTimestamp(header: name) }
            guard !signatures.isEmpty else { return .malformedSignature(header: name) }
            if let stale = checkTolerance(seconds, now: now) { return stale }
            let expected = MessageAuthentication.hmacSHA256(
                key: key, message: Array("\(timestamp)\(joiner)".utf8) + body)
            // Every candidate is compared (a rolled secret sends two), so the time does not tell which matched.
            let matches = signatures.reduce(false) { $0 || MessageAuthentication.equal($1, expected) }
            return matches ? nil : .badSignature

        case .svix:
            // `svix-signature: v1,<base64> [v1,<base64>…]` over `<svix-id>.<svix-timestamp>.<body>`, keyed with the
            // base64 part of a `whsec_` secret.
            let timestampHeader = scheme.timestampHeader ?? "svix-timestamp"
            guard let timestamp = header(timestampHeader), let seconds = Int(timestamp) else {
                return .missingTimestamp(header: timestampHeader)
            }
            if let stale = checkTolerance(seconds, now: now) { return stale }
            let id = header("svix-id") ?? header("webhook-id") ?? ""
            let secretPart = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
            guard let svixKey = Self.decode(Substring(secretPart), .base64) else {
                return .noSecret(field: scheme.secretField)
            }
            let expected = MessageAuthentication.hmacSHA256(
                key: svixKey, message: Array("\(id).\(timestamp).".utf8) + body)
            let signatures = value.split(separator: " ").compactMap { part -> [UInt8]? in
                guard part.hasPrefix("v1,") else { return nil }
                return Self.decode(part.dropFirst(3), .base64)
            }
            guard !signatures.isEmpty else { return .malformedSignature(header: name) }
            return signatures.reduce(false) { $0 || MessageAuthentication.equal($1, expected) } ? nil : .badSignature

        case .ed25519:
            let timestampHeader = scheme.timestampHeader ?? "X-Signature-Timestamp"
            guard let timestamp = header(timestampHeader), let seconds = Int(timestamp) else {
                return .missingTimestamp(header: timestampHeader)
            }
            if let stale = checkTolerance(seconds, now: now) { return stale }
            guard let signature = Self.decode(Substring(value), .hex) else { return .malformedSignature(header: name) }
            guard let publicKey = Self.decode(Substring(secret), .hex) else {
                return .noSecret(field: scheme.secretField)
            }
            let valid = MessageAuthentication.verifyEd25519(
                signature: signature, message: Array(timestamp.utf8) + body, publicKey: publicKey)
            return valid ? nil : .badSignature

        case .token:
            return MessageAuthentication.equal(Array(value.utf8), key) ? nil : .badSignature
        }
    }

    /// Nil when `seconds` (a Unix time) is within the tolerance of `now`.
    private func checkTolerance(_ seconds: Int, now: Date) -> WebhookRefusal? {
        let tolerance = scheme.toleranceSeconds ?? Self.defaultToleranceSeconds
        let skew = abs(now.timeIntervalSince1970 - Double(seconds))
        return skew <= Double(tolerance) ? nil : .staleTimestamp(toleranceSeconds: tolerance)
    }

    static func decode(_ text: Substring, _ encoding: WebhookScheme.Encoding) -> [UInt8]? {
        switch encoding {
        case .hex:
            let digits = Array(text.utf8)
            guard digits.count % 2 == 0, !digits.isEmpty, digits.count <= 1024 else { return nil }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(digits.count / 2)
            var index = 0
            while index < digits.count {
                guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
                bytes.append(high << 4 | low)
                index += 2
            }
            return bytes
        case .base64:
            guard !text.isEmpty, text.utf8.count <= 1024 else { return nil }
            var padded = String(text)
            padded += String(repeating: "=", count: (4 - padded.count % 4) % 4)
            return Data(base64Encoded: padded).map { Array($0) }
        }
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
