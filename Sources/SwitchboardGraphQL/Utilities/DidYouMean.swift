/// The suggestion suffix of error messages, worded as graphql-core's `did_you_mean`:
/// ` Did you mean 'a', 'b', or 'c'?` (at most five suggestions), or "" when there are none.
public func didYouMean(_ suggestions: [String], _ subMessage: String? = nil) -> String {
    if suggestions.isEmpty { return "" }
    var message = " Did you mean "
    if let subMessage { message += subMessage + " " }
    let quoted = suggestions.prefix(maxSuggestions).map { "'\($0)'" }
    return message + orList(quoted) + "?"
}

private let maxSuggestions = 5

/// `A`, `A or B`, `A, B, or C`.
func orList(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    case 2: return "\(items[0]) or \(items[1])"
    default: return items.dropLast().joined(separator: ", ") + ", or " + items[items.count - 1]
    }
}
