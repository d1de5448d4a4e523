// AccountCacheTests: a server's cache of the accounts behind tokens and sessions answers
// as the plain query does, whatever this process or another (sqlite3) changes: a seeded
// run of changes checks every token and session against the query after each step. A
// read that raced an invalidation is not kept, admins and expired sessions are read every
// time, and a judgement's routine writes keep the cache.
import Foundation
import GRDB
@testable import Storage
import SeededRandom
import StudyPhase
import TestSupport
import Testing

@Suite struct AccountCacheTests {
    /// A server's Store (the cache is a server's) with a dataset of 4 test items, its study, and `annotators` accounts.
    func server(_ dir: TemporaryDirectory, annotators: Int) throws -> (Store, [(name: String, token: String)]) {
        let path = dir.path("db.sqlite")
        let setUp = try Store(path: path)
        let description = DatasetDescription(name: "d", settings: DatasetSettings(judgementsPerItem: 3, practiceCount: 0),
                                             categories: [CategoryDescription(name: "x"), CategoryDescription(name: "y")])
        try setUp.importDataset(description, replace: false) { writer in
            for index in 0..<4 {
                try writer.addItem(image: StoredImage(bytes: Data([UInt8(index)]), width: 1, height: 1, format: "png"),
                                   categoryIndex: index % 2, split: .test, source: "\(index)")
            }
        }
        var accounts: [(String, String)] = []
        for number in 0..<annotators {
            let (_, token) = try setUp.addAnnotator(name: "a\(number)", dataset: "d")
            accounts.append(("a\(number)", token))
        }
        return (try Store(path: path, concurrentReaders: true), accounts)
    }

    @Test func aSeededRunOfChangesNeverLetsTheCacheDisagreeWithTheQuery() async throws {
        let dir = TemporaryDirectory()
        let (store, accounts) = try server(dir, annotators: 4)
        let path = dir.path("db.sqlite")
        let clock = TestClock()
        let desk = StudyDesk(store: store, leaseSeconds: 60, sessionSeconds: 100, clock: clock.read)
        defer { desk.shutdown() }
        var tokens = accounts.map(\.token)
        var sessions: [String] = []
        var random = SplitMix64(seed: 7)
        var kept = 0
        /// Every token and session, through the cache and through the plain query.
        func agree(_ step: String) throws {
            let now = Timestamp.string(from: clock.now)
            for token in tokens {
                let cached = try store.annotator(token: token)
                #expect(cached == (try store.readAnnotator(tokenHash: AccessToken.hash(token))), "token after \(step)")
            }
            for session in sessions {
                let cached = try desk.annotator(sessionID: session)
                let plain = try store.readSession(idHash: AccessToken.hash(session), now: now)?.annotator
                #expect(cached == plain, "session after \(step): \(String(describing: cached)) against \(String(describing: plain))")
            }
            kept += store.accounts!.count
        }
        for step in 0..<120 {
            let name = accounts[Int.random(in: 0..<accounts.count, using: &random)].name
            let index = Int(name.dropFirst())!
            let action = Int.random(in: 0..<9, using: &random)
            switch action {
            case 0: _ = try store.disableAnnotator(name: name)
            case 1: tokens[index] = try store.reissueToken(name: name).token
            case 2:
                if let annotator = try store.annotators().first(where: { $0.name == name }) {
                    sessions.append(try await desk.openSession(for: annotator))
                }
            case 3:
                if let session = sessions.randomElement(using: &random) { try await desk.closeSession(id: session) }
            case 4: clock.advance(seconds: 30)  // sessions last 100 s
            case 5:
                // Another process disables or enables an account, or renames the dataset; the
                // writer hears of it at its next transaction.
                _ = try Shell.sqlite(path, Bool.random(using: &random)
                    ? "UPDATE annotator SET disabled_at = CASE WHEN disabled_at IS NULL THEN '2026-01-01T00:00:00.000Z' END WHERE name = '\(name)'"
                    : "UPDATE dataset SET name = name || 'x'")
                try await desk.batcher.perform { _, _ in }
            case 6:
                // Another process moves the account to a new study.
                _ = try Shell.sqlite(path, """
                    INSERT INTO study (name, title, dataset_id, created_at) SELECT 's\(step)', 's', id, '2026-01-01T00:00:00.000Z' FROM dataset;
                    INSERT INTO participant (study_id, annotator_id, enrolled_at)
                      SELECT (SELECT id FROM study WHERE name = 's\(step)'), id, '2026-01-01T00:00:00.000Z' FROM annotator WHERE name = '\(name)'
                    """)
                try await desk.batcher.perform { _, _ in }
            case 7:
                // A judgement's routine writes (and a first one's freeze of the study) change no account.
                if let annotator = try store.readAnnotator(tokenHash: AccessToken.hash(tokens[index])), annotator.studyID != nil,
                   let lease = try await desk.next(for: annotator, count: 1).first {
                    _ = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: lease.handle, guesses: [0]), by: annotator)
                }
            default: break  // lookups only: the next check is answered from memory
            }
            try agree("step \(step), action \(action)")
        }
        // Not a test of nothing: entries were kept at most checks, so many answers came from memory.
        #expect(kept > 200)
    }

    @Test func aJudgementKeepsTheCacheAndAnAccountChangeEmptiesIt() async throws {
        let dir = TemporaryDirectory()
        let (store, accounts) = try server(dir, annotators: 2)
        let desk = StudyDesk(store: store)
        defer { desk.shutdown() }
        let annotator = try #require(try store.annotator(token: accounts[0].token))
        _ = try store.annotator(token: accounts[1].token)
        #expect(store.accounts!.count == 2)
        let lease = try #require(try await desk.next(for: annotator, count: 1).first)
        _ = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: lease.handle, guesses: [1]), by: annotator)
        #expect(store.accounts!.count == 2)
        _ = try store.disableAnnotator(name: accounts[1].name)
        #expect(store.accounts!.count == 0)
        #expect(try store.annotator(token: accounts[1].token) == nil)
    }

    @Test func aReadThatRacedAnInvalidationIsNotKeptNorAreAdminsOrExpiredSessions() throws {
        let dir = TemporaryDirectory()
        let (store, accounts) = try server(dir, annotators: 1)
        let person = try #require(try store.readAnnotator(tokenHash: AccessToken.hash(accounts[0].token)))
        let admin = try #require(try store.readAnnotator(tokenHash: AccessToken.hash(try store.issueAdminToken())))
        #expect(admin.role == .admin && person.role == .annotator)
        let cache = AccountCache()
        var reads = 0
        // A commit lands while the read runs: its answer may predate the commit.
        _ = try cache.account("token a") { reads += 1; cache.invalidate(); return (person, nil) }
        _ = try cache.account("token a") { reads += 1; return (person, nil) }
        _ = try cache.account("token a") { reads += 1; return (person, nil) }
        #expect(reads == 2)
        // An admin's token is read every time.
        for _ in 0..<2 { _ = try cache.account("token b") { reads += 1; return (admin, nil) } }
        #expect(reads == 4)
        // A session is kept until its end, then read again.
        let end = "2026-01-01T00:10:00.000Z"
        _ = try cache.account("session c", now: "2026-01-01T00:00:00.000Z") { reads += 1; return (person, end) }
        _ = try cache.account("session c", now: "2026-01-01T00:09:59.999Z") { reads += 1; return (person, end) }
        #expect(reads == 5)
        #expect(try cache.account("session c", now: end) { reads += 1; return nil } == nil)
        #expect(reads == 6)
    }
}
