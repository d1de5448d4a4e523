// ReaderTests: the IDX parser, gzip against coreutils' gzip, the CSV parser and the
// seeded generator against SplitMix64's published values.
import Compression
import Foundation
@testable import Datasets
import Storage
import Testing
import TestSupport

@Suite struct ReaderTests {
    @Test func idxHeaderAndValuesAreReadAsWritten() throws {
        let bytes = Data([0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3] + Array(1...12))
        let file = try IDXFile.parse(bytes, file: "x")
        #expect(file.dimensions == [2, 2, 3])
        #expect(file.recordCount == 2 && file.recordSize == 6)
        #expect(Array(file.record(1)) == [7, 8, 9, 10, 11, 12])
    }

    @Test func idxDefectsAreNamed() {
        #expect(throws: ImportError(file: "x", reason: "1 bytes after the last IDX record")) {
            var bytes: Data = Fixtures.idx(dimensions: [2], values: [1, 2])
            bytes.append(3)
            return try IDXFile.parse(bytes, file: "x")
        }
        #expect(throws: ImportError(file: "x", reason: "unsupported IDX value type 0x0d (only unsigned bytes, 0x08)")) {
            try IDXFile.parse(Data([0, 0, 0x0D, 1, 0, 0, 0, 0]), file: "x")
        }
        #expect(throws: ImportError(file: "x", reason: "truncated IDX header")) {
            try IDXFile.parse(Data([0, 0, 0x08, 3, 0, 0]), file: "x")
        }
    }

    @Test func gzipInteroperatesWithCoreutils() throws {
        let values: [UInt8] = (0..<100_000).map { (index: Int) -> UInt8 in UInt8((index * 31 + index / 7) % 251) }
        let original = Data(values)
        let ours = try Gzip.compress(original)
        #expect(try Shell.run("/bin/gzip", ["-dc"], input: ours).stdoutData == original)
        let theirs = try Shell.run("/bin/gzip", ["-c"], input: original).stdoutData
        #expect(try Gzip.decompress(theirs) == original)
        #expect(try Gzip.decompressIfNeeded(original) == original)
        #expect(throws: Gzip.Failure.truncated) { try Gzip.decompress(theirs.prefix(theirs.count - 20)) }
    }

    @Test func csvHandlesQuotesCRLFAndReportsStartingLines() throws {
        let table = try CSVTable(parsing: "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",z\nlast,\"\"")
        #expect(table.rows == [
            CSVTable.Row(line: 1, fields: ["a", "b"]),
            CSVTable.Row(line: 2, fields: ["x, y", "say \"hi\""]),
            CSVTable.Row(line: 4, fields: ["multi\nline", "z"]),
            CSVTable.Row(line: 6, fields: ["last", ""]),
        ])
        #expect(throws: CSVTable.Failure.unterminatedQuote(line: 2)) { try CSVTable(parsing: "a\n\"open") }
        #expect(throws: CSVTable.Failure.junkAfterQuote(line: 1)) { try CSVTable(parsing: "\"a\"b") }
    }

    @Test func categoryListRefusesBlankAndRepeatedNames() throws {
        let dir = TemporaryDirectory()
        #expect(try CategoryList.read(try dir.write("ok.txt", "a\n b \nc\n\n")).map(\.name) == ["a", "b", "c"])
        #expect(throws: ImportError.line(2, in: dir.path("gap.txt"), "empty category name")) {
            try CategoryList.read(try dir.write("gap.txt", "a\n\nb\n"))
        }
        #expect(throws: ImportError.line(3, in: dir.path("twice.txt"), "category 'a' is listed twice")) {
            try CategoryList.read(try dir.write("twice.txt", "a\nb\na\n"))
        }
    }
}
