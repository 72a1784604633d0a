import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import Testing

@Suite("OAuth: token responses, token requests, return URLs")
struct OAuthParsingTests {
    let catalog: ProviderCatalog

    init() throws {
        catalog = try ProviderCatalog.bundled()
    }

    func hints(_ providerID: String) throws -> TokenResponseHints {
        try #require(catalog.provider(id: providerID)?.oauth).tokenResponse
    }

    func parse(
        _ body: String, status: Int = 200, contentType: String? = "application/json", provider: String = "gitlab"
    ) throws -> OAuthTokenGrant {
        try OAuthTokenResponse.parse(
            status: status, contentType: contentType, body: Array(body.utf8), hints: try hints(provider))
    }

    func failure(
        _ body: String, status: Int = 200, contentType: String? = "application/json", provider: String = "gitlab"
    ) throws -> OAuthFailure {
        do {
            let grant = try parse(body, status: status, contentType: contentType, provider: provider)
            Issue.record("parsed \(grant) where a failure was expected")
            return OAuthFailure(code: "", detail: "")
        } catch let failure as OAuthFailure {
            return failure
        }
    }

    @Test("a standard JSON response: tokens, expiry, scopes")
    func standard() throws {
        let grant = try parse(
            #"{"access_token":"at-1","refresh_token":"rt-1","expires_in":3600,"token_type":"bearer","scope":"api read_user"}"#)
        #expect(grant == OAuthTokenGrant(
            accessToken: "at-1", refreshToken: "rt-1", expiresIn: 3600, scopes: ["api", "read_user"], userAccessToken: nil))
        // expires_in as a string, and no refresh token.
        let other = try parse(#"{"access_token":"at-2","expires_in":"120"}"#)
        #expect(other.expiresIn == 120 && other.refreshToken == nil && other.scopes == nil)
        // An absurd lifetime is ignored rather than trusted.
        #expect(try parse(#"{"access_token":"at-3","expires_in":-5}"#).expiresIn == nil)
    }

    @Test("GitHub's form-encoded answer (no Accept: application/json)")
    func formEncoded() throws {
        let grant = try parse(
            "access_token=gho_abc&scope=repo%2Cread%3Auser&token_type=bearer",
            contentType: "application/x-www-form-urlencoded; charset=utf-8", provider: "github")
        #expect(grant.accessToken == "gho_abc")
        #expect(grant.scopes == ["repo", "read:user"])
        let refused = try failure(
            "error=bad_verification_code&error_description=The+code+is+incorrect",
            contentType: "application/x-www-form-urlencoded", provider: "github")
        #expect(refused.code == "bad_verification_code")
    }

    @Test("Slack's shape: ok, the bot token at the top, the user's token nested")
    func slack() throws {
        let grant = try parse(
            #"{"ok":true,"access_token":"xoxb-1","token_type":"bot","scope":"chat:write,channels:read","authed_user":{"id":"U1","access_token":"xoxp-1"},"refresh_token":"xoxe-1","expires_in":43200}"#,
            provider: "slack")
        #expect(grant.accessToken == "xoxb-1")
        #expect(grant.userAccessToken == "xoxp-1")
        #expect(grant.refreshToken == "xoxe-1")
        #expect(grant.scopes == ["chat:write", "channels:read"])
        // A user-only install has no bot token: the user's token is the access token.
        #expect(try parse(#"{"ok":true,"authed_user":{"access_token":"xoxp-2"}}"#, provider: "slack").accessToken
            == "xoxp-2")
        // Errors come with status 200 and ok false.
        let refused = try failure(#"{"ok":false,"error":"invalid_code"}"#, provider: "slack")
        #expect(refused.code == "invalid_code")
        #expect(try failure(#"{"ok":false}"#, provider: "slack").code == OAuthFailure.tokenRequestFailed)
    }

