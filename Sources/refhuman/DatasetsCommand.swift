// DatasetsCommand: `refhuman datasets [--json]`: items per split and per category.
import ArgumentParser
import Foundation
import Storage

struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "datasets", abstract: "List datasets with item counts per split and category.",
        discussion: """
            Examples:
              refhuman datasets
              refhuman --db study.sqlite datasets --json
            """)
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let summaries = try store.open().datasetSummaries()
        if json { return try JSONOutput.print(summaries) }
        if summaries.isEmpty { StatusLine.say("no datasets (import one with `refhuman import`)") }
        for summary in summaries {
            let splits = Split.allCases.filter { summary.items[$0.rawValue] != nil }
            let total = summary.items.values.reduce(0, +)
            let perSplit = splits.map { "\(summary.items[$0.rawValue]!) \($0.rawValue)" }.joined(separator: ", ")
            print("\(summary.name) — \(summary.title): \(total) items (\(perSplit.isEmpty ? "none" : perSplit)), "
                + "\(summary.categories.count) categories, \(summary.settings.judgementsPerItem) judgements/item, "
                + "\(summary.settings.maxGuesses) guess(es)")
            let nameWidth = max(8, summary.categories.map(\.name.count).max() ?? 0)
            let header = ["  #".padding(4), "category".padding(nameWidth)] + splits.map { $0.rawValue.leftPadding(9) }
            print(header.joined(separator: " "))
            for category in summary.categories {
                let cells = splits.map { String(category.items[$0.rawValue] ?? 0).leftPadding(9) }
                print(([String(category.index).leftPadding(3).padding(4), category.name.padding(nameWidth)] + cells).joined(separator: " "))
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
