// StorageError: every way the store refuses, each rendered as one line for the CLI.
import Foundation

public enum StorageError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case notADatabase(path: String)
    case noDatabase(path: String)
    case cannotOpen(path: String, reason: String)
    case migrationEdited(name: String)
    case databaseNewerThanCode(version: Int, known: Int)
    case migrationsMissing(reason: String)
    case migrationBrokeReferences(name: String, table: String)
    case datasetExists(name: String)
    case datasetHasJudgements(name: String, count: Int)
    case unknownDataset(name: String, known: [String])
    case duplicateSource(dataset: String, source: String)
    case invalidHierarchy(dataset: String, reason: String)
    case testImageShown(dataset: String, testSource: String, otherSource: String, otherSplit: String)
    case noDataset
    case datasetNotChosen
    case studyGone(id: Int64)
    case studyNameLength
    case nameWithSlash(name: String)
    case studyExists(name: String)
    case unknownStudy(name: String, known: [String])
    case studyFrozen(name: String, since: String)
    case studyClosed(name: String)
    case noOpenStudy(dataset: String)
    case invalidSettings(reason: String)
    case invalidPlatformIDs(reason: String)
    case unknownEnrolmentLink
    case studyNotChosen(dataset: String, studies: [String])
    case studyOfOtherDataset(study: String, dataset: String)
    case studyFull(name: String)
    case consentVersionChanged(current: String)
    case notAParticipant
    case annotatorNameLength
    case annotatorNameReserved(name: String)
    case annotatorExists(name: String)
    case unknownAnnotator(name: String)
    case annotatorGone(id: Int64)
    case modelExists(dataset: String, model: String)
    case unknownModel(dataset: String, model: String, stored: [String])
    case shuttingDown
    case databaseFileLost(path: String, reason: String)
    case backupExists(path: String)
    case cannotBackUp(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notADatabase(path):
            "\(path): not an SQLite database"
        case let .noDatabase(path):
            "\(path): no such database (make one with `refhuman import`, or name another with --db or REFHUMAN_DB)"
        case let .cannotOpen(path, reason):
            "\(path): cannot open database: \(reason)"
        case let .migrationEdited(name):
            "migration \(name) was edited after it was applied to this database (checksum differs); refusing to open"
        case let .databaseNewerThanCode(version, known):
            "database schema version \(version) is newer than this refhuman (knows up to \(known)); use a newer refhuman"
        case let .migrationsMissing(reason):
            "cannot read migrations: \(reason)"
        case let .migrationBrokeReferences(name, table):
            "migration \(name) would leave rows of \(table) pointing at nothing; nothing was changed"
        case let .datasetExists(name):
            "dataset '\(name)' already exists; pass --replace to replace it"
        case let .datasetHasJudgements(name, count):
            "dataset '\(name)' has \(count) judgement(s); refusing to replace it"
        case let .unknownDataset(name, known):
            "no dataset named '\(name)'" + NameSuggestion.hint(for: name, among: known, noun: "datasets")
        case let .invalidHierarchy(dataset, reason):
            "dataset '\(dataset)': \(reason)"
        case let .testImageShown(dataset, testSource, otherSource, otherSplit):
            "dataset '\(dataset)': test image '\(testSource)' is the same image as \(otherSplit) '\(otherSource)', whose label annotators see; remove one, or pass --allow-shared-test-images"
        case let .duplicateSource(dataset, source):
            "dataset '\(dataset)' already has an item with source '\(source)'"
        case .noDataset:
            "no dataset imported yet"
        case .datasetNotChosen:
            "several datasets: pass --dataset NAME"
        case let .databaseFileLost(path, reason):
            "\(path) was \(reason) while in use; restart the server on the right file"
        case let .studyGone(id):
            "study \(id) was removed while in use"
        case .studyNameLength:
            "study name must be 1 to 100 characters"
        case let .nameWithSlash(name):
            "'\(name)': a name cannot contain '/'"
        case let .studyExists(name):
            "a study named '\(name)' already exists"
        case let .unknownStudy(name, known):
            "no study named '\(name)'" + NameSuggestion.hint(for: name, among: known, noun: "studies")
        case let .studyFrozen(name, since):
            "study '\(name)' has test judgements since \(since), so its protocol is frozen; create a new study for a new protocol"
        case let .studyClosed(name):
            "study '\(name)' is closed"
        case let .noOpenStudy(dataset):
            "dataset '\(dataset)' has no open study; create one with `refhuman studies create`"
        case let .invalidSettings(reason), let .invalidPlatformIDs(reason):
            reason
        case let .studyNotChosen(dataset, studies):
            studies.isEmpty ? "dataset '\(dataset)' has no study"
                : "dataset '\(dataset)' has several studies (\(studies.joined(separator: ", "))): pass --study NAME"
        case let .studyOfOtherDataset(study, dataset):
            "study '\(study)' is a study of dataset '\(dataset)'"
        case .unknownEnrolmentLink:
            "this study link is unknown"
        case let .studyFull(name):
            "study '\(name)' has all the participants it needs"
        case .notAParticipant:
            "this account takes part in no study"
        case let .consentVersionChanged(current):
            "the consent text changed (now version \(current)); read it again"
        case .annotatorNameLength:
            "annotator name must be 1 to 100 characters"
        case let .annotatorNameReserved(name):
            "'\(name)' is reserved for the admin link"
        case let .annotatorExists(name):
            "annotator '\(name)' already exists"
        case let .unknownAnnotator(name):
            "no annotator named '\(name)'"
        case let .annotatorGone(id):
            "annotator \(id) was removed while in use"
        case let .modelExists(dataset, model):
            "dataset '\(dataset)' already has a model named '\(model)'; pass --replace to replace it"
        case let .unknownModel(dataset, model, stored):
            "dataset '\(dataset)' has no model named '\(model)'" + NameSuggestion.hint(for: model, among: stored, noun: "models")
        case .shuttingDown:
            "the server is shutting down"
        case let .backupExists(path):
            "\(path) already exists; name a new file for the backup"
        case let .cannotBackUp(path, reason):
            "\(path): backup failed: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
