// LoopBenchmark: `make bench`. The annotation loop (GET /api/next, GET the image, POST the
// judgement, durably committed) against the real server in-process, in requests/s, beside a
// minimal C libmicrohttpd "hello" server (same flags, same thread pool) and nginx serving the
// same image file, all driven by the same client threads in the same run.
// Usage: LoopBenchmark [CONNECTIONS] [SECONDS]
import BenchmarkSupport
import Foundation
import GRDB
import HTTPServer
import Imaging
import Service
import Storage

let connections = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 16 : 16
let seconds = CommandLine.arguments.count > 2 ? Double(CommandLine.arguments[2]) ?? 5 : 5
let benchmarks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("refhuman-loop-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

// A Fashion-MNIST-sized greyscale image, the same bytes for all three servers.
let firstPixels: [UInt8] = (0..<784).map { index -> UInt8 in UInt8(truncatingIfNeeded: index * 7) }
let png = try ImageCodec.encodePNG(PixelImage(width: 28, height: 28, channels: 1, pixels: firstPixels))
try png.write(to: scratch.appendingPathComponent("image.png"))

// MARK: RefHuman
let itemCount = 1_000  // the size of the bundled test split

/// A study like the bundled one: `itemCount` distinct 28×28 images (the first is the one
/// the references serve), one annotator per connection. Returns their tokens.
func makeLoopDatabase(_ path: String) throws -> [String] {
    let store = try Store(path: path)
    let settings = DatasetSettings(judgementsPerItem: connections, maxGuesses: 1, practiceCount: 0)
    try store.importDataset(DatasetDescription(name: "loop", settings: settings, categories: (0..<10).map { CategoryDescription(name: "c\($0)") }),
                            replace: false) { writer in
        for item in 0..<itemCount {
            let pixels: [UInt8] = (0..<784).map { index -> UInt8 in
                UInt8(truncatingIfNeeded: item == 0 ? index * 7 : index + item)
            }
            let bytes = try ImageCodec.encodePNG(PixelImage(width: 28, height: 28, channels: 1, pixels: pixels))
            try writer.addItem(image: StoredImage(bytes: bytes, width: 28, height: 28, format: "png"), categoryIndex: item % 10,
                               split: .test, source: "\(item)")
        }
    }
    return try (0..<connections).map { try store.addAnnotator(name: "a\($0)", dataset: "loop").token }
}
let databasePath = scratch.appendingPathComponent("loop.sqlite").path
let tokens = try makeLoopDatabase(databasePath)
let desk = StudyDesk(store: try Store(path: databasePath, concurrentReaders: true))
let server = HTTPServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0),
                        router: AnnotationService(desk: desk, publicDirectory: benchmarks.deletingLastPathComponent().appendingPathComponent("Public").path).router())
try server.start()
/// The two fields of an /api/next entry the loop uses.
struct Leased: Decodable {
    let item_id: Int
    let image_url: String
}
let (refhuman, refhumanBusy) = try MachineLoad.busyFraction { try LoadRun.requestsPerSecond(port: server.port, connections: connections, seconds: seconds) { client, connection in
    let token = tokens[connection]
    let next = try client.request("GET", "/api/next?count=1", token: token)
    guard let assignment = try? JSONDecoder().decode([Leased].self, from: next.body).first else {
        throw LoopbackClient.Failure(description: "no item leased: \(String(decoding: next.body, as: UTF8.self))")
    }
    let item = assignment.item_id
    let image = try client.request("GET", assignment.image_url, token: token)
    guard image.status == 200 else { throw LoopbackClient.Failure(description: "image \(image.status)") }
    let body = judgementBody(item: item)
    let judged = try client.request("POST", "/api/judgements", token: token, body: body)
    guard judged.status == 200 else { throw LoopbackClient.Failure(description: "judgement \(judged.status)") }
    return 3
} }
server.stop()
desk.shutdown()

