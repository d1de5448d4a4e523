// ImportJudgementsTests: `refhuman import judgements` through the real binary, checked with report, export and sqlite3.
import Foundation
import Testing
import TestSupport

@Suite struct ImportJudgementsTests {
    /// "pets": four test items (img/0 cat, img/1 dog, img/2 bird, img/3 cat), one practice item
    /// (img/4 dog), one example (img/5 bird); up to two guesses.
    func database(_ dir: TemporaryDirectory) throws -> String {
        var manifest = "path,label,split\n"
        for (index, (label, split)) in [("cat", "test"), ("dog", "test"), ("bird", "test"), ("cat", "test"), ("dog", "practice"),
                                        ("bird", "example")].enumerated() {
            try dir.write("img/\(index).png", try Fixtures.png(shade: UInt8(index * 40)))
            manifest += "img/\(index).png,\(label),\(split)\n"
        }
        try dir.write("manifest.csv", manifest)
        try dir.write("cats.txt", "cat\ndog\nbird\n")
        let db = dir.path("db.sqlite")
        let imported = try Shell.refhuman(["import", "csv", dir.path("manifest.csv"), "--categories", dir.path("cats.txt"), "--name", "pets",
                                           "--max-guesses", "2", "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        return db
    }

    static let goodFile = """
        annotator,item,guesses,response_ms,phase
        ann,img/4.png,dog,900,practice
        ann,img/0.png,cat,1200,
        ann,img/1.png,cat;dog,800,test
        ann,img/2.png,bird,,
        bob,img/0.png,dog,700,
        bob,img/1.png,dog,650,
        bob,img/3.png,cat,500,

        """

    @Test func importedJudgementsCountInTheReportAndTheExport() throws {
        let dir = TemporaryDirectory()
        let db = try database(dir)
        try dir.write("labels.csv", Self.goodFile)
        let imported = try Shell.refhuman(["import", "judgements", dir.path("labels.csv"), "--study", "pets", "--json", "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderrLines == ["imported 7 judgement(s) (6 test, 1 practice) by 2 annotator(s) (2 new) on 5 item(s) into study pets of pets"])
        let summary = try #require(try JSONSerialization.jsonObject(with: imported.stdoutData) as? [String: Any])
        #expect(summary["judgements"] as? Int == 7 && summary["test_judgements"] as? Int == 6 && summary["annotators"] as? Int == 2)
        #expect(summary["new_annotators"] as? Int == 2 && summary["items"] as? Int == 5)

        let report = try Shell.refhuman(["report", "--db", db])
        let json = try #require(try JSONSerialization.jsonObject(with: report.stdoutData) as? [String: Any])
        let overall = try #require(json["overall"] as? [String: Any])
        // By hand: six test judgements on four items; top-1 wrong are ann on img/1 (cat for a dog)
        // and bob on img/0 (dog for a cat): 2/6. Top-2: ann's "cat;dog" holds the dog, so 1/6.
        #expect(overall["judgements"] as? Int == 6 && overall["items"] as? Int == 4)
        #expect(abs((overall["human_error"] as? Double ?? -1) - 2.0 / 6) < 1e-12)
        #expect(abs((overall["human_topk_error"] as? Double ?? -1) - 1.0 / 6) < 1e-12)
        let annotators = try #require(json["annotators"] as? [[String: Any]])
        #expect(annotators.compactMap { $0["name"] as? String }.sorted() == ["ann", "bob"])
        #expect(annotators.first { $0["name"] as? String == "ann" }?["practice_judgements"] as? Int == 1)

        let export = try Shell.refhuman(["export", "judgements", "--db", db])
        let rows = export.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        // item_source, annotator, guesses, response_ms, phase, superseded
        #expect(rows.map { [$0[2], $0[4], $0[5], $0[7], $0[10], $0[11]].joined(separator: " ") } == [
            "img/4.png ann dog 900 practice 0", "img/0.png ann cat 1200 test 0", "img/1.png ann cat;dog 800 test 0",
            "img/2.png ann bird  test 0", "img/0.png bob dog 700 test 0", "img/1.png bob dog 650 test 0", "img/3.png bob cat 500 test 0",
        ])
        // Both take part in the study, and its first test judgement froze its protocol.
        #expect(try Shell.sqlite(db, """
            SELECT group_concat(annotator.name) FROM participant JOIN annotator ON annotator.id = participant.annotator_id
            JOIN study ON study.id = participant.study_id WHERE study.name = 'pets'
            """) == "ann,bob")
        #expect(try Shell.sqlite(db, "SELECT frozen_at IS NOT NULL FROM study WHERE name = 'pets'") == "1")

        // A second file reuses ann (no new account) and adds carol.
        try dir.write("more.csv", "annotator,item,guesses\nann,img/3.png,cat\ncarol,img/3.png,dog\n")
        let more = try Shell.refhuman(["import", "judgements", dir.path("more.csv"), "--db", db])
        #expect(more.status == 0 && more.stderrLines == ["imported 2 judgement(s) (2 test, 0 practice) by 2 annotator(s) (1 new) on 1 item(s) into study pets of pets"])
        #expect(try Shell.sqlite(db, "SELECT count(*) FROM annotator WHERE role = 'annotator'") == "3")
    }

    static let refusals: [(file: String, line: String)] = [
        ("annotator,item,guesses\nann,img/0.png,cat\nann,img/3.png,kitten\n", "line 3: unknown category 'kitten' (categories: cat, dog, bird)"),
        ("annotator,item,guesses\nann,img/0.png,dgo\n", "line 2: unknown category 'dgo'; did you mean 'dog'? (categories: cat, dog, bird)"),
        ("annotator,item,guesses\nann,img/9.png,cat\n", "line 2: no test or practice item 'img/9.png' in dataset 'pets'"),
        ("annotator,item,guesses\nann,img/5.png,bird\n", "line 2: no test or practice item 'img/5.png' in dataset 'pets'"),
        ("annotator,item,guesses\nann,img/0.png,cat;dog;bird\n", "line 2: 3 guesses, but study 'pets' allows 2"),
        ("annotator,item,guesses\nann,img/0.png,cat;cat\n", "line 2: 'cat' is guessed twice"),
        ("annotator,item,guesses\nann,img/0.png,\n", "line 2: no guesses"),
        ("annotator,item,guesses\nann,img/0.png,cat\nbob,img/1.png,dog\nann,img/0.png,dog\n",
         "line 4: annotator 'ann' already judged item 'img/0.png' on line 2"),
        ("annotator,item,guesses,response_ms\nann,img/0.png,cat,fast\n", "line 2: response_ms 'fast' is not a whole number of milliseconds (0 or more)"),
        ("annotator,item,guesses,response_ms\nann,img/0.png,cat,-5\n", "line 2: response_ms '-5' is not a whole number of milliseconds (0 or more)"),
        ("annotator,item,guesses,phase\nann,img/4.png,dog,test\n", "line 2: item 'img/4.png' is a practice item, so its phase is practice, not test"),
        ("annotator,item,guesses,phase\nann,img/0.png,dog,warmup\n", "line 2: phase 'warmup' is neither test nor practice"),
        ("annotator,item,guess\nann,img/0.png,dog\n",
         "line 1: unknown column 'guess'; did you mean 'guesses'? (columns: annotator, item, guesses, response_ms, phase)"),
        ("annotator,item\nann,img/0.png\n", "line 1: no 'guesses' column (the header needs annotator,item,guesses)"),
        ("annotator,item,guesses\nann,img/0.png\n", "line 2: 2 fields, the header has 3"),
        ("annotator,item,guesses\nadmin,img/0.png,dog\n", "line 2: 'admin' is reserved for the admin link"),
        ("annotator,item,guesses\n", "no judgements in the file"),
    ]

    @Test(arguments: refusals.indices)
    func aBadFileIsRefusedInOneLineAndStoresNothing(index: Int) throws {
        let (file, line) = Self.refusals[index]
        let dir = TemporaryDirectory()
        let db = try database(dir)
        let counts = "SELECT (SELECT count(*) FROM judgement) || ',' || (SELECT count(*) FROM annotator) || ',' || "
            + "(SELECT count(*) FROM participant) || ',' || (SELECT count(frozen_at) FROM study)"
        let before = try Shell.sqlite(db, counts)
        #expect(before == "0,0,0,0")
        try dir.write("bad.csv", file)
        let refused = try Shell.refhuman(["import", "judgements", dir.path("bad.csv"), "--db", db])
        #expect(refused.status == 1 && refused.stderrLines == ["refhuman: \(dir.path("bad.csv")): \(line)"], "\(refused.stderr)")
        #expect(try Shell.sqlite(db, counts) == before)
    }

    @Test func aSecondJudgementOfAStoredOneAndAClosedStudyAreRefused() throws {
        let dir = TemporaryDirectory()
        let db = try database(dir)
        try dir.write("labels.csv", Self.goodFile)
        #expect(try Shell.refhuman(["import", "judgements", dir.path("labels.csv"), "--db", db]).status == 0)
        let stored = "SELECT count(*) || ',' || (SELECT count(*) FROM annotator) FROM judgement"
        #expect(try Shell.sqlite(db, stored) == "7,2")
        // carol's row is fine; bob's judged img/3 already, in the import before.
        try dir.write("again.csv", "annotator,item,guesses\ncarol,img/0.png,cat\nbob,img/3.png,cat\n")
        let again = try Shell.refhuman(["import", "judgements", dir.path("again.csv"), "--db", db])
        #expect(again.status == 1 && again.stderrLines == [
            "refhuman: \(dir.path("again.csv")): line 3: annotator 'bob' already has a judgement of item 'img/3.png' in study 'pets'",
        ])
        #expect(try Shell.sqlite(db, stored) == "7,2")

        let pilot = try Shell.refhuman(["studies", "create", "pilot", "--db", db])
        #expect(pilot.status == 0)
        let unchosen = try Shell.refhuman(["import", "judgements", dir.path("again.csv"), "--db", db])
        #expect(unchosen.status == 1 && unchosen.stderrLines == ["refhuman: dataset 'pets' has several studies (pets, pilot): pass --study NAME"])
        #expect(try Shell.refhuman(["studies", "close", "pilot", "--db", db]).status == 0)
        let closed = try Shell.refhuman(["import", "judgements", dir.path("again.csv"), "--study", "pilot", "--db", db])
        #expect(closed.status == 1 && closed.stderrLines == ["refhuman: study 'pilot' is closed"])
        #expect(try Shell.sqlite(db, stored) == "7,2")
        let missing = try Shell.refhuman(["import", "judgements", dir.path("none.csv"), "--db", db])
        #expect(missing.status == 1 && missing.stderrLines == ["refhuman: \(dir.path("none.csv")): cannot read judgements file (missing or not UTF-8)"])
    }
}