    @Test("errors: invalid_grant, 5xx, garbage, no token; codes from the provider are checked")
    func errors() throws {
        let invalid = try failure(#"{"error":"invalid_grant","error_description":"expired"}"#, status: 400)
        #expect(invalid.code == "invalid_grant" && invalid.grantIsGone)
        #expect(try failure("<html>oops</html>", status: 502, contentType: "text/html").code
            == OAuthFailure.providerUnavailable)
        #expect(try failure("<html>ok</html>", contentType: "text/html").code == OAuthFailure.invalidTokenResponse)
        #expect(try failure(#"{"token_type":"bearer"}"#).code == OAuthFailure.invalidTokenResponse)
        // An error value that is not an RFC 6749 code never reaches a redirect or a log.
        #expect(try failure(#"{"error":"<script>alert(1)</script>"}"#, status: 400).code
            == OAuthFailure.tokenRequestFailed)
        let huge = String(repeating: "a", count: OAuthTokenResponse.maximumTokenLength + 1)
        #expect(try failure(#"{"access_token":"\#(huge)"}"#).code == OAuthFailure.invalidTokenResponse)
        // Failures describe themselves without the body.
        let secretBody = #"{"error":"invalid_grant","refresh_token":"rt-secret"}"#
        #expect(!(try failure(secretBody, status: 400)).description.contains("rt-secret"))
    }

    @Test("token requests: client_secret_post by default, HTTP Basic and JSON where the catalog says")
    func tokenRequests() throws {
        let client = OAuthClient(clientID: "client id", clientSecret: "s3cret&=")
        let gitlab = try #require(catalog.provider(id: "gitlab")?.oauth)
        let post = TokenRequests.authorizationCode(
            "the code", verifier: "v", redirectURI: "https://sb.example/oauth/callback", client: client,
            oauth: gitlab, tokenURL: "https://gitlab.example/oauth/token")
        let form = String(decoding: post.body, as: UTF8.self)
        #expect(form == "grant_type=authorization_code&code=the%20code&redirect_uri=https%3A%2F%2Fsb.example%2Foauth%2Fcallback&code_verifier=v&client_id=client%20id&client_secret=s3cret%26%3D")
        #expect(post.headers.contains { $0.name == "Content-Type" && $0.value == "application/x-www-form-urlencoded" })
        #expect(post.headers.contains { $0.name == "Accept" && $0.value == "application/json" })

        let bitbucket = try #require(catalog.provider(id: "bitbucket")?.oauth)
        let basic = TokenRequests.refresh("rt", client: client, oauth: bitbucket, tokenURL: "https://b.example/token")
        #expect(String(decoding: basic.body, as: UTF8.self) == "grant_type=refresh_token&refresh_token=rt")
        let expected = "Basic " + Data("client%20id:s3cret%26%3D".utf8).base64EncodedString()
        #expect(basic.headers.contains { $0.name == "Authorization" && $0.value == expected })

        let notion = try #require(catalog.provider(id: "notion")?.oauth)
        let json = TokenRequests.refresh("rt", client: client, oauth: notion, tokenURL: "https://n.example/token")
        let object = try JSONSerialization.jsonObject(with: Data(json.body)) as? [String: String]
        #expect(object == ["grant_type": "refresh_token", "refresh_token": "rt"])

        let github = try #require(catalog.provider(id: "github")?.oauth)
        let accept = TokenRequests.refresh("rt", client: client, oauth: github, tokenURL: "https://g.example/token")
        #expect(accept.headers.filter { $0.name.lowercased() == "accept" }.map(\.value) == ["application/json"])
    }

    @Test("return URLs: absolute http(s) only, origins normalized")
    func origins() {
        #expect(OAuthStart.origin(of: "https://App.Example.com/done?x=1") == "https://app.example.com")
        #expect(OAuthStart.origin(of: "https://app.example.com:443/done") == "https://app.example.com")
        #expect(OAuthStart.origin(of: "http://127.0.0.1:8000/") == "http://127.0.0.1:8000")
        for bad in ["/relative", "javascript:alert(1)", "https://user:pw@app.example.com/", "ftp://x.example/",
                    "https:///nohost", "//app.example.com/x", "https://app.example.com/a b", "https:\\\\evil.example"] {
            #expect(OAuthStart.origin(of: bad) == nil, "\(bad)")
        }
    }

    @Test("the callback's redirect adds the outcome to the return URL's query, before its fragment")
    func redirects() {
        func location(_ url: String) -> String? {
            OAuthCallback.redirect(url, [("status", "connected"), ("connectorId", "tc_1")]).headers
                .first { $0.name == "location" }?.value
        }
        #expect(location("https://app.example/done") == "https://app.example/done?status=connected&connectorId=tc_1")
        #expect(location("https://app.example/done?x=1#top")
            == "https://app.example/done?x=1&status=connected&connectorId=tc_1#top")
        #expect(OAuthCallback.redirect("https://app.example/", []).status == 302)
    }
}
