// JudgementBenchmark: `make bench`. 64 concurrent loopback clients submit judgements to the
// real server (HTTPServer + AnnotationService, in-process, over TCP); each POST returns
// only after its judgement is on disk (group commit at synchronous=FULL, as `refhuman
// serve` does). Prints judgements/s, p50 and p99 latency of the POSTs, commits, what the
// process wrote to storage per judgement (/proc/self/io) and how busy the cores were,
// beside what one bare synchronous=FULL commit costs on the same disk. Information only:
// no target.
// Usage: JudgementBenchmark [PER_CLIENT]
import BenchmarkSupport
import Foundation
import GRDB
import HTTPServer
import Imaging
import Service
import Storage

let clients = 64
let perClient = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 200 : 200
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("refhuman-judge-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

struct Outcome {
    let judgements: Int
    let seconds: Double
    let latencies: [Double]
    let commits: Int
    let bytesWritten: UInt64
    let busy: Double
    var rate: Double { Double(judgements) / seconds }
    func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] * 1000 }
}

/// A fresh store: one dataset whose items every client may judge (judgements_per_item = clients).
func makeStore(_ path: String, items: Int) throws -> (Store, [String]) {
    let writerStore = try Store(path: path)
    let png = try ImageCodec.encodePNG(PixelImage(width: 2, height: 2, channels: 1, pixels: [0, 64, 128, 255]))
    let image = StoredImage(bytes: png, width: 2, height: 2, format: "png")
    let categories = (0..<10).map { CategoryDescription(name: "c\($0)") }
    let settings = DatasetSettings(judgementsPerItem: clients, maxGuesses: 1, practiceCount: 0)
    try writerStore.importDataset(DatasetDescription(name: "bench", settings: settings, categories: categories), replace: false) { writer in
        for item in 0..<items { try writer.addItem(image: image, categoryIndex: item % 10, split: .test, source: "\(item)") }
    }
    let tokens = try (0..<clients).map { try writerStore.addAnnotator(name: "a\($0)", dataset: "bench").token }
    return (try Store(path: path, concurrentReaders: true), tokens)
}

func run(_ name: String, perClient: Int) throws -> Outcome {
    let path = scratch.appendingPathComponent("\(name).sqlite").path
    let (store, tokens) = try makeStore(path, items: perClient)
    let desk = StudyDesk(store: store)
    let server = HTTPServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0),
                            router: AnnotationService(desk: desk, publicDirectory: "Public", software: "refhuman (benchmark)").router())
    try server.start()
    let tally = Tally()
    let start = DispatchSemaphore(value: 0), finished = DispatchGroup()
    for token in tokens {
        finished.enter()
        Thread {
            defer { finished.leave() }
            var mine: [Double] = []
            var failure: String?
            do {
                let client = try LoopbackClient(port: server.port)
                start.wait()
                var done = 0
                while done < perClient {
                    let next = try client.request("POST", "/api/next?count=\(min(50, perClient - done))", token: token)
                    let items = (try JSONSerialization.jsonObject(with: next.body) as? [[String: Any]] ?? []).compactMap { $0["item_id"] as? String }
                    guard !items.isEmpty else { throw LoopbackClient.Failure(description: "no items left after \(done)") }
                    for (index, item) in items.enumerated() {
                        let body = JudgementBody.data(item: item, guess: (done + index) % 10)
                        let began = DispatchTime.now().uptimeNanoseconds
                        let reply = try client.request("POST", "/api/judgements", token: token, body: body)
                        mine.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9)
                        guard reply.status == 200 else {
                            throw LoopbackClient.Failure(description: "POST \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
                        }
                        done += 1
                    }
                }
            } catch {
                failure = "\(error)"
            }
            tally.add(mine, failure: failure)
        }.start()
    }
    Thread.sleep(forTimeInterval: 0.2)  // every client connected and waiting
    let bytesBefore = try ProcessIO.bytesWritten()
    let began = DispatchTime.now().uptimeNanoseconds
    let ((), busy) = try MachineLoad.busyFraction {
        for _ in tokens { start.signal() }
        finished.wait()
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
    let bytesWritten = try ProcessIO.bytesWritten() - bytesBefore
    server.stop()
    let commits = desk.batcher.commits
    desk.shutdown()
    if let failure = tally.failures.first {
        throw LoopbackClient.Failure(description: "\(name): \(tally.failures.count) clients failed: \(failure)")
    }
    let stored = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM judgement") ?? 0 }
    guard stored == tally.latencies.count else {
        throw LoopbackClient.Failure(description: "\(name): \(stored) stored, \(tally.latencies.count) acknowledged")
    }
    return Outcome(judgements: stored, seconds: seconds, latencies: tally.latencies.sorted(), commits: commits,
                   bytesWritten: bytesWritten, busy: busy)
}

/// What one durable commit costs on this disk, the quantity group commit shares among judgements.
func commitMilliseconds(commits: Int = 300) throws -> Double {
    let queue = try PlainDatabase.open(at: scratch.appendingPathComponent("commits.sqlite").path)
    try queue.write { db in try db.execute(sql: "CREATE TABLE row (value INTEGER)") }
    let began = DispatchTime.now().uptimeNanoseconds
    for value in 0..<commits { try queue.write { db in try db.execute(sql: "INSERT INTO row VALUES (?)", arguments: [value]) } }
    return Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6 / Double(commits)
}

let commitCost = try commitMilliseconds()
let outcome = try run("grouped", perClient: perClient)
print("durable judgements: \(clients) loopback clients, POST answered once its judgement is on disk (fsync)")
print(String(format: "  %6d judgements  %8.0f /s  p50 %6.1f ms  p99 %6.1f ms  %6d commits  %5.1f KiB written per judgement  cores busy %3.0f%%",
             outcome.judgements, outcome.rate, outcome.percentile(0.5), outcome.percentile(0.99), outcome.commits,
             Double(outcome.bytesWritten) / 1024 / Double(outcome.judgements), outcome.busy * 100))
print(String(format: "  one bare synchronous=FULL commit of one row on this disk: %.2f ms", commitCost))
