import Foundation
import SwitchboardCatalog

/// Requests to a provider's token endpoint (RFC 6749 §4.1.3 and §6), shaped by the catalog: client
/// authentication in the body (`client_secret_post`, the default) or as HTTP Basic, a form or JSON body, and the
/// provider's extra headers (GitHub's `Accept: application/json`).
enum TokenRequests {
    /// How long a token endpoint may take to answer.
    static let timeout: Duration = .seconds(15)

    /// The exchange of an authorization code, with the PKCE verifier when the flow used one.
    static func authorizationCode(
        _ code: String, verifier: String?, redirectURI: String, client: OAuthClient, oauth: OAuthSettings,
        tokenURL: String
    ) -> TokenEndpointRequest {
        var parameters = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)]
        if let verifier { parameters.append(("code_verifier", verifier)) }
        return request(parameters, client: client, oauth: oauth, tokenURL: tokenURL)
    }

    /// A refresh grant.
    static func refresh(
        _ refreshToken: String, client: OAuthClient, oauth: OAuthSettings, tokenURL: String
    ) -> TokenEndpointRequest {
        request(
            [("grant_type", "refresh_token"), ("refresh_token", refreshToken)], client: client, oauth: oauth,
            tokenURL: tokenURL)
    }

    private static func request(
        _ grant: [(String, String)], client: OAuthClient, oauth: OAuthSettings, tokenURL: String
    ) -> TokenEndpointRequest {
        var parameters = grant
        var headers: [(name: String, value: String)] = []
        switch oauth.clientAuthentication {
        case .post:
            parameters.append(("client_id", client.clientID))
            if let secret = client.clientSecret { parameters.append(("client_secret", secret)) }
        case .basic:
            if let secret = client.clientSecret {
                // RFC 6749 §2.3.1: each part form-encoded before the Basic scheme's base64.
                let credentials = formEncode(client.clientID) + ":" + formEncode(secret)
                headers.append(("Authorization", "Basic " + Data(credentials.utf8).base64EncodedString()))
            } else {
                parameters.append(("client_id", client.clientID))
            }
        }
        let body: [UInt8]
        switch oauth.tokenRequestFormat {
        case .form:
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Array(parameters.map { formEncode($0.0) + "=" + formEncode($0.1) }.joined(separator: "&").utf8)
        case .json:
            headers.append(("Content-Type", "application/json"))
            let object = Dictionary(parameters, uniquingKeysWith: { first, _ in first })
            body = Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
        }
        for (name, value) in oauth.tokenRequestHeaders.sorted(by: { $0.key < $1.key }) {
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
        if !headers.contains(where: { $0.name.lowercased() == "accept" }) {
            headers.append(("Accept", "application/json"))
        }
        return TokenEndpointRequest(url: tokenURL, headers: headers, body: body)
    }

    /// `application/x-www-form-urlencoded` encoding of one name or value: unreserved characters as they are,
    /// everything else percent-encoded (spaces too, which every server reads).
    static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        // alphanumerics holds non-ASCII letters too: keep only ASCII as it is.
        return value.unicodeScalars.map { scalar -> String in
            if scalar.isASCII, allowed.contains(scalar) { return String(scalar) }
            return String(scalar).utf8.map { String(format: "%%%02X", $0) }.joined()
        }.joined()
    }
}
