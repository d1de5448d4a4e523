// ContentHash: SHA-256 as lowercase hex, the address of images and the pin of migrations,
// computed by the system's libcrypto.
import CLibCrypto
import Foundation

public enum ContentHash {
    /// SHA-256 fetched once: OpenSSL 3's one-shot SHA256() fetches the algorithm (locks,
    /// provider lookup) on every call, and every request's token is hashed.
    private nonisolated(unsafe) static let sha256 = EVP_MD_fetch(nil, "SHA256", nil)

    public static func sha256Hex(_ bytes: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        let hashed = bytes.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, nil, sha256, nil)
        }
        precondition(hashed == 1, "libcrypto could not compute SHA-256")
        // Every imported image and every request's token is hashed: two table lookups per
        // byte, not a formatted string per byte.
        var hex = [UInt8]()
        hex.reserveCapacity(2 * digest.count)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
