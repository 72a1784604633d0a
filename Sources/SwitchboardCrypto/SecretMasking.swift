/// A secret as a response or a log may show it: `sk_…3456`.
///
/// - A secret shorter than 12 characters becomes `••••`: too little of it would stay hidden otherwise.
/// - Otherwise: a short recognizable prefix, `…`, and the last 4 characters. The prefix runs up to and including
///   the first `_` or `-` among the first 8 characters (`sk_`, `ghp_`, `sk-`, `xoxb-`), else it is the first
///   2 characters (`AK…MPLE`).
/// - The shown characters never exceed half of the secret: if prefix and suffix would, the prefix is dropped
///   (`…ijkl`).
///
/// Characters are counted as Swift `Character`s, so a multi-scalar character is never cut in half.
public func maskSecret(_ secret: String) -> String {
    let characters = Array(secret)
    let minimumLength = 12
    let suffixLength = 4
    guard characters.count >= minimumLength else { return "••••" }

    var prefixLength = 2
    if let separator = characters.prefix(8).firstIndex(where: { $0 == "_" || $0 == "-" }) {
        prefixLength = separator + 1
    }
    if prefixLength + suffixLength > characters.count / 2 {
        prefixLength = 0
    }
    return String(characters.prefix(prefixLength)) + "…" + String(characters.suffix(suffixLength))
}
