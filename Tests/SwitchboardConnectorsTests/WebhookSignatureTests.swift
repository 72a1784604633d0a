import Foundation
import SwitchboardCatalog
@testable import SwitchboardConnectors
import Testing

/// Webhook signature schemes against published examples (GitHub's, Slack's and Svix's documentation) and vectors
/// computed with Python's hmac, with the catalog's own schemes.
@Suite struct WebhookSignatureTests {
    let catalog = try! ProviderCatalog.bundled()

    func scheme(_ provider: String) -> WebhookScheme { catalog.provider(id: provider)!.webhook! }

    func verify(
        _ provider: String, secret: String, headers: [String: String], body: String, now: TimeInterval = 1_700_000_000
    ) -> WebhookRefusal? {
        let lowered = Dictionary(uniqueKeysWithValues: headers.map { ($0.key.lowercased(), $0.value) })
        return WebhookVerifier(scheme: scheme(provider), secret: secret)
            .verify(header: { lowered[$0.lowercased()] }, body: Array(body.utf8), now: Date(timeIntervalSince1970: now))
    }

    @Test func gitHubsPublishedExample() {
        let secret = "It's a Secret to Everybody"
        let good = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        #expect(verify("github", secret: secret, headers: ["X-Hub-Signature-256": good], body: "Hello, World!") == nil)
        #expect(verify("github", secret: secret, headers: ["X-Hub-Signature-256": good], body: "Hello, World?")
            == .badSignature)
        #expect(verify("github", secret: "other", headers: ["X-Hub-Signature-256": good], body: "Hello, World!")
            == .badSignature)
        #expect(verify("github", secret: secret, headers: [:], body: "Hello, World!")
            == .missingSignature(header: "X-Hub-Signature-256"))
        #expect(verify("github", secret: secret, headers: ["X-Hub-Signature-256": String(good.dropFirst(7))],
                       body: "Hello, World!") == .malformedSignature(header: "X-Hub-Signature-256"))
        #expect(verify("github", secret: secret, headers: ["X-Hub-Signature-256": "sha256=zz"], body: "x")
            == .malformedSignature(header: "X-Hub-Signature-256"))
        // Upper-case hex is the same signature.
        #expect(verify("github", secret: secret, headers: ["X-Hub-Signature-256": "sha256=" + good.dropFirst(7).uppercased()],
                       body: "Hello, World!") == nil)
    }

    @Test func slacksPublishedExampleWithinItsTolerance() {
        let body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
        let headers = [
            "X-Slack-Request-Timestamp": "1531420618",
            "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
        ]
        let secret = "8f742231b10e8888abcd99yyyzzz85a5"
        #expect(verify("slack", secret: secret, headers: headers, body: body, now: 1_531_420_618 + 299) == nil)
        #expect(verify("slack", secret: secret, headers: headers, body: body, now: 1_531_420_618 - 299) == nil)
        #expect(verify("slack", secret: secret, headers: headers, body: body, now: 1_531_420_618 + 301)
            == .staleTimestamp(toleranceSeconds: 300))
        var moved = headers
        moved["X-Slack-Request-Timestamp"] = "1531420619"
        #expect(verify("slack", secret: secret, headers: moved, body: body, now: 1_531_420_618) == .badSignature)
        var noTime = headers
        noTime["X-Slack-Request-Timestamp"] = nil
        #expect(verify("slack", secret: secret, headers: noTime, body: body, now: 1_531_420_618)
            == .missingTimestamp(header: "X-Slack-Request-Timestamp"))
    }

    @Test func stripesTimestampedSchemeWithTolerance() {
        let body = #"{"action":"opened","number":1}"#
        let v1 = "906fd6572cd8369082f1aef63ee9ed0c9bd0c9baac6e06233c2a9edcae8c7be8"
        let secret = "whsec_test"
        #expect(verify("stripe", secret: secret, headers: ["Stripe-Signature": "t=1700000000,v1=\(v1)"], body: body) == nil)
        // A rolled secret sends two v1 signatures; a v0 (test mode) one is not accepted alone.
        #expect(verify("stripe", secret: secret, headers: ["Stripe-Signature": "t=1700000000,v1=\(String(repeating: "0", count: 64)),v1=\(v1)"],
                       body: body) == nil)
        #expect(verify("stripe", secret: secret, headers: ["Stripe-Signature": "t=1700000000,v0=\(v1)"], body: body)
            == .malformedSignature(header: "Stripe-Signature"))
        #expect(verify("stripe", secret: secret, headers: ["Stripe-Signature": "t=1700000000,v1=\(v1)"], body: body,
                       now: 1_700_000_301) == .staleTimestamp(toleranceSeconds: 300))
        #expect(verify("stripe", secret: secret, headers: ["Stripe-Signature": "t=1700000001,v1=\(v1)"], body: body)
            == .badSignature)
        #expect(verify("stripe", secret: secret, headers: ["Stripe-Signature": "v1=\(v1)"], body: body)
            == .missingTimestamp(header: "Stripe-Signature"))
    }

    @Test func paddleSvixHmacSHA1AndTokenSchemes() {
        let body = #"{"action":"opened","number":1}"#
        // Paddle's tolerance is the catalog's (5 s).
        let paddle = "ts=1700000000;h1=cb50714370cee78664d730ea5399836b970259a511a1d53a85096c4cf3fe1a83"
        #expect(verify("paddle", secret: "pdl_secret", headers: ["Paddle-Signature": paddle], body: body) == nil)
        #expect(verify("paddle", secret: "pdl_secret", headers: ["Paddle-Signature": paddle], body: body,
                       now: 1_700_000_006) == .staleTimestamp(toleranceSeconds: 5))
        // Svix's documentation example (Resend and Clerk sign this way).
        let svix = [
            "svix-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "svix-timestamp": "1614265330",
            "svix-signature": "v1,bm9ub3Nl v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        ]
        #expect(verify("resend", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", headers: svix,
                       body: #"{"test": 2432232314}"#, now: 1_614_265_330) == nil)
        #expect(verify("resend", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", headers: svix,
                       body: #"{"test": 2432232315}"#, now: 1_614_265_330) == .badSignature)
        // HMAC-SHA1, hex without prefix (Vercel).
        #expect(verify("vercel", secret: "vercel_secret",
                       headers: ["x-vercel-signature": "518bcbfcb6d4d194ccf4ded118a474642c19b183"], body: body) == nil)
        #expect(verify("vercel", secret: "vercel_secret",
                       headers: ["x-vercel-signature": "518bcbfcb6d4d194ccf4ded118a474642c19b184"], body: body)
            == .badSignature)
        // A shared token (GitLab).
        #expect(verify("gitlab", secret: "glsecret", headers: ["X-Gitlab-Token": "glsecret"], body: body) == nil)
        #expect(verify("gitlab", secret: "glsecret", headers: ["X-Gitlab-Token": "glsecreT"], body: body) == .badSignature)
    }

    @Test func refusalsSayWhatIsWrongWithoutSecrets() {
        for refusal: WebhookRefusal in [
            .missingSignature(header: "X"), .malformedSignature(header: "X"), .badSignature,
            .missingTimestamp(header: "T"), .staleTimestamp(toleranceSeconds: 300), .noSecret(field: "webhookSecret"),
        ] {
            #expect(!refusal.description.isEmpty && !refusal.reason.isEmpty)
        }
    }

    @Test func deliveryIDsComeFromHeadersTheBodyOrItsHash() {
        let github = catalog.provider(id: "github")!.webhook!
        let stripe = catalog.provider(id: "stripe")!.webhook!
        let fromHeader = WebhookDelivery(
            scheme: github, header: { $0 == "x-github-delivery" ? "72d3162e" : $0 == "x-github-event" ? "push" : nil },
            body: Array(#"{"zen":"x"}"#.utf8))
        #expect(fromHeader.id == "72d3162e" && fromHeader.eventType == "push" && fromHeader.jsonText == #"{"zen":"x"}"#)
        let fromBody = WebhookDelivery(scheme: stripe, header: { _ in nil },
                                       body: Array(#"{"id":"evt_1","type":"charge.succeeded"}"#.utf8))
        #expect(fromBody.id == "evt_1" && fromBody.eventType == "charge.succeeded")
        let hashed = WebhookDelivery(scheme: github, header: { _ in nil }, body: [0xff, 0x00, 0x01])
        #expect(hashed.id.hasPrefix("sha256:") && hashed.id.count == 7 + 64 && hashed.jsonText == nil)
        let nul = WebhookDelivery(scheme: github, header: { _ in nil }, body: Array(#"{"a":"\u0000"}"#.utf8))
        #expect(nul.jsonText == nil)
    }
}
