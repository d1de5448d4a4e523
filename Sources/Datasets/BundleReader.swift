// BundleReader: a bundle directory (dataset.json plus its data files) as records.
import Foundation
import Storage

public enum BundleReader {
    /// `allowOutsidePaths`: accept parts whose files lie outside the bundle's folder.
    public static func read(directory: URL, allowOutsidePaths: Bool = false) throws -> (description: DatasetDescription, records: [ImportRecord]) {
        let manifestURL = directory.appendingPathComponent("dataset.json")
        let manifest = try BundleManifest.read(manifestURL)
        let description = manifest.datasetDescription
        guard !manifest.parts.isEmpty else { throw ImportError(file: manifestURL.path, reason: "no parts") }
        var records: [ImportRecord] = []
        for (index, part) in manifest.parts.enumerated() {
            func file(_ name: String?, _ key: String) throws -> URL {
                guard let name else {
                    throw ImportError(file: manifestURL.path, reason: "parts[\(index)].\(key) is required for a \(part.format.rawValue) part")
                }
                let url = (name.hasPrefix("/") ? URL(fileURLWithPath: name) : directory.appendingPathComponent(name)).standardizedFileURL
                guard allowOutsidePaths || url.path.hasPrefix(directory.standardizedFileURL.path + "/") else {
                    throw ImportError(file: manifestURL.path, reason: "parts[\(index)].\(key): '\(name)' is outside the bundle's folder (pass --allow-outside-paths to import it)")
                }
                guard FileManager.default.isReadableFile(atPath: url.path) else {
                    throw ImportError(file: manifestURL.path, reason: "parts[\(index)].\(key): file not found: \(name)")
                }
                return url
            }
            switch part.format {
            case .idx:
                let images = try file(part.images, "images")
                let labels = try file(part.labels, "labels")
                var sources: [String]?
                if part.sources != nil {
                    let url = try file(part.sources, "sources")
                    sources = try ImportError.readText(url, kind: "sources").split(whereSeparator: \.isNewline).map(String.init)
                }
                records += try IDXReader.records(images: images, labels: labels, categoryCount: description.categories.count,
                                                 split: part.split, sources: sources)
            case .csv:
                let manifestFile = try file(part.manifest, "manifest")
                records += try CSVManifestReader.records(manifest: manifestFile, categories: description.categories,
                                                         allowOutsidePaths: allowOutsidePaths, defaultSplit: part.split).records
            }
        }
        return (description, records)
    }
}
