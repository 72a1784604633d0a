import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ISO text form of `timestamptz` with microseconds, written and read here rather than with a DateFormatter
/// (which stops at milliseconds and is not Sendable). Connections set `DateStyle=ISO` and `TimeZone=UTC`; reading
/// still honours any offset the server writes (`+05:30`, `-08`, `+00:53:28`).
enum PostgresTimestamp {
    /// `2024-03-01 12:34:56.789012+00`
    static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = Int(interval.rounded(.down))
        var micros = Int(((interval - Double(seconds)) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-" + pad(Int(parts.tm_mday), 2)
            + " " + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
            + "." + pad(micros, 6) + "+00"
    }

    /// Reads `timestamptz`, `timestamp` (taken as UTC) and `date` (midnight UTC) text; nil when it is not one.
    static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4...), scanner.skip("-"),
            let month = scanner.number(digits: 2...2), scanner.skip("-"),
            let day = scanner.number(digits: 2...2)
        else { return nil }
        var hour = 0, minute = 0, second = 0, fraction = 0.0, offset = 0
        if scanner.skip(" ") || scanner.skip("T") {
            guard let h = scanner.number(digits: 2...2), scanner.skip(":"),
                let m = scanner.number(digits: 2...2), scanner.skip(":"),
                let s = scanner.number(digits: 2...2)
            else { return nil }
            (hour, minute, second) = (h, m, s)
            if scanner.skip(".") {
                let start = scanner.position
                guard let digits = scanner.number(digits: 1...9) else { return nil }
                fraction = Double(digits) / pow(10, Double(scanner.position - start))
            }
            if let sign = scanner.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                scanner.position += 1
                guard let offsetHours = scanner.number(digits: 2...2) else { return nil }
                offset = offsetHours * 3600
                if scanner.skip(":") {
                    guard let offsetMinutes = scanner.number(digits: 2...2) else { return nil }
                    offset += offsetMinutes * 60
                    if scanner.skip(":") {
                        guard let offsetSeconds = scanner.number(digits: 2...2) else { return nil }
                        offset += offsetSeconds
                    }
                }
                if sign == UInt8(ascii: "-") { offset = -offset }
            }
        }
        guard scanner.atEnd else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let epochSeconds = Int(timegm(&parts)) - offset
        return Date(timeIntervalSince1970: Double(epochSeconds) + fraction)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// A cursor over ASCII bytes for the timestamp reader.
private struct DigitScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard peek == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// A run of decimal digits whose length is in `digits` (open ranges take as many as there are).
    mutating func number(digits: some RangeExpression<Int>) -> Int? {
        let start = position
        var value = 0
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), value < Int.max / 100 {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            position += 1
        }
        guard digits.contains(position - start) else {
            position = start
            return nil
        }
        return value
    }
}
