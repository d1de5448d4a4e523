// PlanCommandTests: `refhuman plan` through the real binary: its counts, JSON, and one line for every bad value.
import Foundation
import Testing
import TestSupport

@Suite struct PlanCommandTests {
    @Test func anIntervalPlanPrintsTheCountAndItsArithmetic() throws {
        let plan = try Shell.refhuman(["plan", "--error", "5%", "--margin", "1%"])
        #expect(plan.status == 0 && plan.stderr.isEmpty, "\(plan.stderr)")
        #expect(plan.stdout == """
            1825 test items: a 95 % interval on an error rate near 5 % is then ±1 %
              n = z² p(1 − p) / d² = 1.959964² × 0.05 × 0.95 / 0.01² = 1824.69, rounded up
              Wilson check: 1838 items keep the 95 % Wilson interval within ±1 % of an observed 5 %
            5475 judgements: 1825 items × 3 per item

            """)
        // Fractions and percentages read alike.
        let fractions = try Shell.refhuman(["plan", "--error", "0.05", "--margin", "0.01", "--judgements-per-item", "5", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: fractions.stdoutData) as? [String: Any])
        #expect(json["items"] as? Int == 1825 && json["wilson_items"] as? Int == 1838 && json["judgements"] as? Int == 9125)
        #expect(abs((json["items_exact"] as? Double ?? 0) - 1824.6929398297104) < 1e-9)
    }

    @Test func aComparisonPrintsPairedAndUnpairedCounts() throws {
        let plan = try Shell.refhuman(["plan", "--compare", "--human-error", "5%", "--model-error", "3%", "--consistency", "0.3"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let lines = plan.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "human error 5 %, model error 3 %, error consistency κ 0.3 (these rates allow -0.0389 to 0.7402)")
        // scipy gives 1055.2756 paired (see SamplePlanTests) and statsmodels 1505.8054 unpaired.
        #expect(lines.contains { $0.hasPrefix("1056 test items, paired (McNemar's test, Connor 1987): 80 % power, two-sided at 95 % confidence") })
        #expect(lines.contains { $0.hasPrefix("1506 test items per side, unpaired") })
        #expect(lines.last == "3168 judgements: 1056 items × 3 per item")

        let negative = try Shell.refhuman(["plan", "--compare", "--human-error", "0.06", "--model-error", "0.04", "--consistency=-0.02",
                                           "--power", "90%", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: negative.stdoutData) as? [String: Any])
        #expect(json["consistency"] as? Double == -0.02 && json["power"] as? Double == 0.9)
        let table = try #require(json["table"] as? [String: Any])
        // p₁₁ = 0.06 · 0.04 + (−0.02) · (0.06 + 0.04 − 2 · 0.0024) / 2 = 0.0024 − 0.000952 = 0.001448
        #expect(abs((table["both_wrong"] as? Double ?? 0) - 0.001448) < 1e-12)
        // /usr/bin/python3 with scipy: p1, p2, k = .06, .04, -.02; S = p1 + p2 - 2*p1*p2; p11 = p1*p2 + k*S/2;
        // psi = p1 + p2 - 2*p11; d = p1 - p2; ((norm.ppf(.975)*sqrt(psi) + norm.ppf(.9)*sqrt(psi - d*d))/d)**2
        // = 2546.6252610200036, so 2,547 items.
        #expect(abs((json["paired_items_exact"] as? Double ?? 0) - 2546.6252610200036) < 1e-8)
        #expect(json["paired_items"] as? Int == 2547)
    }

    @Test(arguments: [
        (["--error", "5", "--margin", "1%"], "refhuman: --error must lie strictly between 0 and 1 (0 % and 100 %), got 5", Int32(1)),
        (["--error", "5%", "--margin", "6%"],
         "refhuman: --margin must be above 0 and below 0.05 (the smaller of --error and 1 − --error), got 0.06", 1),
        (["--error", "kitten", "--margin", "1%"], "refhuman: --error: 'kitten' is not a number (write 0.05 or 5%)", 1),
        (["--error", "5%", "--margin", "1%", "--confidence", "100%"],
         "refhuman: --confidence must lie strictly between 0 and 1 (e.g. 0.95 or 95%), got 1", 1),
        (["--error", "5%", "--margin", "1%", "--judgements-per-item", "2.5"], "refhuman: --judgements-per-item: '2.5' is not a whole number", 1),
        (["--compare", "--human-error", "5%", "--model-error", "3%", "--consistency", "0.9"],
         "refhuman: --consistency 0.9 is impossible with these error rates; it must lie between -0.0389 and 0.7402", 1),
        (["--compare", "--human-error", "5%", "--model-error", "0.05"],
         "refhuman: --human-error and --model-error are both 0.05: there is no difference to detect", 1),
        (["--compare", "--human-error", "5%", "--model-error", "3%", "--power", "1.2"],
         "refhuman: --power must lie strictly between 0 and 1 (e.g. 0.8 or 80%), got 1.2", 1),
        (["--error", "0.5", "--margin", "1e-200"],
         "refhuman: the plan needs endlessly many items or judgements, more than any study can collect; widen --margin or compare rates further apart", 1),
        (["--error", "5%"], "refhuman: an interval plan needs --margin", 64),
        (["--compare", "--human-error", "5%"], "refhuman: a comparison (--compare) needs --model-error", 64),
        (["--compare", "--error", "5%", "--human-error", "5%", "--model-error", "3%"], "refhuman: --error does not apply to a comparison (--compare)", 64),
        (["--error", "5%", "--margin", "1%", "--model-error", "3%"],
         "refhuman: --model-error does not apply to an interval plan (add --compare)", 64),
    ])
    func badInputIsRefusedInOneLine(arguments: [String], line: String, status: Int32) throws {
        let refused = try Shell.refhuman(["plan"] + arguments)
        #expect(refused.status == status && refused.stderrLines == [line], "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
    }
}

