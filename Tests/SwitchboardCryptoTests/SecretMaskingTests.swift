import Testing
@testable import SwitchboardCrypto

@Suite("maskSecret")
struct SecretMaskingTests {
    @Test("keeps a recognizable prefix and the last four characters", arguments: [
        ("sk_live_abcdef123456", "sk_…3456"),
        ("sk-proj-abcdefghijklmnop", "sk-…mnop"),
        ("ghp_1234567890abcdefghij", "ghp_…ghij"),
        ("xoxb-123456789012-abcdef", "xoxb-…cdef"),
        ("glpat-abcdefghijklmnopqrst", "glpat-…qrst"),
        ("AKIAIOSFODNN7EXAMPLE", "AK…MPLE"),  // no separator: the first two characters
        ("abcdefghij_klmnopq", "ab…nopq"),  // the separator is past the first 8 characters
        ("sk_live_12345678", "sk_…5678"),  // 16 characters: 7 shown, 9 hidden
    ])
    func masks(secret: String, masked: String) {
        #expect(maskSecret(secret) == masked)
    }

    @Test("short secrets are fully hidden", arguments: ["", "a", "secret", "sk_12345", "abcdefghijk"])
    func short(secret: String) {
        #expect(maskSecret(secret) == "••••")
    }

    @Test("at 12 characters, the prefix is kept only while at most half is shown", arguments: [
        ("abcdefghijkl", "ab…ijkl"),  // 2 + 4 = 6 of 12
        ("sk_live_1234", "…1234"),  // "sk_" + 4 would show 7 of 12
        ("abcdefg_hijk", "…hijk"),  // the separator is the 8th character: prefix and suffix would be everything
        ("abcdefghijklm", "ab…jklm"),
    ])
    func boundary(secret: String, masked: String) {
        #expect(maskSecret(secret) == masked)
    }

    @Test("counts characters, not bytes")
    func characters() {
        #expect(maskSecret(String(repeating: "🔑", count: 12)) == "🔑🔑…🔑🔑🔑🔑")
        #expect(maskSecret(String(repeating: "é", count: 11)) == "••••")
    }

    @Test("never shows more than half of a secret, nor its middle")
    func neverRevealsMuch() {
        for length in 0...64 {
            let secret = String((0..<length).map { index in index == 5 ? "_" : Character(UnicodeScalar(65 + index % 26)!) })
            let masked = maskSecret(secret)
            let shown = masked.replacingOccurrences(of: "…", with: "").replacingOccurrences(of: "•", with: "")
            #expect(shown.count <= length / 2, "\(secret) -> \(masked)")
        }
    }
}
