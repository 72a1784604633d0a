import CSodium

/// Decodes a key written as text (hex or base64) straight into guarded memory.
///
/// Error messages name the source (for example `SWITCHBOARD_MASTER_KEY`) and describe lengths and encodings only;
/// the text itself is never part of an error.
enum KeyDecoding {
    /// Decodes `text` (surrounding ASCII whitespace ignored) as 64 hex characters or as base64 (standard or URL-safe
    /// alphabet, with or without padding) holding exactly `byteCount` bytes.
    static func decode(
        _ text: UnsafeRawBufferPointer, byteCount: Int, source: String
    ) throws(CryptoError) -> SecureBytes {
        Sodium.ensureInitialized()
        let trimmed = trimmingASCIIWhitespace(text)
        let expectation = "\(source) must hold \(byteCount) bytes, written as \(byteCount * 2) hex characters "
            + "or as base64 (\((byteCount + 2) / 3 * 4) characters)"
        guard trimmed.count > 0 else {
            throw .invalidKey(reason: "\(source) is empty; \(expectation)")
        }
        let chars = trimmed.bindMemory(to: CChar.self)

        // 2n hex characters are also valid base64, so hex is tried first at that exact length.
        if trimmed.count == byteCount * 2, let key = decodeHex(chars, byteCount: byteCount) {
            return key
        }
        var decodedLength: Int?
        let variants: [Int32] = [
            sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
            sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING,
        ]
        for variant in variants {
            guard let (scratch, length) = decodeBase64(chars, variant: variant) else { continue }
            if length == byteCount {
                return SecureBytes(count: byteCount) { (out: UnsafeMutableRawBufferPointer) in
                    scratch.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<byteCount])) }
                }
            }
            decodedLength = length
        }
        if let decodedLength {
            throw .invalidKey(
                reason: "\(source) decodes to \(decodedLength) bytes (\(trimmed.count) characters); \(expectation)")
        }
        throw .invalidKey(
            reason: "\(source) is neither hex nor base64 (\(trimmed.count) characters); \(expectation)")
    }

    static func decode(_ text: String, byteCount: Int, source: String) throws(CryptoError) -> SecureBytes {
        var text = text
        // withUTF8 rethrows untyped errors; a Result carries the typed one through.
        return try text.withUTF8 { utf8 in
            Result { () throws(CryptoError) in
                try decode(UnsafeRawBufferPointer(utf8), byteCount: byteCount, source: source)
            }
        }.get()
    }

    private static func decodeHex(_ chars: UnsafeBufferPointer<CChar>, byteCount: Int) -> SecureBytes? {
        try? SecureBytes(count: byteCount) { (out: UnsafeMutableRawBufferPointer) throws(CryptoError) in
            var length = 0
            // hex_end == NULL: the whole input must be valid hex.
            let status = sodium_hex2bin(
                out.bindMemory(to: UInt8.self).baseAddress!, byteCount, chars.baseAddress, chars.count, nil, &length,
                nil)
            // The error only aborts the initializer (which wipes the buffer); `try?` discards it.
            guard status == 0, length == byteCount else { throw .invalidKey(reason: "not hex") }
        }
    }

    /// The decoded bytes in a scratch buffer large enough for any input length, and how many were decoded.
    private static func decodeBase64(
        _ chars: UnsafeBufferPointer<CChar>, variant: Int32
    ) -> (SecureBytes, Int)? {
        let capacity = chars.count / 4 * 3 + 3
        var length = 0
        guard
            let scratch = try? SecureBytes(count: capacity, initializingWith: {
                (out: UnsafeMutableRawBufferPointer) throws(CryptoError) in
                // b64_end == NULL: the whole input must be valid for this variant.
                let status = sodium_base642bin(
                    out.bindMemory(to: UInt8.self).baseAddress!, capacity, chars.baseAddress, chars.count, nil,
                    &length, nil, variant)
                // The error only aborts the initializer (which wipes the buffer); `try?` discards it.
                guard status == 0 else { throw .invalidKey(reason: "not base64") }
            })
        else { return nil }
        return (scratch, length)
    }

    private static func trimmingASCIIWhitespace(_ text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var start = 0
        var end = text.count
        while start < end, isSpace(text[start]) { start += 1 }
        while end > start, isSpace(text[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: text[start..<end])
    }
}
