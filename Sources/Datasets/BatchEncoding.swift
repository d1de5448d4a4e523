// BatchEncoding: one batch of records being turned into stored images in the
// background, so the import's single writer never waits for the encoder it could
// have overlapped with.
import Dispatch
import Storage

final class BatchEncoding: @unchecked Sendable {
    // Written once by the background work, read only after `done` has been waited on.
    private var result: Result<[StoredImage], any Error> = .success([])
    private let done = DispatchSemaphore(value: 0)

    init(_ batch: [ImportRecord]) {
        DispatchQueue.global().async { [self] in
            result = Result { try ImportPipeline.prepare(batch) }
            done.signal()
        }
    }

    func wait() throws -> [StoredImage] {
        done.wait()
        return try result.get()
    }
}
