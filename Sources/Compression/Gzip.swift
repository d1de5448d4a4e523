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
                    let result = inflate(&stream, Z_NO_FLUSH)
                    output.append(out.baseAddress!, count: chunk - Int(stream.avail_out))
                    return result
                }
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
            return status
        }
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
                    let result = deflate(&stream, Z_FINISH)
                    output.append(out.baseAddress!, count: chunk - Int(stream.avail_out))
                    return result
                }
            } while status == Z_OK
            return status
        }
        guard status == Z_STREAM_END else { throw Failure.corrupt("deflate failed with \(status)") }
        return output
    }
}
