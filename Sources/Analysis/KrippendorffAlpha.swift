// KrippendorffAlpha: Krippendorff's α for nominal labels, the agreement between annotators.
/// Input: one list of labels per unit (item), one label per annotator who judged it. Only
/// units with at least two labels are pairable; the others are dropped. Following
/// Krippendorff (2011, "Computing Krippendorff's alpha-reliability"), with m_u labels in unit
/// u, n_uc of them equal to c, and n_c = Σ_u n_uc, n = Σ_c n_c over pairable units:
///
///     n·D_o = Σ_u (m_u² − Σ_c n_uc²) / (m_u − 1)   unequal ordered pairs within units,
///                                                each unit weighted 1/(m_u − 1)
///     n·D_e = (n² − Σ_c n_c²) / (n − 1)            unequal ordered pairs among all labels
///     α = 1 − D_o / D_e
///
/// Returns nil when no unit is pairable, and when every pairable label is the same category:
/// then D_e = 0 and α = 0/0. Krippendorff leaves α undefined there because data without
/// variation cannot show whether annotators agree by skill or by the data; a report must not
/// print 1 (or 0) for that.
public enum KrippendorffAlpha {
    public static func nominal<Units: Sequence>(units: Units) -> Double? where Units.Element == [Int] {
        var observedDisagreement = 0.0
        var labelTotals: [Int: Int] = [:]
        // A unit has a handful of labels: a short list, reused across units, not a hash table per unit.
        var countsInUnit: [(label: Int, count: Int)] = []
        for unit in units where unit.count >= 2 {
            let m = Double(unit.count)
            countsInUnit.removeAll(keepingCapacity: true)
            for label in unit {
                if let index = countsInUnit.firstIndex(where: { $0.label == label }) {
                    countsInUnit[index].count += 1
                } else {
                    countsInUnit.append((label, 1))
                }
            }
            let equalPairs = countsInUnit.reduce(0.0) { $0 + Double($1.count * $1.count) }
            observedDisagreement += (m * m - equalPairs) / (m - 1)
            for entry in countsInUnit { labelTotals[entry.label, default: 0] += entry.count }
        }
        guard !labelTotals.isEmpty else { return nil }  // no pairable unit

        let n = Double(labelTotals.values.reduce(0, +))
        let equalPairsOverall = labelTotals.values.reduce(0.0) { $0 + Double($1 * $1) }
        let expectedDisagreement = (n * n - equalPairsOverall) / (n - 1)
        guard expectedDisagreement > 0 else { return nil }
        return 1 - observedDisagreement / expectedDisagreement
    }
}
