// CaddyRecipeTests: the deployment recipe in docs/Caddyfile (the one the README gives), run
// for real: Caddy terminates HTTPS with its internal CA and proxies to `refhuman serve
// --trust-proxy` on loopback; a browser's sign-in through it gets a Secure cookie and HSTS,
// and the server logs the client's address, not the proxy's.
import Foundation
import TestSupport
import Testing

@Suite struct CaddyRecipeTests {
    /// A port free right now (bound to 0, then released).
    func freePort() -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length)
                return getsockname(socket, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/caddy"), "caddy is not installed (make test installs it)"))
    func signingInThroughCaddyIsSecureAndLogsTheClient() throws {
        let study = try StudyFixture()
        let token = try study.invite("ann")
        let proxyPort = freePort(), redirectPort = freePort()
        let log = study.directory.path("access.log")
        let server = try ServerProcess(database: study.database,
                                       arguments: ["--trust-proxy", "--public-url", "https://localhost:\(proxyPort)", "--log", "json"],
                                       errorLog: log)
        defer { server.stop() }
        #expect(server.baseURL == "https://localhost:\(proxyPort)")

        let caddy = Process()
        caddy.executableURL = URL(fileURLWithPath: "/usr/bin/caddy")
        caddy.arguments = ["run", "--config", Shell.repositoryRoot.appendingPathComponent("docs/Caddyfile").path, "--adapter", "caddyfile"]
        caddy.environment = ["HOME": study.directory.path("home"), "XDG_DATA_HOME": study.directory.path("data"),
                             "XDG_CONFIG_HOME": study.directory.path("config"), "PATH": "/usr/bin:/bin",
                             "REFHUMAN_PROXY_PORT": "\(proxyPort)", "REFHUMAN_PROXY_HTTP_PORT": "\(redirectPort)",
                             "REFHUMAN_PORT": "\(server.port)"]
        let caddyLog = study.directory.path("caddy.log")
        _ = FileManager.default.createFile(atPath: caddyLog, contents: nil)
        caddy.standardOutput = FileHandle.nullDevice
        caddy.standardError = FileHandle(forWritingAtPath: caddyLog)
        try caddy.run()
        defer { caddy.terminate(); caddy.waitUntilExit() }

        // Caddy makes its CA and the site's certificate as it starts; wait until it answers.
        let rootCertificate = study.directory.path("data/caddy/pki/authorities/local/root.crt")
        // From 127.0.0.2, so the client's address differs from the proxy's (127.0.0.1).
        let browser = HTTPClient(baseURL: "https://localhost:\(proxyPort)", source: "127.0.0.2",
                                 curlOptions: ["--cacert", rootCertificate, "--resolve", "localhost:\(proxyPort):127.0.0.1"])
        var page: HTTPReply?
        var lastFailure = ""
        for _ in 0..<300 where page == nil {
            do {
                let reply = try browser.get("/")
                if reply.status == 200 { page = reply } else { lastFailure = "status \(reply.status): \(reply.text.prefix(200))" }
            } catch {
                lastFailure = "\(error)"
            }
            if page == nil { usleep(100_000) }
        }
        try #require(page != nil, "Caddy did not answer on port \(proxyPort) (\(lastFailure)); its log: \((try? String(contentsOfFile: caddyLog, encoding: .utf8)) ?? "")")
        #expect(page?.headers["strict-transport-security"] == "max-age=31536000")

        // As the join page does: same origin, JSON body.
        let signIn = try browser.post("/api/session", json: ["token": token], headers: ["Origin": "https://localhost:\(proxyPort)"])
        #expect(signIn.status == 200)
        #expect(signIn.headers["set-cookie"]?.hasSuffix("; Secure") == true)
        let session = try #require(signIn.headers["set-cookie"]?.firstMatch(of: /refhuman_session=([0-9a-f]{64})/)?.1)
        #expect(try browser.request("GET", "/api/me", headers: ["Cookie": "refhuman_session=\(session)"]).object["name"] as? String == "ann")
        server.stop()
        let entries = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let signInEntry = try #require(entries.first { $0["path"] as? String == "/api/session" })
        #expect(signInEntry["client"] as? String == "127.0.0.2")
    }
}
