// ConventionsTests: the command-line conventions, through the real binary: --db before or
// after the subcommand and from REFHUMAN_DB, commands that only read refuse a missing
// database and create nothing, suggestions for mistyped commands and dataset names,
// `check` line by line, and `backup` refusing to overwrite.
import Foundation
import Testing
import TestSupport

@Suite struct ConventionsTests {
    /// A one-dataset database named `tiny` (two categories, two test images) in `dir`.
    func tinyDatabase(_ dir: TemporaryDirectory) throws -> String {
        try dir.write("img/a.png", try Fixtures.png(shade: 1))
        try dir.write("img/b.png", try Fixtures.png(shade: 2))
        try dir.write("tiny.csv", "path,label\nimg/a.png,cat\nimg/b.png,dog\n")
        let database = dir.path("tiny.sqlite")
        let imported = try Shell.refhuman(["import", "csv", dir.path("tiny.csv"), "--name", "tiny", "--categories-from-labels", "--db", database])
        try #require(imported.status == 0, "\(imported.stderr)")
        return database
    }

    func datasetNames(_ result: ShellResult) -> [String] {
        let list = (try? JSONSerialization.jsonObject(with: result.stdoutData)) as? [[String: Any]] ?? []
        return list.compactMap { $0["name"] as? String }
    }

    @Test func theDatabaseMayBeNamedBeforeOrAfterTheCommandOrInTheEnvironment() throws {
        let dir = TemporaryDirectory()
        let database = try tinyDatabase(dir)
        let unset = ["REFHUMAN_DB": ""]
        #expect(datasetNames(try Shell.refhuman(["--db", database, "datasets", "--json"], environment: unset)) == ["tiny"])
        #expect(datasetNames(try Shell.refhuman(["datasets", "--json", "--db", database], environment: unset)) == ["tiny"])
        #expect(datasetNames(try Shell.refhuman(["--db=\(database)", "datasets", "--json"], environment: unset)) == ["tiny"])
        #expect(datasetNames(try Shell.refhuman(["datasets", "--json"], environment: ["REFHUMAN_DB": database])) == ["tiny"])
        // --db wins over the environment.
        let elsewhere = try Shell.refhuman(["datasets", "--db", dir.path("none.sqlite")], environment: ["REFHUMAN_DB": database])
        #expect(elsewhere.status == 1 && elsewhere.stderr.contains("none.sqlite: no such database"))
    }

