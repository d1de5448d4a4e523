// PlanInputError: a `refhuman plan` command line that cannot be read, as one line naming the option.
enum PlanInputError: Error, Equatable, CustomStringConvertible {
    case notANumber(option: String, text: String)
    case notAWholeNumber(option: String, text: String)
    /// An option the chosen kind of plan needs was left out.
    case missing(option: String, plan: String)
    /// An option that belongs to the other kind of plan.
    case misplaced(option: String, plan: String)

    var description: String {
        switch self {
        case let .notANumber(option, text): "--\(option): '\(text)' is not a number (write 0.05 or 5%)"
        case let .notAWholeNumber(option, text): "--\(option): '\(text)' is not a whole number"
        case let .missing(option, plan): "\(plan) needs --\(option)"
        case let .misplaced(option, plan): "--\(option) does not apply to \(plan)"
        }
    }

    /// A missing or misplaced option is a usage error (64), like a missing argument; a
    /// value that is not a number is refused input (1).
    var status: Int32 {
        switch self {
        case .notANumber, .notAWholeNumber: CommandFailure.refusedStatus
        case .missing, .misplaced: CommandFailure.usageStatus
        }
    }
}
