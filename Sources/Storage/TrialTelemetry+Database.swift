// TrialTelemetry+Database: a judgement row's telemetry columns (as migrations/0006 orders
// them) read back into a value; nil when the client sent none.
import GRDB

extension TrialTelemetry {
    init?(row: Row, from first: Int) {
        let columns = first..<(first + 11)
        guard columns.contains(where: { !row.hasNull(atIndex: $0) }) else { return nil }
        self.init(hiddenCount: row[first], hiddenMilliseconds: row[first + 1], blurCount: row[first + 2],
                  blurMilliseconds: row[first + 3], fullscreenExits: row[first + 4], viewportWidth: row[first + 5],
                  viewportHeight: row[first + 6], devicePixelRatio: row[first + 7], imageWidth: row[first + 8],
                  imageHeight: row[first + 9], measuredExposureMilliseconds: row[first + 10])
    }
}
