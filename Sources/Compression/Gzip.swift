// Gzip: gzip (and zlib) streams through the system zlib, for .gz IDX files and bundles.
import CZlib
import Foundation

public enum Gzip {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case corrupt(String)
        case truncated

        public var description: String {
            switch self {
            case let .corrupt(reason): "corrupt gzip data (\(reason))"
            case .truncated: "truncated gzip data"
            }
        }
    }

    public static func isGzip(_ bytes: Data) -> Bool {
        bytes.count >= 2 && bytes[bytes.startIndex] == 0x1F && bytes[bytes.startIndex + 1] == 0x8B
    }

    /// The bytes unchanged, or inflated when they start with the gzip magic.
    public static func decompressIfNeeded(_ bytes: Data) throws -> Data {
        isGzip(bytes) ? try decompress(bytes) : bytes
    }

    public static func decompress(_ bytes: Data) throws -> Data {
        var stream = z_stream()
        guard czlib_inflate_init_auto(&stream) == Z_OK else { throw Failure.corrupt("inflateInit failed") }
        defer { inflateEnd(&stream) }
        // A whole input with room left over and nothing more to read means the stream is cut short.
        let (output, status) = pump(bytes, through: &stream) { stream, status in
            status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
        } step: { inflate(&$0, Z_NO_FLUSH) }
        switch status {
        case Z_STREAM_END: return output
        case Z_OK, Z_BUF_ERROR: throw Failure.truncated
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw Failure.corrupt(message)
        }
    }

    public static func compress(_ bytes: Data, level: Int32 = 9) throws -> Data {
        var stream = z_stream()
        guard czlib_deflate_init_gzip(&stream, level) == Z_OK else { throw Failure.corrupt("deflateInit failed") }
        defer { deflateEnd(&stream) }
        let (output, status) = pump(bytes, through: &stream) { _, status in status == Z_OK } step: { deflate(&$0, Z_FINISH) }
        guard status == Z_STREAM_END else { throw Failure.corrupt("deflate failed with \(status)") }
        return output
    }

    /// Feeds `bytes` to `stream` and collects its output chunk by chunk while `more` says so.
    private static func pump(_ bytes: Data, through stream: inout z_stream, more: (z_stream, Int32) -> Bool,
                             step: (inout z_stream) -> Int32) -> (Data, Int32) {
        var output = Data()
        let chunk = 1 << 18
        var buffer = [UInt8](repeating: 0, count: chunk)
        var input = bytes
        let status: Int32 = input.withUnsafeMutableBytes { raw in
            stream.next_in = raw.bindMemory(to: Bytef.self).baseAddress
            stream.avail_in = uInt(raw.count)
            var status = Z_OK
            repeat {
                status = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(chunk)
                    let result = step(&stream)
                    output.append(out.baseAddress!, count: chunk - Int(stream.avail_out))
                    return result
                }
            } while more(stream, status)
            return status
        }
        return (output, status)
    }
}
