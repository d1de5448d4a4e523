// StatusLine: what a command says about what it did, on stderr, so stdout carries only
// data (links, tables, JSON, exports) and can be piped.
import Foundation

enum StatusLine {
    static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
