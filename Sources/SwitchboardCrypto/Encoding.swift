import CSodium
import Foundation

/// Hex and base64 through libsodium, whose codecs run in constant time and can write into guarded memory.
enum SodiumEncoding {
    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        Sodium.ensureInitialized()
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 1)
        output.withUnsafeMutableBufferPointer { out in
            _ = sodium_bin2hex(out.baseAddress!, out.count, bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count)
        }
        return String(decoding: output.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func hex(_ data: Data) -> String {
        data.withUnsafeBytes { hex($0) }
    }

    static func base64URLNoPadding(_ bytes: UnsafeRawBufferPointer) -> String {
        base64(bytes, variant: sodium_base64_VARIANT_URLSAFE_NO_PADDING)
    }

    static func base64(_ bytes: UnsafeRawBufferPointer, variant: Int32) -> String {
        Sodium.ensureInitialized()
        let length = sodium_base64_encoded_len(bytes.count, variant)
        var output = [CChar](repeating: 0, count: length)
        output.withUnsafeMutableBufferPointer { out in
            _ = sodium_bin2base64(
                out.baseAddress!, out.count, bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, variant)
        }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The standard base64 text of a key plus a newline, written into guarded memory (for key files).
    static func base64Line(of key: SecureBytes) -> SecureBytes {
        let variant = sodium_base64_VARIANT_ORIGINAL
        let encodedLength = sodium_base64_encoded_len(key.count, variant)  // includes the terminating NUL
        return key.withUnsafeBytes { bytes in
            SecureBytes(count: encodedLength) { (out: UnsafeMutableRawBufferPointer) in
                let chars = out.bindMemory(to: CChar.self)
                _ = sodium_bin2base64(
                    chars.baseAddress!, chars.count, bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count,
                    variant)
                // Replace the NUL terminator by the newline that ends the line.
                out[encodedLength - 1] = UInt8(ascii: "\n")
            }
        }
    }
}
