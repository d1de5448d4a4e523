"""server.py — the real `refhuman` binary as the UI tests need it: import a bundle, add
annotators and studies, serve on a free port with a temporary database, and stop, freeze
or restart the server on the same port and database to simulate a failing network. The
API knows items by their study's handles; `item_of` turns one back into the item's row."""

import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path


class Server:
    def __init__(self, binary, public, workdir):
        self.binary = str(binary)
        self.public = str(public)
        self.workdir = Path(workdir)
        self.db = str(self.workdir / "refhuman.sqlite")
        self.process = None
        self.url = None
        self.admin_link = None
        self.port = 0
        self.log = self.workdir / "serve.log"

    def run(self, *args):
        """Runs a CLI command on this database; returns its stdout or raises with stderr."""
        done = subprocess.run([self.binary, *args, "--db", self.db], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"refhuman {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def import_bundle(self, directory):
        return self.run("import", "bundle", str(directory))

    def start(self, port=None):
        """Serves on `port` (default: the previous one, or a free one) and waits for the
        banner lines: 'RefHuman is serving on URL' and '  admin link:  URL'."""
        port = self.port if port is None else port
        out = open(self.log, "a")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--port", str(port), "--db", self.db, "--public", self.public],
            stdout=subprocess.PIPE, stderr=out, text=True, bufsize=1)
        deadline = time.monotonic() + 20
        lines = []
        while time.monotonic() < deadline and not self.admin_link:
            line = self.process.stdout.readline()
            if not line:
                if self.process.poll() is not None:
                    raise RuntimeError(f"server exited: {''.join(lines)} {self.log.read_text()[-500:]}")
                continue
            lines.append(line)
            out.write(line)
            out.flush()
            if m := re.match(r"RefHuman is serving on (http://\S+)", line):
                self.url = m.group(1)
            elif m := re.match(r"\s*admin link:\s+(http://\S+)", line):
                self.admin_link = m.group(1)
        if not (self.url and self.admin_link):
            raise RuntimeError(f"no serving banner from refhuman: {lines}")
        self.port = int(self.url.rsplit(":", 1)[1])
        # Keep draining stdout so the server never blocks on a full pipe.
        def drain(stream=self.process.stdout):
            for line in stream:
                out.write(line)
            out.close()
        threading.Thread(target=drain, daemon=True).start()
        return self.url

    def add_annotator(self, name):
        """Adds an annotator and returns their invite link, exactly as the CLI prints it."""
        out = self.run("annotators", "add", name, "--base-url", self.url)
        link = out.strip().splitlines()[0]
        assert link.startswith(self.url + "/join/"), f"unexpected invite output: {out!r}"
        return link

    def add_study(self, name, *options):
        """Creates a study with `studies create NAME OPTIONS…` and returns its public
        enrolment link, exactly as `studies link` prints it."""
        self.run("studies", "create", name, *options)
        out = self.run("studies", "link", name, "--base-url", self.url)
        link = out.strip().splitlines()[0]
        assert link.startswith(self.url + "/s/"), f"unexpected link output: {out!r}"
        return link

    def freeze(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def kill(self):
        """Dies as a crash would: no chance to answer anything still in flight."""
        self.process.send_signal(signal.SIGCONT)
        self.process.kill()
        self.process.wait(timeout=10)
        self.admin_link = None

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.admin_link = None

    def item_of(self, handle):
        """The item row id behind a handle the API gave out (handles are unique across
        studies); raises when the database knows no such handle."""
        rows = self.query("SELECT item_id FROM item_handle WHERE handle = ?", handle)
        assert len(rows) == 1, f"{len(rows)} items with handle {handle!r}"
        return rows[0][0]

    def study_of(self, handle):
        """The study whose handle this is."""
        rows = self.query("SELECT study_id FROM item_handle WHERE handle = ?", handle)
        assert len(rows) == 1, f"{len(rows)} studies with handle {handle!r}"
        return rows[0][0]

    def query(self, sql, *args):
        """Reads the database (read-only; fine next to the running server in WAL mode)."""
        connection = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=10)
        try:
            return connection.execute(sql, args).fetchall()
        finally:
            connection.close()
