import Foundation
import Testing
@testable import SwitchboardCrypto

@Suite("SecureBytes")
struct SecureBytesTests {
    @Test("copies bytes into guarded memory and reads them back")
    func roundTrip() {
        let source = Data((0..<32).map { UInt8($0) })
        let bytes = SecureBytes(copying: source)
        #expect(bytes.count == 32)
        #expect(exposedBytes(bytes) == Array(source))
        // Repeated and nested reads work: the region is reopened each time and closed after the last reader.
        #expect(exposedBytes(bytes) == Array(source))
        let nested = bytes.withUnsafeBytes { outer in bytes.withUnsafeBytes { inner in Array(outer) == Array(inner) } }
        #expect(nested)
    }

    @Test("random keys differ")
    func randomKeysDiffer() {
        let first = SecureBytes(randomCount: 32)
        let second = SecureBytes(randomCount: 32)
        #expect(first != second)
        #expect(exposedBytes(first) != [UInt8](repeating: 0, count: 32))
    }

    @Test("equality compares contents and lengths")
    func equality() {
        let data = Data(repeating: 7, count: 32)
        #expect(SecureBytes(copying: data) == SecureBytes(copying: data))
        var other = data
        other[31] = 8
        #expect(SecureBytes(copying: data) != SecureBytes(copying: other))
        #expect(SecureBytes(copying: data) != SecureBytes(copying: data.prefix(16)))
        let same = SecureBytes(copying: data)
        #expect(same == same)
    }

    @Test("description, debug description and dump never show the bytes")
    func redactedDescriptions() {
        let bytes = SecureBytes(copying: Data([0xAB, 0xCD, 0xEF, 0x12, 0x34, 0x56, 0x78, 0x9A]))
        var dumped = ""
        dump(bytes, to: &dumped)
        for text in [bytes.description, bytes.debugDescription, String(describing: bytes), "\(bytes)", dumped] {
            #expect(!text.lowercased().contains("abcdef"), "\(text)")
            #expect(!text.contains("171"), "\(text)")  // 0xAB in decimal
        }
        #expect(bytes.description == "SecureBytes(8 bytes, redacted)")
    }

    @Test("a failing initializer frees the region and propagates its error")
    func failingInitializer() {
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            _ = try SecureBytes(count: 16) { (_: UnsafeMutableRawBufferPointer) throws(Failure) in throw Failure() }
        }
    }

    @Test("concurrent readers do not fault")
    func concurrentReaders() async {
        let bytes = SecureBytes(randomCount: 32)
        let expected = exposedBytes(bytes)
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<500).allSatisfy { _ in exposedBytes(bytes) == expected }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == [Bool](repeating: true, count: 8))
    }
}
