import Foundation

/// `{name}` placeholders in the strings of a provider's verification request.
///
/// A placeholder is an identifier right inside braces (`{apiKey}`); braces followed by anything else, such as the
/// JSON and GraphQL in request bodies (`{"query": "{ viewer { id } }"}`), are literal text.
enum Template {
    /// The names of the placeholders in `template`, in order of appearance.
    static func variables(in template: String) -> [String] {
        segments(of: template).compactMap {
            if case .variable(let name) = $0 { return name }
            return nil
        }
    }

    /// `template` with every placeholder replaced by `replacement(name)`; nil as soon as one has no value.
    static func render(_ template: String, _ replacement: (String) -> String?) -> String? {
        var output = ""
        for segment in segments(of: template) {
            switch segment {
            case .literal(let text):
                output += text
            case .variable(let name):
                guard let value = replacement(name) else { return nil }
                output += value
            }
        }
        return output
    }

    private enum Segment {
        case literal(Substring)
        case variable(String)
    }

    private static func segments(of template: String) -> [Segment] {
        var segments: [Segment] = []
        var literalStart = template.startIndex
        var index = template.startIndex
        while index < template.endIndex {
            if template[index] == "{", let (name, end) = identifier(in: template, after: index) {
                if literalStart < index { segments.append(.literal(template[literalStart..<index])) }
                segments.append(.variable(name))
                index = end
                literalStart = end
            } else {
                index = template.index(after: index)
            }
        }
        if literalStart < template.endIndex { segments.append(.literal(template[literalStart...])) }
        return segments
    }

    /// The identifier between the brace at `open` and the closing brace, and the index after the closing brace.
    private static func identifier(in template: String, after open: String.Index) -> (String, String.Index)? {
        var index = template.index(after: open)
        let start = index
        while index < template.endIndex, template[index].isASCII,
            template[index].isLetter || template[index].isNumber || template[index] == "_"
        {
            index = template.index(after: index)
        }
        guard index > start, index < template.endIndex, template[index] == "}",
            template[start].isLetter
        else { return nil }
        return (String(template[start..<index]), template.index(after: index))
    }
}
