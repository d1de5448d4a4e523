// CatchTrialTests: catch trials placed among the test trials at the study's rate, by a
// coin worked out here apart from the assigner; stored with phase `catch`, answered like
// test trials, outside test counts and the quota, and scored per participant.
import Foundation
import GRDB
@testable import Storage
import StudyPhase
import TestSupport
import Testing

@Suite struct CatchTrialTests {
    /// SplitMix64's first output as a double in [0, 1) (top 53 bits), written out here apart from SeededRandom.
    func referenceCoin(annotator: Int64, study: Int64, slot: Int) -> Double {
        var z = (UInt64(annotator) << 32 ^ UInt64(study) << 16 ^ UInt64(slot) ^ 0xCA7C) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(UInt64(1) << 53)
    }

    @Test func catchTrialsComeAtTheRateStayOutOfTestCountsAndAreScored() async throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        let description = DatasetDescription(name: "d", settings: DatasetSettings(judgementsPerItem: 1, practiceCount: 0),
                                             categories: [CategoryDescription(name: "x"), CategoryDescription(name: "y")])
        try store.importDataset(description, replace: false) { writer in
            for index in 0..<30 {
                let split: Split = index < 20 ? .test : index < 25 ? .example : .practice
                try writer.addItem(image: StoredImage(bytes: Data([UInt8(index)]), width: 1, height: 1, format: "png"),
                                   categoryIndex: index % 2, split: split, source: "\(index)")
            }
        }
        _ = try store.editStudy(name: "d", title: nil, settings: { _ in }, terms: { $0.catchRate = 0.3; $0.quota = 12 })
        let (annotator, _) = try store.addAnnotator(name: "a", dataset: "d")
        let desk = StudyDesk(store: store, clock: TestClock().read)
        defer { desk.shutdown() }
        let truths = try await store.pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, category_idx FROM item").map { ($0[0] as Int64, $0[1] as Int) })
        }
        var phases: [Phase] = []
        while let assignment = try await desk.next(for: annotator, count: 1).first {
            phases.append(assignment.phase)
            // Right on catch trials except the first; test answers all right.
            let right = assignment.phase != .catch || phases.filter { $0 == .catch }.count > 1
            let guess = right ? truths[assignment.itemID]! : 1 - truths[assignment.itemID]!
            let receipt = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: assignment.handle, guesses: [guess]),
                                                by: annotator)
            #expect(receipt.phase == .test && receipt.correct == nil && receipt.trueCategory == nil)
        }
        // By hand: slot k is a catch trial when its coin is under 0.3, until 12 test trials fill the quota
        // (10 spare images for catch trials: 5 examples and 5 practice images, none used for practice here).
        var expected: [Phase] = []
        var slot = 0
        while expected.filter({ $0 == .test }).count < 12 {
            expected.append(referenceCoin(annotator: annotator.id, study: 1, slot: slot) < 0.3 ? .catch : .test)
            slot += 1
        }
        #expect(phases == expected)
        let catches = expected.filter { $0 == .catch }.count
        #expect(catches > 0)
        let path = dir.path("db.sqlite")
        #expect(try Shell.sqlite(path, "SELECT phase || ':' || count(*) FROM judgement GROUP BY phase ORDER BY phase") == "catch:\(catches)\ntest:12")
        #expect(try Shell.sqlite(path, "SELECT count(*) FROM judgement JOIN item ON item.id = judgement.item_id WHERE judgement.phase = 'catch' AND item.split = 'test'") == "0")
        let status = try desk.status(of: annotator)
        #expect(status.testDone == 12 && status.participation?.status == .done)
        let line = try #require(try store.participants(study: "d").first)
        #expect(line.catchDone == catches && line.catchCorrect == catches - 1 && line.testDone == 12)
        // A report leaves catch trials out: 12 test judgements, no more.
        let records = try store.studyRecords(dataset: "d")
        #expect(records.judgements.filter { $0.phase == .test }.count == 12)
    }
}
