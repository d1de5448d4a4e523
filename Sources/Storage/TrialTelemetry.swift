// TrialTelemetry: what the annotator's page observed during one trial (tab hidden, focus
// lost, fullscreen left, screen and image size, measured exposure), kept with the
// judgement so a study can check its participants' attention and viewing conditions.
public struct TrialTelemetry: Sendable, Equatable {
    public var hiddenCount: Int?
    public var hiddenMilliseconds: Int?
    public var blurCount: Int?
    public var blurMilliseconds: Int?
    public var fullscreenExits: Int?
    /// CSS pixels; device pixels are these times `devicePixelRatio`.
    public var viewportWidth: Int?
    public var viewportHeight: Int?
    public var devicePixelRatio: Double?
    /// The displayed image, in CSS pixels.
    public var imageWidth: Int?
    public var imageHeight: Int?
    /// From the frame that painted the image to the frame that masked it; only with an exposure time.
    public var measuredExposureMilliseconds: Double?

    public init(hiddenCount: Int? = nil, hiddenMilliseconds: Int? = nil, blurCount: Int? = nil, blurMilliseconds: Int? = nil,
                fullscreenExits: Int? = nil, viewportWidth: Int? = nil, viewportHeight: Int? = nil,
                devicePixelRatio: Double? = nil, imageWidth: Int? = nil, imageHeight: Int? = nil,
                measuredExposureMilliseconds: Double? = nil) {
        self.hiddenCount = hiddenCount
        self.hiddenMilliseconds = hiddenMilliseconds
        self.blurCount = blurCount
        self.blurMilliseconds = blurMilliseconds
        self.fullscreenExits = fullscreenExits
        self.viewportWidth = viewportWidth
        self.viewportHeight = viewportHeight
        self.devicePixelRatio = devicePixelRatio
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.measuredExposureMilliseconds = measuredExposureMilliseconds
    }

    /// The first value out of range, named as on the wire, or nil when all are usable.
    public var problem: String? {
        let counts: [(String, Int?)] = [("hidden_count", hiddenCount), ("hidden_ms", hiddenMilliseconds), ("blur_count", blurCount),
                                        ("blur_ms", blurMilliseconds), ("fullscreen_exits", fullscreenExits),
                                        ("image_width", imageWidth), ("image_height", imageHeight)]
        if let (name, _) = counts.first(where: { ($0.1 ?? 0) < 0 }) { return "telemetry.\(name) must not be negative" }
        if let (name, _) = [("viewport_width", viewportWidth), ("viewport_height", viewportHeight)].first(where: { ($0.1 ?? 1) < 1 }) {
            return "telemetry.\(name) must be positive"
        }
        if let ratio = devicePixelRatio, !(ratio > 0 && ratio.isFinite) { return "telemetry.device_pixel_ratio must be positive" }
        if let exposure = measuredExposureMilliseconds, !(exposure >= 0 && exposure.isFinite) {
            return "telemetry.measured_exposure_ms must not be negative"
        }
        return nil
    }
}
