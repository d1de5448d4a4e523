// ExportedName: a name (item source, category) looked up as an export wrote it.
/// The export puts `'` before a name that starts like a spreadsheet formula (CSVCell), so when
/// the cell as written is unknown, it is tried once more without a leading `'`; a name that
/// truly starts with `'` still finds itself first.
enum ExportedName {
    static func lookUp<Value>(_ cell: String, in names: [String: Value]) -> Value? {
        if let value = names[cell] { return value }
        return cell.hasPrefix("'") ? names[String(cell.dropFirst())] : nil
    }
}
