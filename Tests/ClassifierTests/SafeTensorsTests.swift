// safetensors: round trips, a byte-exact check of the writer's layout, and
// one test per refusal of a malformed file.

import Foundation
import Testing
@testable import Classifier

@Suite struct SafeTensorsTests {
    /// A file from a header string and raw data bytes, with the 8-byte little-endian length.
    func file(header: String, data: [UInt8] = [], length: UInt64? = nil) -> [UInt8] {
        let h = Array(header.utf8)
        let n = length ?? UInt64(h.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * UInt64($0))) } + h + data
    }

    func refusal(_ bytes: [UInt8]) -> SafeTensorsError? {
        do {
            _ = try SafeTensors.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func roundTrip() throws {
        let a = Tensor(shape: [2, 3], data: [1, -2, 3.5, .pi, -0.0, 1e-30])
        let b = Tensor(shape: [4], data: [0, 1, 2, 3])
        let scalar = Tensor(shape: [], data: [42])
        let bytes = SafeTensors.encode([("layer.a", a), ("b\"quoted\\", b), ("s", scalar)],
                                       metadata: ["note": "line\nbreak", "k": "v"])
        let decoded = try SafeTensors.decode(bytes)
        #expect(decoded.names == ["layer.a", "b\"quoted\\", "s"])
        #expect(decoded.tensors["layer.a"] == a)
        #expect(decoded.tensors["b\"quoted\\"] == b)
        #expect(decoded.tensors["s"] == scalar)
        #expect(decoded.metadata == ["note": "line\nbreak", "k": "v"])
    }

    /// Layout worked by hand: one F32 tensor [1.0, -2.0], no metadata.
    /// Header {"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} is 54 bytes;
    /// padded with 2 spaces to 56 so the data starts at 8 + 56 = 64, 8-byte aligned.
    /// 1.0f = 0x3F800000 and -2.0f = 0xC0000000, stored little-endian.
    @Test func writerLayout() {
        let bytes = SafeTensors.encode([("w", Tensor(shape: [2], data: [1, -2]))])
        let header = #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}  "#
        #expect(bytes == file(header: header, data: [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0]))
        #expect(bytes.count == 72)
    }

    @Test func fileRoundTripThroughClassifier() throws {
        let classifier = try ImageClassifier(channels: 1, height: 8, width: 8, classes: 3, seed: 5)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("m.safetensors")
        try classifier.save(weightsTo: url)
        let loaded = try ImageClassifier.load(weightsFrom: url)
        for (p, q) in zip(classifier.network.parameters, loaded.network.parameters) {
            #expect(p.name == q.name && p.shape == q.shape && p.value == q.value)
        }
        let images = formula(3 * 64, 7, 1, 13, 0, 13)
        #expect(try classifier.logits(images: images) == loaded.logits(images: images))
    }

    @Test func refusesFileShorterThanLengthField() {
        #expect(refusal([1, 2, 3]) == .fileTooSmall(bytes: 3))
    }

    @Test func refusesHugeHeaderLength() {
        let e = refusal(file(header: "{}", length: 1 << 40))
        #expect(e == .headerTooLarge(length: 1 << 40, limit: SafeTensors.maxHeaderBytes))
        #expect(e?.description == "safetensors: header length 1099511627776 exceeds the 100000000-byte limit")
    }

    @Test func refusesHeaderLengthBeyondFile() {
        #expect(refusal(file(header: "{}", length: 100)) == .headerBeyondFile(length: 100, available: 2))
    }

    @Test func refusesMalformedJSON() {
        guard case .malformedHeader = refusal(file(header: #"{"w": {"dtype": "F32", "#)) else {
            Issue.record("truncated JSON accepted")
            return
        }
        guard case .malformedHeader = refusal(file(header: "[1, 2]")) else {
            Issue.record("JSON array accepted as header")
            return
        }
        guard case .malformedHeader(let reason) = refusal(file(header: #"{"w":{"dtype":"F32","shape":[1]}}"#)) else {
            Issue.record("entry without data_offsets accepted")
            return
        }
        #expect(reason.contains("data_offsets"))
        guard case .malformedHeader = refusal(file(header: #"{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#,
                                                   data: [0, 0, 0, 0])) else {
            Issue.record("fractional dimension accepted")
            return
        }
        guard case .malformedHeader = refusal(file(header: #"{"__metadata__":{"a":1}}"#)) else {
            Issue.record("non-string metadata accepted")
            return
        }
    }

    @Test func refusesUnknownDtype() {
        let e = refusal(file(header: #"{"w":{"dtype":"Q7","shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
        #expect(e == .unknownDtype(tensor: "w", dtype: "Q7"))
        #expect(e?.description == #"safetensors: tensor "w" has unknown dtype "Q7""#)
        let f16 = refusal(file(header: #"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
        #expect(f16 == .unsupportedDtype(tensor: "w", dtype: "F16"))
    }

    @Test func refusesShapeThatDoesNotMatchByteRange() {
        // shape [3] needs 12 bytes, the range holds 8
        let e = refusal(file(header: #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
                             data: [UInt8](repeating: 0, count: 8)))
        #expect(e == .shapeMismatch(tensor: "w", shape: [3], byteCount: 8))
        // a shape whose byte size overflows Int must not crash
        let huge = refusal(file(header: #"{"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#,
                                data: [UInt8](repeating: 0, count: 8)))
        #expect(huge == .shapeMismatch(tensor: "w", shape: [4_611_686_018_427_387_904, 4], byteCount: 8))
    }

    @Test func refusesTruncatedData() {
        // A valid 3-float tensor with its last 5 bytes cut off.
        var bytes = SafeTensors.encode([("w", Tensor(shape: [3], data: [1, 2, 3]))])
        bytes.removeLast(5)
        #expect(refusal(bytes) == .truncated(tensor: "w", end: 12, available: 7))
    }

    @Test func refusesOverlappingRanges() {
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        #expect(refusal(file(header: header, data: [UInt8](repeating: 0, count: 12)))
                == .overlapping(tensor: "b", other: "a"))
    }

    @Test func refusesOutOfRangeOffsets() {
        let backwards = #"{"a":{"dtype":"F32","shape":[],"data_offsets":[8,4]}}"#
        #expect(refusal(file(header: backwards, data: [UInt8](repeating: 0, count: 8)))
                == .invalidOffsets(tensor: "a", begin: 8, end: 4))
        let negative = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}"#
        #expect(refusal(file(header: negative, data: [UInt8](repeating: 0, count: 4)))
                == .invalidOffsets(tensor: "a", begin: -4, end: 0))
        let beyond = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
        #expect(refusal(file(header: beyond, data: [UInt8](repeating: 0, count: 4)))
                == .truncated(tensor: "b", end: 8, available: 4))
        let count = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#
        guard case .malformedHeader = refusal(file(header: count, data: [0, 0, 0, 0])) else {
            Issue.record("one-element data_offsets accepted")
            return
        }
    }

    @Test func refusesHolesAndTrailingBytes() {
        let hole = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
        #expect(refusal(file(header: hole, data: [UInt8](repeating: 0, count: 8)))
                == .gap(tensor: "a", begin: 4, expected: 0))
        let trailing = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        #expect(refusal(file(header: trailing, data: [UInt8](repeating: 0, count: 6))) == .trailingBytes(count: 2))
    }

    @Test func refusesWeightsThatDoNotFitTheNetwork() throws {
        let classifier = try ImageClassifier(channels: 1, height: 8, width: 8, classes: 3, seed: 5)
        let tensors = classifier.network.parameters.map { (name: $0.name, tensor: Tensor(shape: $0.shape, data: $0.value)) }
        let good = try SafeTensors.decode(SafeTensors.encode(tensors))
        try classifier.loadWeights(good)

        // conv1.weight with its output and input channel counts swapped.
        var reshaped = tensors
        reshaped[0].tensor = tensors[0].tensor.reshaped([1, 32, 3, 3])
        let wrongShape = try SafeTensors.decode(SafeTensors.encode(reshaped))
        #expect(throws: ClassifierError.tensorShape(name: "conv1.weight", expected: [32, 1, 3, 3], found: [1, 32, 3, 3])) {
            try classifier.loadWeights(wrongShape)
        }
        let missing = try SafeTensors.decode(SafeTensors.encode(Array(tensors.dropLast())))
        #expect(throws: ClassifierError.missingTensor("fc2.bias")) { try classifier.loadWeights(missing) }
        let extra = try SafeTensors.decode(SafeTensors.encode(tensors + [(name: "fc3.weight", tensor: Tensor(shape: [1], data: [0]))]))
        #expect(throws: ClassifierError.unexpectedTensor("fc3.weight")) { try classifier.loadWeights(extra) }
    }
}
