// Phase: whether a judgement was practice (scored for the annotator only) or test (counted).
public enum Phase: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case practice
    case test
}
