// FolderReader: the ImageFolder layout DIR/<category>/<image>. Categories are the
// sorted folder names; hidden files and folders are ignored.
import Foundation
import Storage

public enum FolderReader {
    public static func records(directory: URL, split: Split) throws -> (categories: [CategoryDescription], records: [ImportRecord]) {
        let manager = FileManager.default
        func visibleEntries(_ url: URL) throws -> [String] {
            do {
                return try manager.contentsOfDirectory(atPath: url.path).filter { !$0.hasPrefix(".") }.sorted()
            } catch {
                throw ImportError(file: url.path, reason: "cannot list directory")
            }
        }
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImportError(file: directory.path, reason: "not a directory")
        }
        let folders = try visibleEntries(directory).filter { name in
            var isFolder: ObjCBool = false
            return manager.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
        }
        guard !folders.isEmpty else { throw ImportError(file: directory.path, reason: "no category folders") }
        var records: [ImportRecord] = []
        for (index, category) in folders.enumerated() {
            let folder = directory.appendingPathComponent(category)
            let files = try visibleEntries(folder)
            guard !files.isEmpty else { throw ImportError(file: folder.path, reason: "empty category folder") }
            for file in files {
                let url = folder.appendingPathComponent(file)
                var isFolder: ObjCBool = false
                _ = manager.fileExists(atPath: url.path, isDirectory: &isFolder)
                if isFolder.boolValue {
                    throw ImportError(file: url.path, reason: "nested folder inside a category folder")
                }
                records.append(ImportRecord(payload: .file(url), categoryIndex: index, split: split,
                                            source: "\(category)/\(file)", file: url.path, location: nil))
            }
        }
        return (folders.map { CategoryDescription(name: $0) }, records)
    }
}
