// CategoryList: the --categories file: one category name per line, in label order.
import Foundation
import Storage

public enum CategoryList {
    public static func read(_ url: URL) throws -> [CategoryDescription] {
        let text = try ImportError.readText(url, kind: "categories file")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        var seen = Set<String>()
        for (offset, name) in lines.enumerated() {
            if name.isEmpty { throw ImportError.line(offset + 1, in: url.path, "empty category name") }
            if !seen.insert(name).inserted {
                throw ImportError.line(offset + 1, in: url.path, "category '\(name)' is listed twice")
            }
        }
        if lines.isEmpty { throw ImportError(file: url.path, reason: "no categories") }
        return lines.map { CategoryDescription(name: $0) }
    }
}
