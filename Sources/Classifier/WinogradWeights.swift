// WinogradWeights: one Conv2D's filters in the Winograd domain (see Winograd),
// made on first use and again whenever the weights have changed since, and
// shared by every thread running inference on that layer.

import Foundation

final class WinogradWeights: @unchecked Sendable {
    // NSLock rather than Synchronization.Mutex, which needs macOS 15 on Apple platforms.
    private let lock = NSLock()
    private var source: [Float] = []       // the weights `transformed` was made from
    private var transformed: [Float] = []  // U: [16, F, C]

    /// U: [16, F, C] for `weights`: [F, C, 3, 3]. Cheap when the weights are unchanged:
    /// `source` shares their storage, and Array's == compares identical storage in
    /// O(1). Any write to the weights (an optimiser step, loading a file) copies or
    /// replaces that storage, so a change is never missed; at worst equal values in
    /// new storage cost one element-wise comparison, after which the storage is shared again.
    func transformed(for weights: [Float], outChannels: Int, inChannels: Int) -> [Float] {
        lock.lock()
        defer { lock.unlock() }
        if transformed.isEmpty || weights != source {
            transformed = Winograd.transformWeights(weights, outChannels: outChannels, inChannels: inChannels)
        }
        source = weights
        return transformed
    }
}
