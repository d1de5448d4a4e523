// CommandLineArguments: the arguments as the parser wants them. `--db` belongs to each
// subcommand, but people write it first (`refhuman --db x.sqlite datasets`), so every
// `--db` is moved behind the subcommand path, where the subcommand reads it.
enum CommandLineArguments {
    static func normalised(_ arguments: [String]) -> [String] {
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        var rest: [String] = [], moved: [String] = []
        var index = arguments.startIndex
        while index < end {
            let argument = arguments[index]
            if argument == "--db", index + 1 < end {
                moved += [argument, arguments[index + 1]]
                index += 2
                continue
            }
            if argument.hasPrefix("--db=") { moved.append(argument) } else { rest.append(argument) }
            index += 1
        }
        return rest + moved + arguments[end...]
    }
}
