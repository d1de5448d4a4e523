// ReportHTMLPage: the HTML report's sections, each rendered from the report, the study design
// and the thumbnails; every dataset string is escaped on the way in.
import Foundation

/// The sections, each a function of the same inputs.
struct ReportHTMLPage {
    let report: Report
    let design: StudyDesign
    let thumbnails: [Int64: String]

    var categories: [String] { report.confusion.categories }
    var hasModel: Bool { report.model != nil }

    func name(_ category: Int) -> String {
        categories.indices.contains(category) ? HTMLText.escape(categories[category]) : "#\(category)"
    }

    func header() -> String {
        let models = report.models.map { HTMLText.escape($0.model) }.joined(separator: ", ")
        return """
        <header>
        <h1>\(HTMLText.escape(design.title))</h1>
        <p class="meta">Dataset <strong>\(HTMLText.escape(report.dataset))</strong> · \
        \(HTMLText.counted(report.overall.human.items, "compared item")) · \
        \(HTMLText.counted(report.overall.human.judgements, "counted judgement")) · \
        \(HTMLText.counted(design.annotators, "annotator")) · \
        model\(report.models.count == 1 ? "" : "s"): \(models.isEmpty ? "none" : models) · generated \(HTMLText.escape(report.generatedAt)) by RefHuman</p>
        </header>
        """
    }

    func headline() -> String {
        let human = report.overall.human, model = report.overall.model
        var figures = [
            figure("human", "Human top-1 error", HTMLText.percent(human.error), "95 % CI " + HTMLText.interval(human.errorCI)
                   + " · " + HTMLText.counted(human.judgements, "judgement")),
            figure("human", "Human majority error", HTMLText.percent(human.majorityError),
                   "95 % CI " + HTMLText.interval(human.majorityErrorCI) + " · majority of \(report.coverage.judgementsPerItem) on "
                   + HTMLText.counted(human.majorityItems, "complete item")),
        ]
        if design.maxGuesses > 1 {
            figures.append(figure("human", "Human top-\(design.maxGuesses) error", HTMLText.percent(human.topKError),
                                  "true category among the guesses"))
        }
        if let primary = report.models.first {
            figures.append(figure("model", "\(HTMLText.escape(primary.model)) top-1 error", HTMLText.percent(model.error),
                                  "95 % CI " + HTMLText.interval(model.errorCI) + " · " + HTMLText.counted(primary.items, "item")))
            figures.append(figure("", "McNemar p (majority vs model)", HTMLText.pValue(model.mcnemarP), "exact, two-sided"))
            figures.append(figure("", "Model − human gap", HTMLText.points(report.overall.modelMinusHumanError),
                                  "model error − human-majority error; positive: the model errs more"))
        }
        var html = "<section><h2>Headline</h2><div class=\"headline\">\(figures.joined())</div>"
        if !report.models.isEmpty {
            let topK = design.maxGuesses > 1
            html += """
            <table><thead><tr><th>model</th><th class="num">items</th><th class="num">top-1 error</th><th class="num">95 % CI</th>\
            \(topK ? "<th class=\"num\">top-\(design.maxGuesses) error</th>" : "")<th class="num">McNemar p</th><th class="num">error consistency</th>\
            <th class="num">Cohen's κ</th><th class="num">model − human</th></tr></thead><tbody>
            """
            for entry in report.models {
                html += """
                <tr><td>\(HTMLText.escape(entry.model))</td><td class="num">\(entry.items)</td>\
                <td class="num">\(HTMLText.percent(entry.comparison.error))</td><td class="num">\(HTMLText.interval(entry.comparison.errorCI))</td>\
                \(topK ? "<td class=\"num\">\(HTMLText.percent(entry.comparison.topKError))</td>" : "")<td class="num">\(HTMLText.pValue(entry.comparison.mcnemarP))</td>\
                <td class="num">\(HTMLText.decimal(entry.comparison.errorConsistency))</td><td class="num">\(HTMLText.decimal(entry.cohenKappa))</td>\
                <td class="num">\(HTMLText.points(entry.modelMinusHumanError))</td></tr>
                """
            }
            html += "</tbody></table>"
        } else {
            html += "<p class=\"note\">No model predictions are stored for this dataset, so model figures are unknown.</p>"
        }
        return html + "</section>"
    }

