// StudyFixture: a small study in a temporary database (3 categories; 2 practice, 12 test
// and 3 example items, each a distinct image), imported through the real CLI.
import Foundation
import Testing
import TestSupport

struct StudyFixture {
    static let categories = ["cat", "dog", "fox"]
    static let testItems = 12
    let directory = TemporaryDirectory()
    var database: String { directory.path("study.sqlite") }

    init(judgementsPerItem: Int = 3, maxGuesses: Int = 1) throws {
        var manifest = "path,label,split\n"
        var shade: UInt8 = 10
        func add(_ split: String, _ label: String) throws {
            let name = "img/\(shade).png"
            try directory.write(name, try Fixtures.png(shade: shade))
            manifest += "\(name),\(label),\(split)\n"
            shade += 3
        }
        for index in 0..<Self.testItems { try add("test", Self.categories[index % 3]) }
        for index in 0..<2 { try add("practice", Self.categories[index]) }
        for category in Self.categories { try add("example", category) }
        try directory.write("study.csv", manifest)
        let result = try Shell.refhuman(["import", "csv", directory.path("study.csv"), "--name", "study", "--categories-from-labels",
                                         "--judgements-per-item", "\(judgementsPerItem)", "--max-guesses", "\(maxGuesses)",
                                         "--db", database])
        try #require(result.status == 0, "\(result.stderr)")
    }

    /// A new annotator's token, from the invite link the CLI prints.
    func invite(_ name: String) throws -> String {
        let result = try Shell.refhuman(["annotators", "add", name, "--db", database])
        try #require(result.status == 0, "\(result.stderr)")
        return String(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "/").last ?? "")
    }

    /// The true category index behind each item handle (every study's), read with sqlite3:
    /// the API names items only by their handles.
    func truths() throws -> [String: Int] {
        let lines = try Shell.sqlite(database, """
            SELECT handle || ' ' || category_idx FROM item_handle JOIN item ON item.id = item_handle.item_id
            """).split(separator: "\n")
        return Dictionary(uniqueKeysWithValues: lines.map { line in
            let parts = line.split(separator: " ")
            return (String(parts[0]), Int(parts[1])!)
        })
    }
}
