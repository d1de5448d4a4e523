// PlanCommand: `refhuman plan`: how many test items (and judgements) a study needs, before it is run.
import Analysis
import ArgumentParser
import Foundation
import Storage

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Test items needed to measure an error rate, or to tell it from a model's.",
        discussion: """
            Rates are fractions (0.05) or percentages (5%). Reads no database.
            Without --compare: the items for a --confidence interval of half-width --margin on an
            error rate near --error, n = z² p(1 − p) / d² rounded up, with the Wilson interval's n beside it.
            With --compare: the items for McNemar's test to tell --human-error from --model-error with
            --power (Connor 1987), given their error consistency κ (0: independent errors), and the
            unpaired two-proportion z-test's items per group for comparison.

            Examples:
              refhuman plan --error 5% --margin 1%
              refhuman plan --compare --human-error 5% --model-error 3% --consistency 0.3
              refhuman plan --error 0.1 --margin 0.02 --confidence 0.9 --judgements-per-item 5 --json
            """)

    @Option(help: "The error rate expected (interval plan).") var error: String?
    @Option(help: "Half-width of the interval wanted (interval plan).") var margin: String?
    @Flag(help: "Plan a paired comparison of humans with a model instead.") var compare = false
    @Option(help: "The human error rate expected (with --compare).") var humanError: String?
    @Option(help: "The model's error rate expected (with --compare).") var modelError: String?
    @Option(help: "Error consistency κ between humans and the model (with --compare; write a negative value as --consistency=-0.1).")
    var consistency = "0"
    @Option(help: "Power of the paired test (with --compare).") var power = "80%"
    @Option(help: "Confidence: of the interval, or 1 − α of the two-sided test.") var confidence = "95%"
    @Option(help: "Judgements collected per test item.") var judgementsPerItem = String(DatasetSettings().judgementsPerItem)
    @Flag(help: "Print the plan as JSON.") var json = false

    func run() throws {
        let confidence = try NumberArgument.rate(confidence, option: "confidence")
        let perItem = try NumberArgument.count(judgementsPerItem, option: "judgements-per-item")
        if compare {
            let plan = "a comparison (--compare)"
            if error != nil { throw PlanInputError.misplaced(option: "error", plan: plan) }
            if margin != nil { throw PlanInputError.misplaced(option: "margin", plan: plan) }
            guard let humanError else { throw PlanInputError.missing(option: "human-error", plan: plan) }
            guard let modelError else { throw PlanInputError.missing(option: "model-error", plan: plan) }
            let comparison = try ComparisonPlan(humanError: try NumberArgument.rate(humanError, option: "human-error"),
                                                modelError: try NumberArgument.rate(modelError, option: "model-error"),
                                                consistency: try NumberArgument.number(consistency, option: "consistency"),
                                                confidence: confidence, power: try NumberArgument.rate(power, option: "power"),
                                                judgementsPerItem: perItem)
            if json { return try JSONOutput.print(comparison) }
            print(Self.lines(comparison).joined(separator: "\n"))
        } else {
            let plan = "an interval plan"
            if humanError != nil { throw PlanInputError.misplaced(option: "human-error", plan: plan + " (add --compare)") }
            if modelError != nil { throw PlanInputError.misplaced(option: "model-error", plan: plan + " (add --compare)") }
            guard let error else { throw PlanInputError.missing(option: "error", plan: plan) }
            guard let margin else { throw PlanInputError.missing(option: "margin", plan: plan) }
            let interval = try IntervalPlan(error: try NumberArgument.rate(error, option: "error"),
                                            margin: try NumberArgument.rate(margin, option: "margin"),
                                            confidence: confidence, judgementsPerItem: perItem)
            if json { return try JSONOutput.print(interval) }
            print(Self.lines(interval).joined(separator: "\n"))
        }
    }

    static func lines(_ plan: IntervalPlan) -> [String] {
        let level = percent(plan.confidence)
        return [
            "\(plan.items) test items: a \(level) interval on an error rate near \(percent(plan.error)) is then ±\(percent(plan.margin))",
            "  n = z² p(1 − p) / d² = \(decimal(plan.z, 6))² × \(decimal(plan.error)) × \(decimal(1 - plan.error)) / \(decimal(plan.margin))² "
                + "= \(decimal(plan.itemsExact, 2)), rounded up",
            "  Wilson check: \(plan.wilsonItems) items keep the \(level) Wilson interval within ±\(percent(plan.margin)) of an observed \(percent(plan.error))",
            "\(plan.judgements) judgements: \(plan.items) items × \(plan.judgementsPerItem) per item",
        ]
    }

    static func lines(_ plan: ComparisonPlan) -> [String] {
        let table = plan.table
        let ratio = Double(plan.pairedItems) / Double(plan.unpairedItemsPerGroup)
        return [
            "human error \(percent(plan.humanError)), model error \(percent(plan.modelError)), error consistency κ \(decimal(plan.consistency)) "
                + "(these rates allow \(decimal(SamplePlanError.inward(plan.consistencyMin, up: true))) "
                + "to \(decimal(SamplePlanError.inward(plan.consistencyMax, up: false))))",
            "  per item: both wrong \(decimal(table.bothWrong)), only humans wrong \(decimal(table.humanOnlyWrong)), "
                + "only the model wrong \(decimal(table.modelOnlyWrong)), both right \(decimal(table.bothRight))",
            "\(plan.pairedItems) test items, paired (McNemar's test, Connor 1987): \(percent(plan.power)) power, "
                + "two-sided at \(percent(plan.confidence)) confidence",
            "  n = [z_α/2 √ψ + z_β √(ψ − δ²)]² / δ² with ψ = \(decimal(plan.discordant)), δ = \(decimal(plan.difference)): "
                + "[\(decimal(plan.zAlpha, 6)) × √\(decimal(plan.discordant)) + \(decimal(plan.zBeta, 6)) × √\(decimal(plan.discordant - plan.difference * plan.difference))]² "
                + "/ \(decimal(plan.difference * plan.difference)) = \(decimal(plan.pairedItemsExact, 2)), rounded up",
            "\(plan.unpairedItemsPerGroup) test items per side, unpaired (two-proportion z-test, humans and model on separate items; "
                + "n = \(decimal(plan.unpairedItemsPerGroupExact, 2)), rounded up)",
            "  paired needs \(decimal(ratio * 100, 1)) % of that; errors shared beyond chance (κ > 0) shrink ψ and the paired count",
            "\(plan.judgements) judgements: \(plan.pairedItems) items × \(plan.judgementsPerItem) per item",
        ]
    }

    /// 0.05 as "5 %", 0.0125 as "1.25 %".
    static func percent(_ rate: Double) -> String { decimal(rate * 100, 4) + " %" }

    /// Up to `places` decimals, trailing zeros dropped.
    static func decimal(_ value: Double, _ places: Int = 4) -> String {
        var text = String(format: "%.\(places)f", value)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
