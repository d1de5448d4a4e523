// StudiesCommandTests: `refhuman studies` and `annotators add --study`/`enrol` through the
// real binary: what they print, the one-line refusals, and the rows sqlite3 reads back.
import Foundation
import Testing
import TestSupport

@Suite struct StudiesCommandTests {
    /// A CSV import named "pets" (2 test items, cat and dog) into a fresh database.
    func database(_ dir: TemporaryDirectory) throws -> String {
        try dir.write("img/a.png", try Fixtures.png(shade: 1))
        try dir.write("img/b.png", try Fixtures.png(shade: 2))
        try dir.write("cats.txt", "cat\ndog\n")
        try dir.write("manifest.csv", "path,label\nimg/a.png,cat\nimg/b.png,dog\n")
        let db = dir.path("db.sqlite")
        let imported = try Shell.refhuman(["import", "csv", dir.path("manifest.csv"), "--categories", dir.path("cats.txt"),
                                           "--name", "pets", "--judgements-per-item", "4", "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        return db
    }

    @Test func createListEditCloseAndEnrol() throws {
        let dir = TemporaryDirectory()
        let db = try database(dir)
        // The import made the first study, named like the dataset, with the import's settings.
        let first = try Shell.refhuman(["studies", "list", "--db", db])
        #expect(first.status == 0 && first.stdout == "pets — pets: 0 participant(s), 0 test judgement(s), open to edits\n")
        let created = try Shell.refhuman(["studies", "create", "pilot", "--max-guesses", "3", "--db", db])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == """
            pilot — pets: 0 participant(s), 0 test judgement(s), open to edits
              title: pets
              judgements per item: 3; guesses: 3; exposure: until the answer; practice: all practice items
              order fill

            """)
        #expect(try Shell.sqlite(db, "SELECT name || ',' || judgements_per_item || ',' || max_guesses FROM study ORDER BY id") == "pets,4,1\npilot,3,3")

        let edited = try Shell.refhuman(["studies", "edit", "pilot", "--exposure-ms", "250", "--title", "Pilot", "--json", "--db", db])
        let json = try JSONSerialization.jsonObject(with: Data(edited.stdout.utf8)) as? [String: Any]
        #expect(edited.status == 0 && json?["title"] as? String == "Pilot")
        #expect((json?["settings"] as? [String: Any])?["exposure_ms"] as? Int == 250)

        // Refusals: one line each, nothing changed.
        let before = try Shell.sqlite(db, "SELECT * FROM study ORDER BY id")
        for (arguments, line) in [
            (["studies", "create", "pilot"], "refhuman: a study named 'pilot' already exists"),
            (["studies", "create", "a/b"], "refhuman: 'a/b': a name cannot contain '/'"),
            (["annotators", "add", "x/y", "--study", "pilot"], "refhuman: 'x/y': a name cannot contain '/'"),
            (["studies", "edit", "pilto", "--max-guesses", "2"], "refhuman: no study named 'pilto'; did you mean 'pilot'? (studies: pets, pilot)"),
            (["studies", "edit", "pilot", "--max-guesses", "11"], "refhuman: max_guesses must be between 1 and 10"),
            (["annotators", "add", "ann", "--study", "nope"], "refhuman: no study named 'nope' (studies: pets, pilot)"),
        ] {
            let refused = try Shell.refhuman(arguments + ["--db", db])
            #expect(refused.status != 0 && refused.stderrLines == [line], "\(arguments): \(refused.stderr)")
        }
        #expect(try Shell.sqlite(db, "SELECT * FROM study ORDER BY id") == before)

        let added = try Shell.refhuman(["annotators", "add", "ann", "--study", "pilot", "--db", db])
        #expect(added.status == 0 && added.stderrLines == ["added ann to study pilot; the link is their login, send it privately"])
        let enrolled = try Shell.refhuman(["annotators", "enrol", "ann", "--study", "pets", "--db", db])
        #expect(enrolled.status == 0 && enrolled.stderrLines == ["ann now takes part in study pets"])
        #expect(try Shell.sqlite(db, """
            SELECT group_concat(study.name) FROM (SELECT study_id FROM participant ORDER BY id) AS p JOIN study ON study.id = p.study_id
            """) == "pilot,pets")
        let closed = try Shell.refhuman(["studies", "close", "pilot", "--db", db])
        #expect(closed.status == 0 && closed.stdout.hasPrefix("pilot — pets: 1 participant(s), 0 test judgement(s), closed 20"))
        let late = try Shell.refhuman(["annotators", "enrol", "ann", "--study", "pilot", "--db", db])
        #expect(late.status != 0 && late.stderrLines == ["refhuman: study 'pilot' is closed"])
    }
}
