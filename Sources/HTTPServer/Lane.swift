// Lane: which threads run a route's handler. Annotators' requests are short and many;
// a report or an export can compute for seconds, and on the same threads it would hold
// annotators' requests up behind it.
public enum Lane: Sendable {
    /// The request threads: every route unless it says otherwise.
    case request
    /// Threads of their own, for long work (an admin's report or export).
    case background
}
