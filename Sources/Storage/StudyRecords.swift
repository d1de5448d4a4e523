// StudyRecords: everything one study's report and trial export are computed from,
// read in one snapshot so counts agree with each other.
import Foundation
import GRDB

public struct StudyRecords: Sendable {
    public let dataset: String
    public let study: String
    public let title: String
    public let settings: DatasetSettings
    public let terms: StudyTerms
    /// When the first test judgement froze the protocol.
    public let frozenAt: String?
    /// Where the dataset came from and its licence, as imported.
    public let datasetSource: String
    public let datasetLicence: String
    /// Category names in index order.
    public let categories: [String]
    /// Each category's synonyms and parent node key (nil without a hierarchy), in index order.
    public let categorySynonyms: [[String]]
    public let categoryParents: [String?]
    /// The category tree's inner nodes, parents first; guess `categories.count + i` names `nodes[i]`.
    public let nodes: [CategoryNode]
    /// Test and practice items, and the example and catch items catch trials may show, by id.
    public let items: [StudyItem]
    /// Every judgement on those items, superseded ones included, in submission order.
    public let judgements: [JudgementRecord]
    public let annotatorNames: [Int64: String]
    /// The requested models, in the order asked for.
    public let models: [ModelRanking]
}
