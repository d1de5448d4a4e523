// TrialTelemetry+Export: the per-trial export's telemetry columns, named as on the wire,
// with the viewport's and the image's size in device pixels worked out from CSS pixels
// and the pixel ratio. One list serves the CSV columns and the JSON lines' object.
import Analysis
import Foundation
import Storage

extension TrialTelemetry {
    enum ExportValue: Encodable {
        case integer(Int?)
        case real(Double?)

        var csvCell: String {
            switch self {
            case let .integer(value): CSVCell.number(value)
            case let .real(value): CSVCell.number(value)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .integer(value): try container.encode(value)
            case let .real(value): try container.encode(value)
            }
        }
    }

    static let exportNames = [
        "hidden_count", "hidden_ms", "blur_count", "blur_ms", "fullscreen_exits", "viewport_width", "viewport_height",
        "device_pixel_ratio", "viewport_device_width", "viewport_device_height", "image_width", "image_height",
        "image_device_width", "image_device_height", "measured_exposure_ms",
    ]

    /// In `exportNames`' order; every value empty for a trial without telemetry.
    static func exportValues(_ telemetry: TrialTelemetry?) -> [ExportValue] {
        let telemetry = telemetry ?? TrialTelemetry()
        let ratio = telemetry.devicePixelRatio
        func devicePixels(_ css: Int?) -> ExportValue {
            guard let css, let ratio else { return .integer(nil) }
            return .integer(Int((Double(css) * ratio).rounded()))
        }
        return [
            .integer(telemetry.hiddenCount), .integer(telemetry.hiddenMilliseconds), .integer(telemetry.blurCount),
            .integer(telemetry.blurMilliseconds), .integer(telemetry.fullscreenExits), .integer(telemetry.viewportWidth),
            .integer(telemetry.viewportHeight), .real(ratio), devicePixels(telemetry.viewportWidth),
            devicePixels(telemetry.viewportHeight), .integer(telemetry.imageWidth), .integer(telemetry.imageHeight),
            devicePixels(telemetry.imageWidth), devicePixels(telemetry.imageHeight),
            .real(telemetry.measuredExposureMilliseconds),
        ]
    }
}
