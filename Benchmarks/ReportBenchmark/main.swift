// ReportBenchmark: `make bench`. Times ReportBuilder on a synthetic study of 1,000,000
// judgements, 100,000 items and 1,000 categories, against the same report computed with
// numpy and scipy (Benchmarks/report_reference.py) on the same data in the same run, and
// checks that both agree on the figures.
// Usage: ReportBenchmark [PYTHON] [ROUNDS]
import Analysis
import Foundation
import SeededRandom
import StudyPhase

let python = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/usr/bin/python3"
let rounds = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 3 : 3
let categoryCount = 1_000, itemCount = 100_000, judgementsPerItem = 10, annotatorCount = 200, maxGuesses = 5
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("refhuman-report-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

// MARK: synthetic study (seeded, so every run measures the same data)
var random = SplitMix64(seed: 20261123)
@MainActor func category() -> Int { random.uniform(below: categoryCount) }
let truths = (0..<itemCount).map { _ in category() }
var trials: [Trial] = []
trials.reserveCapacity(itemCount * judgementsPerItem)
// Row layout shared with the Python side: item, annotator, phase (1 test), abstained, superseded,
// response_ms, then max_guesses guesses padded with -1. All int32, little-endian.
var rows: [Int32] = []
rows.reserveCapacity(itemCount * judgementsPerItem * (6 + maxGuesses))
for round in 0..<judgementsPerItem {
    for item in 0..<itemCount {
        let annotator = random.uniform(below: annotatorCount)
        let isTest = random.uniform(below: 100) >= 3
        let abstained = random.uniform(below: 100) < 2
        let superseded = random.uniform(below: 100) < 1
        let response = 400 + random.uniform(below: 4_000)
        var guesses: [Int] = []
        if !abstained {
            // Roughly Fashion-MNIST-like humans: right three times in four.
            guesses.append(random.uniform(below: 4) == 0 ? category() : truths[item])
            for _ in 1..<(1 + random.uniform(below: maxGuesses)) { guesses.append(category()) }
        }
        trials.append(Trial(itemID: Int64(item), annotatorID: Int64(annotator), guesses: guesses, abstained: abstained,
                            phase: isTest ? .test : .practice, responseMilliseconds: response,
                            sequence: Int64(round * itemCount + item), superseded: superseded))
        rows += [item, annotator, isTest ? 1 : 0, abstained ? 1 : 0, superseded ? 1 : 0, response].map { Int32($0) }
        rows += (0..<maxGuesses).map { Int32($0 < guesses.count ? guesses[$0] : -1) }
    }
}
var rankings: [Int64: [Int]] = [:]
var modelRows: [Int32] = []
for item in 0..<itemCount {
    var ranking = [random.uniform(below: 100) < 85 ? truths[item] : category()]
    while ranking.count < maxGuesses { ranking.append(category()) }
    rankings[Int64(item)] = ranking
    modelRows += ranking.map(Int32.init)
}

func write(_ values: [Int32], _ name: String) throws {
    try values.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: scratch.appendingPathComponent(name))
}
try write(rows, "judgements.i32")
try write(truths.map(Int32.init), "truths.i32")
try write(modelRows, "model.i32")

// MARK: Swift
let builder = ReportBuilder(
    datasetName: "synthetic", categories: (0..<categoryCount).map { "c\($0)" },
    settings: AnalysisSettings(maxGuesses: maxGuesses),
    truths: truths.enumerated().map { ItemTruth(itemID: Int64($0.offset), trueCategory: $0.element) },
    trials: trials, models: [ModelPredictions(modelName: "net", rankedCategories: rankings)])
var swiftSeconds = Double.infinity
var report: Report?
for _ in 0..<rounds {
    let start = DispatchTime.now().uptimeNanoseconds
    report = builder.makeReport(generatedAt: Date())
    swiftSeconds = min(swiftSeconds, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

// MARK: numpy + scipy, same data, same machine, same run
let process = Process()
process.executableURL = URL(fileURLWithPath: python)
let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("report_reference.py")
process.arguments = [script.path, scratch.path, "\(categoryCount)", "\(maxGuesses)", "\(rounds)"]
let pipe = Pipe()
process.standardOutput = pipe
try process.run()
let output = pipe.fileHandleForReading.readDataToEndOfFile()
process.waitUntilExit()
guard process.terminationStatus == 0,
      let reference = try JSONSerialization.jsonObject(with: output) as? [String: Any],
      let pythonSeconds = reference["seconds"] as? Double,
      let figures = reference["overall"] as? [String: Double] else {
    FileHandle.standardError.write(Data("report_reference.py failed (needs python3-numpy and python3-scipy)\n".utf8))
    exit(1)
}

// MARK: both must have computed the same report
let overall = report!.overall
let mine: [String: Double?] = [
    "human_error": overall.human.error, "human_topk_error": overall.human.topKError,
    "human_majority_error": overall.human.majorityError, "model_error": overall.model.error,
    "model_topk_error": overall.model.topKError, "mcnemar_p": overall.model.mcnemarP,
    "error_consistency": overall.model.errorConsistency, "krippendorff_alpha": overall.krippendorffAlpha,
    "cohen_kappa": overall.cohenKappa, "abstention_rate": overall.abstentionRate,
    "human_error_ci_low": overall.human.errorCI?.low, "judgements": Double(overall.human.judgements),
    "items": Double(overall.human.items),
]
var disagreements: [String] = []
for (key, value) in mine.sorted(by: { $0.key < $1.key }) {
    guard let theirs = figures[key], let value, abs(theirs - value) <= 1e-9 * max(1, abs(theirs)) else {
        disagreements.append("\(key): swift \(String(describing: value)) numpy \(String(describing: figures[key]))")
        continue
    }
}
let categoryErrors = report!.categories.compactMap(\.human.error)
if let sum = figures["category_human_error_sum"], abs(categoryErrors.reduce(0, +) - sum) > 1e-6 {
    disagreements.append("per-category human error sum differs")
}

print("report over \(trials.count) judgements, \(itemCount) items, \(categoryCount) categories (best of \(rounds)):")
print(String(format: "  Swift ReportBuilder   %7.3f s", swiftSeconds))
print(String(format: "  numpy + scipy         %7.3f s", pythonSeconds))
print(String(format: "  ratio (numpy time / Swift time, ≥ 1.0 means Swift is as fast or faster): %.2f", pythonSeconds / swiftSeconds))
print(disagreements.isEmpty ? "  figures agree (13 overall figures, per-category errors)" : "  DISAGREE: " + disagreements.joined(separator: "; "))
exit(disagreements.isEmpty ? 0 : 1)
