// TrainAndClassifyTests: `refhuman train` and `refhuman classify` through the real binary on a
// generated dataset that any working classifier separates: grey ramps starting dark or bright.
import Foundation
import Testing
import TestSupport

@Suite struct TrainAndClassifyTests {
    /// 40 train, 10 test and 4 practice images per class; shades differ within each class.
    func makeStudy() throws -> (TemporaryDirectory, String) {
        let directory = TemporaryDirectory()
        var manifest = "path,label,split\n"
        var index = 0
        for (split, count) in [("train", 40), ("test", 10), ("practice", 4)] {
            for _ in 0..<count {
                for (label, base) in [("dark", 10), ("bright", 180)] {
                    let name = "img/\(index).png"
                    try directory.write(name, try Fixtures.png(width: 12, height: 12, shade: UInt8(base + (index * 7) % 60)))
                    manifest += "\(name),\(label),\(split)\n"
                    index += 1
                }
            }
        }
        try directory.write("study.csv", manifest)
        try directory.write("categories.txt", "dark\nbright\n")
        let database = directory.path("study.sqlite")
        let result = try Shell.refhuman(["import", "csv", directory.path("study.csv"), "--name", "shades", "--categories-from-labels",
                                         "--categories", directory.path("categories.txt"), "--db", database])
        try #require(result.status == 0, "\(result.stderr)")
        return (directory, database)
    }

    @Test func trainedModelPredictsEveryTestAndPracticeItem() throws {
        let (directory, database) = try makeStudy()
        let weights = directory.path("shades.safetensors")
        let trained = try Shell.refhuman(["train", "--out", weights, "--epochs", "6", "--batch-size", "8",
                                          "--learning-rate", "0.01", "--db", database])
        try #require(trained.status == 0, "\(trained.stderr)")
        // One progress line per epoch on stderr.
        #expect(trained.stderrLines.filter { $0.hasPrefix("epoch ") }.count == 6)
        let card = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.file("shades.json"))) as? [String: Any])
        #expect(card["classNames"] as? [String] == ["dark", "bright"])
        #expect(card["epochs"] as? Int == 6)

        let classified = try Shell.refhuman(["classify", "--model", weights, "--db", database])
        try #require(classified.status == 0, "\(classified.stderr)")
        #expect(classified.stdout.isEmpty && classified.stderr.hasPrefix("stored top-5 predictions for 28 items as 'shades'"))
        // Two classes: each item gets both, ranked, with softmax scores summing to 1.
        let perItem = try Shell.sqlite(database, """
            SELECT count(*), round(sum(score), 4) FROM prediction GROUP BY item_id HAVING count(*) != 2 OR abs(sum(score) - 1) > 1e-4
            """)
        #expect(perItem.isEmpty)
        #expect(try Shell.sqlite(database, "SELECT count(DISTINCT item_id) FROM prediction") == "28")
        // Dark vs bright is trivially separable: every test item's top-1 is its truth.
        let wrong = try Shell.sqlite(database, """
            SELECT count(*) FROM prediction JOIN item ON item.id = prediction.item_id
            WHERE prediction.rank = 0 AND item.split = 'test' AND prediction.category_idx != item.category_idx
            """)
        #expect(wrong == "0")
        // The report picks the model up.
        let report = try Shell.refhuman(["report", "--db", database])
        #expect((try JSONSerialization.jsonObject(with: report.stdoutData) as? [String: Any])?["model"] as? String == "shades")
    }

    @Test func refusalsAreOneLine() throws {
        let (directory, database) = try makeStudy()
        let unknown = try Shell.refhuman(["train", "--dataset", "shades", "--out", directory.path("x.safetensors"),
                                          "--evaluate", "nope", "--db", database])
        #expect(unknown.status == 1 && unknown.stderrLines == ["refhuman: no dataset named 'nope' (datasets: shades)"])
        let garbage = try directory.write("bad.safetensors", Data([1, 2, 3]))
        let bad = try Shell.refhuman(["classify", "--model", garbage.path, "--db", database])
        #expect(bad.status == 1 && bad.stderrLines.count == 1 && bad.stderrLines[0].hasPrefix("refhuman: \(garbage.path): "))
    }
}
