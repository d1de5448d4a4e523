// CategoryTree: the categories (leaves) and inner nodes of a label hierarchy as parent links,
// for scoring coarse answers, hierarchical error and fine-grained mistakes.
public struct CategoryTree: Sendable, Equatable {
    /// Per category, the index of its parent node; nil for a category at the top.
    public var categoryParents: [Int?]
    /// Per node, the index of its parent node; nil for a root.
    public var nodeParents: [Int?]
    public var nodeNames: [String]

    public init(categoryParents: [Int?], nodeParents: [Int?], nodeNames: [String]) {
        self.categoryParents = categoryParents
        self.nodeParents = nodeParents
        self.nodeNames = nodeNames
    }

    var categoryCount: Int { categoryParents.count }

    /// The nodes above an answer (a category index, or categoryCount + a node index), nearest
    /// first. The answer itself is not included.
    func ancestors(ofAnswer answer: Int) -> [Int] {
        var chain: [Int] = []
        var step = answer < categoryCount ? categoryParents[answer] : nodeParents[answer - categoryCount]
        while let node = step, !chain.contains(node) {
            chain.append(node)
            step = nodeParents[node]
        }
        return chain
    }

    /// A coarse answer that is right: a node above the true category.
    func isCoarseCorrect(answer: Int, truth: Int) -> Bool {
        answer >= categoryCount && ancestors(ofAnswer: truth).contains(answer - categoryCount)
    }

    /// Edges from the true category up to the lowest node above both it and the answer (0 when
    /// the answer is the truth; the truth's depth + 1 when they share no node, as if under one
    /// more root). This is ILSVRC's hierarchical cost, the height of the lowest common ancestor.
    func lowestCommonAncestorHeight(answer: Int, truth: Int) -> Int {
        if answer == truth { return 0 }
        let truthChain = ancestors(ofAnswer: truth)
        var answerSide = Set(ancestors(ofAnswer: answer))
        if answer >= categoryCount { answerSide.insert(answer - categoryCount) }
        if let position = truthChain.firstIndex(where: answerSide.contains) { return position + 1 }
        return truthChain.count + 1
    }

    /// A wrong category whose parent is the truth's: a fine-grained mistake (one dog breed for another).
    func isSibling(answer: Int, truth: Int) -> Bool {
        answer != truth && answer < categoryCount && categoryParents[answer] != nil && categoryParents[answer] == categoryParents[truth]
    }
}
