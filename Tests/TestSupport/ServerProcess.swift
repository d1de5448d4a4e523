// ServerProcess: the real `refhuman serve` on port 0 over a test database, stopped by
// SIGTERM like an operator would.
import Foundation

public final class ServerProcess: @unchecked Sendable {
    public let process = Process()
    public let baseURL: String
    public let adminToken: String
    /// The port it listens on (which a --public-url in the banner does not show).
    public let port: Int
    private let output = Pipe()

    /// `publicDirectory` nil: the repository's Public/. `binary` and `directory`: another
    /// refhuman (an installed one) started from another working directory, left to find its
    /// web files itself. `arguments` are added to serve's; `errorLog` keeps its stderr (the
    /// access log) in a file.
    public init(database: String, publicDirectory: String? = nil, binary: String? = nil, directory: URL? = nil,
                arguments: [String] = [], errorLog: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: binary ?? Shell.refhumanPath)
        process.arguments = ["serve", "--db", database] + (arguments.contains("--port") ? [] : ["--port", "0"]) + arguments
        if binary == nil {
            process.arguments! += ["--public", publicDirectory ?? Shell.repositoryRoot.appendingPathComponent("Public").path]
        }
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = output
        if let errorLog {
            _ = FileManager.default.createFile(atPath: errorLog, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: errorLog)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        // The first lines name the port and the admin link.
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("annotators:") || !text.hasSuffix("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                guard Date() < deadline, process.isRunning else { throw ServerStartFailure(output: text) }
                usleep(10_000)
            }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let base = text.firstMatch(of: /serving on (https?:\/\/[^\s]+)/)?.1,
              let token = text.firstMatch(of: /join\/([0-9a-f]{64})/)?.1 else { throw ServerStartFailure(output: text) }
        baseURL = String(base)
        let listening = text.firstMatch(of: /listening on [^\s]+:(\d+)\)/)?.1 ?? base.split(separator: ":").last ?? ""
        port = Int(listening) ?? 0
        adminToken = String(token)
    }

    /// SIGTERM, then wait for the process to exit; returns its status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate(); process.waitUntilExit() } }
}

public struct ServerStartFailure: Error, CustomStringConvertible {
    public let output: String
    public var description: String { "server did not start; output: \(output)" }
}
