// Phase: whether a judgement was practice (scored for the annotator only), test (counted),
// or a catch trial (an attention check among the test trials, scored per participant and
// never counted as test data).
public enum Phase: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case practice
    case test
    case `catch`
}
