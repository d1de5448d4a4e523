// AccessLogChoice: `serve --log`: the access log's format, or none.
import ArgumentParser
import HTTPServer

enum AccessLogChoice: String, ExpressibleByArgument, CaseIterable {
    case text, json, off

    var format: LogFormat? {
        switch self {
        case .text: .text
        case .json: .json
        case .off: nil
        }
    }
}
