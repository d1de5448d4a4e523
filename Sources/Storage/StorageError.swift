// StorageError: every way the store refuses, each rendered as one line for the CLI.
import Foundation

public enum StorageError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case notADatabase(path: String)
    case cannotOpen(path: String, reason: String)
    case migrationEdited(name: String)
    case databaseNewerThanCode(version: Int, known: Int)
    case migrationsMissing(reason: String)
    case datasetExists(name: String)
    case datasetHasJudgements(name: String, count: Int)
    case unknownDataset(name: String)
    case duplicateSource(dataset: String, source: String)
    /// A request the store cannot carry out, with its reason.
    case invalid(String)

    public var description: String {
        switch self {
        case let .notADatabase(path):
            "\(path): not an SQLite database"
        case let .cannotOpen(path, reason):
            "\(path): cannot open database: \(reason)"
        case let .migrationEdited(name):
            "migration \(name) was edited after it was applied to this database (checksum differs); refusing to open"
        case let .databaseNewerThanCode(version, known):
            "database schema version \(version) is newer than this refhuman (knows up to \(known)); use a newer refhuman"
        case let .migrationsMissing(reason):
            "cannot read migrations: \(reason)"
        case let .datasetExists(name):
            "dataset '\(name)' already exists; pass --replace to replace it"
        case let .datasetHasJudgements(name, count):
            "dataset '\(name)' has \(count) judgement(s); refusing to replace it"
        case let .unknownDataset(name):
            "no dataset named '\(name)'"
        case let .duplicateSource(dataset, source):
            "dataset '\(dataset)' already has an item with source '\(source)'"
        case let .invalid(reason):
            reason
        }
    }

    public var errorDescription: String? { description }
}
