// ReportBenchmark: `make bench`. Times ReportBuilder on a synthetic study of 1,000,000
// judgements, 100,000 items and 1,000 categories, against the same report computed with
// numpy, scipy and crowd-kit (Benchmarks/report_reference.py) on the same data in the same
// run, part by part (the report before the humans section's resampling, the two-way bootstrap,
// the majority-of-k curve, Dawid–Skene), and checks that both agree on the figures.
// crowd-kit's Dawid–Skene holds judgements × categories doubles in several pandas frames at
// once, more memory than this machine has at the full size, so both sides also run it on the
// first DS_ITEMS compared items and their labels are compared there.
// Usage: ReportBenchmark [PYTHON] [ROUNDS] [DS_ITEMS]
import Analysis
import Foundation
import SeededRandom
import StudyPhase

let python = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/usr/bin/python3"
let rounds = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 3 : 3
let dawidSkeneItems = CommandLine.arguments.count > 3 ? Int(CommandLine.arguments[3]) ?? 2_000 : 2_000
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

// MARK: the humans section's parts alone, on the judgements it uses: counted test judgements
// of the items that have any, items in id order, each item's in submission order.
let bootstrapSeed: UInt64 = 2_026
var countedByItem = [[Trial]](repeating: [], count: itemCount)
for trial in trials where !trial.superseded && trial.phase == .test && !trial.isAbstention {
    countedByItem[Int(trial.itemID)].append(trial)
}
let comparedItems = (0..<itemCount).filter { !countedByItem[$0].isEmpty }
var bootstrapJudgements: [TwoWayBootstrap.Judgement] = []
var dawidSkeneJudgements: [DawidSkene.Judgement] = []
for (rank, item) in comparedItems.enumerated() {
    for trial in countedByItem[item] {
        bootstrapJudgements.append(.init(annotator: Int(trial.annotatorID), item: rank, correct: trial.firstGuess == truths[item]))
        dawidSkeneJudgements.append(.init(annotator: Int(trial.annotatorID), item: rank, category: trial.firstGuess!))
    }
}
let modelCorrect = comparedItems.map { rankings[Int64($0)]!.first == truths[$0] }
let curveItems = comparedItems.map { MajorityOfK.Item(truth: truths[$0], labels: countedByItem[$0].map { $0.firstGuess! }) }

func bestTime<Result>(_ runs: Int, _ work: () -> Result) -> (Double, Result) {
    var best = Double.infinity
    var result: Result?
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        result = work()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (best, result!)
}
let (bootstrapSeconds, (pooled, paired)) = bestTime(rounds) {
    (TwoWayBootstrap.errorRate(judgements: bootstrapJudgements, seed: bootstrapSeed)!,
     TwoWayBootstrap.humanMinusModelAccuracy(judgements: bootstrapJudgements, modelCorrect: modelCorrect, seed: bootstrapSeed)!)
}
let (curveSeconds, curve) = bestTime(rounds) { MajorityOfK.curve(items: curveItems, seed: bootstrapSeed) }
// Dawid–Skene's part runs once: it is the longest.
let (dawidSkeneSeconds, _) = bestTime(1) {
    DawidSkene.estimate(judgements: dawidSkeneJudgements, annotatorCount: annotatorCount, itemCount: comparedItems.count,
                        categoryCount: categoryCount)
}
let subsetJudgements = dawidSkeneJudgements.filter { $0.item < dawidSkeneItems }
let subsetItems = min(dawidSkeneItems, comparedItems.count)
let (subsetSeconds, subsetEstimate) = bestTime(1) {
    DawidSkene.estimate(judgements: subsetJudgements, annotatorCount: annotatorCount, itemCount: subsetItems,
                        categoryCount: categoryCount)
}

