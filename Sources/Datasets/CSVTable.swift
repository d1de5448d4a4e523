// CSVTable: RFC 4180 CSV (quoted fields, doubled quotes, CRLF) with the physical line
// each row starts on, so an error can name the line a person sees in an editor.
public struct CSVTable: Sendable {
    public struct Row: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    public let rows: [Row]

    public enum Failure: Error, Equatable {
        case unterminatedQuote(line: Int)
        case junkAfterQuote(line: Int)
    }

    public init(parsing text: String) throws {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var rowLine = 1
        var quoted = false
        var fieldWasQuoted = false
        var characters = text.makeIterator()
        var pending: Character? = characters.next()
        func endRow() {
            fields.append(field)
            // Blank lines carry no row.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        while let character = pending {
            pending = characters.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" { field.append("\""); pending = characters.next() } else { quoted = false }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty && !fieldWasQuoted:
                quoted = true
                fieldWasQuoted = true
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                rowLine = line
            default:
                if fieldWasQuoted { throw Failure.junkAfterQuote(line: line) }
                field.append(character)
            }
        }
        if quoted { throw Failure.unterminatedQuote(line: rowLine) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRow() }
        self.rows = rows
    }
}

extension CSVTable {
    /// The table of `text`, or a refusal naming the line in `file` where the quoting breaks.
    static func parse(_ text: String, file: String) throws -> CSVTable {
        do {
            return try CSVTable(parsing: text)
        } catch let failure as CSVTable.Failure {
            switch failure {
            case let .unterminatedQuote(line): throw ImportError.line(line, in: file, "unterminated quoted field")
            case let .junkAfterQuote(line): throw ImportError.line(line, in: file, "text after a closing quote")
            }
        }
    }
}
