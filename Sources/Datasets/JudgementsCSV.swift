// JudgementsCSV: reads human judgements collected outside RefHuman, checked against one study.
import Foundation
import Storage
import StudyPhase

/// Layout: a header naming the columns `annotator,item,guesses` and optionally `response_ms` and
/// `phase`, in any order. `item` is the item's source as stored at import (`t10k:9`, a relative
/// path); `guesses` are category names, best first, separated by `;` as the per-trial export
/// writes them; `response_ms` is a whole number of milliseconds or empty; `phase` is `test`
/// (the default, also when empty) or `practice`, and must match the item's split. The first
/// problem refuses the whole file, naming its line.
public enum JudgementsCSV {
    static let required = ["annotator", "item", "guesses"]
    static let optional = ["response_ms", "phase"]

    public static func read(_ text: String, file: String, targets: JudgementTargets) throws -> [ImportedJudgement] {
        let table = try CSVTable.parse(text, file: file)
        guard let header = table.rows.first else { throw ImportError(file: file, reason: "empty judgements file") }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for (index, column) in columns.enumerated() {
            guard required.contains(column) || optional.contains(column) else {
                throw ImportError.line(header.line, in: file, "unknown column '\(header.fields[index])'"
                                       + NameSuggestion.hint(for: column, among: required + optional, noun: "columns"))
            }
            guard columns.firstIndex(of: column) == index else { throw ImportError.line(header.line, in: file, "column '\(column)' appears twice") }
        }
        for column in required where !columns.contains(column) {
            throw ImportError.line(header.line, in: file, "no '\(column)' column (the header needs annotator,item,guesses)")
        }
        let categoryIndex = Dictionary(targets.categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var judged = targets.judged
        // (annotator, item id) -> the line that judged it, for a refusal that names both lines.
        var seen: [String: [Int64: Int]] = [:]
        var judgements: [ImportedJudgement] = []
        for row in table.rows.dropFirst() {
            func fail(_ reason: String) -> ImportError { ImportError.line(row.line, in: file, reason) }
            guard row.fields.count == columns.count else { throw fail("\(row.fields.count) fields, the header has \(columns.count)") }
            func cell(_ column: String) -> String {
                columns.firstIndex(of: column).map { row.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            }
            let annotator = cell("annotator")
            if let problem = Store.annotatorNameProblem(annotator) { throw fail(problem.description) }
            let source = cell("item")
            guard let item = ExportedName.lookUp(source, in: targets.items) else {
                throw fail("no test or practice item '\(source)' in dataset '\(targets.dataset)'")
            }
            let phase = try readPhase(cell("phase"), of: item.split, source: source, fail: fail)
            let guesses = try readGuesses(cell("guesses"), categoryIndex: categoryIndex, targets: targets, fail: fail)
            let responseText = cell("response_ms")
            var responseMs: Int?
            if !responseText.isEmpty {
                guard let value = Int(responseText), value >= 0 else {
                    throw fail("response_ms '\(responseText)' is not a whole number of milliseconds (0 or more)")
                }
                responseMs = value
            }
            if let earlier = seen[annotator]?[item.id] {
                throw fail("annotator '\(annotator)' already judged item '\(source)' on line \(earlier)")
            }
            if judged[annotator]?.contains(item.id) == true {
                throw fail("annotator '\(annotator)' already has a judgement of item '\(source)' in study '\(targets.study)'")
            }
            seen[annotator, default: [:]][item.id] = row.line
            judged[annotator, default: []].insert(item.id)
            judgements.append(ImportedJudgement(line: row.line, annotator: annotator, itemID: item.id, guesses: guesses,
                                                responseMs: responseMs, phase: phase))
        }
        guard !judgements.isEmpty else { throw ImportError(file: file, reason: "no judgements in the file") }
        return judgements
    }

    /// The row's phase: test unless given; practice items are judged in practice, test items in test.
    private static func readPhase(_ text: String, of split: Split, source: String, fail: (String) -> ImportError) throws -> Phase {
        let phase: Phase
        switch text.lowercased() {
        case "", "test": phase = .test
        case "practice": phase = .practice
        default: throw fail("phase '\(text)' is neither test nor practice")
        }
        let expected: Phase = split == .practice ? .practice : .test
        guard phase == expected else { throw fail("item '\(source)' is a \(split.rawValue) item, so its phase is \(expected.rawValue), not \(phase.rawValue)") }
        return phase
    }

    private static func readGuesses(_ text: String, categoryIndex: [String: Int], targets: JudgementTargets,
                                fail: (String) -> ImportError) throws -> [Int] {
        guard !text.isEmpty else { throw fail("no guesses") }
        let names = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.count <= targets.maxGuesses else {
            throw fail("\(names.count) guesses, but study '\(targets.study)' allows \(targets.maxGuesses)")
        }
        var guesses: [Int] = []
        for name in names {
            guard !name.isEmpty else { throw fail("an empty guess in '\(text)'") }
            guard let category = ExportedName.lookUp(name, in: categoryIndex) else {
                throw fail("unknown category '\(name)'" + NameSuggestion.hint(for: name, among: targets.categories, noun: "categories"))
            }
            guard !guesses.contains(category) else { throw fail("'\(name)' is guessed twice") }
            guesses.append(category)
        }
        return guesses
    }
}
