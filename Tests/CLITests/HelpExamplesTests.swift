// HelpExamplesTests: every command's --help carries one to three examples, each naming
// that command, and each example is a command line the binary accepts: run with --help
// appended, an unknown command or option would be refused instead of showing help.
import Foundation
import Testing
import TestSupport

@Suite struct HelpExamplesTests {
    static let commands: [[String]] = [
        [], ["serve"], ["annotators"], ["annotators", "add"], ["annotators", "list"], ["annotators", "disable"],
        ["import"], ["import", "bundle"], ["import", "idx"], ["import", "folder"], ["import", "csv"], ["import", "cifar"],
        ["import", "judgements"], ["plan"],
        ["datasets"], ["report"], ["export"], ["export", "judgements"], ["predictions"], ["predictions", "import"],
        ["predictions", "export"], ["train"], ["classify"], ["bundle"], ["bundle", "build"], ["backup"], ["check"], ["admin-link"],
    ]

    @Test(arguments: commands)
    func helpShowsRealExamples(command: [String]) throws {
        let help = try Shell.refhuman(command + ["--help"])
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let start = try #require(lines.firstIndex(of: "Examples:"), "no examples in `refhuman \(command.joined(separator: " ")) --help`")
        // Up to the blank line; a long example is wrapped onto the lines after it.
        var examples: [String] = []
        for line in lines[(start + 1)...].prefix(while: { !$0.isEmpty }) {
            if line.hasPrefix("refhuman ") || examples.isEmpty { examples.append(line) } else { examples[examples.count - 1] += " " + line }
        }
        #expect((1...3).contains(examples.count), "\(examples)")
        for example in examples {
            var words = example.split(separator: " ").map(String.init).dropFirst().map { $0 }
            if let chained = words.firstIndex(of: "&&") { words = Array(words[..<chained]) }
            // The command path: the leading words, once a `--db FILE` written first is set aside.
            let leading = words.first == "--db" ? Array(words.dropFirst(2)) : words
            #expect(command.isEmpty || Array(leading.prefix(command.count)) == command, "\(example) is not an example of \(command)")
            let accepted = try Shell.refhuman(words + ["--help"])
            #expect(accepted.status == 0, "\(example): \(accepted.stderr)")
        }
    }
}
