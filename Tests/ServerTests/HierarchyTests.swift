// HierarchyTests: a WordNet-named dataset on the real server: each category's ancestor path,
// the tree's nodes, more example images on request, and the per-trial browsing record stored
// and exported.
import Foundation
import TestSupport
import Testing

@Suite struct HierarchyTests {
    @Test func pathsNodesMoreExamplesAndTheBrowsingRecord() throws {
        let dir = TemporaryDirectory()
        var shade: UInt8 = 1
        func image(_ path: String) throws {
            try dir.write(path, try Fixtures.png(shade: shade))
            shade += 1
        }
        // tabby and tiger cat (both under domestic cat), Chihuahua (under toy dog); 15 tabby examples.
        for wnid in ["n02123045", "n02123159", "n02085620"] { try image("tree/test/\(wnid)/t.png") }
        for index in 0..<15 { try image("tree/example/n02123045/e\(index).png") }
        let db = dir.path("db.sqlite")
        let imported = try Shell.refhuman(["import", "folder", dir.path("tree"), "--name", "pets", "--wordnet", "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        let added = try Shell.refhuman(["annotators", "add", "ann", "--db", db])
        let token = String(added.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "/").last ?? "")
        let server = try ServerProcess(database: db)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL, token: token)

        // Folder names sort n02085620, n02123045, n02123159: Chihuahua 0, tabby 1, tiger cat 2.
        let cards = try client.get("/api/categories").array
        #expect(cards.map { $0["name"] as? String } == ["Chihuahua", "tabby", "tiger cat"])
        let tabbyPath = try #require(cards[1]["path"] as? [String])
        #expect(tabbyPath.first == "n00001740" && tabbyPath.last == "n02121808")  // entity … domestic cat
        #expect(cards[1]["path"] as? [String] == cards[2]["path"] as? [String])
        #expect((cards[1]["examples"] as? [String])?.count == 13)
        let nodes = try #require(try client.get("/api/hierarchy").object["nodes"] as? [[String: Any]])
        let keys = nodes.compactMap { $0["key"] as? String }
        // Every key on any path is a node, and parents come before their children.
        #expect(Set(tabbyPath + (cards[0]["path"] as? [String] ?? [])).isSubset(of: Set(keys)))
        for (position, node) in nodes.enumerated() {
            if let parent = node["parent"] as? String { #expect(keys.firstIndex(of: parent)! < position) }
        }
        let domesticCat = try #require(nodes.first { $0["key"] as? String == "n02121808" })
        #expect(domesticCat["name"] as? String == "domestic cat" && domesticCat["parent"] as? String == "n02121620")
        #expect((domesticCat["synonyms"] as? [String])?.contains("house cat") == true)

        // More examples: 15 in all, the first 13 on the card, 2 more from offset 13.
        let more = try client.get("/api/categories/1/examples?offset=13&limit=26").object
        #expect(more["total"] as? Int == 15 && (more["examples"] as? [String])?.count == 2)
        #expect(try client.get("/api/categories/1/examples?offset=-1").status == 400)
        #expect(try client.get("/api/categories/x/examples").status == 400)

        // A judgement carries what the annotator looked at; a bad record is refused whole.
        let item = try #require(try client.lease(count: 1).array.first?["item_id"] as? String)
        let bad = try client.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": item, "guesses": [1],
                                                            "browsing": ["opened": [7], "searched": [], "pinned": []]])
        #expect(bad.status == 400 && bad.object["error"] as? String == "browsing names 7, which is not a category (0–2)", "\(bad.text)")
        let stored = try client.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": item, "guesses": [1],
                                                               "browsing": ["opened": [1, 2], "searched": ["tab", "tabby"], "pinned": [2, 1]]])
        #expect(stored.status == 200, "\(stored.text)")
        #expect(try Shell.sqlite(db, "SELECT browsing FROM judgement") == #"{"opened":[1,2],"pinned":[2,1],"searched":["tab","tabby"]}"#)
        let admin = HTTPClient(baseURL: server.baseURL, token: server.adminToken)
        let line = try #require(try admin.get("/api/admin/export/judgements?format=jsonl").text.split(separator: "\n").first)
        let exported = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(exported["browsing"] as? [String: [String]] == ["opened": ["tabby", "tiger cat"], "searched": ["tab", "tabby"],
                                                                "pinned": ["tiger cat", "tabby"]])
    }
}
