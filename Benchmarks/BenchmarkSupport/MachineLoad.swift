// MachineLoad: how busy all of the machine's cores were while a closure ran, from the
// kernel's own counters in /proc/stat, and a thread's CPU time. Together they show
// when a reference already used every core, so that its rate bounds any server's.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum MachineLoad {
    /// Runs `body` and returns its result with the fraction (0…1) of all cores' time that was not idle.
    public static func busyFraction<Value>(_ body: () throws -> Value) throws -> (Value, Double) {
        let before = try ticks()
        let value = try body()
        let after = try ticks()
        let total = Double(after.total - before.total), idle = Double(after.idle - before.idle)
        return (value, total > 0 ? 1 - idle / total : 0)
    }

    /// CPU time the calling thread has used, in nanoseconds.
    public static func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// The aggregate "cpu" line: all ticks, and idle plus iowait ticks.
    private static func ticks() throws -> (total: UInt64, idle: UInt64) {
        let text = try String(contentsOfFile: "/proc/stat", encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else {
            throw LoopbackClient.Failure(description: "no cpu line in /proc/stat")
        }
        let fields = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard fields.count >= 5 else { throw LoopbackClient.Failure(description: "short cpu line in /proc/stat") }
        return (fields.reduce(0, +), fields[3] + fields[4])
    }
}
