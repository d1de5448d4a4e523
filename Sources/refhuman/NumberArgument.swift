// NumberArgument: the numbers `refhuman plan` takes, read from text; rates may be written "5%".
import Foundation

/// Read here rather than by ArgumentParser, whose refusal of a bad value spans several lines.
enum NumberArgument {
    /// "0.05" or "5%" (also "5 %") as 0.05. The range is the caller's to check.
    static func rate(_ text: String, option: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            let number = trimmed.dropLast().trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value.isFinite else { throw PlanInputError.notANumber(option: option, text: text) }
            return value / 100
        }
        return try plain(trimmed, option: option, shown: text)
    }

    /// A plain number (κ is no percentage).
    static func number(_ text: String, option: String) throws -> Double {
        try plain(text.trimmingCharacters(in: .whitespaces), option: option, shown: text)
    }

    static func count(_ text: String, option: String) throws -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { throw PlanInputError.notAWholeNumber(option: option, text: text) }
        return value
    }

    private static func plain(_ text: String, option: String, shown: String) throws -> Double {
        // Double("nan") and Double("inf") parse; neither is a rate.
        guard let value = Double(text), value.isFinite else { throw PlanInputError.notANumber(option: option, text: shown) }
        return value
    }
}
