import Foundation
import Testing
@testable import SwitchboardCrypto

@Suite("TenantDataKey wrapping")
struct TenantDataKeyTests {
    @Test("wraps and unwraps to the same key and version")
    func roundTrip() throws {
        let master = MasterKey.generate()
        let key = try TenantDataKey.generate(version: 3)
        let wrapped = key.wrap(with: master, tenantID: "tenant-a")
        #expect(wrapped.count == TenantDataKey.wrappedByteCount)
        #expect(wrapped.count == 73)
        #expect(wrapped.first == 1)
        let unwrapped = try TenantDataKey.unwrap(wrapped, with: master, tenantID: "tenant-a", version: 3)
        #expect(unwrapped == key)
        #expect(unwrapped.version == 3)
        #expect(unwrapped.fingerprint == key.fingerprint)
    }

    @Test("each wrap uses a fresh nonce")
    func freshNonces() throws {
        let master = MasterKey.generate()
        let key = try TenantDataKey.generate(version: 1)
        #expect(key.wrap(with: master, tenantID: "t") != key.wrap(with: master, tenantID: "t"))
    }

    @Test("a wrapped key does not open for another tenant, another version or under another master key")
    func bindings() throws {
        let master = MasterKey.generate()
        let key = try TenantDataKey.generate(version: 1)
        let wrapped = key.wrap(with: master, tenantID: "tenant-a")
        let otherMaster = MasterKey.generate()
        let attempts: [(master: MasterKey, tenant: String, version: Int)] = [
            (master, "tenant-b", 1),
            (master, "tenant-a", 2),
            (master, "tenant-a ", 1),
            (otherMaster, "tenant-a", 1),
        ]
        for attempt in attempts {
            #expect(throws: CryptoError.authenticationFailed) {
                try TenantDataKey.unwrap(wrapped, with: attempt.master, tenantID: attempt.tenant, version: attempt.version)
            }
        }
        #expect(try TenantDataKey.unwrap(wrapped, with: master, tenantID: "tenant-a", version: 1) == key)
    }

    @Test("every single-bit change and every truncation fails to open")
    func tampering() throws {
        let master = MasterKey.generate()
        let wrapped = try TenantDataKey.generate(version: 7).wrap(with: master, tenantID: "tenant-a")
        for tampered in singleBitFlips(of: wrapped) {
            #expect(throws: CryptoError.authenticationFailed) {
                try TenantDataKey.unwrap(tampered, with: master, tenantID: "tenant-a", version: 7)
            }
        }
        for length in 0..<wrapped.count {
            #expect(throws: CryptoError.authenticationFailed) {
                try TenantDataKey.unwrap(wrapped.prefix(length), with: master, tenantID: "tenant-a", version: 7)
            }
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try TenantDataKey.unwrap(wrapped + Data([0]), with: master, tenantID: "tenant-a", version: 7)
        }
    }

    @Test("the associated data is the documented binding string")
    func associatedData() {
        #expect(String(decoding: TenantDataKey.associatedData(tenantID: "t-1", version: 4), as: UTF8.self)
            == "switchboard:tenant-key:v1|t-1|4")
    }

    @Test("rewrapping moves a key to a new master key")
    func rewrap() throws {
        let oldMaster = MasterKey.generate()
        let newMaster = MasterKey.generate()
        let key = try TenantDataKey.generate(version: 2)
        let wrapped = key.wrap(with: oldMaster, tenantID: "t")
        let rewrapped = try TenantDataKey.rewrap(wrapped, from: oldMaster, to: newMaster, tenantID: "t", version: 2)
        #expect(try TenantDataKey.unwrap(rewrapped, with: newMaster, tenantID: "t", version: 2) == key)
        #expect(throws: CryptoError.authenticationFailed) {
            try TenantDataKey.unwrap(rewrapped, with: oldMaster, tenantID: "t", version: 2)
        }
    }

    @Test("versions outside 0...UInt32.max are refused")
    func versions() throws {
        #expect(throws: CryptoError.invalidKeyVersion(-1)) { try TenantDataKey.generate(version: -1) }
        #expect(throws: CryptoError.invalidKeyVersion(Int(UInt32.max) + 1)) {
            try TenantDataKey.generate(version: Int(UInt32.max) + 1)
        }
        #expect(try TenantDataKey.generate(version: Int(UInt32.max)).version == Int(UInt32.max))
        #expect(throws: CryptoError.invalidKey(reason: "a tenant data key has 32 bytes, not 31")) {
            try TenantDataKey(bytes: SecureBytes(randomCount: 31), version: 1)
        }
    }

    @Test("the description shows version and fingerprint only")
    func description() throws {
        let key = try TenantDataKey(bytes: try masterKey().bytes, version: 5)
        #expect(key.description == "TenantDataKey(version: 5, fingerprint: 04cfc16eb25c78c2)")
    }
}