    @Test(arguments: [["datasets"], ["report"], ["export", "judgements"], ["check"], ["annotators", "list"], ["backup", "copy.sqlite"]])
    func commandsThatOnlyReadRefuseAMissingDatabaseAndCreateNothing(command: [String]) throws {
        let dir = TemporaryDirectory()
        let missing = try Shell.refhuman(command + ["--db", dir.path("not/yet/x.sqlite")], directory: dir.url)
        #expect(missing.status == 1)
        #expect(missing.stderrLines == ["refhuman: \(dir.path("not/yet/x.sqlite")): no such database (make one with `refhuman import`, or name another with --db or REFHUMAN_DB)"])
        // A one-character path once crashed the binary.
        let short = try Shell.refhuman(command + ["--db", "X"], directory: dir.url)
        #expect(short.status == 1 && short.stderrLines.count == 1 && short.stderr.contains("X: no such database"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }

    @Test func aMistypedCommandGetsTheClosestNameAndTheList() throws {
        let report = try Shell.refhuman(["reprot"])
        #expect(report.status == 64)
        #expect(report.stderrLines.count == 1)
        #expect(report.stderr.hasPrefix("refhuman: 'refhuman' has no command 'reprot'; did you mean 'report'? (commands: serve,"))
        let folder = try Shell.refhuman(["import", "fodler", "x"])
        #expect(folder.status == 64)
        #expect(folder.stderrLines == ["refhuman: 'refhuman import' has no command 'fodler'; did you mean 'folder'? (commands: bundle, idx, folder, csv, cifar, judgements)"])
        let nothingClose = try Shell.refhuman(["zzzzzzzz"])
        #expect(nothingClose.status == 64 && !nothingClose.stderr.contains("did you mean"))
    }

    @Test func aMistypedDatasetGetsTheClosestName() throws {
        let dir = TemporaryDirectory()
        let database = try tinyDatabase(dir)
        let typo = try Shell.refhuman(["report", "--dataset", "tiyn", "--db", database])
        #expect(typo.status == 1 && typo.stderrLines == ["refhuman: no dataset named 'tiyn'; did you mean 'tiny'? (datasets: tiny)"])
    }

    @Test func checkPrintsALinePerCheckAndFailsOnADanglingReference() throws {
        let dir = TemporaryDirectory()
        let database = try tinyDatabase(dir)
        let healthy = try Shell.refhuman(["check", "--db", database])
        #expect(healthy.status == 0)
        #expect(healthy.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) } == ["integrity:", "foreign", "schema"])
        #expect(!healthy.stdout.contains("FAILED"))
        // An item pointing at a dataset that does not exist, written with foreign keys off (sqlite3's default).
        _ = try Shell.sqlite(database, "INSERT INTO item (dataset_id, image_id, category_idx, split, source) SELECT 999, image_id, 0, 'test', 'dangling' FROM item LIMIT 1")
        let broken = try Shell.refhuman(["check", "--db", database, "--json"])
        #expect(broken.status == 1)
        let lines = try #require(try JSONSerialization.jsonObject(with: broken.stdoutData) as? [[String: Any]])
        #expect(lines.map { $0["check"] as? String } == ["integrity", "foreign keys", "schema version"])
        #expect(lines.map { $0["passed"] as? Bool } == [true, false, true])
    }

    @Test func backupWritesACheckedCopyAndNeverOverwrites() throws {
        let dir = TemporaryDirectory()
        let database = try tinyDatabase(dir)
        let copy = dir.path("copy.sqlite")
        let first = try Shell.refhuman(["backup", copy, "--db", database])
        #expect(first.status == 0 && first.stdout.isEmpty)
        #expect(try Shell.sqlite(copy, "SELECT group_concat(source, ',') FROM (SELECT source FROM item ORDER BY source)") == "img/a.png,img/b.png")
        #expect(try Shell.sqlite(copy, "PRAGMA integrity_check") == "ok")
        let before = try Shell.sha256sum(copy)
        let again = try Shell.refhuman(["backup", copy, "--db", database])
        #expect(again.status == 1 && again.stderrLines == ["refhuman: \(copy) already exists; name a new file for the backup"])
        #expect(try Shell.sha256sum(copy) == before)
    }

    @Test func versionNamesTheReleaseAndTheCommitItWasBuiltFrom() throws {
        let head = try Shell.run("/usr/bin/git", ["-C", Shell.repositoryRoot.path, "rev-parse", "HEAD"])
        try #require(head.status == 0, "not a git checkout: \(head.stderr)")
        let version = try Shell.refhuman(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "refhuman 1.1.0 (commit \(head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))\n")
    }

    @Test func commandsThatReportPrintJSONOnRequest() throws {
        let dir = TemporaryDirectory()
        try dir.write("img/a.png", try Fixtures.png(shade: 1))
        try dir.write("img/b.png", try Fixtures.png(shade: 2))
        try dir.write("tiny.csv", "path,label,split\nimg/a.png,cat,test\nimg/b.png,dog,practice\n")
        let database = dir.path("tiny.sqlite")
        let imported = try Shell.refhuman(["import", "csv", dir.path("tiny.csv"), "--name", "tiny", "--categories-from-labels",
                                           "--json", "--db", database])
        #expect(imported.status == 0 && imported.stderr.hasPrefix("imported 'tiny'"))
        let summary = try #require(try JSONSerialization.jsonObject(with: imported.stdoutData) as? [String: Any])
        #expect(summary["dataset"] as? String == "tiny" && summary["items"] as? Int == 2 && summary["new_images"] as? Int == 2)
        #expect(summary["items_per_split"] as? [String: Int] == ["test": 1, "practice": 1])
        let backup = try Shell.refhuman(["backup", dir.path("copy.sqlite"), "--json", "--db", database])
        #expect(try JSONSerialization.jsonObject(with: backup.stdoutData) as? [String: String]
            == ["database": database, "backup": dir.path("copy.sqlite")])
        let predictions = try dir.write("p.csv", "item,true_label,label1,score1\nimg/a.png,cat,dog,0.9\n")
        let stored = try Shell.refhuman(["predictions", "import", predictions.path, "--model", "m", "--json", "--db", database])
        #expect(stored.status == 0, "\(stored.stderr)")
        let added = try Shell.refhuman(["annotators", "add", "ann", "--json", "--db", database])
        let account = try #require(try JSONSerialization.jsonObject(with: added.stdoutData) as? [String: String])
        #expect(account["name"] == "ann" && account["dataset"] == "tiny" && account["link"]?.hasPrefix("http://127.0.0.1:8080/join/") == true)
        let disabled = try Shell.refhuman(["annotators", "disable", "ann", "--json", "--db", database])
        let gone = try #require(try JSONSerialization.jsonObject(with: disabled.stdoutData) as? [String: Any])
        #expect(gone["name"] as? String == "ann" && gone["disabled_at"] is String)
        let outcome = try #require(try JSONSerialization.jsonObject(with: stored.stdoutData) as? [String: Any])
        #expect(outcome.count == 2 && outcome["model"] as? String == "m" && outcome["predictions"] as? Int == 1)
    }
}
