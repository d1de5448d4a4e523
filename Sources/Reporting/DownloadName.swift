// DownloadName: the file name an admin download is saved under: dataset, day and contents.
import Foundation

/// `fashion-mnist-2026-11-30-report.html`: downloads from several studies and days then sort
/// and tell apart in a downloads folder, where a dozen `report.html` copies would not.
public enum DownloadName {
    /// The day is the server's local date, the calendar the researcher running it reads.
    /// Characters outside `A-Z a-z 0-9 . _ -` become `-`, so a dataset name can neither
    /// break the Content-Disposition header's quotes nor name a path.
    public static func file(dataset: String?, contents: String, fileExtension: String, on date: Date = Date()) -> String {
        let day = ISO8601DateFormatter.string(from: date, timeZone: .current, formatOptions: [.withFullDate])
        let name = safe(dataset ?? "refhuman")
        return "\(name.isEmpty ? "refhuman" : name)-\(day)-\(contents).\(fileExtension)"
    }

    private static func safe(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            let allowed = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-_".unicodeScalars.contains(scalar))
            if allowed { result.unicodeScalars.append(scalar) } else if !result.hasSuffix("-") { result += "-" }
        }
        return result
    }
}
