// ContentHash: SHA-256 as lowercase hex, the address of images and the pin of migrations.
import Crypto
import Foundation

public enum ContentHash {
    public static func sha256Hex(_ bytes: Data) -> String {
        let digest = SHA256.hash(data: bytes)
        var hex = ""
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return hex
    }

    private static let hexDigits = Array("0123456789abcdef")
}
