import Foundation
import SwitchboardCrypto
import Testing

/// The webhook primitives against known vectors (RFC 4231, RFC 2202, FIPS 180 and Python's hmac/hashlib).
@Suite struct MessageAuthenticationTests {
    let fox = Array("The quick brown fox jumps over the lazy dog".utf8)

    @Test func hmacSHA256MatchesKnownVectors() {
        #expect(MessageAuthentication.hex(MessageAuthentication.hmacSHA256(key: Array("key".utf8), message: fox))
            == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
        // RFC 4231 test case 6: a key longer than the block.
        let key = [UInt8](repeating: 0xaa, count: 131)
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        #expect(MessageAuthentication.hex(MessageAuthentication.hmacSHA256(key: key, message: message))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func hmacSHA1MatchesKnownVectors() {
        #expect(MessageAuthentication.hex(MessageAuthentication.hmacSHA1(key: Array("key".utf8), message: fox))
            == "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9")
        #expect(MessageAuthentication.hex(MessageAuthentication.hmacSHA1(
            key: [UInt8](repeating: UInt8(ascii: "k"), count: 100), message: []))
            == "10e662acd95fe69433326f84609dcfad9e5cb1d1")
        // RFC 2202 test case 1.
        #expect(MessageAuthentication.hex(MessageAuthentication.hmacSHA1(
            key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
            == "b617318655057264e28bc0b6fb378c8ef146be00")
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(MessageAuthentication.hex(MessageAuthentication.sha256(Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(MessageAuthentication.hex(MessageAuthentication.sha256([]))
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func ed25519VerifiesRFC8032TestVector1() {
        func bytes(_ hex: String) -> [UInt8] {
            var result: [UInt8] = []
            var index = hex.startIndex
            while index < hex.endIndex {
                let next = hex.index(index, offsetBy: 2)
                result.append(UInt8(hex[index..<next], radix: 16)!)
                index = next
            }
            return result
        }
        let publicKey = bytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let signature = bytes(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        #expect(MessageAuthentication.verifyEd25519(signature: signature, message: [], publicKey: publicKey))
        #expect(!MessageAuthentication.verifyEd25519(signature: signature, message: [0], publicKey: publicKey))
        #expect(!MessageAuthentication.verifyEd25519(signature: [1, 2], message: [], publicKey: publicKey))
    }

    @Test func randomSecretsAre43Base64URLCharactersAndDiffer() {
        let a = MessageAuthentication.randomBase64URL()
        let b = MessageAuthentication.randomBase64URL()
        #expect(a.count == 43 && b.count == 43 && a != b)
        #expect(a.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }
}
