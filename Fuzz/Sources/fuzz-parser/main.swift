// Feeds libFuzzer's inputs to the parser, with and without client limits, and checks that every
// input either parses or fails with a syntax error: no crash, hang or stack overflow, and results
// that agree between the two option sets.
import CFuzzDriver
import SwitchboardGraphQL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses `text` and returns the document, or the error's message and first location.
func outcome(_ text: String, _ options: ParseOptions) -> Result<DocumentNode, GraphQLError> {
    do {
        return .success(try parse(text, options: options))
    } catch {
        return .failure(error)
    }
}

func check(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let trusted = outcome(text, .trusted)
    let client = outcome(text, .clientDefaults)
    switch (trusted, client) {
    case (.success(let document), .success(let limited)):
        let tokenCounts = (document.tokenCount, limited.tokenCount)
        let start = document.loc?.start ?? -1
        let end = document.loc?.end ?? -1
        let definitionCount = document.definitions.count
        precondition(tokenCounts.0 == tokenCounts.1, "token counts differ")
        precondition(start == 0 && end == text.utf8.count, "document location")
        precondition(definitionCount > 0, "a document has definitions")
    case (.success(let document), .failure(let error)):
        // Only a limit may reject what trusted parsing accepts.
        precondition(document.tokenCount > 15_000 || text.utf8.count > 1_048_576,
                     "client options rejected a small document: \(error.message)")
    case (.failure(let error), .success):
        preconditionFailure("client options accepted what trusted parsing rejects: \(error.message)")
    case (.failure(let error), .failure(let limited)):
        precondition(error.message.hasPrefix("Syntax Error: "), "unexpected error \(error.message)")
        precondition(error.locations.count == 1 && limited.locations.count == 1, "a syntax error has one location")
    }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in check(data, size) })
