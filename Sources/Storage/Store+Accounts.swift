// Store+Accounts: the accounts behind invite and admin links: adding, disabling, and
// looking one up by its token.
import Foundation
import GRDB

extension Store {
    /// Creates an annotator taking part in `study`, or when nil in the first open study of
    /// `dataset` (the only dataset when that is nil too), and returns the token of their
    /// invite link; the token itself is not kept.
    public func addAnnotator(name: String, dataset: String?, study: String? = nil) throws -> (Annotator, token: String) {
        if let problem = Self.annotatorNameProblem(name) { throw problem }
        let token = AccessToken.generate()
        let annotator = try pool.write { db -> Annotator in
            let studyID = try study.map { try Self.resolveOpenStudy(db, name: $0) } ?? Self.firstOpenStudy(db, dataset: dataset)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM annotator WHERE name = ?", arguments: [name]) == true {
                throw StorageError.annotatorExists(name: name)
            }
            let now = Timestamp.now()
            try db.execute(sql: """
                INSERT INTO annotator (name, role, token_hash, created_at) VALUES (?, 'annotator', ?, ?)
                """, arguments: [name, AccessToken.hash(token), now])
            let id = db.lastInsertedRowID
            try Self.enrol(db, annotatorID: id, studyID: studyID, now: now)
            return try Self.annotator(db, id: id)
        }
        return (annotator, token)
    }

    /// Why `name` cannot name an annotator, or nil when it can.
    public static func annotatorNameProblem(_ name: String) -> StorageError? {
        guard (1...100).contains(name.count) else { return .annotatorNameLength }
        // The admin routes name an annotator in the path.
        guard !name.contains("/") else { return .nameWithSlash(name: name) }
        // `serve` keeps its admin account under this name.
        guard name != "admin" else { return .annotatorNameReserved(name: name) }
        return nil
    }

    /// A fresh admin token, replacing the previous one, as Jupyter does on every start.
    public func issueAdminToken() throws -> String {
        let token = AccessToken.generate()
        try pool.write { db in
            let hash = AccessToken.hash(token)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM annotator WHERE role = 'admin' AND name = 'admin'") == true {
                try db.execute(sql: "UPDATE annotator SET token_hash = ?, disabled_at = NULL WHERE role = 'admin' AND name = 'admin'",
                               arguments: [hash])
            } else {
                try db.execute(sql: "INSERT INTO annotator (name, role, token_hash, created_at) VALUES ('admin', 'admin', ?, ?)",
                               arguments: [hash, Timestamp.now()])
            }
        }
        return token
    }

    public func annotators() throws -> [Annotator] {
        try pool.read { db in
            try Row.fetchAll(db, sql: Annotator.selection + " WHERE annotator.role = 'annotator' ORDER BY annotator.name")
                .map(Annotator.init(row:))
        }
    }

    /// A new invite token for the annotator; the old link stops working and their sessions end.
    public func reissueToken(name: String) throws -> (Annotator, token: String) {
        let token = AccessToken.generate()
        let annotator = try pool.write { db -> Annotator in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM annotator WHERE name = ? AND role = 'annotator'", arguments: [name]) else {
                throw StorageError.unknownAnnotator(name: name)
            }
            try db.execute(sql: "UPDATE annotator SET token_hash = ? WHERE id = ?", arguments: [AccessToken.hash(token), id])
            try db.execute(sql: "DELETE FROM session WHERE annotator_id = ?", arguments: [id])
            return try Self.annotator(db, id: id)
        }
        return (annotator, token)
    }

    public func disableAnnotator(name: String) throws -> Annotator {
        try pool.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM annotator WHERE name = ? AND role = 'annotator'", arguments: [name]) else {
                throw StorageError.unknownAnnotator(name: name)
            }
            try db.execute(sql: "UPDATE annotator SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?", arguments: [Timestamp.now(), id])
            return try Self.annotator(db, id: id)
        }
    }

    /// The enabled account whose token this is, or nil.
    public func annotator(token: String) throws -> Annotator? { try annotator(tokenHash: AccessToken.hash(token)) }

    /// The enabled account whose token has this SHA-256 (see AccessToken.hash), or nil;
    /// in a server, from its AccountCache while that holds it.
    public func annotator(tokenHash hash: String) throws -> Annotator? {
        guard let accounts else { return try readAnnotator(tokenHash: hash) }
        return try accounts.account("token " + hash) { try readAnnotator(tokenHash: hash).map { ($0, nil) } }
    }

    /// The plain lookup behind `annotator(tokenHash:)`, and the cache's reference.
    func readAnnotator(tokenHash hash: String) throws -> Annotator? {
        // One statement reads a consistent snapshot by itself; skipping the transaction
        // GRDB's `read` wraps around it saves a BEGIN and a COMMIT per lookup.
        try requestRead { db in
            // Every request authenticates here, so the statement is prepared once per connection.
            let annotator = try Row.first(db.cachedStatement(sql: Annotator.selection + " WHERE annotator.token_hash = ?"),
                                          arguments: [hash], Annotator.init(row:))
            return annotator?.disabledAt == nil ? annotator : nil
        }
    }

    static func annotator(_ db: Database, id: Int64) throws -> Annotator {
        guard let row = try Row.fetchOne(db, sql: Annotator.selection + " WHERE annotator.id = ?", arguments: [id]) else {
            throw StorageError.annotatorGone(id: id)
        }
        return Annotator(row: row)
    }
}
