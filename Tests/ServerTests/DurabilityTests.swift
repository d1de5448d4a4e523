// DurabilityTests: what the server promises about time: a judgement is answered only
// after the write-ahead log holding it was fsynced (watched with strace, a second tool,
// on the real server), and a disabled account is locked out while the server runs.
import Foundation
import TestSupport
import Testing

@Suite struct DurabilityTests {
    @Test func aJudgementIsAnsweredOnlyAfterItsWriteAheadLogIsFsynced() throws {
        let study = try StudyFixture()
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL, token: try study.invite("ann"))
        let item = try #require(client.lease().array.first?["item_id"] as? String)

        let log = study.directory.path("strace.log")
        let tracer = Process()
        tracer.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        // -f -p follows every thread of the running server; -y names each descriptor's file.
        tracer.arguments = ["-f", "-p", "\(server.process.processIdentifier)", "-y", "-s", "2000", "-o", log,
                            "-e", "trace=fsync,fdatasync,read,recvfrom,recvmsg,write,writev,sendto,sendmsg"]
        let attached = Pipe()
        tracer.standardError = attached
        try tracer.run()
        // strace attaches to every thread of the process first, then says so in one line
        // ("Process N attached with K threads"); new threads are followed by -f.
        var banner = ""
        while !banner.contains("attached") || !banner.contains("\n") {
            let chunk = attached.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "strace could not attach: \(banner)")
            banner += String(decoding: chunk, as: UTF8.self)
        }

        let uuid = UUID().uuidString
        let reply = try client.post("/api/judgements", json: ["uuid": uuid, "item_id": item, "guesses": [0]])
        // The test runner's blocked signals are inherited, so strace would not heed SIGTERM;
        // after SIGKILL the kernel detaches the server, and strace wrote its log line by line.
        kill(tracer.processIdentifier, SIGKILL)
        tracer.waitUntilExit()
        #expect(reply.status == 200)

        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        let received = try #require(lines.firstIndex { $0.contains(uuid) && ($0.contains("recv") || $0.contains("read(")) })
        let answered = try #require(lines.lastIndex { $0.contains(uuid) && ($0.contains("send") || $0.contains("write")) })
        // An fsync of the log that began after the request arrived and finished before the
        // answer left: its call line names the -wal file; strace marks the end of a call
        // another thread interrupted with "<... fsync resumed>" on the same thread id.
        let synced = lines.indices.filter { $0 > received && $0 < answered }.contains { index in
            let line = lines[index]
            guard line.contains("sync(") && line.contains("-wal>") else { return false }
            if line.hasSuffix("= 0") { return true }
            let thread = line.prefix { $0 != " " }
            return lines[(index + 1)..<answered].contains { $0.hasPrefix(thread + " ") && $0.contains("sync resumed>") && $0.hasSuffix("= 0") }
        }
        #expect(synced, "no completed fsync of the -wal file between request (line \(received)) and answer (line \(answered))")
    }

    /// The server keeps accounts in memory between requests (AccountCache). An idle server's
    /// writer looks for other processes' commits ten times a second, so an account disabled
    /// with another process stops working within that, with no request in between to tell it.
    @Test func disablingAnAccountWhileTheServerRunsLocksItOut() throws {
        let study = try StudyFixture()
        let token = try study.invite("ann")
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL, token: token)
        #expect(try client.get("/api/me").status == 200)
        #expect(try client.get("/api/me").status == 200)  // answered from memory
        #expect(try Shell.refhuman(["annotators", "disable", "ann", "--db", study.database]).status == 0)
        // Polled, not slept: the first refusal ends the wait; five seconds is fifty of the watch's periods.
        let deadline = Date().addingTimeInterval(5)
        var status = try client.get("/api/me").status
        while status == 200 && Date() < deadline { status = try client.get("/api/me").status }
        #expect(status == 401)
        #expect(try client.lease().status == 401)
    }
}