// MARK: numpy + scipy + crowd-kit, same data, same machine, same run
let process = Process()
process.executableURL = URL(fileURLWithPath: python)
let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("report_reference.py")
process.arguments = [script.path, scratch.path, "\(categoryCount)", "\(maxGuesses)", "\(rounds)", "\(dawidSkeneItems)"]
let pipe = Pipe()
process.standardOutput = pipe
try process.run()
let output = pipe.fileHandleForReading.readDataToEndOfFile()
process.waitUntilExit()
guard process.terminationStatus == 0,
      let reference = try JSONSerialization.jsonObject(with: output) as? [String: Any],
      let pythonSeconds = reference["seconds"] as? [String: Double],
      let figures = reference["overall"] as? [String: Double],
      let referenceBootstrap = reference["bootstrap"] as? [String: [Double]],
      let referenceCurve = reference["majority_of_k"] as? [[String: Double]],
      let referenceDawidSkene = reference["dawid_skene"] as? [String: Double] else {
    FileHandle.standardError.write(Data("report_reference.py failed (needs numpy, scipy and crowd-kit: Benchmarks/requirements.txt)\n".utf8))
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
@MainActor func agree(_ name: String, _ swift: Double?, _ reference: Double?, tolerance: Double = 1e-9) {
    guard let swift, let reference, abs(swift - reference) <= tolerance * max(1, abs(reference)) else {
        disagreements.append("\(name): swift \(String(describing: swift)) reference \(String(describing: reference))")
        return
    }
}
for (key, value) in mine.sorted(by: { $0.key < $1.key }) { agree(key, value, figures[key]) }
let categoryErrors = report!.categories.compactMap(\.human.error)
agree("per-category human error sum", categoryErrors.reduce(0, +), figures["category_human_error_sum"], tolerance: 1e-6)

// The reference draws the bootstrap weights with SplitMix64 ported to numpy, so the intervals
// match to rounding, not just loosely.
let humans = report!.humans
for (name, swift, theirs) in [("pooled", pooled, referenceBootstrap["pooled"]), ("paired", paired, referenceBootstrap["paired"])] {
    agree("\(name) bootstrap estimate", swift.estimate, theirs?[0])
    agree("\(name) bootstrap low", swift.interval.low, theirs?[1])
    agree("\(name) bootstrap high", swift.interval.high, theirs?[2])
}
agree("report pooled error", humans.pooledError, pooled.estimate, tolerance: 0)
agree("report pooled interval low", humans.pooledErrorBootstrapCI?.low, pooled.interval.low, tolerance: 0)
agree("report paired difference", humans.models.first?.modelMinusHumanError, paired.estimate, tolerance: 0)
agree("majority-of-k points", Double(curve.count), Double(referenceCurve.count), tolerance: 0)
for (point, theirs) in zip(curve, referenceCurve) {
    agree("majority of \(point.k)", point.errorRate, theirs["error"])
    agree("majority of \(point.k) items", Double(point.itemCount), theirs["items"], tolerance: 0)
    if !point.isExact { disagreements.append("majority of \(point.k) was resampled; the reference enumerates") }
}
agree("report majority-of-k", humans.majorityOfK.last?.error, curve.last?.errorRate, tolerance: 0)
if humans.dawidSkene == nil { disagreements.append("the report skipped Dawid–Skene: \(humans.dawidSkeneSkipped ?? "")") }

// Dawid–Skene labels, Swift against crowd-kit, on the subset both ran.
let crowdKitLabels = try Data(contentsOf: scratch.appendingPathComponent("dawid_skene_labels.i32")).withUnsafeBytes {
    Array($0.bindMemory(to: Int32.self))
}
let sameLabels = zip(subsetEstimate.labels, crowdKitLabels).filter { $0.0 == Int($0.1) }.count
let labelAgreement = Double(sameLabels) / Double(max(crowdKitLabels.count, 1))
if crowdKitLabels.count != subsetItems || labelAgreement < 0.999 {
    disagreements.append("Dawid–Skene labels agree with crowd-kit's on \(sameLabels) of \(crowdKitLabels.count) items")
}

let existingSwift = swiftSeconds - bootstrapSeconds - curveSeconds - dawidSkeneSeconds
let referenceReport = pythonSeconds["report"] ?? .nan, referenceBootstrapSeconds = pythonSeconds["bootstrap"] ?? .nan
let referenceCurveSeconds = pythonSeconds["majority_of_k"] ?? .nan, crowdKitSeconds = pythonSeconds["dawid_skene"] ?? .nan
let dawidSkeneJudgementCount = Int(referenceDawidSkene["judgements"] ?? 0)
print("report over \(trials.count) judgements, \(itemCount) items, \(categoryCount) categories, \(annotatorCount) annotators (best of \(rounds), Dawid–Skene once):")
let nameWidth = 58
print("  " + "part".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "   Swift s   reference s   reference / Swift")
func line(_ name: String, _ swift: Double, _ reference: Double?) {
    let figures = reference.map { String(format: "%9.3f   %11.3f   %17.2f", swift, $0, $0 / swift) } ?? String(format: "%9.3f", swift)
    print("  " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + " " + figures)
}
line("report without the three parts below", existingSwift, referenceReport)
line("two-way bootstrap (pooled + paired)", bootstrapSeconds, referenceBootstrapSeconds)
line("majority-of-k curve", curveSeconds, referenceCurveSeconds)
line("Dawid–Skene, all \(dawidSkeneJudgements.count) judgements (crowd-kit: not run)", dawidSkeneSeconds, nil)
line("Dawid–Skene, first \(subsetItems) items (\(dawidSkeneJudgementCount) judgements)", subsetSeconds, crowdKitSeconds)
line("total (whole report; reference: sum)", swiftSeconds, referenceReport + referenceBootstrapSeconds + referenceCurveSeconds)
print("  (reference Dawid–Skene: crowd-kit; at all judgements it needs several judgements × categories frames of 8 GB each)")
print(String(format: "  Dawid–Skene iterations: Swift %d on the subset, crowd-kit %d; labels agree on %d of %d items (%.4f)",
             subsetEstimate.iterations, Int(referenceDawidSkene["iterations"] ?? 0), sameLabels, crowdKitLabels.count, labelAgreement))
print(String(format: "  pooled error %.5f, bootstrap 95%% [%.5f, %.5f]; model − humans %.5f [%.5f, %.5f]",
             pooled.estimate, pooled.interval.low, pooled.interval.high, paired.estimate, paired.interval.low, paired.interval.high))
print(disagreements.isEmpty
      ? "  figures agree (13 overall figures, per-category errors, both bootstrap intervals, every majority-of-k point, Dawid–Skene labels)"
      : "  DISAGREE: " + disagreements.joined(separator: "; "))
exit(disagreements.isEmpty ? 0 : 1)
