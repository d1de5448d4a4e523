// ProcessIO: what this process has made the kernel write to storage, from
// /proc/self/io. Group commit is bound by the disk once the CPU work is small, so the
// bytes each judgement costs on disk are the figure that explains its rate.
import Foundation

public enum ProcessIO {
    /// Bytes this process caused to be written to the storage layer so far
    /// (`write_bytes`: pages dirtied in the page cache by its writes, whenever flushed).
    public static func bytesWritten() throws -> UInt64 {
        let text = try String(contentsOfFile: "/proc/self/io", encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("write_bytes:") {
            if let value = UInt64(line.dropFirst("write_bytes:".count).trimmingCharacters(in: .whitespaces)) { return value }
        }
        throw LoopbackClient.Failure(description: "no write_bytes line in /proc/self/io")
    }
}
