// TelemetryPayload: the optional `telemetry` object of POST /api/judgements, as the page
// sends it (snake_case on the wire, through WireJSON).
import Storage

struct TelemetryPayload: Decodable {
    let hiddenCount: Int?
    let hiddenMs: Int?
    let blurCount: Int?
    let blurMs: Int?
    let fullscreenExits: Int?
    let viewportWidth: Int?
    let viewportHeight: Int?
    let devicePixelRatio: Double?
    let imageWidth: Int?
    let imageHeight: Int?
    let measuredExposureMs: Double?

    var telemetry: TrialTelemetry {
        TrialTelemetry(hiddenCount: hiddenCount, hiddenMilliseconds: hiddenMs, blurCount: blurCount, blurMilliseconds: blurMs,
                       fullscreenExits: fullscreenExits, viewportWidth: viewportWidth, viewportHeight: viewportHeight,
                       devicePixelRatio: devicePixelRatio, imageWidth: imageWidth, imageHeight: imageHeight,
                       measuredExposureMilliseconds: measuredExposureMs)
    }
}
