// JudgementRefusal: why a judgement (or its undo) was not stored; the server maps each
// case to a status.
public enum JudgementRefusal: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unknownItem(String)
    case invalidGuesses(String)
    case notLeased(String)
    case alreadyJudged(String)
    case uuidTaken(String)
    case notFound(String)
    case notUndoable(String)

    public var description: String {
        switch self {
        case let .malformed(reason): reason
        case let .unknownItem(handle): "item \(handle) is not in your study"
        case let .invalidGuesses(reason): reason
        case let .notLeased(id): "item \(id) is not assigned to you (fetch it from /api/next first)"
        case let .alreadyJudged(id): "you have already judged item \(id)"
        case let .uuidTaken(uuid): "judgement \(uuid) belongs to someone else"
        case let .notFound(uuid): "no judgement \(uuid) of yours"
        case let .notUndoable(reason): reason
        }
    }
}
