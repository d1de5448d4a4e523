// WordNet: Princeton WordNet 3.0's noun synsets (Debian's wordnet-base, the version ImageNet
// uses) read from its data.noun file: each synset's lemmas, gloss and hypernyms, by WNID.
import Foundation

public struct WordNet: Sendable {
    public struct Synset: Sendable, Equatable {
        /// "n" and the 8-digit offset, as ImageNet names its classes (`n02123045`).
        public let wnid: String
        /// Words in WordNet's order, underscores turned to spaces (`tabby`, `tabby cat`).
        public let lemmas: [String]
        public let gloss: String
        /// Hypernym WNIDs in WordNet's order (`@`, and `@i` for instances).
        public let hypernyms: [String]
    }

    public static let defaultDirectory = "/usr/share/wordnet"
    let synsets: [String: Synset]

    /// Reads `directory`/data.noun; a missing or unreadable file is a one-line error naming it.
    public init(directory: String = defaultDirectory) throws {
        let path = directory + "/data.noun"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: path, reason: "cannot read WordNet's noun database (install Debian's wordnet-base, or pass --wordnet-dir)")
        }
        var synsets: [String: Synset] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
            // The licence header's lines start with two spaces; every synset line with its offset.
            guard let first = line.first, first.isNumber, let synset = Self.parse(line) else { continue }
            synsets[synset.wnid] = synset
        }
        guard !synsets.isEmpty else { throw ImportError(file: path, reason: "holds no noun synsets") }
        self.synsets = synsets
    }

    /// One data.noun line: `offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (symbol offset pos source/target)… | gloss`.
    static func parse(_ line: Substring) -> Synset? {
        let halves = line.split(separator: "|", maxSplits: 1)
        let fields = halves[0].split(separator: " ")
        guard fields.count >= 4, let wordCount = Int(fields[3], radix: 16), fields.count >= 5 + 2 * wordCount else { return nil }
        let lemmas = (0..<wordCount).map { fields[4 + 2 * $0].replacingOccurrences(of: "_", with: " ") }
        let pointerStart = 4 + 2 * wordCount
        guard let pointerCount = Int(fields[pointerStart]) else { return nil }
        var hypernyms: [String] = []
        for index in 0..<pointerCount {
            let at = pointerStart + 1 + 4 * index
            guard at + 2 < fields.count else { return nil }
            if (fields[at] == "@" || fields[at] == "@i") && fields[at + 2] == "n" { hypernyms.append("n" + fields[at + 1]) }
        }
        let gloss = halves.count > 1 ? halves[1].trimmingCharacters(in: .whitespaces) : ""
        return Synset(wnid: "n" + fields[0], lemmas: lemmas, gloss: gloss, hypernyms: hypernyms)
    }

    public func synset(_ wnid: String) -> Synset? { synsets[wnid] }

    /// The ancestors of `wnid`, root first, following each synset's first hypernym (WordNet
    /// allows several; ImageNet's own tree takes the first too).
    public func ancestors(of wnid: String) -> [String] {
        var chain: [String] = []
        var step = synsets[wnid]?.hypernyms.first
        while let next = step, !chain.contains(next) {
            chain.append(next)
            step = synsets[next]?.hypernyms.first
        }
        return chain.reversed()
    }
}
