// EmbedBuildInfo: writes the commit the refhuman binary is built from into it, for
// `refhuman --version`. Reruns when git moves HEAD (its log) or the branch it names.
import Foundation
import PackagePlugin

@main
struct EmbedBuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let git = context.package.directoryURL.appending(path: ".git")
        let watched = ["HEAD", "logs/HEAD", "packed-refs"].map { git.appending(path: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.path(percentEncoded: false)) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        return [.buildCommand(
            displayName: "Embedding the commit",
            executable: try context.tool(named: "BuildInfoEmbedder").url,
            arguments: [output.path(percentEncoded: false), git.path(percentEncoded: false)],
            inputFiles: watched,
            outputFiles: [output])]
    }
}
