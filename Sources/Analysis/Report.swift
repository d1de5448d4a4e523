// Report: the human-vs-model report of one dataset, with DESIGN's JSON keys.
/// Several models: DESIGN's keys name one `model`, and readers of those keys (the admin page,
/// scripts, papers' tables) should keep working. So `model`, `overall.model_*` and the
/// per-category `model_*` keys always describe the primary (first) model, while `models[]`
/// repeats it and adds every other one with its full model-side figures. One report then
/// compares several models against one human baseline, computed once, and a reader that only
/// knows DESIGN's keys still sees a complete single-model report.
public struct Report: Sendable, Equatable, Encodable {
    public var dataset: String
    /// The primary model's name; null when the report has no model.
    public var model: String?
    /// ISO 8601, UTC.
    public var generatedAt: String
    /// What the figures were computed from and by; nil when the caller did not say.
    public var provenance: Provenance?
    /// Judgements per item against the plan.
    public var coverage: Coverage
    /// The study's exclusion rules, who they leave out, and the headline with and without
    /// them; nil when the study has no rules (everyone counts).
    public var exclusions: Exclusions?
    /// Scores against the label hierarchy; nil when the dataset has none.
    public var hierarchy: HierarchyFigures?
    public var overall: OverallFigures
    /// One per category, in index order, including categories without items.
    public var categories: [CategoryFigures]
    /// Ordered by annotator id.
    public var annotators: [AnnotatorFigures]
    /// Which human: individual annotators, majority of k, Dawid–Skene, clustered intervals.
    public var humans: HumanBaselines
    public var confusion: ConfusionMatrices
    /// Every model, primary first; empty when there is none.
    public var models: [ModelFigures]
    /// Items where humans and the primary model part ways, for the HTML report's galleries.
    public var galleries: ItemGalleries

    enum CodingKeys: String, CodingKey {
        case dataset, model
        case generatedAt = "generated_at"
        case provenance, coverage, exclusions, hierarchy
        case overall, categories, annotators, humans, confusion, models, galleries
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(model, forKey: .model)
        try container.encode(generatedAt, forKey: .generatedAt)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(coverage, forKey: .coverage)
        try container.encode(exclusions, forKey: .exclusions)
        try container.encode(hierarchy, forKey: .hierarchy)
        try container.encode(overall, forKey: .overall)
        try container.encode(categories, forKey: .categories)
        try container.encode(annotators, forKey: .annotators)
        try container.encode(humans, forKey: .humans)
        try container.encode(confusion, forKey: .confusion)
        try container.encode(models, forKey: .models)
        try container.encode(galleries, forKey: .galleries)
    }
}
