// FormulaStudy: a one-annotator study whose category, file and annotator names start like
// spreadsheet formulas, and whose model gives negative scores, imported through the real CLI.
//
// Categories: =HYPERLINK("http://x.test","click") (0), +1+2 (1), -2+3 (2), @SUM(A1) (3), plain (4).
// Test items, in manifest order: =HYPERLINK("x").png (truth 0), -1.png (2), plain.png (4).
// Annotator +ann judged each once: [0] right, [1] wrong, [4] right.
// Model "m": =HYPERLINK("x").png [1 at -3.0] wrong, -1.png [2 at 0.5, 1 at -0.25] right,
// plain.png [4 at 1.0] right.
import Foundation
import Testing
import TestSupport

struct FormulaStudy {
    static let link = "=HYPERLINK(\"http://x.test\",\"click\")"
    static let categories = [link, "+1+2", "-2+3", "@SUM(A1)", "plain"]
    static let sources = ["=HYPERLINK(\"x\").png", "-1.png", "plain.png"]
    let directory = TemporaryDirectory()
    var database: String { directory.path("formulas.sqlite") }

    init() throws {
        let truths = [0, 2, 4]
        var manifest = "path,label,split\n"
        func quoted(_ field: String) -> String { "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        for (index, source) in Self.sources.enumerated() {
            try directory.write(source, try Fixtures.png(shade: UInt8(40 * index)))
            manifest += "\(quoted(source)),\(quoted(Self.categories[truths[index]])),test\n"
        }
        try directory.write("study.csv", manifest)
        try directory.write("categories.txt", Self.categories.joined(separator: "\n") + "\n")
        for command in [["import", "csv", directory.path("study.csv"), "--name", "formulas",
                         "--categories", directory.path("categories.txt"), "--judgements-per-item", "1"],
                        ["annotators", "add", "+ann"]] {
            let result = try Shell.refhuman(command + ["--db", database])
            try #require(result.status == 0, "\(result.stderr)")
        }
        func item(_ index: Int) -> String {
            "(SELECT id FROM item WHERE source = '\(Self.sources[index].replacingOccurrences(of: "'", with: "''"))')"
        }
        var sql = "BEGIN;"
        for (index, guess) in [0, 1, 4].enumerated() {
            sql += """
            INSERT INTO judgement (id, uuid, annotator_id, item_id, guesses, abstained, response_ms, shown_at, submitted_at, phase, study_id)
            VALUES (\(index + 1), 'uuid-\(index + 1)', (SELECT id FROM annotator WHERE name = '+ann'), \(item(index)), '[\(guess)]',
                    0, \(1000 * (index + 1)), '2026-01-01T00:00:0\(index)Z', '2026-01-01T00:01:0\(index)Z', 'test',
                    (SELECT min(id) FROM study));
            """
        }
        sql += "INSERT INTO model (id, dataset_id, name, created_at) VALUES (1, 1, 'm', '2026-01-01T00:00:00Z');"
        for (index, ranking) in [[(1, -3.0)], [(2, 0.5), (1, -0.25)], [(4, 1.0)]].enumerated() {
            for (rank, prediction) in ranking.enumerated() {
                sql += "INSERT INTO prediction VALUES (1, \(item(index)), \(rank), \(prediction.0), \(prediction.1));"
            }
        }
        _ = try Shell.sqlite(database, sql + "COMMIT;")
    }

    func refhuman(_ arguments: [String]) throws -> ShellResult {
        try Shell.refhuman(arguments + ["--db", database])
    }

    func itemID(_ index: Int) throws -> String {
        try Shell.sqlite(database, "SELECT id FROM item WHERE source = '\(Self.sources[index])'")
    }

    /// The CSV as Python's csv module reads it, a second reader besides the hand-worked lines.
    static func rowsByPython(_ csv: Data) throws -> [[String]] {
        let script = "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))))"
        let result = try Shell.run("/usr/bin/python3", ["-c", script], input: csv)
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [[String]])
    }
}
