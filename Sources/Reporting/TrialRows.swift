// TrialRows: the per-trial table behind TrialExport, rendered as CSV or as JSON lines.
import Analysis
import Foundation
import Storage
import StudyPhase

struct TrialRows {
    let records: StudyRecords
    let itemsByID: [Int64: StudyItem]

    init(records: StudyRecords) {
        self.records = records
        itemsByID = Dictionary(uniqueKeysWithValues: records.items.map { ($0.id, $0) })
    }

    func name(_ category: Int) -> String {
        records.categories.indices.contains(category) ? records.categories[category] : "#\(category)"
    }

    /// Lists inside one CSV cell are joined with ";" (names may contain commas; the cell is quoted then).
    /// Such a list is a text cell, scores included: CSVCell neutralises it when it starts like a formula.
    func csv() -> String {
        var header = ["uuid", "item_id", "item_source", "true_category", "annotator", "guesses", "abstained",
                      "response_ms", "shown_at", "submitted_at", "phase", "superseded"] + TrialTelemetry.exportNames
            + ["browsing_opened", "browsing_searched", "browsing_pinned"]
        for model in records.models { header += ["\(model.name)_topk", "\(model.name)_scores"] }
        var lines = [header.map(CSVCell.text).joined(separator: ",")]
        for judgement in records.judgements {
            guard let item = itemsByID[judgement.itemID] else { continue }
            var fields = [
                CSVCell.text(judgement.uuid), CSVCell.number(item.id), CSVCell.text(item.source),
                CSVCell.text(name(item.trueCategory)),
                CSVCell.text(records.annotatorNames[judgement.annotatorID] ?? "#\(judgement.annotatorID)"),
                CSVCell.text(judgement.guesses.map(name).joined(separator: ";")), CSVCell.number(judgement.abstained ? 1 : 0),
                CSVCell.number(judgement.responseMilliseconds), CSVCell.text(judgement.shownAt ?? ""),
                CSVCell.text(judgement.submittedAt), CSVCell.text(judgement.phase.rawValue),
                CSVCell.number(judgement.superseded ? 1 : 0),
            ] + TrialTelemetry.exportValues(judgement.telemetry).map(\.csvCell)
              + browsingCells(judgement.browsing)
            for model in records.models {
                let ranking = model.predictions[item.id] ?? []
                fields.append(CSVCell.text(ranking.map { name($0.category) }.joined(separator: ";")))
                fields.append(CSVCell.text(ranking.map { $0.score.map { "\($0)" } ?? "" }.joined(separator: ";")))
            }
            lines.append(fields.joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// Opened and pinned categories by name, searches as typed; each list joined with ";".
    func browsingCells(_ browsing: TrialBrowsing?) -> [String] {
        guard let browsing else { return ["", "", ""] }
        return [browsing.opened.map(name), browsing.searched, browsing.pinned.map(name)].map { CSVCell.text($0.joined(separator: ";")) }
    }

    func jsonLines() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var output = Data()
        for judgement in records.judgements {
            guard let item = itemsByID[judgement.itemID] else { continue }
            let line = TrialLine(
                uuid: judgement.uuid, itemID: item.id, itemSource: item.source, trueCategory: name(item.trueCategory),
                annotator: records.annotatorNames[judgement.annotatorID] ?? "#\(judgement.annotatorID)",
                guesses: judgement.guesses.map(name), abstained: judgement.abstained,
                responseMilliseconds: judgement.responseMilliseconds, shownAt: judgement.shownAt,
                submittedAt: judgement.submittedAt, phase: judgement.phase, superseded: judgement.superseded,
                browsing: judgement.browsing.map { browsing in
                    TrialLine.Browsing(opened: browsing.opened.map(name), searched: browsing.searched, pinned: browsing.pinned.map(name))
                },
                telemetry: judgement.telemetry.map { telemetry in
                    Dictionary(uniqueKeysWithValues: zip(TrialTelemetry.exportNames, TrialTelemetry.exportValues(telemetry)))
                },
                models: records.models.map { model in
                    TrialLine.ModelAnswer(model: model.name, top: (model.predictions[item.id] ?? []).map {
                        TrialLine.RankedName(category: name($0.category), score: $0.score)
                    })
                })
            output.append(try encoder.encode(line))
            output.append(0x0A)
        }
        return output
    }
}
