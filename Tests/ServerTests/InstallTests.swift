// InstallTests: `make install` puts refhuman and its web files under PREFIX, and the
// installed binary serves the annotator and admin pages from any working directory.
import Foundation
import Testing
import TestSupport

@Suite struct InstallTests {
    @Test func anInstalledBinaryServesItsPagesFromAnotherDirectory() throws {
        let prefix = TemporaryDirectory(), elsewhere = TemporaryDirectory()
        let install = try Shell.run("/usr/bin/make", ["-C", Shell.repositoryRoot.path, "--no-print-directory", "install-files",
                                                      "PREFIX=\(prefix.url.path)", "BIN=\(Shell.refhumanPath)"])
        try #require(install.status == 0, "\(install.stderr)")
        let installed = prefix.path("bin/refhuman")
        // Marks the installed copy, so a page served from the checkout's Public/ would show.
        let installedIndex = prefix.file("share/refhuman/Public/index.html")
        try (try Data(contentsOf: installedIndex) + Data("<!-- installed copy -->\n".utf8)).write(to: installedIndex)
        #expect(FileManager.default.isExecutableFile(atPath: installed))
        let study = try StudyFixture()
        let server = try ServerProcess(database: study.database, binary: installed, directory: elsewhere.url)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL)
        for path in ["/", "/admin", "/styles.css"] {
            let reply = try client.get(path)
            #expect(reply.status == 200, "\(path)")
        }
        #expect(try client.get("/").text.hasSuffix("<!-- installed copy -->\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.url.path).isEmpty)
    }
}
