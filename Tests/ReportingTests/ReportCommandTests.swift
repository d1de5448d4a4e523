// ReportCommandTests: `refhuman report` and `refhuman export judgements` on ReportStudy, every
// figure checked against the hand-worked table in ReportStudy.swift.
import Foundation
import Testing
import TestSupport

@Suite struct ReportCommandTests {
    func json(_ result: ShellResult) throws -> [String: Any] {
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
    }

    func close(_ value: Any?, _ expected: Double) -> Bool {
        guard let number = value as? Double else { return false }
        return abs(number - expected) < 1e-12
    }

    @Test func jsonReportMatchesTheHandWorkedStudy() throws {
        let study = try ReportStudy()
        let report = try json(try study.refhuman(["report", "--dataset", "pets", "--format", "json"]))
        #expect(report["dataset"] as? String == "pets")
        #expect(report["model"] as? String == "m")
        let overall = try #require(report["overall"] as? [String: Any])
        #expect(overall["items"] as? Int == 4)
        // Counted test judgements: ids 2, 3, 4, 5, 6, 8, 9 (7 abstained, 10 superseded).
        #expect(overall["judgements"] as? Int == 7)
        // Top-1 misses: 3, 6, 9.
        #expect(close(overall["human_error"], 3.0 / 7.0))
        // Top-2 misses: 6 ([2] for dog), 9 ([0] for fox).
        #expect(close(overall["human_topk_error"], 2.0 / 7.0))
        // Majorities of the complete items: t1 right, t2 right, t4 right (t3, with one counted
        // judgement of two, has none that counts).
        #expect(overall["human_majority_items"] as? Int == 3)
        #expect(close(overall["human_majority_error"], 0))
        #expect(close(overall["model_error"], 0.25))
        // Top-2: t2 [1, 0] contains cat: no misses.
        #expect(close(overall["model_topk_error"], 0))
        // Paired on t1, t2, t4: b = t2 (majority right, model wrong) = 1, c = 0:
        // p = min(1, 2·P[Bin(1, ½) ≤ 0]) = 1.
        #expect(overall["paired_items"] as? Int == 3)
        #expect(close(overall["mcnemar_p"], 1))
        #expect(close(overall["abstention_rate"], 1.0 / 8.0))
        // Model 1/3 wrong on the paired items, the majority 0: gap 1/3, also under its old name.
        #expect(close(overall["model_minus_human_majority_error"], 1.0 / 3.0))
        #expect(close(overall["avoidable_bias"], 1.0 / 3.0))
        // Coverage: t3 has 1 counted judgement, the others 2; 7 counted in all.
        let coverage = try #require(report["coverage"] as? [String: Any])
        #expect(coverage["planned_items"] as? Int == 4 && coverage["judgements_per_item"] as? Int == 2)
        #expect(coverage["complete_items"] as? Int == 3 && coverage["judged_items"] as? Int == 4 && coverage["counted_judgements"] as? Int == 7)
        let rows = try #require(coverage["items_by_judgements"] as? [[String: Int]])
        #expect(rows == [["judgements": 1, "items": 1], ["judgements": 2, "items": 3]])
        // Which human. ann: 1 miss in 4 (id 6); bo: 2 in 3 (ids 3, 9): median (1/4 + 2/3)/2; neither has
        // the 20 judgements a best annotator needs.
        let humans = try #require(report["humans"] as? [String: Any])
        #expect(humans["annotators"] as? Int == 2)
        #expect(close(humans["median_annotator_error"], (0.25 + 2.0 / 3.0) / 2))
        #expect(humans["best_annotator"] is NSNull && humans["best_min_judgements"] as? Int == 20)
        #expect(close(humans["pooled_error"], 3.0 / 7.0))
        let pooledCI = try #require(humans["pooled_error_bootstrap_ci"] as? [Double])
        #expect(pooledCI[0] <= 3.0 / 7.0 && 3.0 / 7.0 <= pooledCI[1])
        // Majority of 1: each item's share of wrong first guesses, t1 1/2, t2 0, t3 1, t4 1/2 → 1/2.
        // Of 2, on t1, t2, t4: ties count half right → (1/2 + 0 + 1/2) / 3 = 1/3.
        let curve = try #require(humans["majority_of_k"] as? [[String: Any]])
        #expect(curve.map { $0["k"] as? Int } == [1, 2] && curve.map { $0["items"] as? Int } == [4, 3])
        #expect(close(curve[0]["error"], 0.5) && close(curve[1]["error"], 1.0 / 3.0) && curve[1]["method"] as? String == "exact")
        let dawidSkene = try #require(humans["dawid_skene"] as? [String: Any])
        #expect(dawidSkene["items"] as? Int == 4 && (dawidSkene["annotator_accuracy"] as? [Any])?.count == 2)
        // Model m right on t1 (2 judgements), t3 (1), t4 (2), wrong on t2 (2): 2/7 by judgement; humans 3/7.
        let paired = try #require((humans["models"] as? [[String: Any]])?.first)
        #expect(paired["model"] as? String == "m" && paired["judgements"] as? Int == 7)
        #expect(close(paired["model_minus_human_error"], -1.0 / 7.0))
        // Provenance: the binary's version line, the study and its protocol.
        let provenance = try #require(report["provenance"] as? [String: Any])
        let version = try Shell.refhuman(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(provenance["software"] as? String == version && version.hasPrefix("refhuman "))
        #expect(provenance["study"] as? String == "pets")
        let protocolSettings = try #require(provenance["protocol"] as? [String: Any])
        #expect(protocolSettings["judgements_per_item"] as? Int == 2 && protocolSettings["max_guesses"] as? Int == 2)
        // Judgements written with sqlite3 never froze the study (the server's first test judgement does).
        #expect(protocolSettings["catch_source"] as? String == "auto" && protocolSettings["frozen_at"] is NSNull)
        // python -c "from statsmodels.stats.proportion import proportion_confint as c; print(c(3, 7, method='wilson'))"
        // → (0.15821985525146964, 0.7495416354723428). statsmodels' z is norm.ppf(0.975), DESIGN's is 1.959964:
        // they differ by 2e-8, hence the tolerance.
        let interval = try #require(overall["human_error_ci"] as? [Double])
        #expect(abs(interval[0] - 0.15821985525146964) < 1e-7 && abs(interval[1] - 0.7495416354723428) < 1e-7)

        let categories = try #require(report["categories"] as? [[String: Any]])
        #expect(categories.map { $0["category"] as? String } == ["cat", "dog", ReportStudy.fox])
        // cat: 4 judgements, 1 miss (id 3); dog: 1 judgement, a miss; fox: 2 judgements, 1 miss (id 9).
        #expect(close(categories[0]["human_error"], 0.25))
        #expect(close(categories[1]["human_error"], 1))
        #expect(close(categories[2]["human_error"], 0.5))
        #expect(close(categories[0]["model_error"], 0.5))

        let annotators = try #require(report["annotators"] as? [[String: Any]])
        #expect(annotators.map { $0["name"] as? String } == ["ann", "bo"])
        #expect(annotators.map { $0["test_judgements"] as? Int } == [4, 3])
        #expect(annotators.map { $0["practice_judgements"] as? Int } == [1, 0])
        // ann's timed test answers: 1000, 3000, 5000 → median 3000 (id 8 has no time).
        #expect(close(annotators[0]["median_response_ms"], 3000))
    }

    @Test func unknownDatasetAndModelAreRefusedInOneLine() throws {
        let study = try ReportStudy()
        let noDataset = try study.refhuman(["report", "--dataset", "nope"])
        #expect(noDataset.status == 1 && noDataset.stderrLines == ["refhuman: no dataset named 'nope' (datasets: pets)"])
        let typo = try study.refhuman(["report", "--dataset", "pest"])
        #expect(typo.status == 1 && typo.stderrLines == ["refhuman: no dataset named 'pest'; did you mean 'pets'? (datasets: pets)"])
        let noModel = try study.refhuman(["report", "--model", "other"])
        #expect(noModel.status == 1 && noModel.stderrLines == ["refhuman: dataset 'pets' has no model named 'other' (models: m)"])
        let badFormat = try study.refhuman(["report", "--format", "pdf"])
        #expect(badFormat.status != 0 && badFormat.stderr.contains("pdf"))
    }

    @Test func csvReportHasOverallThenOneRowPerCategory() throws {
        let study = try ReportStudy()
        let output = study.directory.path("report.csv")
        let result = try study.refhuman(["report", "--format", "csv", "--out", output])
        try #require(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        // Header, overall, 3 categories, then the "human" rows: median annotator, pooled judgements,
        // majority of 1 and 2, Dawid–Skene, and ann and bo.
        #expect(lines.count == 5 + 7)
        #expect(lines[1].hasPrefix("overall,,4,7,0.42857142857142855,"))
        // The awkward name is quoted with its quotes doubled (RFC 4180).
        #expect(lines[4].hasPrefix("category,\"<fox> & \"\"friends\"\"\",1,2,0.5,"))
    }

    @Test func trialExportHasEveryTrialWithTruthAndModel() throws {
        let study = try ReportStudy()
        let csv = try study.refhuman(["export", "judgements", "--dataset", "pets"])
        try #require(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 11)
        #expect(lines[0] == "uuid,item_id,item_source,true_category,annotator,guesses,abstained,response_ms,"
            + "shown_at,submitted_at,phase,superseded,"
            + "hidden_count,hidden_ms,blur_count,blur_ms,fullscreen_exits,viewport_width,viewport_height,device_pixel_ratio,viewport_device_width,viewport_device_height,image_width,image_height,image_device_width,image_device_height,measured_exposure_ms,"
            + "browsing_opened,browsing_searched,browsing_pinned,m_topk,m_scores")
        let itemT3 = try Shell.sqlite(study.database, "SELECT id FROM item WHERE source = 't3.png'")
        #expect(lines[7] == "uuid-7,\(itemT3),t3.png,dog,bo,,1,6000,2026-01-01T00:00:06Z,2026-01-01T00:01:06Z,test,0,,,,,,,,,,,,,,,,,,,\"dog;<fox> & \"\"friends\"\"\",0.75;0.25")
        #expect(lines[10].hasPrefix("uuid-10,") && lines[10].contains(",test,1,"))

        let jsonl = try study.refhuman(["export", "judgements", "--format", "jsonl"])
        try #require(jsonl.status == 0, "\(jsonl.stderr)")
        let objects = try jsonl.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.count == 10)
        let second = objects[1]
        #expect(second["uuid"] as? String == "uuid-2")
        #expect(second["guesses"] as? [String] == ["cat", ReportStudy.fox])
        #expect(second["true_category"] as? String == "cat")
        #expect(second["phase"] as? String == "test")
        let model = try #require((second["models"] as? [[String: Any]])?.first)
        #expect(model["model"] as? String == "m")
        #expect((model["top"] as? [[String: Any]])?.map { $0["category"] as? String } == ["cat", "dog"])
        #expect(objects[7]["response_ms"] is NSNull)
    }
}

