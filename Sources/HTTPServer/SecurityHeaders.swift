// SecurityHeaders: what every response carries so a browser keeps the pages to
// themselves: scripts and styles only from files of this origin (no inline script for
// an injected string to become), no framing, no MIME sniffing, no Referer (an invite
// link's token must not leak to another site), and HSTS once HTTPS is in use.
public enum SecurityHeaders {
    static let contentSecurityPolicy = policy(formActions: [])

    /// The usual policy, with forms also allowed to post to `formActions` (origins: an
    /// MTurk worker's page posts the finished assignment back to MTurk) and the page
    /// allowed in frames of `frameAncestors` (origins; none by default).
    public static func policy(formActions: [String], frameAncestors: [String] = []) -> String {
        [
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
            "connect-src 'self'", "object-src 'none'", "base-uri 'none'", (["form-action 'self'"] + formActions).joined(separator: " "),
            "frame-ancestors " + (frameAncestors.isEmpty ? "'none'" : frameAncestors.joined(separator: " ")),
        ].joined(separator: "; ")
    }

    /// For a generated page shown inside our own admin page (the HTML report): its
    /// stylesheet is inline so the downloaded file stands alone, and the admin page frames it.
    /// Still no script at all.
    public static let framedDocumentPolicy = [
        "default-src 'self'", "script-src 'none'", "style-src 'unsafe-inline'", "img-src 'self' data:",
        "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'self'",
    ].joined(separator: "; ")

    /// Calls `add` with each header a response gets unless it set its own (a handler may
    /// set its own policy); handed over one by one, as every response adds them.
    static func forEach(secure: Bool, besides response: Response, _ add: (String, String) -> Void) {
        add("X-Content-Type-Options", "nosniff")
        add("Referrer-Policy", "no-referrer")
        if response.header("Content-Security-Policy") == nil { add("Content-Security-Policy", contentSecurityPolicy) }
        if secure { add("Strict-Transport-Security", "max-age=31536000") }
    }
}
