// HierarchyStorageTests: a category tree stored with its dataset, and each broken tree
// refused in one line before anything is stored.
import Foundation
@testable import Storage
import TestSupport
import Testing

@Suite struct HierarchyStorageTests {
    func description(nodes: [CategoryNode], parents: [String?]) -> DatasetDescription {
        DatasetDescription(name: "pets", categories: parents.enumerated().map { CategoryDescription(name: "c\($0.offset)", parent: $0.element) },
                           hierarchy: nodes)
    }

    @Test func aTreeIsStoredAndCardsCarryTheirPath() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        let nodes = [CategoryNode(key: "animal", name: "animal"), CategoryNode(key: "cat", name: "cat", parent: "animal"),
                     CategoryNode(key: "dog", name: "dog", description: "barks", synonyms: ["hound"], parent: "animal")]
        try store.importDataset(description(nodes: nodes, parents: ["cat", "dog", nil]), replace: false) { writer in
            try writer.addItem(image: StoredImage(bytes: Data([1]), width: 1, height: 1, format: "png"), categoryIndex: 0, split: .test,
                               source: "a")
        }
        let (annotator, _) = try store.addAnnotator(name: "ann", dataset: "pets")
        let desk = StudyDesk(store: store, clock: TestClock().read)
        defer { desk.shutdown() }
        #expect(try desk.categories(for: annotator).map(\.path) == [["animal", "cat"], ["animal", "dog"], []])
        #expect(try desk.hierarchy(for: annotator) == nodes)
    }

    @Test(arguments: [
        ([CategoryNode(key: "a", name: "a", parent: "b"), CategoryNode(key: "b", name: "b", parent: "a")], ["a"] as [String?],
         "dataset 'pets': hierarchy node 'a' is its own ancestor"),
        ([CategoryNode(key: "a", name: "a", parent: "zz")], ["a"], "dataset 'pets': hierarchy node 'a' names parent 'zz', which is not a node"),
        ([CategoryNode(key: "a", name: "a")], ["b"], "dataset 'pets': category 'c0' names parent 'b', which is not a hierarchy node"),
        ([CategoryNode(key: "a", name: "x"), CategoryNode(key: "b", name: "x")], ["a"], "dataset 'pets': two hierarchy nodes are named 'x'"),
    ])
    func aBrokenTreeIsRefusedAndNothingIsStored(nodes: [CategoryNode], parents: [String?], message: String) throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        #expect {
            try store.importDataset(description(nodes: nodes, parents: parents), replace: false) { _ in }
        } throws: { ($0 as? StorageError)?.description == message }
        #expect(try Shell.sqlite(dir.path("db.sqlite"), "SELECT (SELECT count(*) FROM dataset) + (SELECT count(*) FROM category_node)") == "0")
    }
}
