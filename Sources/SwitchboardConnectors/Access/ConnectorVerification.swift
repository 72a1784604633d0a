import Foundation
import SwitchboardCatalog
import SwitchboardGraphQL

/// The outcome of one verification: what `verifyConnector` returns and what is stored on the connector.
struct VerificationOutcome: Sendable, Equatable {
    var success: Bool
    /// The connector's status after the check.
    var status: ConnectorStatus
    /// Why it failed: made here from fixed phrases and the HTTP status, never from a secret or the provider's body.
    var reason: String?
    /// The HTTP status the provider answered with; nil when there was no answer or no call.
    var httpStatus: Int?

    static func succeeded(httpStatus: Int?) -> VerificationOutcome {
        VerificationOutcome(success: true, status: .active, reason: nil, httpStatus: httpStatus)
    }

    static func failed(_ status: ConnectorStatus, _ reason: String, httpStatus: Int? = nil) -> VerificationOutcome {
        VerificationOutcome(success: false, status: status, reason: reason, httpStatus: httpStatus)
    }
}

/// Checks a connector's credentials with its provider: the catalog's verification request (method, URL, where the
/// credential goes: all data) filled in with the resolved credentials and the connector's config, sent with the
/// server's HTTP client within the configured timeout, and judged by its status (and success field).
///
/// - success (an expected status, and the success field `true` where the catalog names one): ACTIVE;
/// - the provider refuses the credentials (401, 403, or an expected status whose success field is not `true`):
///   FAILED;
/// - anything else (another status, a timeout, no connection): ERROR;
/// - values missing to build the request (no credentials, an incomplete form, no OAuth token yet): PENDING, without
///   a call.
///
/// Providers whose catalog entry has no verification request, or a non-HTTP one (`POSTGRES` connection strings),
/// are VERIFICATION_UNSUPPORTED: nothing is called and the connector is left as it is.
enum ConnectorVerification {
    /// Why `verifyConnector` cannot check a provider at all.
    static func unsupported(_ provider: Provider) -> ConnectorError? {
        guard let verification = provider.verification else {
            return ConnectorError(
                .verificationUnsupported,
                "\(provider.name) cannot be verified: the catalog has no verification request for it.")
        }
        guard verification.kind == .http else {
            return ConnectorError(
                .verificationUnsupported,
                "\(provider.name) cannot be verified: its verification (\(verification.kind.rawValue)) is not an HTTP "
                    + "request.")
        }
        return nil
    }

    /// Sends the verification request of `provider` (endpoint overrides applied) with `values` and judges the
    /// answer. Never throws: every failure is an outcome.
    static func check(
        _ provider: Provider, values: [String: String], accessToken: String?, configuration: ProviderConfiguration,
        http: any ProviderHTTPClient
    ) async -> VerificationOutcome {
        let provider = configuration.applyingEndpoints(to: provider)
        if provider.authType == .oauth2, accessToken == nil {
            return .failed(.pending, "\(provider.name) is not connected yet: there is no OAuth access token.")
        }
        let prepared: PreparedRequest
        do {
            guard let request = try provider.prepareVerification(values: values, accessToken: accessToken) else {
                return .failed(.error, "\(provider.name) has no verification request.")
            }
            prepared = request
        } catch {
            switch error {
            case .missingValue(let field):
                return .failed(.pending, "The credentials lack a value for \(field).")
            case .invalidValue(let field):
                return .failed(.error, "The value of \(field) cannot be used in a request.")
            }
        }
        // A host chosen by the tenant's own value (`{baseUrl}/…`) may not be the server's network.
        if !configuration.allowPrivateNetworks, provider.verification?.url.hasPrefix("{") == true,
            let refusal = await PrivateNetworkGuard.refusal(prepared.url)
        {
            return .failed(.error, refusal)
        }
        let request = OutboundRequest(
            method: prepared.method, url: prepared.url,
            headers: prepared.headers.sorted { $0.key < $1.key }.map { HTTPHeader(name: $0.key, value: $0.value) },
            body: prepared.body.map { Array($0.utf8) } ?? [], timeout: configuration.verificationTimeout)
        let response: OutboundResponse
        do {
            response = try await http.send(request)
        } catch let error as ProviderHTTPError {
            return .failed(.error, error.message + ".")
        } catch {
            return .failed(.error, "Could not reach the provider.")
        }
        return judge(response, expected: prepared.expectedStatus, successField: prepared.successField)
    }

    /// The outcome of the provider's answer. The body is read only for the success field, and never quoted.
    static func judge(_ response: OutboundResponse, expected: [Int], successField: String?) -> VerificationOutcome {
        let status = response.status
        if expected.contains(status) {
            guard let successField else { return .succeeded(httpStatus: status) }
            if field(successField, in: response.body) == true { return .succeeded(httpStatus: status) }
            return .failed(
                .failed, "The provider answered HTTP \(status) without \(successField): true.", httpStatus: status)
        }
        switch status {
        case 401, 403:
            return .failed(.failed, "The provider refused the credentials (HTTP \(status)).", httpStatus: status)
        case 300..<400:
            return .failed(.error, "The provider redirected elsewhere (HTTP \(status)).", httpStatus: status)
        case 429:
            return .failed(.error, "The provider is rate limiting (HTTP 429).", httpStatus: status)
        default:
            return .failed(.error, "The provider answered HTTP \(status).", httpStatus: status)
        }
    }

    /// The boolean at the dotted `path` of a JSON body; nil when it is not there or not a boolean.
    static func field(_ path: String, in body: [UInt8]) -> Bool? {
        guard let json = try? parseJSON(String(decoding: body, as: UTF8.self)) else { return nil }
        var value = json
        for key in path.split(separator: ".") {
            guard case .object(let object) = value, let next = object[String(key)] else { return nil }
            value = next
        }
        if case .boolean(let bool) = value { return bool }
        return nil
    }

    /// The values a verification request is filled in with: the connector's config (its string, number and boolean
    /// values, by key), then the resolved credentials over them.
    static func values(config: GraphQLValue?, credentials: [String: String]) -> [String: String] {
        var values: [String: String] = [:]
        if case .object(let object)? = config {
            for (key, value) in object {
                switch value {
                case .string(let text): values[key] = text
                case .int(let number): values[key] = String(number)
                case .float(let number): values[key] = String(number)
                case .boolean(let bool): values[key] = String(bool)
                default: continue
                }
            }
        }
        values.merge(credentials) { _, credential in credential }
        return values
    }
}
