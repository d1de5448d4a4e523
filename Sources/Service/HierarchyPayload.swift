// HierarchyPayload: GET /api/hierarchy, the inner nodes of the category tree, parents first.
import Storage

struct HierarchyPayload: Encodable {
    let nodes: [CategoryNode]
}
