// ExamplesPayload: GET /api/categories/{index}/examples, more example images of one category.
struct ExamplesPayload: Encodable {
    /// Image URLs (`/images/{handle}`), in the order the picker shows them.
    let examples: [String]
    /// The category's example images in all.
    let total: Int
}
