// ItemGalleries: the three galleries a report shows, where humans and the model part ways.
public struct ItemGalleries: Sendable, Equatable, Encodable {
    /// Enough to see a pattern without turning the report into the dataset.
    public static let limit = 24

    /// Compared items where no counted judgement's first guess was right.
    public var allHumansWrong: Gallery
    /// Shared items where the primary model's top-1 is right and the human majority is wrong.
    public var modelRightHumansWrong: Gallery
    /// Shared items where the human majority is right and the primary model's top-1 is wrong.
    public var humansRightModelWrong: Gallery

    enum CodingKeys: String, CodingKey {
        case allHumansWrong = "all_humans_wrong"
        case modelRightHumansWrong = "model_right_humans_wrong"
        case humansRightModelWrong = "humans_right_model_wrong"
    }

    init(items: [ItemEvidence], primary: ModelPredictions?, sources: [Int64: String] = [:]) {
        let compared = items.filter(\.isCompared)
        func gallery(_ matches: (ItemEvidence, [Int]?) -> Bool) -> Gallery {
            var count = 0
            var shown: [GalleryItem] = []
            for item in compared {
                let ranking = primary?.ranking(for: item.itemID)
                guard matches(item, ranking) else { continue }
                count += 1
                if shown.count < Self.limit {
                    shown.append(GalleryItem(itemID: item.itemID, source: sources[item.itemID], trueCategory: item.trueCategory,
                                             humanGuesses: item.judgements.map(\.guesses), modelRanking: ranking))
                }
            }
            return Gallery(count: count, items: shown)
        }
        allHumansWrong = gallery { item, _ in item.judgements.allSatisfy { $0.firstGuess != item.trueCategory } }
        modelRightHumansWrong = gallery { item, ranking in
            guard let ranking else { return false }
            return ranking[0] == item.trueCategory && !item.majorityIsRight
        }
        humansRightModelWrong = gallery { item, ranking in
            guard let ranking else { return false }
            return ranking[0] != item.trueCategory && item.majorityIsRight
        }
    }
}
