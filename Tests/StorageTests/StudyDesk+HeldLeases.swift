// StudyDesk+HeldLeases: what the writer's lease book holds, read on the writer thread, for tests.
@testable import Storage

extension StudyDesk {
    /// The annotator's lease on `item` as the book holds it; nil if it holds none.
    func heldLease(annotator: Int64, item: Int64) async throws -> LeaseBook.Lease? {
        try await batcher.perform { [boards] db, transaction in try boards.leases(db, transaction).lease(annotator: annotator, item: item) }
    }

    /// How many leases the book holds, lapsed ones included.
    func heldLeaseCount() async throws -> Int {
        try await batcher.perform { [boards] db, transaction in try boards.leases(db, transaction).count }
    }
}
