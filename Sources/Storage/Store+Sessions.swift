// Store+Sessions: browser sign-ins. A session id is random, handed to the browser once in
// a cookie, and kept only as its SHA-256; it names an account until it expires, the
// browser signs out, or the account is disabled.
import Foundation
import GRDB

extension Store {
    /// The account of an unexpired session (disabled ones too: the caller says which it is), or nil.
    public func annotator(sessionID: String, now: Date) throws -> Annotator? {
        let hash = AccessToken.hash(sessionID), nowText = Timestamp.string(from: now)
        guard let accounts else { return try readSession(idHash: hash, now: nowText)?.annotator }
        return try accounts.account("session " + hash, now: nowText) { try readSession(idHash: hash, now: nowText) }
    }

    /// The plain lookup behind `annotator(sessionID:now:)`, and the cache's reference: the
    /// account of an unexpired session, with the session's end.
    func readSession(idHash: String, now: String) throws -> (annotator: Annotator, expiresAt: String?)? {
        try requestRead { db in
            try Row.first(db.cachedStatement(sql: "SELECT \(Annotator.columns), session.expires_at \(Annotator.tables)" + """
                 JOIN session ON session.annotator_id = annotator.id WHERE session.id_hash = ? AND session.expires_at > ?
                """), arguments: [idHash, now]) { row in (Annotator(row: row), row[9] as String) }
        }
    }

    /// Starts a session for `annotator` and returns its id; expired sessions go on the way.
    /// The browser's User-Agent is kept with the account (its latest sign-in), for the admin's participant table.
    static func openSession(_ db: Database, for annotator: Annotator, userAgent: String?, now: Date,
                            lifetimeSeconds: Int) throws -> String {
        let id = AccessToken.generate()
        let nowText = Timestamp.string(from: now)
        try db.cachedStatement(sql: "DELETE FROM session WHERE expires_at <= ?").execute(arguments: [nowText])
        try db.cachedStatement(sql: "INSERT INTO session (id_hash, annotator_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [AccessToken.hash(id), annotator.id, nowText,
                                 Timestamp.string(from: now.addingTimeInterval(TimeInterval(lifetimeSeconds)))])
        if let userAgent {
            try db.cachedStatement(sql: "UPDATE annotator SET user_agent = ? WHERE id = ?")
                .execute(arguments: [String(userAgent.prefix(Self.userAgentLimit)), annotator.id])
        }
        return id
    }

    /// Longer User-Agent texts are cut here: the header is the client's to fill.
    static let userAgentLimit = 400

    static func closeSession(_ db: Database, id: String) throws {
        try db.cachedStatement(sql: "DELETE FROM session WHERE id_hash = ?").execute(arguments: [AccessToken.hash(id)])
        // session is WITHOUT ROWID: SQLite reports its deletes to no observer, and a server's
        // cache of accounts must hear of this one (AccountTablesObserver).
        try db.notifyChanges(in: Table("session"))
    }
}
