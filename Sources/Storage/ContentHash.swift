// ContentHash: SHA-256 as lowercase hex, the address of images and the pin of migrations.
import Crypto
import Foundation

public enum ContentHash {
    public static func sha256Hex(_ bytes: Data) -> String {
        let digest = SHA256.hash(data: bytes)
        // Built as bytes: appending Characters one by one cost more than the hash of a token.
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
