// AccessToken: login tokens for invite and admin links. Only their SHA-256 is stored,
// and stored hashes are compared in constant time.
import Foundation

public enum AccessToken {
    /// 32 random bytes as 64 hex characters (from the system's CSPRNG).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    public static func hash(_ token: String) -> String { ContentHash.sha256Hex(Data(token.utf8)) }

    /// Equal strings, in time that depends only on their length.
    public static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
