// SpreadsheetSafeExportTests: every CSV export neutralises cells that a spreadsheet would run
// as formulas (OWASP: a leading =, +, -, @, tab or CR gets a '), keeps numbers numbers, and
// the predictions export still round-trips. Checked on FormulaStudy, line by hand-worked line
// and through Python's csv module.
import Foundation
import Testing
import TestSupport

@Suite struct SpreadsheetSafeExportTests {
    func lines(_ result: ShellResult) throws -> [String] {
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test func trialExportNeutralisesNamesAndScoreLists() throws {
        let study = try FormulaStudy()
        let export = try study.refhuman(["export", "judgements", "--dataset", "formulas"])
        let rows = try lines(export)
        let (a, b, c) = (try study.itemID(0), try study.itemID(1), try study.itemID(2))
        #expect(rows == [
            "uuid,item_id,item_source,true_category,annotator,guesses,abstained,response_ms,shown_at,submitted_at,phase,superseded,"
                + "hidden_count,hidden_ms,blur_count,blur_ms,fullscreen_exits,viewport_width,viewport_height,device_pixel_ratio,viewport_device_width,viewport_device_height,image_width,image_height,image_device_width,image_device_height,measured_exposure_ms,"
                + "browsing_opened,browsing_searched,browsing_pinned,m_topk,m_scores",
            "uuid-1,\(a),\"'=HYPERLINK(\"\"x\"\").png\",\"'=HYPERLINK(\"\"http://x.test\"\",\"\"click\"\")\",'+ann,"
                + "\"'=HYPERLINK(\"\"http://x.test\"\",\"\"click\"\")\",0,1000,2026-01-01T00:00:00Z,2026-01-01T00:01:00Z,test,0,,,,,,,,,,,,,,,,,,,'+1+2,'-3.0",
            "uuid-2,\(b),'-1.png,'-2+3,'+ann,'+1+2,0,2000,2026-01-01T00:00:01Z,2026-01-01T00:01:01Z,test,0,,,,,,,,,,,,,,,,,,,'-2+3;+1+2,0.5;-0.25",
            "uuid-3,\(c),plain.png,plain,'+ann,plain,0,3000,2026-01-01T00:00:02Z,2026-01-01T00:01:02Z,test,0,,,,,,,,,,,,,,,,,,,plain,1.0",
        ])
        let parsed = try FormulaStudy.rowsByPython(export.stdoutData)
        #expect(parsed.count == 4)
        #expect(parsed[1][2] == "'" + FormulaStudy.sources[0])
        #expect(parsed[1][3] == "'" + FormulaStudy.link)
        #expect(parsed[2][1] == b && parsed[2][7] == "2000")
        // No cell a spreadsheet would run: each starts with something other than = + - @ tab CR.
        let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]
        #expect(parsed.flatMap { $0 }.allSatisfy { $0.first.map { !formulaStarts.contains($0) } ?? true })
    }

    @Test func reportCSVNeutralisesCategoriesButKeepsNegativeNumbers() throws {
        let study = try FormulaStudy()
        let report = try study.refhuman(["report", "--dataset", "formulas", "--format", "csv"])
        let rows = try lines(report)
        #expect(rows.count == 2 + 5 + 5)  // + median, pooled, majority of 1, Dawid–Skene, the one annotator
        #expect(rows[2].hasPrefix("category,\"'=HYPERLINK(\"\"http://x.test\"\",\"\"click\"\")\",1,1,0.0,"))
        #expect(rows[3].hasPrefix("category,'+1+2,0,0,"))
        #expect(rows[4].hasPrefix("category,'-2+3,1,1,1.0,"))
        #expect(rows[5].hasPrefix("category,'@SUM(A1),0,0,"))
        #expect(rows[6].hasPrefix("category,plain,1,1,0.0,"))
        let parsed = try FormulaStudy.rowsByPython(report.stdoutData)
        let overall = Dictionary(uniqueKeysWithValues: zip(parsed[0], parsed[1]))
        // Human right on items 1 and 3, the model on 2 and 3: n = 3, R₁ = R₂ = 2, one item agrees,
        // κ = (3·1 − (2·2 + 1·1)) / (2·1 + 1·2) = −0.5 (ErrorConsistency's count form).
        #expect(overall["error_consistency"] == "-0.5")
        #expect(overall["model_error"] == "\(1.0 / 3.0)")
        #expect(rows[1].contains(",-0.5,"), "a negative number stays a plain number cell")
    }

    @Test func predictionsExportNeutralisesNamesAndRoundTrips() throws {
        let study = try FormulaStudy()
        let exported = try study.refhuman(["predictions", "export", "--dataset", "formulas", "--model", "m"])
        #expect(try lines(exported) == [
            "item,true_label,label1,score1,label2,score2",
            "\"'=HYPERLINK(\"\"x\"\").png\",\"'=HYPERLINK(\"\"http://x.test\"\",\"\"click\"\")\",'+1+2,-3.0,,",
            "'-1.png,'-2+3,'-2+3,0.5,'+1+2,-0.25",
            "plain.png,plain,plain,1.0,,",
        ])
        _ = try study.directory.write("m.csv", exported.stdoutData)
        let imported = try study.refhuman(["predictions", "import", study.directory.path("m.csv"), "--model", "copy"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let copy = try study.refhuman(["predictions", "export", "--dataset", "formulas", "--model", "copy"])
        #expect(copy.stdout == exported.stdout)
        #expect(try Shell.sqlite(study.database, """
            SELECT group_concat(cell, ' ') FROM (
              SELECT p.category_idx || ':' || p.score AS cell FROM prediction AS p JOIN model ON model.id = p.model_id
              WHERE model.name = 'copy' ORDER BY p.item_id, p.rank)
            """) == "1:-3.0 2:0.5 1:-0.25 4:1.0")
    }
}
