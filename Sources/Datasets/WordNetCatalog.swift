// WordNetCatalog: categories named by WNIDs (ImageNet's class folders) turned into names,
// synonyms, glosses and a hierarchy of their WordNet ancestors.
import Foundation
import Storage

public enum WordNetCatalog {
    /// One category per WNID, in the order given, each under its first hypernym; the nodes are
    /// every ancestor of any of them, parents before children. A name two categories (or two
    /// nodes) share gets its parent's name in brackets — "crane (wading bird)", "crane (lifting
    /// device)" — or, when that is shared too, its WNID. An unknown WNID is a one-line error.
    public static func categories(wnids: [String], wordNet: WordNet, source: String) throws -> (categories: [CategoryDescription], nodes: [CategoryNode]) {
        var leaves: [WordNet.Synset] = []
        for wnid in wnids {
            guard let synset = wordNet.synset(wnid) else {
                throw ImportError(file: source, reason: "'\(wnid)' is not a WordNet 3.0 noun id (folders must be named like n02123045)")
            }
            leaves.append(synset)
        }
        var nodeOrder: [String] = []
        var seen: Set<String> = []
        for leaf in leaves {
            for ancestor in wordNet.ancestors(of: leaf.wnid) where seen.insert(ancestor).inserted { nodeOrder.append(ancestor) }
        }
        // Parents before children: order by depth, then first appearance.
        let depth = Dictionary(uniqueKeysWithValues: nodeOrder.map { ($0, wordNet.ancestors(of: $0).count) })
        let firstSeen = Dictionary(uniqueKeysWithValues: nodeOrder.enumerated().map { ($1, $0) })
        nodeOrder.sort { (depth[$0]!, firstSeen[$0]!) < (depth[$1]!, firstSeen[$1]!) }
        let nodeSynsets = nodeOrder.compactMap(wordNet.synset)
        let nodeNames = distinctNames(nodeSynsets, wordNet: wordNet)
        let leafNames = distinctNames(leaves, wordNet: wordNet)
        let nodes = zip(nodeSynsets, nodeNames).map { synset, name in
            CategoryNode(key: synset.wnid, name: name, description: synset.gloss, synonyms: Array(synset.lemmas.dropFirst()),
                         parent: synset.hypernyms.first)
        }
        let categories = zip(leaves, leafNames).map { synset, name in
            CategoryDescription(name: name, description: synset.gloss, synonyms: Array(synset.lemmas.dropFirst()),
                                parent: synset.hypernyms.first)
        }
        return (categories, nodes)
    }

    /// First lemmas, with clashes told apart by the parent's first lemma, then by WNID.
    static func distinctNames(_ synsets: [WordNet.Synset], wordNet: WordNet) -> [String] {
        let plain = synsets.map { $0.lemmas.first ?? $0.wnid }
        let clashing = Dictionary(grouping: plain.indices, by: { plain[$0] }).filter { $0.value.count > 1 }
        var names = plain
        for indices in clashing.values {
            let byParent = indices.map { index in
                "\(plain[index]) (\(synsets[index].hypernyms.first.flatMap { wordNet.synset($0)?.lemmas.first } ?? synsets[index].wnid))"
            }
            let parentsDiffer = Set(byParent).count == byParent.count
            for (position, index) in indices.enumerated() {
                names[index] = parentsDiffer ? byParent[position] : "\(plain[index]) (\(synsets[index].wnid))"
            }
        }
        return names
    }
}
