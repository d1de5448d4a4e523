// ReaderConnectionsTests: a server's per-thread read connections see every commit at once
// (a token disabled through the writer is refused on the very next lookup, from the same
// thread and from others), serve several threads at once, and close with their Store.
import Foundation
@testable import Storage
import Synchronization
import Testing
import TestSupport

@Suite struct ReaderConnectionsTests {
    /// Descriptors of this process open on `path` (the database itself, not its -wal or -shm).
    func openDescriptors(on path: String) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == path }.count
    }

    @Test func aDisabledTokenIsRefusedOnTheNextLookupFromEveryThread() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        var store: Store? = try Store(path: path, concurrentReaders: true)
        let description = DatasetDescription(name: "d", settings: DatasetSettings(judgementsPerItem: 1),
                                             categories: [CategoryDescription(name: "x"), CategoryDescription(name: "y")])
        try store!.importDataset(description, replace: false) { writer in
            try writer.addItem(image: StoredImage(bytes: Data([1]), width: 1, height: 1, format: "png"), categoryIndex: 0, split: .test, source: "t")
        }
        let (annotator, token) = try store!.addAnnotator(name: "ann", dataset: "d")
        #expect(try store!.annotator(token: token)?.id == annotator.id)
        // Eight threads look the token up at once, 200 times each, on their own connections.
        let found = Mutex(0), failures = Mutex([String]())
        let group = DispatchGroup()
        // The threads hold the Store weakly: a thread lets go of its closure only as it
        // exits, after it has signalled, and a strong capture could outlive `store = nil` below.
        for _ in 0..<8 {
            group.enter()
            Thread { [weak store] in
                for _ in 0..<200 {
                    do {
                        if try store!.annotator(token: token)?.id == annotator.id { found.withLock { $0 += 1 } }
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
                group.leave()
            }.start()
        }
        group.wait()
        #expect(found.withLock { $0 } == 1600)
        #expect(failures.withLock { $0 } == [])
        // The writer disables the account: the very next lookup, on a connection that has
        // already read, refuses it.
        _ = try store!.disableAnnotator(name: "ann")
        #expect(try store!.annotator(token: token) == nil)
        let elsewhere = Mutex<Annotator??>(.some(annotator))
        let done = DispatchSemaphore(value: 0)
        Thread { [weak store] in
            elsewhere.withLock { $0 = try? store!.annotator(token: token) }
            done.signal()
        }.start()
        done.wait()
        #expect(elsewhere.withLock { $0 } == .some(nil))
        // Every connection the threads opened closes with the Store.
        #expect(openDescriptors(on: path) > 1)
        store = nil
        #expect(openDescriptors(on: path) == 0)
    }
}
