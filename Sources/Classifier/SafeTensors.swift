// SafeTensors: reader and writer for the safetensors format
// (https://github.com/huggingface/safetensors): an 8-byte little-endian header
// length n, n bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]},
// "__metadata__": {string: string}}, then the raw little-endian tensor bytes,
// offsets counted from the end of the header. Only F32 tensors are read.

import Foundation

public enum SafeTensors {
    /// Same cap as the reference implementation, so a corrupt length can't make us allocate gigabytes.
    public static let maxHeaderBytes = 100_000_000

    /// Every dtype name the format defines; anything else is unknown, not merely unsupported.
    static let knownDtypes: Set<String> = [
        "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16",
        "I32", "U32", "F32", "F64", "I64", "U64",
    ]

    // MARK: Writing

    /// Tensors are stored in the given order; the header is space-padded so the
    /// data starts 8-byte aligned, as the reference writer does.
    public static func encode(_ tensors: [(name: String, tensor: Tensor)],
                              metadata: [String: String] = [:]) -> [UInt8] {
        var json = "{"
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(quote($0)):\(quote(metadata[$0]!))" }
            entries.append("\(quote(SafeTensorsHeader.metadataKey)):{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            let end = offset + 4 * tensor.count
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(quote(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        json += entries.joined(separator: ",") + "}"
        var header = Array(json.utf8)
        while (8 + header.count) % 8 != 0 { header.append(0x20) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        let length = UInt64(header.count)
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * UInt64(i)))) }
        bytes += header
        for (_, tensor) in tensors {
            for value in tensor.data {
                let bits = value.bitPattern
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
                bytes.append(UInt8(truncatingIfNeeded: bits >> 16))
                bytes.append(UInt8(truncatingIfNeeded: bits >> 24))
            }
        }
        return bytes
    }

    public static func write(_ tensors: [(name: String, tensor: Tensor)],
                             metadata: [String: String] = [:], to url: URL) throws {
        try Data(encode(tensors, metadata: metadata)).write(to: url, options: .atomic)
    }

    // MARK: Reading

    public static func read(from url: URL) throws(SafeTensorsError) -> SafeTensorsFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable("\(url.path): \(error.localizedDescription)")
        }
        return try decode([UInt8](data))
    }

    public static func decode(_ bytes: [UInt8]) throws(SafeTensorsError) -> SafeTensorsFile {
        guard bytes.count >= 8 else { throw .fileTooSmall(bytes: bytes.count) }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard length <= UInt64(maxHeaderBytes) else {
            throw .headerTooLarge(length: length, limit: maxHeaderBytes)
        }
        guard length <= UInt64(bytes.count - 8) else {
            throw .headerBeyondFile(length: length, available: bytes.count - 8)
        }
        let headerEnd = 8 + Int(length)
        let headerBytes = bytes[8..<headerEnd]
        guard headerBytes.first == UInt8(ascii: "{") else {
            throw .malformedHeader("does not start with '{'")
        }
        let header: SafeTensorsHeader
        do {
            header = try JSONDecoder().decode(SafeTensorsHeader.self, from: Data(headerBytes))
        } catch let error as DecodingError {
            throw .malformedHeader(describe(error))
        } catch {
            throw .malformedHeader("\(error)")
        }

        let dataLength = bytes.count - headerEnd
        // Validate every entry before touching data, in byte order so overlaps and holes show.
        var layout: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, info) in header.tensors {
            guard knownDtypes.contains(info.dtype) else { throw .unknownDtype(tensor: name, dtype: info.dtype) }
            guard info.dtype == "F32" else { throw .unsupportedDtype(tensor: name, dtype: info.dtype) }
            guard info.dataOffsets.count == 2 else {
                throw .malformedHeader("tensor \"\(name)\" data_offsets has \(info.dataOffsets.count) entries, not 2")
            }
            guard info.shape.allSatisfy({ $0 >= 0 }) else {
                throw .malformedHeader("tensor \"\(name)\" has a negative dimension in \(info.shape)")
            }
            let begin = info.dataOffsets[0], end = info.dataOffsets[1]
            guard begin >= 0, end >= begin else { throw .invalidOffsets(tensor: name, begin: begin, end: end) }
            var elements = 1
            var overflow = false
            for dim in info.shape where !overflow {
                (elements, overflow) = elements.multipliedReportingOverflow(by: dim)
            }
            if !overflow { (elements, overflow) = elements.multipliedReportingOverflow(by: 4) }
            guard !overflow, elements == end - begin else {
                throw .shapeMismatch(tensor: name, shape: info.shape, byteCount: end - begin)
            }
            layout.append((name, info.shape, begin, end))
        }
        layout.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expected = 0
        var previous = ""
        for entry in layout {
            if entry.begin < expected { throw .overlapping(tensor: entry.name, other: previous) }
            if entry.begin > expected { throw .gap(tensor: entry.name, begin: entry.begin, expected: expected) }
            if entry.end > dataLength { throw .truncated(tensor: entry.name, end: entry.end, available: dataLength) }
            expected = entry.end
            previous = entry.name
        }
        if expected < dataLength { throw .trailingBytes(count: dataLength - expected) }

        var tensors: [String: Tensor] = [:]
        for entry in layout {
            let count = (entry.end - entry.begin) / 4
            var values = [Float](repeating: 0, count: count)
            var p = headerEnd + entry.begin
            for i in 0..<count {
                let bits = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8
                    | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
                values[i] = Float(bitPattern: bits)
                p += 4
            }
            tensors[entry.name] = Tensor(shape: entry.shape, data: values)
        }
        return SafeTensorsFile(names: layout.map(\.name), tensors: tensors, metadata: header.metadata)
    }

    /// JSON string literal for a name or metadata value.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A one-line reason from a DecodingError, naming the offending key path.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "top level" : keys.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case let .dataCorrupted(context):
            return "not valid JSON (\(context.debugDescription))"
        case let .keyNotFound(key, context):
            return "\(path(context.codingPath)) lacks \"\(key.stringValue)\""
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
