// CSVManifestReader: a `path,label[,split]` manifest; paths are relative to the manifest.
import Foundation
import Storage

public enum CSVManifestReader {
    /// - Parameter categories: the allowed labels in index order; nil takes the sorted
    ///   distinct labels of the manifest itself, which only `labelsAreCategories` allows
    ///   (otherwise a mistyped label would quietly become a category of its own).
    /// - Parameter allowOutsidePaths: accept absolute paths and paths that leave the
    ///   manifest's folder.
    public static func records(
        manifest url: URL, categories: [CategoryDescription]?, labelsAreCategories: Bool = false,
        allowOutsidePaths: Bool = false, defaultSplit: Split
    ) throws -> (categories: [CategoryDescription], records: [ImportRecord]) {
        let file = url.path
        let text = try ImportError.readText(url, kind: "manifest")
        let table = try CSVTable.parse(text, file: file)
        guard let header = table.rows.first else { throw ImportError(file: file, reason: "empty manifest") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard names == ["path", "label"] || names == ["path", "label", "split"] else {
            throw ImportError.line(header.line, in: file, "header must be 'path,label' or 'path,label,split', found '\(header.fields.joined(separator: ","))'")
        }
        let body = table.rows.dropFirst()
        if body.isEmpty { throw ImportError(file: file, reason: "manifest has a header but no rows") }
        for row in body where row.fields.count != names.count {
            throw ImportError.line(row.line, in: file, "expected \(names.count) columns, found \(row.fields.count)")
        }
        let labels = Set(body.map { $0.fields[1] }).sorted()
        guard categories != nil || labelsAreCategories else {
            throw ImportError(file: file, reason: "no category list: pass --categories FILE, or --categories-from-labels to make the \(labels.count) distinct labels (\(labels.prefix(5).joined(separator: ", "))\(labels.count > 5 ? ", …" : "")) the categories")
        }
        let categoryList = categories ?? labels.map { CategoryDescription(name: $0) }
        let indexByName = Dictionary(uniqueKeysWithValues: categoryList.enumerated().map { ($1.name, $0) })
        let directory = url.deletingLastPathComponent()
        let records = try body.map { row -> ImportRecord in
            let path = row.fields[0]
            let label = row.fields[1]
            guard !path.isEmpty else { throw ImportError.line(row.line, in: file, "empty path") }
            guard let category = indexByName[label] else {
                throw ImportError.line(row.line, in: file, "unknown category '\(label)'"
                                       + NameSuggestion.hint(for: label, among: categoryList.map(\.name), noun: "categories"))
            }
            var split = defaultSplit
            if names.count == 3 {
                guard let given = Split(rawValue: row.fields[2]) else {
                    throw ImportError.line(row.line, in: file, "unknown split '\(row.fields[2])' (test, practice, example, train or catch)")
                }
                split = given
            }
            let imageURL = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)).standardizedFileURL
            guard allowOutsidePaths || imageURL.path.hasPrefix(directory.standardizedFileURL.path + "/") else {
                throw ImportError.line(row.line, in: file, "path '\(path)' is outside the manifest's folder (pass --allow-outside-paths to import it)")
            }
            guard FileManager.default.isReadableFile(atPath: imageURL.path) else {
                throw ImportError.line(row.line, in: file, "image file not found: \(path)")
            }
            return ImportRecord(payload: .file(imageURL), categoryIndex: category, split: split,
                                source: path, file: file, location: "line \(row.line)")
        }
        return (categoryList, records)
    }
}
