// OpenAPIDocumentTests: Public/openapi.json documents exactly the routes the service registers.
import Foundation
import HTTPServer
import Service
import Storage
import Testing
import TestSupport

@Suite struct OpenAPIDocumentTests {
    @Test func everyRouteIsDocumentedAndNothingElse() throws {
        let directory = TemporaryDirectory()
        let store = try Store(path: directory.path("db.sqlite"), concurrentReaders: true)
        let desk = StudyDesk(store: store)
        defer { desk.shutdown() }
        let publicDirectory = Shell.repositoryRoot.appendingPathComponent("Public")
        let routes = Set(AnnotationService(desk: desk, publicDirectory: publicDirectory.path, software: "refhuman (test)").router().routeList)

        let data = try Data(contentsOf: publicDirectory.appendingPathComponent("openapi.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(documented == routes)
        // Every $ref points at a schema that exists.
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let text = String(decoding: data, as: UTF8.self)
        for match in text.matches(of: /"#\/components\/schemas\/([A-Za-z]+)"/) {
            #expect(schemas[String(match.output.1)] != nil, "\(match.output.1)")
        }
    }
}
