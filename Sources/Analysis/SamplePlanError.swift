// SamplePlanError: why a sample-size plan cannot be computed, as one line naming the option at fault.
import Foundation

public enum SamplePlanError: Error, Equatable, CustomStringConvertible {
    /// An error rate (--error, --human-error, --model-error) outside (0, 1).
    case rateOutOfRange(option: String, value: Double)
    /// --margin must be positive and below min(p, 1 − p), or the interval would cross 0 or 1.
    case marginOutOfRange(margin: Double, limit: Double)
    case confidenceOutOfRange(value: Double)
    case powerOutOfRange(value: Double)
    case judgementsPerItemOutOfRange(value: Int)
    /// Equal error rates leave no difference to detect.
    case equalErrorRates(value: Double)
    /// The plan needs more items (or judgements) than any study could collect.
    case tooManyItems(count: Double)
    /// κ makes a cell of the paired table negative; `range` is what these error rates allow.
    case consistencyInfeasible(value: Double, range: ClosedRange<Double>)

    public var description: String {
        switch self {
        case let .rateOutOfRange(option, value):
            "--\(option) must lie strictly between 0 and 1 (0 % and 100 %), got \(Self.number(value))"
        case let .marginOutOfRange(margin, limit):
            "--margin must be above 0 and below \(Self.number(limit)) (the smaller of --error and 1 − --error), got \(Self.number(margin))"
        case let .confidenceOutOfRange(value):
            "--confidence must lie strictly between 0 and 1 (e.g. 0.95 or 95%), got \(Self.number(value))"
        case let .powerOutOfRange(value):
            "--power must lie strictly between 0 and 1 (e.g. 0.8 or 80%), got \(Self.number(value))"
        case let .judgementsPerItemOutOfRange(value):
            "--judgements-per-item must be at least 1, got \(value)"
        case let .equalErrorRates(value):
            "--human-error and --model-error are both \(Self.number(value)): there is no difference to detect"
        case let .tooManyItems(count):
            "the plan needs \(count.isFinite ? String(format: "%.3g", count) : "endlessly many") items or judgements, "
                + "more than any study can collect; widen --margin or compare rates further apart"
        case let .consistencyInfeasible(value, range):
            "--consistency \(Self.number(value)) is impossible with these error rates; "
                + "it must lie between \(Self.number(Self.inward(range.lowerBound, up: true))) and \(Self.number(Self.inward(range.upperBound, up: false)))"
        }
    }

    /// Up to four decimals, without trailing zeros: enough to tell the user what was read.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        var text = String(format: "%.4f", value)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A bound rounded to four decimals toward the inside of its range, so a value copied
    /// from the message is always accepted.
    public static func inward(_ bound: Double, up: Bool) -> Double {
        let scaled = bound * 10_000
        return (up ? scaled.rounded(.up) : scaled.rounded(.down)) / 10_000
    }
}
