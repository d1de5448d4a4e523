// PredictionsCommandTests: `refhuman predictions export|import` round-trips, and every bad file
// is refused in one line with nothing stored.
import Foundation
import Testing
import TestSupport

@Suite struct PredictionsCommandTests {
    @Test func exportThenImportRoundTrips() throws {
        let study = try ReportStudy()
        let exported = try study.refhuman(["predictions", "export", "--model", "m"])
        try #require(exported.status == 0, "\(exported.stderr)")
        // ReportStudy's model m, by hand: t1 [cat, dog], t2 [dog, cat], t3 [dog, fox], t4 [fox, cat]; 0.75 then 0.25.
        let fox = "\"<fox> & \"\"friends\"\"\""
        #expect(exported.stdout == [
            "item,true_label,label1,score1,label2,score2",
            "t1.png,cat,cat,0.75,dog,0.25", "t2.png,cat,dog,0.75,cat,0.25",
            "t3.png,dog,dog,0.75,\(fox),0.25", "t4.png,\(fox),\(fox),0.75,cat,0.25",
        ].map { $0 + "\r\n" }.joined())
        _ = try study.directory.write("m.csv", exported.stdoutData)
        let imported = try study.refhuman(["predictions", "import", study.directory.path("m.csv"), "--model", "copy"])
        #expect(imported.status == 0)
        #expect(imported.stdout.isEmpty && imported.stderr == "stored 4 predictions as 'copy' on pets (1 test/practice items have none)\n")
        #expect(try study.refhuman(["predictions", "export", "--model", "copy"]).stdout == exported.stdout)
        // A top-1-only file without scores is enough.
        _ = try study.directory.write("top1.csv", "item,label\nt1.png,dog\n")
        #expect(try study.refhuman(["predictions", "import", study.directory.path("top1.csv"), "--model", "t"]).status == 0)
        #expect(try Shell.sqlite(study.database, "SELECT category_idx || ' ' || ifnull(score, 'null') FROM prediction JOIN model ON model.id = model_id WHERE name = 't'") == "1 null")
    }

    @Test func badFilesAreRefusedWithNothingStored() throws {
        let study = try ReportStudy()
        let cases: [(String, String)] = [
            ("item,label1\nt1.png,cat\nt9.png,dog\n", "line 3: no test or practice item 't9.png' in dataset 'pets'"),
            ("item,label1\nt1.png,cat\nt2.png,cow\n", "line 3: 'cow' is not a category of 'pets'"),
            ("item,true_label,label1\nt1.png,dog,cat\n", "line 2: true_label 'dog' but item 't1.png' is 'cat'"),
            ("item,label1,score1\nt1.png,cat,high\n", "line 2: score 'high' is not a number"),
            ("item,label1\nt1.png,cat\nt1.png,dog\n", "line 3: item 't1.png' appears twice"),
            ("item,label1,label2\nt1.png,cat,cat\n", "line 2: 'cat' is ranked twice"),
            ("item,label1\nt1.png\n", "line 2: 1 fields, the header has 2"),
            ("source,label1\n", "line 1: the first column must be 'item', not 'source'"),
            ("item,label1\nt1.png,\"cat\n", "line 2: unterminated quoted field"),
            ("item,label1\n", "no predictions in the file"),
        ]
        let before = try Shell.sha256sum(study.database)
        for (index, (text, reason)) in cases.enumerated() {
            let path = study.directory.path("bad\(index).csv")
            _ = try study.directory.write("bad\(index).csv", text)
            let result = try study.refhuman(["predictions", "import", path, "--model", "bad"])
            #expect(result.status == 1 && result.stderrLines == ["refhuman: \(path): \(reason)"], "\(text)")
        }
        #expect(try Shell.sha256sum(study.database) == before)
        let empty = try study.directory.write("empty.csv", "")
        let again = try study.refhuman(["predictions", "import", empty.path, "--model", "m"])
        #expect(again.stderrLines == ["refhuman: \(empty.path): empty predictions file"])
        let missing = try study.refhuman(["predictions", "import", study.directory.path("none.csv"), "--model", "m"])
        #expect(missing.stderrLines == ["refhuman: \(study.directory.path("none.csv")): cannot read predictions file (missing or not UTF-8)"])
        _ = try study.directory.write("ok.csv", "item,label1\nt1.png,cat\n")
        let taken = try study.refhuman(["predictions", "import", study.directory.path("ok.csv"), "--model", "m"])
        #expect(taken.stderrLines == ["refhuman: dataset 'pets' already has a model named 'm'; pass --replace to replace it"])
        #expect(try study.refhuman(["predictions", "import", study.directory.path("ok.csv"), "--model", "m", "--replace"]).status == 0)
        #expect(try Shell.sqlite(study.database, "SELECT count(*) FROM prediction") == "1")
    }
}
