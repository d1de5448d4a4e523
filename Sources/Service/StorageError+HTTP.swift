// StorageError+HTTP: the store's refusals as the HTTP answers every route gives them, so
// one refusal reads the same whichever route met it. An error not listed is the server's
// own trouble and goes on to the router's generic 500.
import HTTPServer
import Storage

extension StorageError {
    var httpError: HTTPError? {
        switch self {
        case .unknownStudy, .unknownDataset, .unknownAnnotator:
            HTTPError.notFound(description)
        case .studyExists, .annotatorExists, .studyFrozen, .studyClosed, .noOpenStudy, .studyFull, .consentVersionChanged,
             .notAParticipant:
            HTTPError(.conflict, error: description)
        case .invalidSettings, .invalidPlatformIDs, .studyNameLength, .nameWithSlash, .annotatorNameLength, .annotatorNameReserved,
             .noDataset, .datasetNotChosen, .studyNotChosen, .studyOfOtherDataset:
            HTTPError.badRequest(description)
        case .shuttingDown, .databaseFileLost:
            HTTPError(.serviceUnavailable, error: "not stored", detail: "the server cannot store anything now; try again later")
        default:
            nil
        }
    }
}