@Suite struct ExclusionReportTests {
    /// ReportStudy with a rule: a median test answer under 3,500 ms. ann's timed test answers
    /// (ids 2, 4, 6; 8 has no time) have median 3,000 ms; bo's counted ones (3, 5, 9; 7 abstained)
    /// 4,000 ms. So ann is left out.
    @Test func aRuleLeavesOutAParticipantAndTheHeadlineComesBothWays() throws {
        let study = try ReportStudy()
        let edited = try study.refhuman(["studies", "edit", "pets", "--exclude-median-ms-below", "3500"])
        #expect(edited.status == 0 && edited.stdout.contains("exclude median answer < 3500 ms"), "\(edited.stdout)\(edited.stderr)")
        let result = try study.refhuman(["report", "--dataset", "pets", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let exclusions = try #require(report["exclusions"] as? [String: Any])
        #expect((exclusions["rules"] as? [String: Any])?["median_response_ms_below"] as? Int == 3500)
        let excluded = try #require(exclusions["excluded"] as? [[String: Any]])
        #expect(excluded.count == 1 && excluded[0]["name"] as? String == "ann")
        #expect(excluded[0]["reasons"] as? [String] == ["median_response_time"] && excluded[0]["median_response_ms"] as? Double == 3000)
        // After: bo alone, 2 misses (3, 9) in 3; no item has bo's 2 judgements, so no majority.
        let after = try #require(exclusions["after_exclusions"] as? [String: Any])
        #expect(after["annotators"] as? Int == 1 && after["judgements"] as? Int == 3)
        #expect(abs((after["human_error"] as? Double ?? -1) - 2.0 / 3.0) < 1e-12)
        #expect(after["human_majority_items"] as? Int == 0 && after["human_majority_error"] is NSNull)
        // Everyone: the hand-worked figures of ReportCommandTests.
        let all = try #require(exclusions["all_participants"] as? [String: Any])
        #expect(all["annotators"] as? Int == 2 && all["judgements"] as? Int == 7 && all["human_majority_items"] as? Int == 3)
        #expect(abs((all["human_error"] as? Double ?? -1) - 3.0 / 7.0) < 1e-12)
        // The rest of the report is the report after exclusions.
        let overall = try #require(report["overall"] as? [String: Any])
        #expect(overall["judgements"] as? Int == 3)
        #expect((report["annotators"] as? [[String: Any]])?.map { $0["name"] as? String } == ["bo"])
        // The HTML report lists ann and gives both columns.
        let html = try study.refhuman(["report", "--dataset", "pets", "--format", "html"]).stdout
        #expect(html.contains("<li>ann: median answer 3000 ms</li>"))
        #expect(html.contains("<tr><td>Counted judgements</td><td class=\"num\">3</td><td class=\"num\">7</td></tr>"))
    }

    @Test func exclusionRulesAreCheckedWhenSet() throws {
        let study = try ReportStudy()
        let bad = try study.refhuman(["studies", "edit", "pets", "--exclude-catch-below", "1.5"])
        #expect(bad.status != 0 && bad.stderr == "refhuman: exclude-catch-below must be a share above 0 and at most 1\n", "\(bad.stderr)")
        #expect(try Shell.sqlite(study.database, "SELECT quote(exclude_catch_below) FROM study") == "NULL")
    }
}

@Suite struct ExportProvenanceTests {
    @Test func anExportWrittenToAFileHasItsProvenanceBesideIt() throws {
        let study = try ReportStudy()
        let out = study.directory.path("trials.csv")
        let result = try study.refhuman(["export", "judgements", "--dataset", "pets", "--out", out])
        #expect(result.status == 0 && result.stderr.contains("and their provenance to \(out).provenance.json"), "\(result.stderr)")
        let sidecar = try Data(contentsOf: URL(fileURLWithPath: out + ".provenance.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: sidecar) as? [String: Any])
        let version = try Shell.refhuman(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let provenance = try #require(json["provenance"] as? [String: Any])
        #expect(provenance["software"] as? String == version && provenance["study"] as? String == "pets")
        #expect((provenance["protocol"] as? [String: Any])?["judgements_per_item"] as? Int == 2)
        // Every stored trial, the superseded one included (ReportStudy's table has 10).
        #expect(json["dataset"] as? String == "pets" && json["trials"] as? Int == 10 && json["generated_at"] is String)
    }

    @Test func theAdminPageDownloadsTheSameProvenance() throws {
        let study = try ReportStudy()
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let admin = HTTPClient(baseURL: server.baseURL, token: server.adminToken)
        let reply = try admin.get("/api/admin/export/provenance?dataset=pets&download=1")
        #expect(reply.status == 200 && reply.headers["content-disposition"]?.contains("provenance.json") == true)
        #expect((reply.object["provenance"] as? [String: Any])?["study"] as? String == "pets" && reply.object["trials"] as? Int == 10)
        #expect(try admin.get("/api/admin/export/provenance?dataset=nope").status == 404)
    }
}
