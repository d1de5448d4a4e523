# request_cost.py: the server CPU one request of each kind costs, under wrk (`make bench`).
"""Server CPU per request of `refhuman serve`, one route at a time, run by `make bench`.

Builds the capacity benchmark's database (capacity.prepare_database), serves it with
`--log off`, leases one item, then runs `wrk -t1 -c32` against each route for a few seconds
and divides the server's CPU (utime + stime from /proc/PID/stat) by the requests wrk
completed:

- `GET /api/me` without a token: a 401, no database read (libmicrohttpd, the suspend, a
  handler task and the resume: the floor of any request);
- `GET /images/{handle}` with a bearer token: the account read and the image read;
- `GET /api/me` with a bearer token: the account read and the status queries.

    .build/bench-venv/bin/python Benchmarks/request_cost.py --refhuman .build/release/refhuman
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import capacity  # noqa: E402  (beside this file)
import capacity_client  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--refhuman", default=os.path.join(capacity.REPO, ".build/release/refhuman"))
    parser.add_argument("--seconds", type=int, default=6, help="wrk's duration per route")
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("request_cost: wrk is missing (Debian package wrk)")
    # The capacity benchmark's own database, for a handful of annotators.
    setup = types.SimpleNamespace(refhuman=args.refhuman, bundle=os.path.join(capacity.REPO, "Datasets/fashion-mnist"),
                                  idx="/usr/share/datasets/fashion-mnist", test_items=2000, think=3.0, gap=0.1,
                                  warmup_cycles=2.0, seconds=15.0, legit_annotators=8, legit_seconds=30.0, judgements_per_item=None)
    workdir = tempfile.mkdtemp(prefix="refhuman-request-cost-")
    server = None
    try:
        database = capacity.prepare_database(setup, workdir, [8], 3.2, setup.refhuman)
        server = capacity.Server(args.refhuman, database["path"], workdir, ["--log", "off"], "cost")
        token = database["tokens"][0]
        status, body = capacity.request(server.port, "POST", "/api/next?count=1", token)
        lease = capacity_client.parse_lease(body) if status == 200 else None
        if lease is None:
            sys.exit(f"request_cost: the first lease failed ({status}): {body[:200]!r}")
        bearer = ["-H", f"Authorization: Bearer {token}"]
        routes = [("401, no read", "/api/me", []), ("image + token", lease[1].decode(), bearer),
                  ("/api/me + token", "/api/me", bearer)]
        print(f"server CPU per request (wrk -t1 -c{args.connections} -d{args.seconds}s, --log off):")
        for label, path, headers in routes:
            before = server.cpu_seconds()
            out = subprocess.run(["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds}s", *headers,
                                  f"http://127.0.0.1:{server.port}{path}"], capture_output=True, text=True, check=True).stdout
            used = server.cpu_seconds() - before
            requests = int(re.search(r"(\d+) requests in", out).group(1))
            print(f"  {label:16s} {requests / args.seconds:9.0f} req/s  server {used / args.seconds:.2f} cores"
                  f"  {1e6 * used / requests:6.0f} µs/request")
    finally:
        if server:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
