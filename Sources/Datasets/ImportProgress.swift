// ImportProgress: count, rate and ETA on stderr while an import runs, but only when
// stderr is a terminal: logs and pipes get the one-line summary alone.
import Foundation

public final class ImportProgress: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let live: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast

    public init(total: Int, label: String, live: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.label = label
        self.live = live
    }

    public func update(done: Int) {
        guard live else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 1e-6)
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = "\r\(label): \(done)/\(total) (\(Int(rate))/s, ETA \(Self.duration(eta)))\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
    }

    public func finish() {
        guard live else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    public var elapsed: TimeInterval { Date().timeIntervalSince(start) }

    static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.0fs", seconds) : String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }
}
