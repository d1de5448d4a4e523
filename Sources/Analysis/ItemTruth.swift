// ItemTruth: the true category of one item; trials on items without a truth are not scored.
public struct ItemTruth: Sendable, Equatable {
    public var itemID: Int64
    public var trueCategory: Int

    public init(itemID: Int64, trueCategory: Int) {
        self.itemID = itemID
        self.trueCategory = trueCategory
    }
}
