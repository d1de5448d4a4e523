// Row+First: the first row of a statement read where it lies, for the one-row reads every
// request or writer job makes (an account, a study's rules, a participant's path).
import GRDB

extension Row {
    /// `read` applied to the first row of `statement`, or nil when there is none. The row is
    /// the statement's own: `Row.fetchOne` first copies every column, with the column names,
    /// into a row of its own, which these reads, decoded at once by position, need not pay
    /// for. `read` must not keep the row (it may run other statements); the statement is
    /// reset when this returns.
    static func first<T>(_ statement: Statement, arguments: StatementArguments, _ read: (Row) throws -> T) throws -> T? {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        // Kept alive until `read` is done: the cursor resets the statement when it goes.
        return try withExtendedLifetime(cursor) {
            guard let row = try cursor.next() else { return nil }
            return try read(row)
        }
    }
}
