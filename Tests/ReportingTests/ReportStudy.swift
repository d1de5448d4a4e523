// ReportStudy: a tiny study whose report is worked out by hand below, imported through the
// real CLI, with judgements and predictions written straight into the store with sqlite3.
//
// Categories: cat (0), dog (1), `<fox> & "friends"` (2: a name that must be escaped).
// Test items t1 cat, t2 cat, t3 dog, t4 fox; practice item p1 cat. Annotators ann (A), bo (B).
//
//   id  who  item  guesses   phase     top-1
//    1   A    p1    [0]      practice  right
//    2   A    t1    [0, 2]   test      right
//    3   B    t1    [1, 0]   test      wrong   → majority tie 0:1, 0 chosen first: right
//    4   A    t2    [0]      test      right
//    5   B    t2    [0]      test      right   → majority 0: right
//    6   A    t3    [2]      test      wrong
//    7   B    t3    abstain  test              → majority 2: wrong, but t3 has 1 counted judgement of
//                                                 the 2 planned, so no majority figure uses it
//    8   A    t4    [2]      test      right
//    9   B    t4    [0]      test      wrong   → tie 2:0, 2 first: right
//   10   B    t4    [1]      test      superseded (undone): ignored
//
// Model "m": t1 [0, 1] right, t2 [1, 0] wrong, t3 [1, 2] right, t4 [2, 0] right.
// The study plans 2 judgements per item: t1, t2 and t4 are complete, t3 is not.
import Foundation
import Testing
import TestSupport

struct ReportStudy {
    static let fox = "<fox> & \"friends\""
    let directory = TemporaryDirectory()
    var database: String { directory.path("report.sqlite") }

    init() throws {
        let rows = [("t1", "cat", "test"), ("t2", "cat", "test"), ("t3", "dog", "test"), ("t4", Self.fox, "test"),
                    ("p1", "cat", "practice"), ("e1", "cat", "example"), ("e2", "dog", "example"), ("e3", Self.fox, "example")]
        var manifest = "path,label,split\n"
        for (index, row) in rows.enumerated() {
            try directory.write("\(row.0).png", try Fixtures.png(shade: UInt8(20 * index)))
            manifest += "\(row.0).png,\"\(row.1.replacingOccurrences(of: "\"", with: "\"\""))\",\(row.2)\n"
        }
        try directory.write("study.csv", manifest)
        try directory.write("categories.txt", "cat\ndog\n\(Self.fox)\n")
        for command in [["import", "csv", directory.path("study.csv"), "--name", "pets", "--categories-from-labels", "--max-guesses", "2",
                         "--judgements-per-item", "2",
                         "--categories", directory.path("categories.txt"), "--title", "Pets & <friends>"],
                        ["annotators", "add", "ann"], ["annotators", "add", "bo"]] {
            let result = try Shell.refhuman(command + ["--db", database])
            try #require(result.status == 0, "\(result.stderr)")
        }
        func item(_ source: String) -> String { "(SELECT id FROM item WHERE source = '\(source).png')" }
        func annotator(_ name: String) -> String { "(SELECT id FROM annotator WHERE name = '\(name)')" }
        let judgements: [(String, String, String, Bool, String, Int?, Bool)] = [
            ("ann", "p1", "[0]", false, "practice", 900, false),
            ("ann", "t1", "[0,2]", false, "test", 1000, false), ("bo", "t1", "[1,0]", false, "test", 2000, false),
            ("ann", "t2", "[0]", false, "test", 3000, false), ("bo", "t2", "[0]", false, "test", 4000, false),
            ("ann", "t3", "[2]", false, "test", 5000, false), ("bo", "t3", "[]", true, "test", 6000, false),
            ("ann", "t4", "[2]", false, "test", nil, false), ("bo", "t4", "[0]", false, "test", 7000, false),
            ("bo", "t4", "[1]", false, "test", 8000, true),
        ]
        var sql = "BEGIN;"
        for (index, judgement) in judgements.enumerated() {
            sql += """
            INSERT INTO judgement (id, uuid, annotator_id, item_id, guesses, abstained, response_ms, shown_at, submitted_at, phase, superseded_at,
                                   study_id)
            VALUES (\(index + 1), 'uuid-\(index + 1)', \(annotator(judgement.0)), \(item(judgement.1)), '\(judgement.2)',
                    \(judgement.3 ? 1 : 0), \(judgement.5.map(String.init) ?? "NULL"), '2026-01-01T00:00:0\(index)Z',
                    '2026-01-01T00:01:0\(index)Z', '\(judgement.4)', \(judgement.6 ? "'2026-01-01T00:02:00Z'" : "NULL"),
                    (SELECT min(id) FROM study));
            """
        }
        sql += "INSERT INTO model (id, dataset_id, name, created_at) VALUES (1, 1, 'm', '2026-01-01T00:00:00Z');"
        for (source, ranking) in [("t1", [0, 1]), ("t2", [1, 0]), ("t3", [1, 2]), ("t4", [2, 0])] {
            for (rank, category) in ranking.enumerated() {
                sql += "INSERT INTO prediction VALUES (1, \(item(source)), \(rank), \(category), \(rank == 0 ? 0.75 : 0.25));"
            }
        }
        _ = try Shell.sqlite(database, sql + "COMMIT;")
    }

    func refhuman(_ arguments: [String]) throws -> ShellResult {
        try Shell.refhuman(arguments + ["--db", database])
    }
}
