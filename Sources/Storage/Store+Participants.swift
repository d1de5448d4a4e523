// Store+Participants: the participant's path through a study, inside writer jobs and
// reads: enrolment from a platform link (the same platform id resumes), consent, the
// step a participant is at, and the marks the writer sets when practice screens them
// out or their quota is done.
import Foundation
import GRDB
import StudyPhase

extension Store {
    /// A participant's row with their study's terms: their current (latest) participation.
    /// Only columns whose names the study's do not repeat (consent_version is the study's).
    static func participantRow(_ db: Database, annotatorID: Int64) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT participant.id, participant.platform, participant.platform_session, participant.turk_submit_to,
                   participant.consented_at, participant.declined_at, participant.screened_out_at, participant.completed_at,
                   participant.returned_at, study.name AS study_name, study.title, study.closed_at AS study_closed_at,
                   \(StudyTerms.columns.map { "study.\($0)" }.joined(separator: ", "))
            FROM participant JOIN study ON study.id = participant.study_id
            WHERE participant.id = (SELECT max(id) FROM participant WHERE annotator_id = ?)
            """), arguments: [annotatorID])
    }

    /// Enrols the platform's participant in the study behind `code`, or finds them again.
    /// A preview stores nothing about the person (the study counts it) and returns no annotator.
    static func enrol(_ db: Database, code: String, identity: PlatformIdentity, now: Date) throws -> (intro: StudyIntro, annotator: Annotator?, resumed: Bool) {
        guard let study = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, name, title, closed_at, \(StudyTerms.columns.joined(separator: ", ")),
                   (SELECT count(*) FROM participant WHERE participant.study_id = study.id) AS participants
            FROM study WHERE enrolment_code = ?
            """), arguments: [code]) else { throw StorageError.unknownEnrolmentLink }
        let terms = StudyTerms(row: study)
        let intro = StudyIntro(title: study["title"], instructions: terms.instructions, estimatedMinutes: terms.estimatedMinutes,
                               pay: terms.pay, quota: terms.quota, platform: identity.platform)
        let studyID: Int64 = study["id"]
        if identity.isPreview {
            try db.execute(sql: "UPDATE study SET previews = previews + 1 WHERE id = ?", arguments: [studyID])
            return (intro, nil, false)
        }
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT annotator_id FROM participant WHERE study_id = ? AND platform = ? AND platform_pid = ?
            """), arguments: [studyID, identity.platform.rawValue, identity.participant]) {
            return (intro, try annotator(db, id: existing), true)
        }
        if (study["closed_at"] as String?) != nil { throw StorageError.studyClosed(name: study["name"]) }
        if let cap = terms.participantCap, (study["participants"] as Int) >= cap { throw StorageError.studyFull(name: study["name"]) }
        let nowText = Timestamp.string(from: now)
        // A pseudonym: the platform id stays in the participant row, never in names, exports or URLs.
        var name = ""
        repeat {
            name = "\(identity.platform.rawValue)-" + String(AccessToken.generate().prefix(10))
        } while try Bool.fetchOne(db, sql: "SELECT 1 FROM annotator WHERE name = ?", arguments: [name]) == true
        try db.execute(sql: "INSERT INTO annotator (name, role, token_hash, created_at) VALUES (?, 'annotator', ?, ?)",
                       arguments: [name, AccessToken.hash(AccessToken.generate()), nowText])
        let annotatorID = db.lastInsertedRowID
        try db.execute(sql: """
            INSERT INTO participant (study_id, annotator_id, enrolled_at, platform, platform_pid, platform_study, platform_session, turk_submit_to)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [studyID, annotatorID, nowText, identity.platform.rawValue, identity.participant, identity.study,
                             identity.session, identity.submitTo])
        return (intro, try annotator(db, id: annotatorID), false)
    }

    /// Records agreement (or refusal) to the consent text of `version`, which must be the study's current one.
    static func consent(_ db: Database, annotatorID: Int64, agree: Bool, version: String, now: Date) throws {
        guard let row = try participantRow(db, annotatorID: annotatorID) else { throw StorageError.annotatorGone(id: annotatorID) }
        let current: String = row["consent_version"]
        guard version == current else { throw StorageError.consentVersionChanged(current: current) }
        // The first answer stands: a participant who declined cannot agree later, nor withdraw by agreeing again.
        guard (row["consented_at"] as String?) == nil && (row["declined_at"] as String?) == nil else { return }
        let column = agree ? "consented_at" : "declined_at"
        try db.execute(sql: "UPDATE participant SET \(column) = ?, consent_version = ? WHERE id = ?",
                       arguments: [Timestamp.string(from: now), version, row["id"] as Int64])
    }

    /// The participant stops before the end and returns the study. A path that has already
    /// ended (declined, screened out, completed) stays as it ended.
    static func returnStudy(_ db: Database, annotatorID: Int64, now: Date) throws {
        guard let path = try participantPath(db, annotatorID: annotatorID) else { throw StorageError.notAParticipant }
        guard path.heldStep == nil || path.heldStep == .consenting else { return }
        try db.execute(sql: "UPDATE participant SET returned_at = ? WHERE id = ?",
                       arguments: [Timestamp.string(from: now), path.participantID])
    }

    /// The step a participant is held at (see ParticipantPath.heldStep), from a row with
    /// their timestamps and the study's consent text.
    static func heldStep(_ row: Row) -> Participation.Status? {
        ParticipantPath.heldStep(declined: (row["declined_at"] as String?) != nil, screenedOut: (row["screened_out_at"] as String?) != nil,
                                 completed: (row["completed_at"] as String?) != nil, returned: (row["returned_at"] as String?) != nil,
                                 awaitingConsent: !(row["consent_text"] as String).isEmpty && (row["consented_at"] as String?) == nil)
    }

    /// The participant's path as the writer checks it, from their current (latest) participation.
    static func participantPath(_ db: Database, annotatorID: Int64) throws -> ParticipantPath? {
        try Row.first(db.cachedStatement(sql: """
            SELECT participant.id, participant.declined_at IS NOT NULL, participant.screened_out_at IS NOT NULL,
                   participant.completed_at IS NOT NULL, participant.returned_at IS NOT NULL,
                   study.consent_text <> '' AND participant.consented_at IS NULL, study.quota, study.practice_pass
            FROM participant JOIN study ON study.id = participant.study_id
            WHERE participant.id = (SELECT max(id) FROM participant WHERE annotator_id = ?)
            """), arguments: [annotatorID], ParticipantPath.init(row:))
    }

    /// The step a participant is at, from their row and their counts in the study.
    static func participantStatus(_ row: Row, practiceDone: Int, practiceTarget: Int, testDone: Int, testRemaining: Int) -> Participation.Status {
        if let held = heldStep(row) { return held }
        if practiceDone < practiceTarget { return .practice }
        if let quota = row["quota"] as Int?, testDone >= quota { return .done }
        return testRemaining > 0 && (row["study_closed_at"] as String?) == nil ? .test : .done
    }

    /// After a judgement: practice that ends below the pass mark screens the participant
    /// out; a test judgement that reaches the quota completes them.
    static func markPath(_ db: Database, annotatorID: Int64, rules: StudyRules, phase: Phase, now: String) throws {
        guard let path = try participantPath(db, annotatorID: annotatorID) else { return }
        let participantID = path.participantID
        switch phase {
        case .practice:
            guard let pass = path.practicePass, rules.practiceTarget > 0 else { return }
            let done = try Assigner.liveJudgementCount(db, annotatorID: annotatorID, studyID: rules.studyID, phase: .practice)
            guard done >= rules.practiceTarget else { return }
            let correct = try correctCount(db, annotatorID: annotatorID, studyID: rules.studyID, phase: .practice)
            if Double(correct) < pass * Double(done) {
                try db.execute(sql: "UPDATE participant SET screened_out_at = coalesce(screened_out_at, ?) WHERE id = ?",
                               arguments: [now, participantID])
            }
        case .catch:
            return
        case .test:
            guard let quota = path.quota else { return }
            let done = try Assigner.liveJudgementCount(db, annotatorID: annotatorID, studyID: rules.studyID, phase: .test)
            if done >= quota {
                try db.execute(sql: "UPDATE participant SET completed_at = coalesce(completed_at, ?) WHERE id = ?",
                               arguments: [now, participantID])
            }
        }
    }

    /// The participant's live test answers in the study, in submission order, as the flags read them.
    static func testAnswers(_ db: Database, annotatorID: Int64, studyID: Int64) throws -> [IntegrityFlag.Answer] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT response_ms, json_extract(guesses, '$[0]'), hidden_ms FROM live_judgement
            WHERE annotator_id = ? AND study_id = ? AND phase = 'test' ORDER BY id
            """), arguments: [annotatorID, studyID]).map {
            IntegrityFlag.Answer(responseMilliseconds: $0[0], firstGuess: $0[1], hiddenMilliseconds: $0[2])
        }
    }

    /// Answers of one phase with the truth among their guesses.
    static func correctCount(_ db: Database, annotatorID: Int64, studyID: Int64, phase: Phase) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM live_judgement AS judgement JOIN item ON item.id = judgement.item_id
            WHERE judgement.annotator_id = ? AND judgement.study_id = ? AND judgement.phase = ?
              AND EXISTS (SELECT 1 FROM json_each(judgement.guesses) WHERE value = item.category_idx)
            """), arguments: [annotatorID, studyID, phase]) ?? 0
    }

    /// Everyone who takes part in the study, in enrolment order, with their step as the page would see it.
    public func participants(study name: String) throws -> [ParticipantLine] {
        try pool.read { db in
            let studyID = try Self.resolveStudy(db, dataset: nil, study: name)
            let rules = try StudyRules(db, studyID: studyID)
            let rows = try Row.fetchAll(db, sql: """
                SELECT participant.annotator_id, annotator.name, annotator.disabled_at, participant.platform,
                       participant.enrolled_at, participant.consented_at, participant.declined_at, participant.screened_out_at,
                       participant.completed_at, participant.returned_at, study.consent_text, study.quota, study.closed_at AS study_closed_at,
                       (SELECT max(submitted_at) FROM live_judgement WHERE annotator_id = participant.annotator_id
                        AND study_id = participant.study_id) AS last_judgement
                FROM participant JOIN annotator ON annotator.id = participant.annotator_id JOIN study ON study.id = participant.study_id
                WHERE participant.study_id = ? ORDER BY participant.id
                """, arguments: [studyID])
            // The table calls anyone past practice and not finished "test"; counting the items
            // left for each of them would scan the study once per participant.
            let roomLeft = rules.closed ? 0 : 1
            return try rows.map { row in
                let annotatorID: Int64 = row["annotator_id"]
                let practiceDone = try Assigner.liveJudgementCount(db, annotatorID: annotatorID, studyID: studyID, phase: .practice)
                let testDone = try Assigner.liveJudgementCount(db, annotatorID: annotatorID, studyID: studyID, phase: .test)
                let status = Self.participantStatus(row, practiceDone: practiceDone, practiceTarget: rules.practiceTarget,
                                                    testDone: testDone, testRemaining: roomLeft)
                let ended = ["declined_at", "screened_out_at", "completed_at", "returned_at"].compactMap { row[$0] as String? }.first
                let minutes = (row["last_judgement"] as String?).flatMap { last in
                    Timestamp.date(from: last).flatMap { end in
                        Timestamp.date(from: row["enrolled_at"]).map { end.timeIntervalSince($0) / 60 }
                    }
                }
                return ParticipantLine(
                    name: row["name"], platform: (row["platform"] as String?).flatMap(PlatformIdentity.Platform.init(rawValue:)),
                    status: status, enrolledAt: row["enrolled_at"], consentedAt: row["consented_at"], endedAt: ended,
                    practiceDone: practiceDone,
                    practiceCorrect: try Self.correctCount(db, annotatorID: annotatorID, studyID: studyID, phase: .practice),
                    testDone: testDone,
                    catchDone: try Assigner.liveJudgementCount(db, annotatorID: annotatorID, studyID: studyID, phase: .catch),
                    catchCorrect: try Self.correctCount(db, annotatorID: annotatorID, studyID: studyID, phase: .catch),
                    minutesSpent: minutes, disabled: (row["disabled_at"] as String?) != nil,
                    flags: IntegrityFlag.flags(for: try Self.testAnswers(db, annotatorID: annotatorID, studyID: studyID)))
            }
        }
    }
}