// MARK: The loop's row writes alone
/// CPU microseconds per loop for nothing but the three rows a loop must write (lease
/// insert, judgement insert, lease delete) with RefHuman's schema, `connections` loops per
/// commit, on one thread through prepared statements: no HTTP, no checks, no reads. No
/// server storing judgements in this schema can spend less.
func rowWritesMicroseconds(loops: Int = 8_000) throws -> Double {
    let path = scratch.appendingPathComponent("floor.sqlite").path
    _ = try makeLoopDatabase(path)
    let queue = try PlainDatabase.open(at: path, foreignKeys: true)
    let items = try queue.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM item ORDER BY id") }
    let annotators = try queue.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM annotator ORDER BY id") }
    let uuids = (0..<loops).map { _ in UUID().uuidString }, now = Timestamp.now()
    let started = MachineLoad.threadCPUNanoseconds()
    var loop = 0
    while loop < loops {
        try queue.write { db in
            for _ in 0..<connections where loop < loops {
                let annotator = annotators[loop % annotators.count], item = items[(loop / annotators.count) % items.count]
                try db.cachedStatement(sql: "INSERT INTO assignment (annotator_id, item_id, leased_at, expires_at) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [annotator, item, now, now])
                try db.cachedStatement(sql: """
                    INSERT INTO judgement (uuid, annotator_id, item_id, guesses, abstained, response_ms, submitted_at, phase)
                    VALUES (?, ?, ?, ?, 0, 900, ?, 'test')
                    """).execute(arguments: [uuids[loop], annotator, item, "[\(item % 10)]", now])
                try db.cachedStatement(sql: "DELETE FROM assignment WHERE annotator_id = ? AND item_id = ?").execute(arguments: [annotator, item])
                loop += 1
            }
        }
    }
    return Double(MachineLoad.threadCPUNanoseconds() - started) / 1000 / Double(loops)
}
let rowWrites = try rowWritesMicroseconds()

// MARK: C libmicrohttpd hello
func start(_ executable: String, _ arguments: [String], stdin: Pipe? = nil, stdout: Pipe? = nil) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let stdin { process.standardInput = stdin }
    if let stdout { process.standardOutput = stdout }
    try process.run()
    return process
}
let helloBinary = scratch.appendingPathComponent("mhd_hello").path
let compile = try start("/bin/sh", ["-c", "cc -O2 -o \(helloBinary) \(benchmarks.appendingPathComponent("mhd_hello.c").path) $(pkg-config --cflags --libs libmicrohttpd)"])
compile.waitUntilExit()
guard compile.terminationStatus == 0 else { throw LoopbackClient.Failure(description: "cannot compile mhd_hello.c") }
let helloInput = Pipe(), helloOutput = Pipe()
let hello = try start(helloBinary, [], stdin: helloInput, stdout: helloOutput)
let helloPort = Int(String(decoding: helloOutput.fileHandleForReading.availableData, as: UTF8.self)
    .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
let (helloRate, helloBusy) = try MachineLoad.busyFraction { try LoadRun.requestsPerSecond(port: helloPort, connections: connections, seconds: seconds) { client, _ in
    _ = try client.request("GET", "/", token: nil)
    return 1
} }
try helloInput.fileHandleForWriting.close()
hello.waitUntilExit()

// MARK: nginx, the same image file
let nginxPort = 20_000 + Int.random(in: 0..<20_000)
let nginxPrefix = scratch.appendingPathComponent("nginx")
try FileManager.default.createDirectory(at: nginxPrefix.appendingPathComponent("logs"), withIntermediateDirectories: true)
try """
worker_processes auto;
error_log \(nginxPrefix.path)/logs/error.log;
pid \(nginxPrefix.path)/nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 10000000;  # like the other two servers: one connection per client for the whole run
    server { listen 127.0.0.1:\(nginxPort); root \(scratch.path); }
}
""".write(to: nginxPrefix.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
let nginx = try start("/usr/sbin/nginx", ["-p", nginxPrefix.path, "-c", nginxPrefix.appendingPathComponent("nginx.conf").path, "-g", "daemon off;"])
defer { if nginx.isRunning { nginx.terminate() } }
Thread.sleep(forTimeInterval: 0.5)
let nginxRate = try LoadRun.requestsPerSecond(port: nginxPort, connections: connections, seconds: seconds) { client, _ in
    let reply = try client.request("GET", "/image.png", token: nil)
    guard reply.status == 200, reply.body == png else { throw LoopbackClient.Failure(description: "nginx \(reply.status)") }
    return 1
}
nginx.terminate()
nginx.waitUntilExit()

print("annotation loop: \(connections) keep-alive loopback connections, \(Int(seconds)) s each, same client, same run")
print(String(format: "  RefHuman next + image + durable judgement  %8.0f requests/s  (%.0f judgements/s)", refhuman, refhuman / 3))
print(String(format: "  C libmicrohttpd hello, same flags          %8.0f requests/s", helloRate))
print(String(format: "  nginx, the same image file                 %8.0f requests/s", nginxRate))
print(String(format: "  ratio RefHuman / C hello: %.2f (target ≥ 0.80); RefHuman / nginx: %.2f", refhuman / helloRate, refhuman / nginxRate))
// A loop's three requests cost at least the CPU three hello requests cost (same client,
// same libmicrohttpd). At 0.8 of the hello rate, with every core busy, a loop therefore has
// this much CPU left for everything RefHuman adds to them.
let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
let budget = 3 * cores / (0.8 * helloRate) * 1e6 - 3 * helloBusy * cores / helloRate * 1e6
print(String(format: "  machine CPU busy: RefHuman run %.0f%%, hello run %.0f%% of %.0f cores", refhumanBusy * 100, helloBusy * 100, cores))
print(String(format: "  CPU per loop beyond three hello requests at the 0.8 target: %.1f µs; the loop's three row writes alone (SQLite, no HTTP, %d loops per commit): %.1f µs",
             budget, connections, rowWrites))
