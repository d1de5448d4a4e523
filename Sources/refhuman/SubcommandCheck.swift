// SubcommandCheck: a mistyped subcommand (`refhuman reprot`) is refused with the closest
// name and the list, before ArgumentParser, which only says the argument is unexpected.
import ArgumentParser
import Storage

enum SubcommandCheck {
    /// The refusal for the first word that names no subcommand where one is expected, or nil.
    static func problem(in arguments: [String], root: any ParsableCommand.Type = RefHuman.self) -> String? {
        var command: any ParsableCommand.Type = root
        var path = [root._commandName]
        for word in arguments {
            let subcommands: [any ParsableCommand.Type] = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-") else { return nil }
            var names: [String] = []
            for subcommand in subcommands { names.append(subcommand._commandName) }
            guard let index = names.firstIndex(of: word) else {
                if word == "help" { return nil }
                return "'\(path.joined(separator: " "))' has no command '\(word)'"
                    + NameSuggestion.hint(for: word, among: names, noun: "commands")
            }
            command = subcommands[index]
            path.append(word)
        }
        return nil
    }
}
