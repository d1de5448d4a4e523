// NameSuggestion: the known name closest to one that was mistyped (`reprot` → `report`),
// by edit distance, and only when it is close enough to be what was meant.
public enum NameSuggestion {
    public static func closest(to typed: String, among known: [String]) -> String? {
        let limit = max(2, typed.count / 3)
        let scored = known.map { (name: $0, distance: distance(typed.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= limit else { return nil }
        return best.name
    }

    /// Levenshtein distance: insertions, deletions and substitutions, one row at a time.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// "; did you mean 'x'? (NOUNS: a, b)" to end a refusal, or the list alone.
    public static func hint(for typed: String, among known: [String], noun: String) -> String {
        guard !known.isEmpty else { return "; there are no \(noun) yet" }
        let list = "(\(noun): \(known.joined(separator: ", ")))"
        guard let match = closest(to: typed, among: known) else { return " \(list)" }
        return "; did you mean '\(match)'? \(list)"
    }
}
