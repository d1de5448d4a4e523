// BundledClassifierTests: the committed classifier scores what its model card and the README
// claim on the full 10,000-image Fashion-MNIST test set from Debian's package.
import Foundation
import Testing
import TestSupport

@Suite struct BundledClassifierTests {
    @Test func bundledModelReachesItsStatedAccuracyOnTheFullTestSet() throws {
        let directory = TemporaryDirectory()
        let database = directory.path("fashion.sqlite")
        let bundle = Shell.repositoryRoot.appendingPathComponent("Datasets/fashion-mnist")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: bundle.appendingPathComponent("dataset.json"))) as? [String: Any])
        let names = try #require((manifest["categories"] as? [[String: Any]])?.compactMap { $0["name"] as? String })
        try directory.write("categories.txt", names.joined(separator: "\n") + "\n")
        let fashion = "/usr/share/datasets/fashion-mnist"
        let imported = try Shell.refhuman(["import", "idx", "--images", "\(fashion)/t10k-images-idx3-ubyte.gz",
                                           "--labels", "\(fashion)/t10k-labels-idx1-ubyte.gz",
                                           "--categories", directory.path("categories.txt"), "--name", "fashion-test", "--db", database])
        try #require(imported.status == 0, "\(imported.stderr)")
        let classified = try Shell.refhuman(["classify", "--model", bundle.appendingPathComponent("classifier.safetensors").path,
                                             "--name", "refhuman-cnn", "--db", database])
        try #require(classified.status == 0, "\(classified.stderr)")
        // Counted independently of the command's own summary: top-1 rows equal to the truth.
        let right = try Shell.sqlite(database, """
            SELECT count(*) FROM prediction JOIN item ON item.id = prediction.item_id
            WHERE prediction.rank = 0 AND prediction.category_idx = item.category_idx
            """)
        let accuracy = Double(right)! / 10_000
        #expect(accuracy >= 0.92)
        let card = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: bundle.appendingPathComponent("classifier.json"))) as? [String: Any])
        #expect(card["testAccuracy"] as? Double == accuracy)
        #expect(classified.stderr == "stored top-5 predictions for 10000 items as 'refhuman-cnn'; top-1 accuracy on the test items \(String(format: "%.4f", accuracy))\n")
    }
}
