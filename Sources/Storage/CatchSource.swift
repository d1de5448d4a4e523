// CatchSource: where a study's catch trials come from. Items of the dataset's `catch` split
// are never shown elsewhere, so a participant cannot tell them from test items; example and
// spare practice images ("shown") need no extra import but an attentive participant may
// recognise an example thumbnail.
public enum CatchSource: String, Codable, Sendable, CaseIterable {
    /// The `catch` split when the dataset has one, otherwise `shown`.
    case auto
    /// Only items of the dataset's `catch` split.
    case `catch`
    /// Example images and practice images beyond the practice the participant does.
    case shown

    /// The splits catch items are drawn from, given whether the dataset has catch items.
    func splits(datasetHasCatchItems: Bool) -> [Split] {
        switch self {
        case .catch: [.catch]
        case .shown: [.example, .practice]
        case .auto: datasetHasCatchItems ? [.catch] : [.example, .practice]
        }
    }
}
