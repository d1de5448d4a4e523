# transport_floor.py: nginx answering capacity.py's three requests with fixed bodies, the floor any server on this machine stands on.
"""The transport floor of Benchmarks/capacity.py.

capacity.py drives `refhuman serve` with N annotators on the same two cores as the load
generator. To tell the server's own cost from what the machine and the load generator
cost anyway (loopback TCP, the load generator's own work, the kernel's scheduling), the
same ramp runs against nginx answering the same three requests with fixed bodies: a lease
naming one PNG, that PNG from a file, and a judgement receipt. nginx reads every request
and its body and writes an access log line per request, as refhuman does, but looks
nothing up and stores nothing. Whatever N it carries is the most any server could carry here with
this load generator; the cores it uses at a given N are the transport's share.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

import capacity_client

NGINX = "/usr/sbin/nginx"


def available():
    return os.access(NGINX, os.X_OK)


def tiny_png(side=28):
    """A grey ramp of side x side pixels, as PNG (the client checks the signature)."""
    raw = b"".join(b"\x00" + bytes((x * 9) % 256 for x in range(side)) for _ in range(side))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


class NginxFloor:
    """nginx on a free loopback port with `workers` worker processes, answering
    POST /api/next, GET /images/floor.png and POST /api/judgements. Offers what
    capacity.run_step needs of a server: port, pids(), cpu_seconds(), thread_cpu(), alive()."""

    def __init__(self, workers, process_cpu_seconds):
        self.process_cpu_seconds = process_cpu_seconds
        self.workdir = tempfile.mkdtemp(prefix="refhuman-floor-")
        # nginx's workers run as an unprivileged user and must read the image.
        os.chmod(self.workdir, 0o755)
        os.makedirs(os.path.join(self.workdir, "images"))
        os.makedirs(os.path.join(self.workdir, "temp"))
        with open(os.path.join(self.workdir, "images", "floor.png"), "wb") as image:
            image.write(tiny_png())
        self.port = free_port()
        lease = '[{"item_id":"0f1e2d3c4b5a6978","image_url":"/images/floor.png","phase":"test","expires_at":"2099-01-01T00:00:00.000Z"}]'
        receipt = '{"uuid":"00000000-0000-4000-8000-000000000000","item_id":"0f1e2d3c4b5a6978","phase":"test"}'
        temp = os.path.join(self.workdir, "temp")
        config = f"""
daemon off;
master_process on;
worker_processes {workers};
worker_rlimit_nofile 65536;
pid {self.workdir}/nginx.pid;
error_log {self.workdir}/error.log;
events {{ worker_connections 30000; use epoll; }}
http {{
    access_log {self.workdir}/access.log;
    keepalive_requests 1000000;
    keepalive_timeout 120s;
    client_body_temp_path {temp}; proxy_temp_path {temp}; fastcgi_temp_path {temp}; uwsgi_temp_path {temp}; scgi_temp_path {temp};
    server {{
        listen 127.0.0.1:{self.port} backlog=65535;
        root {self.workdir};
        location = /api/next {{ default_type application/json; return 200 '{lease}'; }}
        location = /api/judgements {{ default_type application/json; return 200 '{receipt}'; }}
        location /images/ {{ default_type image/png; }}
    }}
}}
"""
        config_path = os.path.join(self.workdir, "nginx.conf")
        with open(config_path, "w") as out:
            out.write(config)
        self.process = subprocess.Popen([NGINX, "-c", config_path, "-p", self.workdir], stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=capacity_client.raise_fd_limit,
                                        start_new_session=True)
        self.pid = self.process.pid
        deadline = time.monotonic() + 10
        while len(self.pids()) < workers + 1:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                sys.exit(f"capacity: nginx did not start: {self.process.stderr.read().decode(errors='replace')[-500:]}")
            time.sleep(0.05)

    def pids(self):
        """The master and its workers."""
        try:
            children = open(f"/proc/{self.pid}/task/{self.pid}/children").read().split()
        except OSError:
            return [self.pid]
        return [self.pid] + [int(child) for child in children]

    def cpu_seconds(self):
        return sum(self.process_cpu_seconds(pid) or 0.0 for pid in self.pids())

    def thread_cpu(self):
        """Per process here (nginx's workers are processes, not threads)."""
        return {str(pid): ("nginx" if pid != self.pid else "nginx-master", self.process_cpu_seconds(pid) or 0.0)
                for pid in self.pids()}

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        capacity_client.stop_process(self.process, 10)
        shutil.rmtree(self.workdir, ignore_errors=True)


def free_port():
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
