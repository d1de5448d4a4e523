// AccountTablesObserver: watches the writer's connection for changes that can alter what
// a token or session lookup answers (Annotator.selection's tables), and empties the
// AccountCache when a transaction with one commits. Columns no lookup reads (a study's
// freeze, a participant's progress) are left out, so a judgement's routine writes keep the
// cache. `session` is WITHOUT ROWID, whose row changes SQLite reports to no observer:
// the statement that ends a live session tells GRDB itself (`Database.notifyChanges(in:)`,
// in Store.closeSession), which calls `databaseDidChange()`. A session's expiry the cache
// checks by its time.
import Foundation
import GRDB

final class AccountTablesObserver: TransactionObserver {
    private let cache: AccountCache
    /// Columns whose update changes a lookup's answer; for these tables an insert or delete does too.
    private static let watched: [String: Set<String>] = [
        "annotator": ["id", "name", "role", "token_hash", "created_at", "disabled_at"],
        "participant": ["id", "annotator_id", "study_id"],
        "study": ["id", "name", "dataset_id"],
        "dataset": ["id", "name"],
        "session": ["id_hash", "annotator_id", "expires_at"],
    ]
    // Writer's connection only, as GRDB calls an observer.
    private var changed = false

    init(cache: AccountCache) { self.cache = cache }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        guard let columns = Self.watched[eventKind.tableName] else { return false }
        if case let .update(_, updated) = eventKind { return !updated.isDisjoint(with: columns) }
        return true
    }

    func databaseDidChange(with event: DatabaseEvent) {
        changed = true
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    /// A change SQLite does not report, announced with `Database.notifyChanges(in:)`.
    func databaseDidChange() { changed = true }

    func databaseDidCommit(_ db: Database) {
        if changed { cache.invalidate() }
        changed = false
    }

    func databaseDidRollback(_ db: Database) { changed = false }
}
