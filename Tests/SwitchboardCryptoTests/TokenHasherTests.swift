import Foundation
import Testing
@testable import SwitchboardCrypto

@Suite("TokenHasher and fingerprints")
struct TokenHasherTests {
    @Test("hashes match the known answer (crypto_kdf subkey 1, context sbtoken, keyed BLAKE2b-256)")
    func knownAnswer() throws {
        // Computed independently with Python's hashlib.blake2b, following libsodium's crypto_kdf definition.
        let hasher = TokenHasher(master: try masterKey())
        #expect(hasher.hash("sbt_example-token") == "3263aafc010956ca1de1fb303aff95c53a18366a2ae7491fc6fe99525aed4e93")
        let derived = try TokenHasher(
            key: SecureBytes(copying: Data(hexString: "f8cde85ffacddf8b2f4d8f69b0725cf49c6891a430b25fe64239f7ce54b479fe")))
        #expect(derived.hash("sbt_example-token") == hasher.hash("sbt_example-token"))
    }

    @Test("hashes are deterministic per key and differ across tokens and master keys")
    func hashing() throws {
        let hasher = TokenHasher(master: MasterKey.generate())
        let token = TokenHasher.generateToken()
        #expect(hasher.hash(token) == hasher.hash(token))
        #expect(hasher.hash(token).count == 64)
        #expect(hasher.hash(token) != hasher.hash(token + "x"))
        #expect(TokenHasher(master: MasterKey.generate()).hash(token) != hasher.hash(token))
        #expect(hasher.matches(token, storedHash: hasher.hash(token)))
        #expect(!hasher.matches(token + "x", storedHash: hasher.hash(token)))
        #expect(!hasher.matches(token, storedHash: ""))
    }

    @Test("tokens are the prefix and 43 base64url characters of 32 random bytes")
    func tokens() {
        let tokens = (0..<100).map { _ in TokenHasher.generateToken() }
        #expect(Set(tokens).count == 100)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for token in tokens {
            #expect(token.hasPrefix("sbt_"))
            let body = token.dropFirst(4)
            #expect(body.count == 43)
            #expect(body.allSatisfy { alphabet.contains($0) })
        }
        #expect(TokenHasher.generateToken(prefix: "sba_").hasPrefix("sba_"))
    }

    @Test("a token hash key must have 32 bytes")
    func keyLength() {
        #expect(throws: CryptoError.self) { try TokenHasher(key: SecureBytes(randomCount: 16)) }
    }

    @Test("constant-time comparison")
    func constantTime() {
        #expect(constantTimeEquals("abc", "abc"))
        #expect(!constantTimeEquals("abc", "abd"))
        #expect(!constantTimeEquals("abc", "abcd"))
        #expect(constantTimeEquals("", ""))
        #expect(constantTimeEquals(Data([1, 2]), Data([1, 2])))
        #expect(!constantTimeEquals(Data([1, 2]), Data([1, 3])))
    }

    @Test("fingerprints match the known answer and tell keys apart")
    func fingerprints() throws {
        // hashlib.blake2b(key, digest_size=32, person=b"switchboard-fpr1").hexdigest()[:16]
        let master = try masterKey()
        #expect(master.fingerprint == "04cfc16eb25c78c2")
        #expect(fingerprint(of: master.bytes) == "04cfc16eb25c78c2")
        #expect(MasterKey.generate().fingerprint != master.fingerprint)
        #expect(MasterKey.generate().fingerprint.count == 16)
    }
}

extension Data {
    init(hexString: String) {
        var bytes: [UInt8] = []
        var index = hexString.startIndex
        while index < hexString.endIndex {
            let next = hexString.index(index, offsetBy: 2)
            bytes.append(UInt8(hexString[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }
}
