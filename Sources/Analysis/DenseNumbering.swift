// DenseNumbering: maps sorted, distinct ids to 0, 1, 2, … in order.
/// Item ids from the store are row ids, nearly contiguous within a dataset, so a flat table
/// over their range answers each lookup with one array read; hashing a million trial ids
/// cost more than the rest of a report's counting. Ids spread too thinly fall back to a
/// dictionary.
struct DenseNumbering {
    private let lowest: Int64
    private let table: [Int32]?
    private let dictionary: [Int64: Int]

    init(sortedIDs ids: [Int64]) {
        lowest = ids.first ?? 0
        let span = (ids.last ?? 0) - lowest + 1
        if !ids.isEmpty, span <= Int64(4 * ids.count + 1024), ids.count < Int(Int32.max) {
            var table = [Int32](repeating: -1, count: Int(span))
            for (dense, id) in ids.enumerated() { table[Int(id - lowest)] = Int32(dense) }
            self.table = table
            dictionary = [:]
        } else {
            table = nil
            dictionary = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        }
    }

    subscript(id: Int64) -> Int? {
        guard let table else { return dictionary[id] }
        let offset = id &- lowest
        guard offset >= 0, offset < Int64(table.count) else { return nil }
        let dense = table[Int(offset)]
        return dense < 0 ? nil : Int(dense)
    }
}
