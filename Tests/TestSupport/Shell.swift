// Shell: runs programs (the refhuman binary, second tools such as sqlite3) and captures output.
import Foundation

public struct ShellResult: Sendable {
    public let status: Int32
    public let stdoutData: Data
    public let stderr: String

    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }

    /// stderr without its final newline, split into lines.
    public var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

public enum Shell {
    /// `environment`: variables set (or, with an empty value, removed) for the child only.
    public static func run(_ executable: String, _ arguments: [String], input: Data? = nil, directory: URL? = nil,
                           environment: [String: String] = [:]) throws -> ShellResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (name, value) in environment { merged[name] = value.isEmpty ? nil : value }
            process.environment = merged
        }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
        nonisolated(unsafe) var errorData = Data()
        let errorReader = Thread { errorData = err.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorReader.isFinished { usleep(1000) }
        return ShellResult(status: process.terminationStatus, stdoutData: outputData,
                           stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// The refhuman executable built beside the test bundle.
    public static var refhumanPath: String {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidate = directory
        // The test runner lives in …/debug/ or inside …/debug/X.xctest/; walk up to find the binary.
        for _ in 0..<4 {
            let binary = candidate.appendingPathComponent("refhuman").path
            if FileManager.default.isExecutableFile(atPath: binary) { return binary }
            candidate.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("refhuman").path
    }

    public static func refhuman(_ arguments: [String], directory: URL? = nil, environment: [String: String] = [:]) throws -> ShellResult {
        try run(refhumanPath, arguments, directory: directory, environment: environment)
    }

    /// The sqlite3 command-line shell: an independent reader of the database.
    public static func sqlite(_ database: String, _ sql: String) throws -> String {
        let result = try run("/usr/bin/sqlite3", ["-batch", "-noheader", database, sql])
        precondition(result.status == 0, "sqlite3 failed: \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The repository root, from this file's location.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// SHA-256 of a file by coreutils' sha256sum, so digests are not computed by the code under test.
    public static func sha256sum(_ path: String) throws -> String {
        let result = try run("/usr/bin/sha256sum", [path])
        return String(result.stdout.prefix(64))
    }

    /// SHA-256 of a string's UTF-8, by sha256sum reading it on stdin.
    public static func sha256sum(text: String) throws -> String {
        let result = try run("/usr/bin/sha256sum", ["-"], input: Data(text.utf8))
        return String(result.stdout.prefix(64))
    }
}
