// ImportPipeline: turns reader records into stored items. Images are decoded and encoded
// afresh (no byte of the file survives) on every core in batches, then written in order
// inside one transaction.
import Dispatch
import Foundation
import Imaging
import Storage

public struct ImportPipeline {
    public var batchSize = 1024
    public var sizeLimit = ImageSizeLimit()
    /// See CatalogWriter.allowsSharedTestImages.
    public var allowsSharedTestImages = false
    public var showProgress = isatty(STDERR_FILENO) == 1

    public init() {}

    public func run(
        _ records: [ImportRecord], as description: DatasetDescription, into store: Store, replace: Bool
    ) throws -> ImportSummary {
        try Self.check(description, records: records)
        let progress = ImportProgress(total: records.count, label: "importing \(description.name)", live: showProgress)
        defer { progress.finish() }
        var perSplit: [Split: Int] = [:]
        let (newImages, shared) = try store.importDataset(description, replace: replace) { writer in
            writer.allowsSharedTestImages = allowsSharedTestImages
            var done = 0
            for start in stride(from: 0, to: records.count, by: batchSize) {
                let batch = Array(records[start..<min(start + batchSize, records.count)])
                let images = try Self.prepare(batch, limit: sizeLimit)
                for (record, image) in zip(batch, images) {
                    do {
                        try writer.addItem(image: image, categoryIndex: record.categoryIndex,
                                           split: record.split, source: record.source)
                    } catch let error as StorageError {
                        throw record.failure(error.description)
                    }
                    perSplit[record.split, default: 0] += 1
                }
                done += images.count
                progress.update(done: done)
            }
            return (writer.newImageCount, writer.sharedTestImages)
        }
        return ImportSummary(dataset: description.name, itemsPerSplit: perSplit,
                             newImages: newImages, sharedTestImages: shared, seconds: progress.elapsed)
    }

    /// Refuses what the database would refuse less clearly: bad settings, duplicate
    /// category names, labels outside the category list.
    static func check(_ description: DatasetDescription, records: [ImportRecord]) throws {
        if let problem = description.settings.problem {
            throw ImportError(file: "dataset '\(description.name)'", reason: problem)
        }
        if description.name.isEmpty || description.name.count > 100 {
            throw ImportError(file: "dataset '\(description.name)'", reason: "name must be 1 to 100 characters")
        }
        if description.categories.isEmpty {
            throw ImportError(file: "dataset '\(description.name)'", reason: "no categories")
        }
        var names = Set<String>()
        for category in description.categories where !names.insert(category.name).inserted {
            throw ImportError(file: "dataset '\(description.name)'", reason: "category '\(category.name)' appears twice")
        }
        for record in records where !description.categories.indices.contains(record.categoryIndex) {
            throw record.failure("label \(record.categoryIndex) is not a category (\(description.categories.count) categories: 0–\(description.categories.count - 1))")
        }
    }

    /// Encodes or validates each record's image, on all cores; the first failure in
    /// record order wins, so the error does not depend on thread timing.
    static func prepare(_ batch: [ImportRecord], limit: ImageSizeLimit) throws -> [StoredImage] {
        // Each iteration writes only its own slot, so the buffer needs no lock.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Result<StoredImage, ImportError>>.allocate(capacity: batch.count)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
            (results.baseAddress! + index).initialize(to: Result { try storedImage(for: batch[index], limit: limit) }
                .mapError { $0 as? ImportError ?? batch[index].failure("\($0)") })
        }
        defer { _ = results.baseAddress!.deinitialize(count: batch.count) }
        return try results.map { try $0.get() }
    }

    static func storedImage(for record: ImportRecord, limit: ImageSizeLimit) throws -> StoredImage {
        switch record.payload {
        case let .pixels(image):
            try refuseOversized(record, width: image.width, height: image.height, limit: limit)
            return try reencoded(record, image, asJPEG: false, limit: limit)
        case let .file(url):
            guard let bytes = try? Data(contentsOf: url) else { throw record.failure("cannot read \(url.path)") }
            // The header's size first: a huge image is refused before its pixels take memory.
            if let size = ImageCodec.declaredSize(bytes) {
                try refuseOversized(record, width: size.width, height: size.height, limit: limit)
            }
            let decoded: (format: ImageFormat, image: PixelImage)
            do { decoded = try ImageCodec.decode(bytes) } catch { throw record.failure("\(error)") }
            // Stored re-encoded, never as sent: a file's own bytes can carry its label (a PNG
            // text chunk, EXIF, a comment), and annotators are served the stored bytes.
            return try reencoded(record, decoded.image, asJPEG: decoded.format == .jpeg, limit: limit)
        }
    }

    private static func refuseOversized(_ record: ImportRecord, width: Int, height: Int, limit: ImageSizeLimit) throws {
        guard max(width, height) > limit.maxSide, !limit.downscale else { return }
        throw record.failure("image is \(width)×\(height), over the \(limit.maxSide) px limit per side (pass --downscale to store it scaled down, or raise --max-side)")
    }

    /// Pixels encoded afresh (PNG, or JPEG for photographs that came as JPEG, at a quality
    /// high enough not to show), scaled down first when they exceed the limit.
    private static func reencoded(_ record: ImportRecord, _ image: PixelImage, asJPEG: Bool, limit: ImageSizeLimit) throws -> StoredImage {
        do {
            let fitted = try ImageCodec.downscaled(image, maxSide: limit.maxSide)
            let format: ImageFormat = asJPEG ? .jpeg : .png
            let bytes = asJPEG ? try ImageCodec.encodeJPEG(fitted, quality: 95) : try ImageCodec.encodePNG(fitted)
            return StoredImage(bytes: bytes, width: fitted.width, height: fitted.height, format: format.rawValue)
        } catch {
            throw record.failure("\(error)")
        }
    }
}
