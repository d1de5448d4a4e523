// Gallery: the items matching one report question ("which did every human miss?"), capped.
public struct Gallery: Sendable, Equatable, Encodable {
    /// All matching items, even those beyond the cap.
    public var count: Int
    /// The first matching items by id, at most `ItemGalleries.limit`.
    public var items: [GalleryItem]
}
