import Foundation
import Testing
@testable import SwitchboardCrypto

@Suite("CredentialCipher")
struct CredentialCipherTests {
    let key: TenantDataKey

    init() throws {
        key = try TenantDataKey.generate(version: 2)
    }

    func seal(_ text: String = "sk_live_51Habcdef123456") -> SealedValue {
        CredentialCipher.seal(text, key: key, tenantID: "tenant-a", connectorID: "conn-1", field: "apiKey")
    }

    @Test("seals and opens text, binary and empty values", arguments: ["sk_live_51Habcdef123456", "", "ключ 🔑"])
    func roundTrip(text: String) throws {
        let sealed = CredentialCipher.seal(text, key: key, tenantID: "tenant-a", connectorID: "conn-1", field: "apiKey")
        #expect(sealed.keyVersion == 2)
        let opened = try CredentialCipher.openString(
            sealed, key: key, tenantID: "tenant-a", connectorID: "conn-1", field: "apiKey")
        #expect(opened == text)
        let fromColumn = try CredentialCipher.open(
            encoded: sealed.encoded, key: key, tenantID: "tenant-a", connectorID: "conn-1", field: "apiKey")
        #expect(fromColumn == Data(text.utf8))
    }

    @Test("the encoding is format byte, big-endian key version, nonce, ciphertext with tag")
    func encoding() throws {
        let big = try TenantDataKey.generate(version: 0x0102_0304)
        let sealed = CredentialCipher.seal("secret", key: big, tenantID: "t", connectorID: "c", field: "f")
        let encoded = sealed.encoded
        #expect(encoded.count == 1 + 4 + 24 + 6 + 16)
        #expect(Array(encoded.prefix(5)) == [1, 1, 2, 3, 4])
        #expect(encoded.subdata(in: 5..<29) == sealed.nonce)
        #expect(encoded.suffix(22) == sealed.ciphertext)
        #expect(!encoded.contains(Data("secret".utf8)))
        let decoded = try SealedValue(encoded: encoded)
        #expect(decoded == sealed)
        #expect(decoded.keyVersion == 0x0102_0304)
        #expect(sealed.description == "SealedValue(key version: 16909060, 6 bytes sealed)")
    }

    @Test("the same value sealed twice gives different ciphertexts")
    func freshNonces() {
        #expect(seal().encoded != seal().encoded)
    }

    @Test("a ciphertext moved to another tenant, connector or field does not open")
    func moved() throws {
        let sealed = seal()
        let bindings = [
            ("tenant-b", "conn-1", "apiKey"),
            ("tenant-a", "conn-2", "apiKey"),
            ("tenant-a", "conn-1", "secretKey"),
            ("tenant-a", "conn-1", "apikey"),
            ("", "", ""),
        ]
        for (tenant, connector, field) in bindings {
            #expect(throws: CryptoError.authenticationFailed) {
                try CredentialCipher.open(sealed, key: key, tenantID: tenant, connectorID: connector, field: field)
            }
        }
    }

    @Test("ids containing separators cannot impersonate each other's bindings")
    func unambiguousBinding() throws {
        let sealed = CredentialCipher.seal("v", key: key, tenantID: "a", connectorID: "b|c", field: "d")
        #expect(throws: CryptoError.authenticationFailed) {
            try CredentialCipher.open(sealed, key: key, tenantID: "a|b", connectorID: "c", field: "d")
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try CredentialCipher.open(sealed, key: key, tenantID: "a", connectorID: "b", field: "c|d")
        }
        #expect(
            CredentialCipher.associatedData(tenantID: "a", connectorID: "b|c", field: "d", keyVersion: 1)
                != CredentialCipher.associatedData(tenantID: "a|b", connectorID: "c", field: "d", keyVersion: 1))
    }

    @Test("another key, even with the same version, does not open it")
    func wrongKey() throws {
        let sealed = seal()
        let sameVersion = try TenantDataKey.generate(version: 2)
        let otherVersion = try TenantDataKey(bytes: key.bytes, version: 3)
        for other in [sameVersion, otherVersion] {
            #expect(throws: CryptoError.authenticationFailed) {
                try CredentialCipher.open(sealed, key: other, tenantID: "tenant-a", connectorID: "conn-1", field: "apiKey")
            }
        }
    }

    @Test("every single-bit change of the stored bytes, and every truncation, fails with authenticationFailed")
    func tampering() throws {
        let encoded = seal("ghp_abcdefghijklmnop").encoded
        for tampered in singleBitFlips(of: encoded) {
            #expect(throws: CryptoError.authenticationFailed) {
                try CredentialCipher.open(
                    encoded: tampered, key: key, tenantID: "tenant-a", connectorID: "conn-1", field: "apiKey")
            }
        }
        for length in 0..<encoded.count {
            #expect(throws: CryptoError.authenticationFailed) {
                try CredentialCipher.open(
                    encoded: encoded.prefix(length), key: key, tenantID: "tenant-a", connectorID: "conn-1",
                    field: "apiKey")
            }
        }
    }

    @Test("authenticationFailed carries no detail")
    func errorHasNoDetail() {
        #expect(CryptoError.authenticationFailed.description == "authentication failed")
    }

    @Test("resealing moves a credential to a new key version")
    func reseal() throws {
        let sealed = seal()
        let newKey = try TenantDataKey.generate(version: 3)
        let resealed = try CredentialCipher.reseal(
            sealed, from: key, to: newKey, tenantID: "tenant-a", connectorID: "conn-1", field: "apiKey")
        #expect(resealed.keyVersion == 3)
        #expect(try CredentialCipher.openString(
            resealed, key: newKey, tenantID: "tenant-a", connectorID: "conn-1", field: "apiKey")
            == "sk_live_51Habcdef123456")
        #expect(throws: CryptoError.authenticationFailed) {
            try CredentialCipher.open(resealed, key: key, tenantID: "tenant-a", connectorID: "conn-1", field: "apiKey")
        }
    }

    @Test("a full chain: master key, wrapped tenant key, sealed credential, master key rotation")
    func fullChain() throws {
        let master = MasterKey.generate()
        let wrapped = key.wrap(with: master, tenantID: "tenant-a")
        let sealed = seal().encoded
        let newMaster = MasterKey.generate()
        let rewrapped = try TenantDataKey.rewrap(wrapped, from: master, to: newMaster, tenantID: "tenant-a", version: 2)
        let reopenedKey = try TenantDataKey.unwrap(rewrapped, with: newMaster, tenantID: "tenant-a", version: 2)
        let opened = try CredentialCipher.open(
            encoded: sealed, key: reopenedKey, tenantID: "tenant-a", connectorID: "conn-1", field: "apiKey")
        #expect(String(decoding: opened, as: UTF8.self) == "sk_live_51Habcdef123456")
    }
}
