import Foundation
import Testing
@testable import SwitchboardCrypto

@Suite("OAuthSecrets: PKCE and states")
struct OAuthSecretsTests {
    @Test("the S256 challenge of RFC 7636 appendix B")
    func rfc7636AppendixB() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        #expect(OAuthSecrets.isValidCodeVerifier(verifier))
        #expect(OAuthSecrets.codeChallengeS256(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test("verifiers are 43 characters of the unreserved set, each new")
    func verifiers() {
        let verifiers = (0..<50).map { _ in OAuthSecrets.newCodeVerifier() }
        #expect(Set(verifiers).count == 50)
        for verifier in verifiers {
            #expect(verifier.count == 43)
            #expect(OAuthSecrets.isValidCodeVerifier(verifier))
        }
        #expect(!OAuthSecrets.isValidCodeVerifier(String(repeating: "a", count: 42)))
        #expect(OAuthSecrets.isValidCodeVerifier(String(repeating: "a", count: 128)))
        #expect(!OAuthSecrets.isValidCodeVerifier(String(repeating: "a", count: 129)))
        #expect(!OAuthSecrets.isValidCodeVerifier(String(repeating: "a", count: 42) + "+"))
    }

    @Test("states are 43 base64url characters; their hash is SHA-256 in hex")
    func states() {
        let states = (0..<50).map { _ in OAuthSecrets.newState() }
        #expect(Set(states).count == 50)
        #expect(states.allSatisfy(OAuthSecrets.isWellFormedState))
        #expect(!OAuthSecrets.isWellFormedState(""))
        #expect(!OAuthSecrets.isWellFormedState(String(repeating: "a", count: 42) + "="))
        #expect(OAuthSecrets.stateHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(OAuthSecrets.stateHash(states[0]) != OAuthSecrets.stateHash(states[1]))
    }
}
