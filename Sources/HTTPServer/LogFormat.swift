// LogFormat: how the access log writes its lines: words for people, JSON for tools.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json
}
