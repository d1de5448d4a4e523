// DatasetDescription+Hierarchy: the checks a category tree must pass before it is stored, and
// each category's path of ancestors.
extension DatasetDescription {
    /// The first thing wrong with the tree, or nil: every parent named exists, node names and
    /// keys are unique, and following parents never comes back to where it started.
    public var hierarchyProblem: String? {
        var parentOf: [String: String?] = [:]
        var names: Set<String> = []
        for node in hierarchy {
            if parentOf[node.key] != nil { return "hierarchy node '\(node.key)' appears twice" }
            if !names.insert(node.name).inserted { return "two hierarchy nodes are named '\(node.name)'" }
            parentOf[node.key] = node.parent
        }
        for node in hierarchy {
            if let parent = node.parent, parentOf[parent] == nil {
                return "hierarchy node '\(node.key)' names parent '\(parent)', which is not a node"
            }
            var seen: Set<String> = [node.key]
            var step = node.parent
            while let key = step {
                if !seen.insert(key).inserted { return "hierarchy node '\(node.key)' is its own ancestor" }
                step = parentOf[key] ?? nil
            }
        }
        for category in categories {
            if let parent = category.parent, parentOf[parent] == nil {
                return "category '\(category.name)' names parent '\(parent)', which is not a hierarchy node"
            }
        }
        return nil
    }
}
