import Foundation
import SwitchboardGraphQL

/// The custom scalars of schema.graphql: `JSON` (any JSON value, passed through) and `DateTime` (RFC 3339 in UTC).
enum CustomScalars {
    static func install(in schema: GraphQLSchema) {
        if let json = schema.type(named: "JSON") as? GraphQLScalarType {
            json.serialize = { value in try GraphQLValue.fromResolved(value) }
        }
        if let dateTime = schema.type(named: "DateTime") as? GraphQLScalarType {
            dateTime.serialize = { value in
                guard let date = value as? Date else {
                    throw GraphQLError("DateTime cannot represent a non-date value: \(value)")
                }
                return .string(RFC3339.format(date))
            }
            dateTime.parseValue = { value in
                guard case .string(let text) = value, RFC3339.parse(text) != nil else {
                    throw GraphQLError("DateTime must be an RFC 3339 date-time in UTC, e.g. \"2026-11-21T21:16:37Z\".")
                }
                return value
            }
            dateTime.parseLiteral = { node, _ in
                guard case .string(let string) = node, RFC3339.parse(string.value) != nil else {
                    throw GraphQLError("DateTime must be an RFC 3339 date-time in UTC, e.g. \"2026-11-21T21:16:37Z\".")
                }
                return .string(string.value)
            }
        }
    }
}

/// RFC 3339 date-times in UTC with millisecond precision: `2026-11-21T21:16:37.042Z`.
enum RFC3339 {
    static func format(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (seconds, milliseconds) = floorDivision(totalMilliseconds, 1000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(milliseconds, 3))Z"
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    static func parse(_ text: String) -> Date? {
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        func group(_ index: Int) -> String? {
            guard let range = Range(match.range(at: index), in: text) else { return nil }
            return String(text[range])
        }
        guard let year = Int64(group(1)!), let month = Int64(group(2)!), let day = Int64(group(3)!),
            let hour = Int64(group(4)!), let minute = Int64(group(5)!), let second = Int64(group(6)!),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        guard civilDate(daysSinceEpoch: days) == (year, month, day) else { return nil }
        var interval = Double(days * 86_400 + hour * 3600 + minute * 60 + second)
        if let fraction = group(7) { interval += Double("0" + fraction) ?? 0 }
        let zone = group(8)!
        if zone != "Z", zone != "z" {
            let sign: Double = zone.hasPrefix("-") ? -1 : 1
            let parts = zone.dropFirst().split(separator: ":")
            guard let hours = Double(parts[0]), let minutes = Double(parts[1]) else { return nil }
            interval -= sign * (hours * 3600 + minutes * 60)
        }
        return Date(timeIntervalSince1970: interval)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    /// Howard Hinnant's `civil_from_days`.
    private static func civilDate(daysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Howard Hinnant's `days_from_civil`.
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
