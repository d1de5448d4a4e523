// ComparisonPlan: the test items a study needs to tell the human error from a model's, paired (McNemar) and unpaired.
public struct ComparisonPlan: Sendable, Equatable, Encodable {
    public let humanError: Double
    public let modelError: Double
    /// Error consistency κ assumed between humans and the model (0: independent errors).
    public let consistency: Double
    /// The κ these error rates allow (every cell of the paired table non-negative).
    public let consistencyMin: Double
    public let consistencyMax: Double
    public let confidence: Double
    public let power: Double
    /// z_{1−α/2} and z_{1−β}.
    public let zAlpha: Double
    public let zBeta: Double
    /// The paired table that κ implies.
    public let table: PairedErrors
    /// ψ = p₁₀ + p₀₁ and δ = p₁₀ − p₀₁.
    public let discordant: Double
    public let difference: Double
    /// Connor's n before rounding up, and the plan.
    public let pairedItemsExact: Double
    public let pairedItems: Int
    /// The unpaired z-test's n per group before rounding up, and rounded.
    public let unpairedItemsPerGroupExact: Double
    public let unpairedItemsPerGroup: Int
    public let judgementsPerItem: Int
    /// pairedItems × judgementsPerItem.
    public let judgements: Int

    public init(humanError: Double, modelError: Double, consistency: Double, confidence: Double, power: Double,
                judgementsPerItem: Int) throws {
        guard judgementsPerItem >= 1 else { throw SamplePlanError.judgementsPerItemOutOfRange(value: judgementsPerItem) }
        table = try PairedErrors(humanError: humanError, modelError: modelError, consistency: consistency)
        let range = PairedErrors.consistencyRange(humanError: humanError, modelError: modelError)
        self.humanError = humanError
        self.modelError = modelError
        self.consistency = consistency
        consistencyMin = range.lowerBound
        consistencyMax = range.upperBound
        self.confidence = confidence
        self.power = power
        zAlpha = try SamplePlan.twoSidedZ(confidence: confidence)
        zBeta = try SamplePlan.powerZ(power)
        discordant = table.discordant
        difference = table.difference
        pairedItemsExact = try SamplePlan.pairedItems(table, confidence: confidence, power: power)
        pairedItems = try SamplePlan.wholeItems(pairedItemsExact)
        unpairedItemsPerGroupExact = try SamplePlan.unpairedItems(humanError: humanError, modelError: modelError,
                                                                   confidence: confidence, power: power)
        unpairedItemsPerGroup = try SamplePlan.wholeItems(unpairedItemsPerGroupExact)
        self.judgementsPerItem = judgementsPerItem
        judgements = try SamplePlan.judgements(items: pairedItems, perItem: judgementsPerItem)
    }
}