    /// The pre-registered exclusions: the rules, who they leave out, and the headline both ways.
    func exclusions() -> String {
        guard let exclusions = report.exclusions else { return "" }
        let rules = exclusions.rules
        var said: [String] = []
        if let share = rules.catchAccuracyBelow { said.append("catch-trial accuracy below " + HTMLText.percent(share)) }
        if let share = rules.practiceAccuracyBelow { said.append("practice accuracy below " + HTMLText.percent(share)) }
        if let bound = rules.medianResponseMillisecondsBelow { said.append("a median test answer faster than \(bound) ms") }
        let after = exclusions.afterExclusions, all = exclusions.allParticipants
        var rows: [(String, String, String)] = [
            ("Annotators", "\(after.annotators)", "\(all.annotators)"),
            ("Counted judgements", "\(after.judgements)", "\(all.judgements)"),
            ("Human top-1 error (pooled)", HTMLText.percent(after.humanError) + " " + HTMLText.interval(after.humanErrorBootstrapCI),
             HTMLText.percent(all.humanError) + " " + HTMLText.interval(all.humanErrorBootstrapCI)),
            ("Human majority error", HTMLText.percent(after.majorityError) + " (\(after.majorityItems) items)",
             HTMLText.percent(all.majorityError) + " (\(all.majorityItems) items)"),
            ("Median annotator error", HTMLText.percent(after.medianAnnotatorError), HTMLText.percent(all.medianAnnotatorError)),
            ("Dawid–Skene error", HTMLText.percent(after.dawidSkeneError), HTMLText.percent(all.dawidSkeneError)),
        ]
        for (mine, theirs) in zip(after.models, all.models) {
            let name = HTMLText.escape(mine.model)
            rows.append(("\(name) − human majority", HTMLText.points(mine.modelMinusHumanMajorityError),
                         HTMLText.points(theirs.modelMinusHumanMajorityError)))
            rows.append(("McNemar p, \(name)", HTMLText.pValue(mine.mcnemarP), HTMLText.pValue(theirs.mcnemarP)))
        }
        let table = rows.map { "<tr><td>\($0.0)</td><td class=\"num\">\($0.1)</td><td class=\"num\">\($0.2)</td></tr>" }.joined()
        let people = exclusions.excluded.map { person in
            "<li>\(HTMLText.escape(person.name ?? "#\(person.annotator)")): " + person.reasons.map { reason in
                switch reason {
                case .catchAccuracy: "catch accuracy " + HTMLText.percent(person.catchAccuracy)
                case .practiceAccuracy: "practice accuracy " + HTMLText.percent(person.practiceAccuracy)
                case .medianResponseTime: "median answer " + (person.medianResponseMilliseconds.map { String(format: "%.0f ms", $0) } ?? "–")
                }
            }.joined(separator: ", ") + "</li>"
        }.joined()
        return """
        <section><h2>Exclusions</h2>
        <p>Pre-registered with the study: leave out participants with \(said.joined(separator: ", or ")). \
        \(HTMLText.counted(exclusions.excluded.count, "participant")) left out; every other section of this report is computed \
        without them.</p>
        \(people.isEmpty ? "" : "<ul>\(people)</ul>")
        <table><thead><tr><th>figure</th><th class="num">after exclusions</th><th class="num">all participants</th></tr></thead>\
        <tbody>\(table)</tbody></table></section>
        """
    }

    /// Items by judgements, against the plan: the majority is one of k only on complete items.
    func coverage() -> String {
        let coverage = report.coverage
        let k = coverage.judgementsPerItem
        let rows = coverage.itemsByJudgements.map { row in
            let state = row.judgements >= k ? "complete" : row.judgements == 0 ? "not judged" : "short of \(k)"
            return "<tr><td class=\"num\">\(row.judgements)</td><td class=\"num\">\(row.items)</td><td>\(state)</td></tr>"
        }.joined()
        let planned = coverage.plannedItems.map { "\($0) test items × \(k) = \($0 * k) judgements" } ?? "\(k) judgements per item"
        return """
        <section><h2>Coverage</h2>
        <p>Planned: \(planned). Collected: \(HTMLText.counted(coverage.countedJudgements, "counted judgement")) on \
        \(HTMLText.counted(coverage.judgedItems, "item")), of which \(coverage.completeItems) have all \(k). \
        Majority figures and paired tests use only the \(HTMLText.counted(coverage.completeItems, "complete item")); \
        pooled figures use every counted judgement.</p>
        <table><thead><tr><th class="num">counted judgements</th><th class="num">items</th><th></th></tr></thead>\
        <tbody>\(rows)</tbody></table></section>
        """
    }

    /// Which human: the chart, then the figures in a table with their units and intervals.
    func whichHuman() -> String {
        let humans = report.humans
        func labelled(_ interval: ConfidenceInterval?, _ kind: String) -> String {
            interval.map { HTMLText.interval($0) + " " + kind } ?? "–"
        }
        var rows: [(String, String, String, String)] = [
            ("Median annotator", HTMLText.percent(humans.medianAnnotatorError), "–", HTMLText.counted(humans.annotators, "annotator")),
        ]
        if let best = humans.bestAnnotator {
            rows.append(("Best annotator (\(HTMLText.escape(best.name ?? "#\(best.annotator)")))", HTMLText.percent(best.error),
                         labelled(best.errorCI, "Wilson"), HTMLText.counted(best.judgements, "judgement")))
        } else {
            rows.append(("Best annotator", "–", "–", "nobody has \(humans.bestMinimumJudgements) test judgements yet"))
        }
        rows.append(("Pooled judgements", HTMLText.percent(humans.pooledError),
                     labelled(humans.pooledErrorBootstrapCI, "two-way bootstrap") + "; " + labelled(report.overall.human.errorCI, "Wilson"),
                     HTMLText.counted(report.overall.human.judgements, "judgement")))
        for point in humans.majorityOfK {
            rows.append(("Majority of \(point.k)", HTMLText.percent(point.error), "–",
                         HTMLText.counted(point.items, "item") + " with ≥ \(point.k) (\(point.method))"))
        }
        if let dawidSkene = humans.dawidSkene {
            rows.append(("Dawid–Skene", HTMLText.percent(dawidSkene.error), labelled(dawidSkene.errorCI, "Wilson"),
                         HTMLText.counted(dawidSkene.items, "item") + ", \(dawidSkene.iterations) EM iterations"))
        } else if let skipped = humans.dawidSkeneSkipped {
            rows.append(("Dawid–Skene", "–", "–", HTMLText.escape(skipped)))
        }
        for paired in humans.models {
            rows.append(("\(HTMLText.escape(paired.model)) − pooled humans", HTMLText.points(paired.modelMinusHumanError),
                         labelled(paired.bootstrapCI, "two-way bootstrap"), HTMLText.counted(paired.judgements, "judgement")))
        }
        let body = rows.map { "<tr><td>\($0.0)</td><td class=\"num\">\($0.1)</td><td class=\"num\">\($0.2)</td><td>\($0.3)</td></tr>" }.joined()
        return """
        <section><h2>Which human?</h2>
        <p class="note">"Human error" depends on which human: one annotator, a typical one, the best one, or a vote of several. \
        Blue: humans; orange: models. Whiskers are 95 % intervals (none for the median and the majorities).</p>
        \(SVGHumanBaselines.svg(report))
        <table><thead><tr><th>human</th><th class="num">top-1 error</th><th class="num">95 % interval</th><th>over</th></tr></thead>\
        <tbody>\(body)</tbody></table></section>
        """
    }

    /// Scores against the label hierarchy, and what the wrong answers say about searching.
    func hierarchy() -> String {
        guard let figures = report.hierarchy else { return "" }
        func share(_ count: Int, of total: Int) -> String {
            total == 0 ? "\(count)" : "\(count) (" + HTMLText.percent(Double(count) / Double(total)) + ")"
        }
        let rows = [
            ("Exact", share(figures.exact, of: figures.judgements)),
            ("Coarse-correct (a node above the truth)", share(figures.coarseCorrect, of: figures.judgements)),
            ("Wrong", share(figures.wrong, of: figures.judgements)),
            ("Hierarchical error (mean height of the lowest common ancestor)", HTMLText.decimal(figures.hierarchicalError, digits: 2)),
            ("Fine-grained: wrong answers that are a sibling of the truth", share(figures.fineGrained, of: figures.wrong)),
            ("Wrong answers with a record of the picker", "\(figures.wrongWithBrowsing)"),
            ("… the true category was opened, pinned or searched for", share(figures.trueCategorySeen, of: figures.wrongWithBrowsing)),
            ("… it never was (class unawareness)", share(figures.trueCategoryNeverSeen, of: figures.wrongWithBrowsing)),
        ]
        let body = rows.map { "<tr><td>\($0.0)</td><td class=\"num\">\($0.1)</td></tr>" }.joined()
        return """
        <section><h2>Hierarchy</h2>
        <p class="note">\(HTMLText.counted(figures.judgements, "test judgement")), scored by the first guess against the label tree. \
        Karpathy split his own ImageNet errors into fine-grained ones (one dog breed for another) and class unawareness (the \
        right class never came to mind); the picker's record of each trial tells the second apart from a search that failed.</p>
        <table><tbody>\(body)</tbody></table></section>
        """
    }

    /// What computed the report, from what: software, study protocol, dataset source and licence.
    func provenance() -> String {
        guard let provenance = report.provenance else { return "" }
        let settings = provenance.studyProtocol
        let facts = [
            ("Software", provenance.software),
            ("Study", provenance.study),
            ("Protocol", "\(settings.judgementsPerItem) judgements per item; up to \(settings.maxGuesses) guesses; exposure "
             + (settings.exposureMilliseconds.map { "\($0) ms" } ?? "until the answer") + "; practice "
             + (settings.practiceCount.map(String.init) ?? "all") + (settings.practicePass.map { ", pass mark \(Int(($0 * 100).rounded())) %" } ?? "")
             + (settings.quota.map { "; quota \($0)" } ?? "") + "; catch trials \(Int((settings.catchRate * 100).rounded())) % (\(settings.catchSource))"
             + "; order \(settings.assignmentOrder)" + (settings.frozenAt.map { "; frozen \($0)" } ?? "; not frozen")),
            ("Dataset source", provenance.datasetSource.isEmpty ? "not recorded" : provenance.datasetSource),
            ("Dataset licence", provenance.datasetLicence.isEmpty ? "not recorded" : provenance.datasetLicence),
            ("Generated", report.generatedAt),
        ]
        let rows = facts.map { "<tr><th>\($0.0)</th><td>\(HTMLText.escape($0.1))</td></tr>" }.joined()
        return "<section><h2>Provenance</h2><table><tbody>\(rows)</tbody></table></section>"
    }

    private func figure(_ kind: String, _ label: String, _ value: String, _ detail: String) -> String {
        "<div class=\"figure \(kind)\"><div>\(label)</div><div class=\"value\">\(value)</div><div class=\"ci\">\(detail)</div></div>"
    }

    func categoryChart() -> String {
        let chart = SVGCategoryChart.svg(categories: report.categories, hasModel: hasModel)
        let legend = "<p class=\"legend\"><span><i style=\"background:var(--human)\"></i>human top-1 error (pooled)</span>"
            + (hasModel ? "<span><i style=\"background:var(--model)\"></i>\(HTMLText.escape(report.model ?? "")) top-1 error</span>" : "")
            + "<span>lines: 95 % Wilson intervals</span></p>"
        let order = hasModel ? "sorted by the size of the gap, model − human" : "sorted by human error"
        var note = "<p class=\"note\">Categories \(order).</p>"
        if chart.shown < report.categories.count {
            note = "<p class=\"note\">The \(chart.shown) categories with the largest gaps of \(report.categories.count); the CSV report has all.</p>"
        }
        if chart.shown == 0 { return "<section><h2>Per category</h2><p class=\"note\">No judged categories yet.</p></section>" }
        return "<section><h2>Per category</h2>\(legend)\(chart.svg)\(note)</section>"
    }

    func confusion() -> String {
        var panels: [(String, ConfusionMatrix)] = [("Humans (every judgement's first guess)", report.confusion.human)]
        if let model = report.confusion.model { panels.append(("\(report.model ?? "model") (top-1)", model)) }
        var html = "<section><h2>Confusion matrices</h2><p class=\"note\">Rows: true category. Columns: answer. "
            + "Shading: share of the row; blue on the diagonal, red off it.</p>"
        if categories.count <= SVGHeatmap.maxCategories {
            html += "<div class=\"heatmaps\">"
            for (title, matrix) in panels {
                html += "<div><h3>\(HTMLText.escape(title))</h3>\(SVGHeatmap.svg(matrix, categories: categories, title: title))</div>"
            }
            return html + "</div></section>"
        }
        for (title, matrix) in panels {
            html += "<h3>\(HTMLText.escape(title)): most frequent confusions</h3><table><thead><tr><th>true</th><th>answered</th><th class=\"num\">count</th></tr></thead><tbody>"
            for pair in SVGHeatmap.topConfusions(matrix) {
                html += "<tr><td>\(name(pair.truth))</td><td>\(name(pair.answer))</td><td class=\"num\">\(pair.count)</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html + "</section>"
    }

    func annotators() -> String {
        guard !report.annotators.isEmpty else {
            return "<section><h2>Annotators</h2><p class=\"note\">No judgements yet.</p></section>"
        }
        var html = """
        <section><h2>Annotators</h2><table><thead><tr><th>annotator</th><th class="num">practice</th><th class="num">practice error</th>\
        <th class="num">test</th><th class="num">test error</th><th class="num">abstained</th><th class="num">median time</th>\
        <th>learning curve (error per block)</th></tr></thead><tbody>
        """
        for annotator in report.annotators {
            let time = annotator.medianResponseMilliseconds.map { String(format: "%.1f s", $0 / 1000) } ?? "–"
            html += """
            <tr><td>\(HTMLText.escape(annotator.name ?? "#\(annotator.annotatorID)"))</td>\
            <td class="num">\(annotator.practiceJudgements)</td><td class="num">\(HTMLText.percent(annotator.practiceError))</td>\
            <td class="num">\(annotator.testJudgements)</td><td class="num">\(HTMLText.percent(annotator.testError))</td>\
            <td class="num">\(annotator.abstentions)</td><td class="num">\(time)</td>\
            <td>\(SVGLearningCurve.svg(annotator.learningCurve))</td></tr>
            """
        }
        return html + "</tbody></table><p class=\"note\">Grey points: practice blocks; blue: test blocks. Top of each box is 0 % error.</p></section>"
    }

    func galleries() -> String {
        var html = "<section><h2>Where humans and the model part ways</h2>"
        let sets: [(String, Gallery, Bool)] = [
            ("Items every annotator got wrong", report.galleries.allHumansWrong, true),
            ("Model right, human majority wrong", report.galleries.modelRightHumansWrong, hasModel),
            ("Human majority right, model wrong", report.galleries.humansRightModelWrong, hasModel),
        ]
        for (title, gallery, applies) in sets where applies {
            let more = gallery.count > gallery.items.count ? " (first \(gallery.items.count) shown)" : ""
            html += "<h3>\(title): \(gallery.count)\(more)</h3>"
            if gallery.items.isEmpty { html += "<p class=\"note\">None.</p>"; continue }
            html += "<div class=\"gallery\">" + gallery.items.map(galleryItem).joined() + "</div>"
        }
        return html + "</section>"
    }

    private func galleryItem(_ item: GalleryItem) -> String {
        let label = HTMLText.escape(item.source ?? "#\(item.itemID)")
        let picture = thumbnails[item.itemID].map { "<img src=\"\(HTMLText.escape($0))\" alt=\"item \(label)\">" } ?? ""
        let humans = item.humanGuesses.map { guesses in guesses.map(name).joined(separator: " › ") }.joined(separator: "<br>")
        let model = item.modelRanking.map { ranking in ranking.prefix(design.maxGuesses).map(name).joined(separator: " › ") } ?? "–"
        return """
        <figure class="item">\(picture)<dl><dt>item</dt><dd>\(HTMLText.escape(item.source ?? "#\(item.itemID)"))</dd><dt>truth</dt><dd><strong>\(name(item.trueCategory))</strong></dd>\
        <dt>humans</dt><dd>\(humans)</dd>\(hasModel ? "<dt>model</dt><dd>\(model)</dd>" : "")</dl></figure>
        """
    }

    func agreement() -> String {
        var rows = [
            ("Krippendorff's α (nominal, first guesses)", HTMLText.decimal(report.overall.krippendorffAlpha)),
            ("Abstention rate", HTMLText.percent(report.overall.abstentionRate)),
        ]
        for entry in report.models {
            rows.append(("Cohen's κ, human majority vs \(HTMLText.escape(entry.model))", HTMLText.decimal(entry.cohenKappa)))
            rows.append(("Error consistency, human majority vs \(HTMLText.escape(entry.model))", HTMLText.decimal(entry.comparison.errorConsistency)))
        }
        let body = rows.map { "<tr><td>\($0.0)</td><td class=\"num\">\($0.1)</td></tr>" }.joined()
        return "<section><h2>Agreement</h2><table><tbody>\(body)</tbody></table></section>"
    }

    /// How items went out, as the study's assignment order set it.
    private var orderSentence: String {
        switch report.provenance?.studyProtocol.assignmentOrder {
        case "fill": "Items went out most-judged first among those still short of their judgements, so that a study stopped early "
            + "has complete items, in an order seeded per annotator, under a lease so that no item was over-labelled."
        case "spread": "Items went out least-judged first, in an order seeded per annotator, under a lease so that no item was "
            + "over-labelled."
        default: "Items went out under a lease so that no item was over-labelled."
        }
    }

    func methods() -> String {
        let exposure = design.exposureMilliseconds.map { "\($0) ms, then a noise mask" } ?? "until the answer"
        let practice = design.practiceCount.map { "the first \($0) of \(design.practiceItems) practice items" }
            ?? "all \(design.practiceItems) practice items"
        return """
        <section class="methods"><h2>Methods</h2>
        <p>Annotators labelled images in RefHuman's category picker, which lists every category with example images and a search box. \
        Each annotator first completed \(practice), with feedback after every answer, then test items without feedback, model hints \
        or other annotators' labels. Each of the \(design.testItems) test items was to collect \(design.judgementsPerItem) \
        judgement\(design.judgementsPerItem == 1 ? "" : "s") from distinct annotators (planned); \
        \(HTMLText.counted(report.coverage.judgedItems, "item")) received at least one counted judgement and \
        \(report.coverage.completeItems) all \(design.judgementsPerItem) (collected; see Coverage). \(orderSentence) \
        Annotators gave up to \(design.maxGuesses) \
        ordered guess\(design.maxGuesses == 1 ? "" : "es") per image and could abstain. Exposure: \(exposure). \
        \(HTMLText.counted(design.annotators, "annotator")) contributed.</p>
        <ul>
        <li>Only test-phase judgements count; undone (superseded) judgements never do. Abstentions are excluded from error rates and \
        reported as the abstention rate (abstained ÷ all test judgements).</li>
        <li><strong>Human top-1 error</strong> (pooled): share of counted judgements whose first guess is not the true category. \
        <strong>Top-k error</strong> (k = \(design.maxGuesses)): the true category is not among the judgement's guesses.</li>
        <li><strong>Human majority</strong>: per item the most frequent first guess; a tie goes to the tied category chosen earliest. \
        Its error is over the complete items (at least k = \(design.judgementsPerItem) counted judgements), so that it is the \
        majority of k the study planned; items short of k are left out of it and of every paired figure.</li>
        <li><strong>Model error</strong> (top-1 and top-k) uses the compared items the model predicted; every paired figure (McNemar, \
        error consistency, Cohen's κ, the model − human gap) uses the complete items the model predicted, so both sides are scored \
        on the same items.</li>
        <li><strong>Intervals</strong>: Wilson score, 95 % (z = 1.959964): \
        <code>(p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)</code>, on the unit counted (judgements or items).</li>
        <li><strong>McNemar</strong> (exact, two-sided) between human majority and model: b = human right and model wrong, c = the \
        reverse; <code>p = min(1, 2·P[X ≤ min(b, c)])</code>, X ~ Bin(b + c, ½); p = 1 when b + c = 0.</li>
        <li><strong>Error consistency</strong> (Geirhos et al., 2020): c<sub>obs</sub> = share of items where both are right or both \
        wrong; <code>c<sub>exp</sub> = p₁p₂ + (1 − p₁)(1 − p₂)</code> from the two accuracies; \
        <code>κ = (c<sub>obs</sub> − c<sub>exp</sub>) / (1 − c<sub>exp</sub>)</code>; undefined (–) when c<sub>exp</sub> = 1, \
        that is when both sides are always right or both always wrong.</li>
        <li><strong>Krippendorff's α</strong> (nominal) over the first guesses of items with at least two counted judgements, one \
        label per annotator and item: <code>α = 1 − D<sub>o</sub>/D<sub>e</sub></code>; undefined (–) with fewer than two.</li>
        <li><strong>Cohen's κ</strong> between the human-majority label and the model's top-1 label: \
        <code>κ = (p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>)</code>.</li>
        <li><strong>Model − human gap</strong>: model top-1 error − human-majority error on the paired items; positive means the \
        model errs more. (Versions up to 1.1 called it "avoidable bias", but Ng's avoidable bias is training error minus \
        human-level error; the JSON keeps the old key <code>avoidable_bias</code> for one release.)</li>
        <li><strong>Which human</strong>: each annotator's error over their own test judgements (Wilson interval); the median \
        over annotators; the best annotator among those with at least \(report.humans.bestMinimumJudgements) test judgements. \
        The <strong>majority of k</strong> is the expected error of the plurality vote of k judgements drawn without replacement \
        from an item's judgements, a tie that includes the truth counting 1/t; exact over all k-subsets where an item has at most \
        \(MajorityOfK.defaultEnumerationLimit) of them, else \(MajorityOfK.defaultDraws) seeded draws, averaged over items with at \
        least k judgements. <strong>Dawid–Skene</strong>: EM over per-annotator confusion matrices and class priors, started from \
        the majority vote's shares, stopped when the log-likelihood gains less than \(DawidSkene.defaultTolerance) (at most \
        \(DawidSkene.defaultIterationLimit) iterations); each item takes its most probable class.</li>
        <li><strong>Two-way bootstrap</strong> (Owen 2007): annotators and items resampled independently with replacement, a \
        judgement weighted by the product of its annotator's and item's draws; \(report.humans.bootstrapReplicates) replicates, \
        seed \(report.humans.bootstrapSeed), percentile interval. Judgements cluster by annotator and by item, so Wilson's interval, \
        which treats them as independent, is too narrow; the bootstrap's is the one to cite for pooled rates and for the paired \
        model − human differences. Wilson intervals are given for per-item figures (majority, Dawid–Skene, the model).</li>
        <li><strong>Learning curves</strong>: each annotator's top-1 error over successive blocks of judgements, practice and test \
        separately.</li>
        </ul></section>
        """
    }
}
