// BundleManifest: dataset.json, the description of a dataset bundle (README: "Bundle format").
import Foundation
import Storage
import WireFormat

public struct BundleManifest: Codable, Sendable, Equatable {
    public static let currentFormat = 1

    public var format: Int
    public var name: String
    public var title: String
    public var description: String?
    public var license: String?
    public var source: String?
    public var settings: DatasetSettings?
    public var categories: [CategoryDescription]
    /// The inner nodes of a category tree; each category names its parent node.
    public var hierarchy: Hierarchy?
    public var parts: [BundlePart]
    /// How the data files were made (seed, command); informational.
    public var provenance: [String: String]?

    public struct Hierarchy: Codable, Sendable, Equatable {
        /// Parents before children.
        public var nodes: [CategoryNode]

        public init(nodes: [CategoryNode]) { self.nodes = nodes }
    }

    public var datasetDescription: DatasetDescription {
        DatasetDescription(name: name, title: title, description: description ?? "", license: license ?? "",
                           source: source ?? "", settings: settings ?? DatasetSettings(), categories: categories,
                           hierarchy: hierarchy?.nodes ?? [])
    }

    public static func read(_ url: URL) throws -> BundleManifest {
        guard let data = try? Data(contentsOf: url) else {
            throw ImportError(file: url.path, reason: "cannot read bundle manifest")
        }
        let manifest: BundleManifest
        do {
            manifest = try WireJSON.decoder().decode(BundleManifest.self, from: data)
        } catch let error as DecodingError {
            throw ImportError(file: url.path, reason: "malformed: \(Self.explain(error))")
        } catch {
            throw ImportError(file: url.path, reason: "malformed: \(error)")
        }
        guard manifest.format == currentFormat else {
            throw ImportError(file: url.path, reason: "unsupported bundle format \(manifest.format) (this refhuman reads \(currentFormat))")
        }
        return manifest
    }

    public func write(to url: URL) throws {
        try (WireJSON.encoder(pretty: true).encode(self) + Data("\n".utf8)).write(to: url)
    }

    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "top level" : String(keys.drop { $0 == "." })
        }
        switch error {
        case let .keyNotFound(key, context):
            let at = path(context)
            return "missing key '\(key.stringValue)'" + (context.codingPath.isEmpty ? "" : " in \(at)")
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(path(context)): \(context.debugDescription)"
        case let .dataCorrupted(context):
            if let underlying = context.underlyingError { return "invalid JSON (\(underlying.localizedDescription))" }
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
