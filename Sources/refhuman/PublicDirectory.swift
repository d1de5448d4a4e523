// PublicDirectory: where `serve` finds its web files when --public is not given, so the
// binary works from any working directory: beside an installed binary
// (PREFIX/share/refhuman/Public, see `make install`), or in the checkout it was built in.
import Foundation

enum PublicDirectory {
    static func locate() -> String {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let folder = executable.deletingLastPathComponent()
        let candidates = [
            folder.appendingPathComponent("../share/refhuman/Public"),   // PREFIX/bin/refhuman
            folder.appendingPathComponent("../../../Public"),            // .build/<triple>/<config>/refhuman
            URL(fileURLWithPath: "Public"),
        ]
        let found = candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("index.html").path) }
        return (found ?? candidates[0]).standardizedFileURL.path
    }
}
