// StaticFiles: serves a directory (Public/) by file descriptor, with content types,
// ETag/304, and no way out of the root: `..` segments are refused and every resolved
// path, symlinks followed, must stay inside the root.
import Foundation

public struct StaticFiles: Sendable {
    public let root: String

    /// - Parameter root: the directory to serve; resolved once, symlinks included.
    public init(root: String) {
        self.root = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
    }

    /// `/` serves `index.html`; a path without an extension may name `<path>.html`.
    public func response(for request: Request, path: String? = nil) throws -> Response {
        let requested = path ?? request.path
        let segments = requested.split(separator: "/", omittingEmptySubsequences: true)
        // libmicrohttpd has already percent-decoded the path, so `%2e%2e` arrives as `..`.
        guard !segments.contains(where: { $0 == ".." || $0 == "." || $0.contains("\0") || $0.contains("\\") }) else {
            throw HTTPError.notFound(requested)
        }
        var relative = segments.joined(separator: "/")
        if relative.isEmpty { relative = "index.html" }
        var candidate = root + "/" + relative
        if !FileManager.default.fileExists(atPath: candidate) && !relative.contains(".") {
            candidate += ".html"
        }
        let resolved = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root + "/") else { throw HTTPError.notFound(requested) }

        let descriptor = open(resolved, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw HTTPError.notFound(requested) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw HTTPError.notFound(requested)
        }
        let etag = "\"\(String(status.st_size, radix: 16))-\(String(status.st_mtim.tv_sec, radix: 16))-\(String(status.st_mtim.tv_nsec, radix: 16))\""
        let headers: [(name: String, value: String)] = [
            ("Content-Type", ContentType.forFile(resolved)),
            ("ETag", etag),
            // Revalidate every time: the UI has no build step that would fingerprint names.
            ("Cache-Control", "no-cache"),
        ]
        if let ifNoneMatch = request.header("if-none-match"),
           ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
            close(descriptor)
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .file(descriptor: descriptor, size: Int(status.st_size)))
    }
}
