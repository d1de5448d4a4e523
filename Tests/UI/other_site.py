"""other_site.py — a page on another site, for the login-CSRF checks and the MTurk checks: a
tiny HTTP server on 127.0.0.2 (a different site from the 127.0.0.1 that refhuman serves on,
as far as the browser's cookies and Sec-Fetch-Site go) that answers every GET and POST with
one fixed HTML page, and records each POST (as MTurk's externalSubmit would receive it).
With tls= (browser.MTurkStandIn) it serves HTTPS on that port as https://www.mturk.com."""

import http.server
import ssl
import threading
import urllib.parse


class OtherSite:
    """`with OtherSite(html) as site:` serves `html` at `site.url` until the block ends (set
    `site.page` to bytes to serve another page); `site.posts` lists each POST received as
    (path, form fields as a dict of lists)."""

    HOST = "127.0.0.2"

    def __init__(self, html, tls=None):
        self.page = html.encode()
        posts = self.posts = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                page = site.page
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def do_GET(self):
                self.answer()

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8", "replace")
                posts.append((self.path, urllib.parse.parse_qs(body, keep_blank_values=True)))
                self.answer()

            def log_message(self, *args):
                pass  # the test's output is for the test's own lines

        self.httpd = http.server.ThreadingHTTPServer((self.HOST, tls.port if tls else 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{self.HOST}:{self.httpd.server_address[1]}/"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(tls.cert), str(tls.key))
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            self.url = "https://www.mturk.com/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
