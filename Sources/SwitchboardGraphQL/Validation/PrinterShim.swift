// Stand-ins until the printer lands in main (then this file is deleted).
func printAST(_ type: TypeNode) -> String {
    switch type {
    case .named(let n): return n.name.value
    case .list(let l): return "[\(printAST(l.type))]"
    case .nonNull(let n): return "\(printAST(n.type))!"
    }
}

func printForError(_ value: ValueNode) -> String { printAST(value) }
