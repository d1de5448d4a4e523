// Closeness: tolerance comparison for floating-point expectations in the tests.
/// True when `actual` is present and within `tolerance` of `expected` (absolute).
func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance
}
