// ContentHash: SHA-256 as lowercase hex, the address of images and the pin of migrations,
// computed by the system's libcrypto.
import CLibCrypto
import Foundation

public enum ContentHash {
    public static func sha256Hex(_ bytes: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBytes { raw in
            _ = SHA256(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &digest)
        }
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
