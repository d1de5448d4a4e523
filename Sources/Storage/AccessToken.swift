// AccessToken: login tokens for invite and admin links. Only their SHA-256 is stored, and
// a token is looked up by its hash: the timing of SQLite's index comparison can then leak
// at most a prefix of a stored hash, which does not help anyone find a token, so no
// secret is ever compared in variable time.
import Foundation

public enum AccessToken {
    /// 32 random bytes as 64 hex characters (from the system's CSPRNG).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    public static func hash(_ token: String) -> String { ContentHash.sha256Hex(Data(token.utf8)) }
}
