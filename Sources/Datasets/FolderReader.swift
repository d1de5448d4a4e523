// FolderReader: the ImageFolder layout DIR/<category>/<image>, or one such tree per split,
// DIR/{test,practice,example,train}/<category>/<image>. Categories are the sorted folder
// names (across splits); hidden files and folders are ignored.
import Foundation
import Storage

public enum FolderReader {
    public static func records(directory: URL, split: Split) throws -> (categories: [CategoryDescription], records: [ImportRecord]) {
        guard isFolder(directory) else { throw ImportError(file: directory.path, reason: "not a directory") }
        let top = try visibleEntries(directory).filter { isFolder(directory.appendingPathComponent($0)) }
        guard !top.isEmpty else { throw ImportError(file: directory.path, reason: "no category folders") }
        // Split folders when every top folder names a split; otherwise the top folders are categories.
        let splits = top.compactMap(Split.init(rawValue:))
        let trees: [(root: URL, split: Split)]
        if splits.count == top.count {
            trees = splits.map { (directory.appendingPathComponent($0.rawValue), $0) }
        } else {
            trees = [(directory, split)]
        }
        let categories = try Set(trees.flatMap { tree in
            try visibleEntries(tree.root).filter { isFolder(tree.root.appendingPathComponent($0)) }
        }).sorted()
        let indexByName = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        var records: [ImportRecord] = []
        for tree in trees {
            for (name, index) in indexByName.sorted(by: { $0.value < $1.value }) {
                let folder = tree.root.appendingPathComponent(name)
                guard isFolder(folder) else { continue }  // a category may be absent from a split
                let files = try visibleEntries(folder)
                guard !files.isEmpty else { throw ImportError(file: folder.path, reason: "empty category folder") }
                for file in files {
                    let url = folder.appendingPathComponent(file)
                    if isFolder(url) { throw ImportError(file: url.path, reason: "nested folder inside a category folder") }
                    let prefix = trees.count > 1 ? "\(tree.split.rawValue)/" : ""
                    records.append(ImportRecord(payload: .file(url), categoryIndex: index, split: tree.split,
                                                source: "\(prefix)\(name)/\(file)", file: url.path, location: nil))
                }
            }
        }
        return (categories.map { CategoryDescription(name: $0) }, records)
    }

    private static func visibleEntries(_ url: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw ImportError(file: url.path, reason: "cannot list directory")
        }
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
