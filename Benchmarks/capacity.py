# capacity.py: how many simulated annotators `refhuman serve` carries at p99 <= 100 ms, and what a slowloris does to the others (`make bench`).
"""Capacity benchmark of `refhuman serve`, run by `make bench`.

Part 1, the ramp. N simulated annotators, each on its own keep-alive HTTP/1.1 connection,
loop lease (POST /api/next?count=1) -> image (GET /images/<sha256>) -> judgement
(POST /api/judgements) with a 3-second think time. The load is open loop: each request has
a due time on a fixed timetable and its latency counts from that due time, so a slow
server shows as latency instead of slowing the clients down (coordinated omission is
corrected). N steps through 1,000 ... 20,000; each step opens its connections, starts the
annotators staggered over one cycle, warms up for two cycles, then measures ~24 s. For each
N it reports requests/s, p50/p99/max per request type, errors, the server's CPU (utime +
stime from /proc/PID/stat over the window, as cores) and the load generator's, and at the
end the largest N with every p99 <= 100 ms and no errors.

Part 2, slowloris. On a fresh server with the default per-address connection limit, a few
legitimate annotators from 127.0.0.2 are measured unloaded, then again while 127.0.0.3
holds 5,000 slow connections (a request head that never ends, one byte every few seconds).
It reports both p99s, their ratio, and how many of the 5,000 the server accepted and kept.

Part 3, the transport floor (transport_floor.py). The same load generator and timetable
against nginx answering the three requests with fixed bodies: what the machine and the
load generator allow any server, and the transport's share of the cores at each N.

Comparison (--baseline OTHER_BINARY): the ramp alone, with the other binary and with
--refhuman in turn, --rounds times, each run on a fresh copy of the database; it prints
each step's p99s, CPU per request and passes per binary. This VM's spread between sittings
is larger than most single changes, so a change is judged against its baseline this way.

Load generator (--generator): native by default, capacity_load.c, one process per --workers
on epoll, built into .build/capacity_load by this script (with `cc`, which `make bench`
installs) when missing or older than its source; or python, the reference it follows request for request
(capacity_client.py, asyncio on uvloop in forked worker processes, which also says why not
wrk). Both run on the server's two cores. The native one does almost no work in user space
and costs about half the Python client's CPU per request; what it still costs is mostly the
kernel's (loopback TCP, waking the server, sleeping and waking itself), which the Python
client pays as well. Its requests also arrive on time, not in the bunches an interpreter's
late timers make, so the server wakes more often and its CPU per request reads higher with
it (docs/benchmarks.md). The slowloris attacker is always the Python client. All traffic
goes to 127.0.0.0/8 and every phase ends by itself.

    .build/bench-venv/bin/python Benchmarks/capacity.py --refhuman .build/release/refhuman [--json out.json]
"""
import argparse
import datetime
import hashlib
import http.client
import json
import math
import multiprocessing
import os
import re
import secrets
import select
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import capacity_client  # noqa: E402  (beside this file)
import transport_floor  # noqa: E402

KINDS = capacity_client.KINDS
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NATIVE_SOURCE = os.path.join(REPO, "Benchmarks/capacity_load.c")
NATIVE_BINARY = os.path.join(REPO, ".build/capacity_load")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--refhuman", default=os.path.join(REPO, ".build/release/refhuman"), help="the refhuman binary to serve with")
    parser.add_argument("--bundle", default=os.path.join(REPO, "Datasets/fashion-mnist"),
                        help="dataset bundle whose dataset.json (title, categories) the benchmark's own bundle starts from")
    parser.add_argument("--idx", default="/usr/share/datasets/fashion-mnist", help="IDX files `refhuman bundle build` samples from")
    parser.add_argument("--test-items", type=int, default=10000, help="test items of the benchmark's bundle")
    parser.add_argument("--judgements-per-item", type=int,
                        help="the study's judgements per item (default: sized to the run's plan, so items never run out; "
                             "the assignment board's work grows with it, so a short run can be given a long run's)")
    parser.add_argument("--steps", default="1000,2500,5000,7500,8500,9000,10000,15000,20000", help="annotator counts of the ramp")
    parser.add_argument("--think", type=float, default=3.0, help="seconds between the image and the judgement")
    parser.add_argument("--gap", type=float, default=0.1,
                        help="seconds from one request's due time to the next one's in a chain (lease -> image, judgement -> lease)")
    parser.add_argument("--warmup-cycles", type=float, default=2.0, help="cycles before the window opens")
    parser.add_argument("--seconds", type=float, default=24.0, help="length of each step's measured window")
    parser.add_argument("--workers", type=int,
                        help="load generator processes (default: 1 native, whose one epoll loop takes more answers per wake-up "
                             "than two would; 2 python, whose interpreter needs two processes to keep up)")
    parser.add_argument("--generator", choices=["native", "python"], default="native",
                        help="the annotators' load generator, of the ramp, the comparison, the floor and slowloris's legitimate "
                             "annotators: native (capacity_load.c) or python (capacity_client.py, the reference; it is always "
                             "the slowloris attacker)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds without an answer before a request counts as failed")
    parser.add_argument("--drain", type=float, default=15.0, help="seconds after the window for late requests to finish")
    parser.add_argument("--bound-ms", type=float, default=100.0, help="the p99 bound of the capacity figure")
    parser.add_argument("--lease-method", choices=["auto", "POST", "GET"], default="auto",
                        help="POST is the contract; auto falls back to GET for a server built before the switch")
    parser.add_argument("--baseline", metavar="BINARY",
                        help="compare: run the ramp with this refhuman binary and with --refhuman in turn, --rounds times, "
                             "each on a fresh copy of the database (no slowloris, no floor)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds of a --baseline comparison")
    parser.add_argument("--no-floor", action="store_true",
                        help="skip the transport floor (the same ramp against nginx answering with fixed bodies)")
    parser.add_argument("--floor-steps", default="5000,10000,15000", help="annotator counts of the transport floor's ramp")
    parser.add_argument("--no-slowloris", action="store_true",
                        help="skip part 2 (its attacker is the Python client whatever --generator says)")
    parser.add_argument("--slow-connections", type=int, default=5000)
    parser.add_argument("--slow-interval", type=float, default=5.0, help="seconds between two bytes of one slow connection")
    parser.add_argument("--slow-rate", type=float, default=1000.0, help="slow connections opened per second")
    parser.add_argument("--slow-reopen", type=float, default=15.0,
                        help="seconds before a slow connection the server closed is opened again (0: never)")
    parser.add_argument("--legit-annotators", type=int, default=32, help="legitimate annotators from 127.0.0.2")
    parser.add_argument("--legit-seconds", type=float, default=30.0, help="each legitimate measurement window")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    parser.add_argument("--serve-arg", action="append", default=[], metavar="ARG",
                        help="one more argument for both servers, e.g. --serve-arg=--log --serve-arg=off (repeatable)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (database, server logs)")
    args = parser.parse_args()
    if args.workers is None:
        args.workers = 1 if args.generator == "native" else 2
    return args


# The database ---------------------------------------------------------------------------

def run_cli(binary, *arguments):
    done = subprocess.run([binary, *arguments], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"capacity: `refhuman {' '.join(arguments)}` failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def planned_judgements(steps, args, period):
    """An upper bound on the judgements the whole run stores (every step, both parts)."""
    per_annotator = (args.warmup_cycles * period + args.seconds) / period + 2
    total = sum(n * per_annotator for n in steps)
    legit = args.legit_annotators * 2 * ((args.warmup_cycles * period + args.legit_seconds) / period + 2)
    return total + legit + 10


def prepare_database(args, workdir, steps, period, binary):
    """Builds a bundle with a study-sized test set, sets its protocol so items never run
    out and annotators skip practice, imports it with `binary`'s CLI, and inserts the
    annotators in one transaction."""
    db = os.path.join(workdir, "capacity.sqlite")
    bundle = os.path.join(workdir, "bundle")
    os.makedirs(bundle)
    annotators = max(max(steps), args.legit_annotators)
    # Every annotator judges an item at most once and an item takes judgements_per_item
    # judgements (leases held count against it too). A real study asks 3 to 50 per item;
    # the bundled 1,000 test items would need hundreds each to last the run, which no
    # study does and which makes every lease walk hundreds of load levels. So the
    # benchmark samples a larger test set and sizes judgements per item to the plan.
    per_item = args.judgements_per_item or math.ceil((1.25 * planned_judgements(steps, args, period) + annotators) / args.test_items) + 3
    with open(os.path.join(args.bundle, "dataset.json")) as source:
        description = json.load(source)
    description["settings"].update({"judgements_per_item": per_item, "practice_count": 0})
    with open(os.path.join(bundle, "dataset.json"), "w") as target:
        json.dump(description, target, indent=2)
    run_cli(binary, "bundle", "build", "--from", args.idx, "--out", bundle, "--seed", "1708",
            "--test", str(args.test_items))
    print(run_cli(binary, "import", "bundle", bundle, "--db", db).strip())
    connection = sqlite3.connect(db)
    dataset_id, name = connection.execute("SELECT id, name FROM dataset ORDER BY id LIMIT 1").fetchone()
    items = connection.execute("SELECT count(*) FROM item WHERE dataset_id = ? AND split = 'test'", (dataset_id,)).fetchone()[0]
    categories = connection.execute("SELECT count(*) FROM category WHERE dataset_id = ?", (dataset_id,)).fetchone()[0]
    # `refhuman annotators add` opens the store and runs once per annotator; 20,000 of them
    # go in as one transaction instead, as Store+Accounts.addAnnotator writes them:
    # token_hash is the SHA-256 hex of the token's UTF-8 text (AccessToken.hash), created_at
    # the ISO 8601 UTC text with milliseconds that Timestamp.now() writes.
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    tokens = [secrets.token_hex(32) for _ in range(annotators)]
    # Each takes part in the dataset's study (the one its import made), as Store.enrol writes it.
    with connection:
        connection.executemany(
            "INSERT INTO annotator (name, role, token_hash, created_at) VALUES (?, 'annotator', ?, ?)",
            ((f"capacity-{n:05d}", hashlib.sha256(token.encode()).hexdigest(), now) for n, token in enumerate(tokens)))
        connection.execute(
            "INSERT INTO participant (study_id, annotator_id, enrolled_at) "
            "SELECT (SELECT min(id) FROM study WHERE dataset_id = ?), id, ? FROM annotator WHERE name LIKE 'capacity-%' ORDER BY id",
            (dataset_id, now))
    connection.close()
    summary = run_cli(binary, "datasets", "--db", db).splitlines()[0]
    print(summary)
    return {"path": db, "dataset": name, "test_items": items, "categories": categories, "judgements_per_item": per_item,
            "tokens": tokens}


# The server -----------------------------------------------------------------------------

def serve_flags(binary):
    text = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True).stdout
    return set(re.findall(r"--[a-z][a-z0-9-]*", text))


class Server:
    """`refhuman serve` on a free loopback port, with its stdout and stderr in files."""

    def __init__(self, binary, db, workdir, extra, label):
        self.command = [binary, "serve", "--db", db, "--host", "127.0.0.1", "--port", "0", *extra]
        self.out_path = os.path.join(workdir, f"serve-{label}.out")
        self.err_path = os.path.join(workdir, f"serve-{label}.err")
        # Its own session, so a Ctrl-C of the benchmark reaches the server only through stop().
        self.process = subprocess.Popen(self.command, stdout=open(self.out_path, "wb"), stderr=open(self.err_path, "wb"),
                                        stdin=subprocess.DEVNULL, preexec_fn=capacity_client.raise_fd_limit, start_new_session=True)
        self.pid = self.process.pid
        self.port = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.port is None:
            if self.process.poll() is not None:
                sys.exit(f"capacity: the server exited ({self.process.returncode}): {self.log_tail()}")
            with open(self.out_path, "rb") as out:
                found = re.search(rb"serving on http://127\.0\.0\.1:(\d+)", out.read())
            if found:
                self.port = int(found.group(1))
            else:
                time.sleep(0.05)
        if self.port is None:
            self.stop()
            sys.exit("capacity: the server printed no 'RefHuman is serving on' line within 30 s")

    def log_tail(self):
        with open(self.err_path, "rb") as err:
            return err.read()[-2000:].decode(errors="replace")

    def alive(self):
        return self.process.poll() is None

    def pids(self):
        return [self.pid]

    def cpu_seconds(self):
        return process_cpu_seconds(self.pid)

    def thread_cpu(self):
        """{thread id: (name, utime + stime in seconds)} of the server's threads."""
        table = {}
        for tid in os.listdir(f"/proc/{self.pid}/task"):
            try:
                with open(f"/proc/{self.pid}/task/{tid}/comm") as comm:
                    name = comm.read().strip()
                with open(f"/proc/{self.pid}/task/{tid}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                table[tid] = (name, (int(fields[11]) + int(fields[12])) / CLOCK_TICKS)
            except (OSError, IndexError):
                continue
        return table

    def fd_counts(self):
        """(all descriptors, sockets) the server process holds."""
        total = sockets = 0
        for name in os.listdir(f"/proc/{self.pid}/fd"):
            total += 1
            try:
                sockets += os.readlink(f"/proc/{self.pid}/fd/{name}").startswith("socket:")
            except OSError:
                pass
        return total, sockets

    def fd_limit(self):
        with open(f"/proc/{self.pid}/limits") as limits:
            for line in limits:
                if line.startswith("Max open files"):
                    return int(line.split()[3]), int(line.split()[4])
        return None

    def connections_from(self, address):
        """(held, queued): TCP connections to the server's port from `address` that the
        server has accepted and holds as a descriptor, and those the kernel completed but
        the server has not accepted (still in the listen queue, so without an inode)."""
        mine = set()
        for name in os.listdir(f"/proc/{self.pid}/fd"):
            try:
                link = os.readlink(f"/proc/{self.pid}/fd/{name}")
            except OSError:
                continue
            if link.startswith("socket:["):
                mine.add(link[8:-1])
        peer = "%08X" % int.from_bytes(bytes(int(part) for part in address.split(".")), "little")
        local_port = ":%04X" % self.port
        held = queued = 0
        with open("/proc/net/tcp") as table:
            next(table)
            for line in table:
                fields = line.split()
                # fields: sl, local, remote, state (01 = established), ..., inode at 9
                if fields[1].endswith(local_port) and fields[2].startswith(peer) and fields[3] == "01":
                    if fields[9] in mine:
                        held += 1
                    elif fields[9] == "0":
                        queued += 1
        return held, queued

    def stop(self):
        capacity_client.stop_process(self.process, 30)


def process_cpu_seconds(pid):
    """utime + stime of a process, in seconds (fields 14 and 15 of /proc/PID/stat)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, IndexError):
        return None


def all_process_cpu():
    """{(pid, start time): utime + stime in seconds} of every process. /proc/stat's busy
    ticks are no use here: this VM's idle cores skip ticks, so short bursts (a server
    answering in 50 us) mostly go uncounted there, while a process's own figures add up."""
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                table[(int(name), fields[19])] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
            except (OSError, IndexError):
                continue  # exited meanwhile
    return table


def other_cpu_seconds(before, after, excluded):
    """CPU used between two all_process_cpu() samples by processes not in `excluded` (pids);
    a process that started in between counts from zero, one that ended is missed."""
    total = 0.0
    for key, seconds in after.items():
        if key[0] not in excluded:
            total += seconds - before.get(key, 0.0)
    return total


# Checking the contract ------------------------------------------------------------------

def request(port, method, path, token, body=None, source=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0) if source else None)
    headers = {"Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    connection.request(method, path, body=body if body is not None else (b"" if method == "POST" else None), headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def check_contract(port, token, wanted_method, notes):
    """One annotator's whole chain by hand before the run: the token is accepted, practice
    is skipped, the lease, the image and the judgement answer as the contract says. Returns
    the lease method to use."""
    status, body = request(port, "GET", "/api/me", token)
    if status != 200:
        sys.exit(f"capacity: GET /api/me with an inserted token answered {status}: {body[:200]!r}")
    me = json.loads(body)
    if me.get("phase") != "test":
        sys.exit(f"capacity: the inserted annotator is in phase {me.get('phase')!r}, not 'test': {me}")
    method = wanted_method
    if wanted_method in ("auto", "POST"):
        status, body = request(port, "POST", "/api/next?count=1", token)
        if status == 200:
            method = "POST"
        elif wanted_method == "auto" and status in (404, 405):
            status, body = request(port, "GET", "/api/next?count=1", token)
            method = "GET"
            notes.append("contract: POST /api/next is not served by this binary; the lease used GET /api/next instead")
    else:
        status, body = request(port, "GET", "/api/next?count=1", token)
    if status != 200:
        sys.exit(f"capacity: the lease ({method} /api/next?count=1) answered {status}: {body[:200]!r}")
    leases = json.loads(body)
    if not leases or leases[0].get("phase") != "test" or not leases[0].get("image_url", "").startswith("/images/"):
        sys.exit(f"capacity: unexpected lease answer: {leases!r}")
    lease = leases[0]
    status, image = request(port, "GET", lease["image_url"], token)
    if status != 200 or not image.startswith(capacity_client.PNG_MAGIC):
        sys.exit(f"capacity: GET {lease['image_url']} answered {status}, {len(image)} bytes, not a PNG")
    judgement = json.dumps({"uuid": str(uuid.uuid4()), "item_id": lease["item_id"], "guesses": [3], "response_ms": 2500})
    status, body = request(port, "POST", "/api/judgements", token, body=judgement.encode())
    receipt = json.loads(body) if status == 200 else {}
    if status != 200 or receipt.get("item_id") != lease["item_id"]:
        sys.exit(f"capacity: POST /api/judgements answered {status}: {body[:300]!r}")
    return method


# Running a step -------------------------------------------------------------------------

def native_generator():
    """The native load generator's binary, compiled first when it is missing or older than
    its source: the one place it is built, whether `make bench` runs this or a person does."""
    if os.path.exists(NATIVE_BINARY) and os.path.getmtime(NATIVE_BINARY) >= os.path.getmtime(NATIVE_SOURCE):
        return NATIVE_BINARY
    if shutil.which("cc") is None:
        sys.exit("capacity: no C compiler (cc) to build the native load generator; install gcc or pass --generator python")
    os.makedirs(os.path.dirname(NATIVE_BINARY), exist_ok=True)
    done = subprocess.run(["cc", "-O2", "-Wall", "-Wextra", "-o", NATIVE_BINARY, NATIVE_SOURCE], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"capacity: compiling {NATIVE_SOURCE} failed:\n{done.stderr}")
    return NATIVE_BINARY


class NativeWorker:
    """A capacity_load process in a forked worker's place: it offers what run_step uses of a
    multiprocessing Process (pid, join, is_alive, kill) and of its Pipe (send, poll, recv,
    close). The spec goes to its stdin as "key value" lines; its messages come back on its
    stdout as "name JSON" lines, the same messages and payloads as the Python worker's."""

    def __init__(self, binary, spec):
        self.process = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.pid = self.process.pid
        self.output = self.process.stdout.fileno()
        self.pending = bytearray()
        self.lines = 0  # whole lines in self.pending
        self.ended = False
        lines = [f"host {spec['host']}", f"port {spec['port']}", f"source {spec.get('source') or '-'}",
                 f"lease_method {spec['lease_method']}", f"think {spec['think']!r}", f"gap {spec['gap']!r}",
                 f"timeout {spec['timeout']!r}", f"categories {spec['categories']}", f"total {spec['total']}",
                 f"window {spec['window'][0]!r} {spec['window'][1]!r}", f"drain {spec['drain']!r}",
                 f"connect_concurrency {spec['connect_concurrency']}", f"annotators {len(spec['tokens'])}",
                 *(f"{index} {token}" for index, token in zip(spec["indices"], spec["tokens"])), "end"]
        self.write("\n".join(lines) + "\n")

    def write(self, text):
        try:
            self.process.stdin.write(text.encode())
            self.process.stdin.flush()
        except BrokenPipeError:
            pass  # it has exited; recv says so

    def send(self, message):
        name, start = message
        self.write(f"{name} {start!r}\n")

    def poll(self, timeout=None):
        """Whether a whole message (or the end of the output) has arrived within `timeout`."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.lines and not self.ended:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([self.output], [], [], left)[0]:
                return False
            chunk = os.read(self.output, 1 << 20)
            self.ended = not chunk
            self.pending += chunk
            self.lines += chunk.count(b"\n")
        return True

    def recv(self):
        self.poll()
        if not self.lines:
            self.process.wait()
            return "failed", f"{NATIVE_BINARY} exited with status {self.process.returncode}"
        end = self.pending.index(b"\n")
        name, _, payload = bytes(self.pending[:end]).partition(b" ")
        del self.pending[:end + 1]
        self.lines -= 1
        return name.decode(), json.loads(payload)

    def close(self):
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def join(self, timeout):
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            pass

    def is_alive(self):
        return self.process.poll() is None

    def kill(self):
        self.process.kill()
        self.process.wait()


def start_workers(specs, generator):
    """(process, pipe) per spec; for the native generator both are one NativeWorker."""
    if generator == "native":
        binary = native_generator()
        return [(worker, worker) for worker in (NativeWorker(binary, spec) for spec in specs)]
    context = multiprocessing.get_context("fork")
    workers = []
    for spec in specs:
        parent_end, child_end = context.Pipe()
        process = context.Process(target=capacity_client.worker_main, args=(spec, child_end), daemon=True)
        process.start()
        child_end.close()
        workers.append((process, parent_end))
    return workers


def receive(pipe, expected, timeout, what):
    if not pipe.poll(timeout):
        raise RuntimeError(f"{what}: no '{expected}' from a load generator process within {timeout:.0f} s")
    message, payload = pipe.recv()
    if message != expected:
        raise RuntimeError(f"{what}: a load generator process said {message}: {payload}")
    return payload


def sleep_until(moment, tick=None):
    """Sleeps until the monotonic `moment`, calling `tick` every half second meanwhile."""
    while True:
        left = moment - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.5))
        if tick:
            tick()


def percentile(ordered, fraction):
    """Nearest-rank percentile of a sorted list."""
    if not ordered:
        return None
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def add_counts(into, more):
    for key, value in more.items():
        into[key] = into.get(key, 0) + value


def run_step(server, tokens, total, args, lease_method, categories, workers, source=None, seconds=None, label=None,
             attacker=None, tick=None):
    """N annotators (tokens[:total]) for one step; returns its figures. `attacker` is the
    pid of a slowloris process running meanwhile, whose CPU is reported on its own; `tick`
    is called every half second of the measured window."""
    seconds = seconds or args.seconds
    period = args.think + 2 * args.gap
    warmup = args.warmup_cycles * period
    base = {"mode": "annotators", "host": "127.0.0.1", "port": server.port, "source": source,
            "lease_method": lease_method, "think": args.think, "gap": args.gap, "timeout": args.timeout,
            "categories": categories, "total": total, "window": (warmup, warmup + seconds), "drain": args.drain,
            "connect_concurrency": 256}
    workers = max(1, min(workers, total))
    specs = []
    for w in range(workers):
        indices = list(range(w, total, workers))  # interleaved, so each worker spans the whole stagger
        specs.append(dict(base, indices=indices, tokens=[tokens[i] for i in indices]))
    processes = start_workers(specs, args.generator)
    what = label or f"N={total}"
    try:
        connected, connect_failures, connect_seconds = 0, {}, 0.0
        for _, pipe in processes:
            ready = receive(pipe, "ready", 120 + total / 100, what)
            connected += ready["connected"]
            add_counts(connect_failures, ready["failures"])
            connect_seconds = max(connect_seconds, ready["seconds"])
        start = time.monotonic() + 0.3
        for _, pipe in processes:
            pipe.send(("go", start))
        window_start, window_end = start + warmup, start + warmup + seconds
        sleep_until(window_start)
        cpu_before = (server.cpu_seconds(), [process_cpu_seconds(p.pid) for p, _ in processes], all_process_cpu(),
                      time.monotonic(), attacker and process_cpu_seconds(attacker), server.thread_cpu())
        sleep_until(window_end, tick)
        cpu_after = (server.cpu_seconds(), [process_cpu_seconds(p.pid) for p, _ in processes], all_process_cpu(),
                     time.monotonic(), attacker and process_cpu_seconds(attacker), server.thread_cpu())
        results = [receive(pipe, "done", args.drain + args.timeout + 60, what) for _, pipe in processes]
    finally:
        for process, pipe in processes:
            process.join(10)
            if process.is_alive():
                process.kill()
            pipe.close()
    elapsed = cpu_after[3] - cpu_before[3]

    def cores(before, after):
        return None if before is None or after is None else (after - before) / elapsed

    latencies = [sorted(v for r in results for v in r["latencies_us"][k]) for k in range(len(KINDS))]
    lag = sorted(v for r in results for v in r["lag_us"])
    errors = [{} for _ in KINDS]
    errors_outside = [{} for _ in KINDS]
    for r in results:
        for k in range(len(KINDS)):
            add_counts(errors[k], r["errors"][k])
            add_counts(errors_outside[k], r["errors_outside"][k])
    ok = [sum(r["ok"][k] for r in results) for k in range(len(KINDS))]
    step = {
        "annotators": total,
        "source": source or "127.0.0.1",
        "window_seconds": seconds,
        "connected": connected,
        "connect_failures": connect_failures,
        "connect_seconds": round(connect_seconds, 2),
        "offered_requests_per_second": round(total * 3 / period, 1),
        "requests_per_second": round(sum(ok) / seconds, 1),  # due in the window and answered 200
        "answered_per_second": round(sum(r["answered"] for r in results) / elapsed, 1),
        "kinds": {},
        "errors_in_window": sum(sum(e.values()) for e in errors),
        "errors_outside_window": sum(sum(e.values()) for e in errors_outside),
        "finished": sum(r["finished"] for r in results),
        "non_test_leases": sum(r["non_test_leases"] for r in results),
        "reconnects": sum(r["reconnects"] for r in results),
        "idle_closes_by_server": sum(r["idle_closes"] for r in results),
        "server_cores": cores(cpu_before[0], cpu_after[0]),
        "client_cores": sum(cores(b, a) or 0.0 for b, a in zip(cpu_before[1], cpu_after[1])),
        "client_timer_lag_p99_ms": percentile(lag, 0.99) / 1000 if lag else None,
        # Everything else on the machine (a build, a browser, kernel threads; this process
        # too, which sleeps): high means the step was not quiet.
        "other_cores": other_cpu_seconds(cpu_before[2], cpu_after[2], {*server.pids(), attacker, *(p.pid for p, _ in processes)}) / elapsed,
        "attacker_cores": cores(cpu_before[4], cpu_after[4]) if attacker else None,
        "server_alive": server.alive(),
    }
    # Per thread name, and the busiest single thread: one thread near 1.0 core while the
    # machine has room left points at work that is serialized (a single writer, an event loop).
    threads = {}
    busiest = (None, 0.0)
    for tid, (name, seconds) in cpu_after[5].items():
        used = (seconds - cpu_before[5].get(tid, (name, 0.0))[1]) / elapsed
        count, total = threads.get(name, (0, 0.0))
        threads[name] = (count + 1, total + used)
        if used > busiest[1]:
            busiest = (name, used)
    step["server_threads"] = {name: {"threads": count, "cores": round(total, 3)}
                              for name, (count, total) in sorted(threads.items(), key=lambda item: -item[1][1])}
    step["busiest_server_thread"] = {"name": busiest[0], "cores": round(busiest[1], 3)}
    step["machine_busy_cores"] = (step["server_cores"] or 0.0) + step["client_cores"] + step["other_cores"] + (step["attacker_cores"] or 0.0)
    for k, kind in enumerate(KINDS):
        values = latencies[k]
        step["kinds"][kind] = {
            "ok": ok[k],
            "p50_ms": percentile(values, 0.50) / 1000 if values else None,
            "p99_ms": percentile(values, 0.99) / 1000 if values else None,
            "max_ms": values[-1] / 1000 if values else None,
            "errors": errors[k],
            "errors_outside_window": errors_outside[k],
        }
    step["errors"] = step["errors_in_window"] + step["errors_outside_window"] + sum(connect_failures.values())
    # One figure for every request due in the window, a failed one counting as infinitely
    # slow: a client that gets no answer has not been served fast (None: over 1 % failed).
    pooled = sorted(v for values in latencies for v in values) + [math.inf] * step["errors_in_window"]
    all_p99 = percentile(pooled, 0.99)
    step["all_p99_ms"] = None if all_p99 is None or all_p99 == math.inf else all_p99 / 1000
    step["failed_share"] = step["errors_in_window"] / len(pooled) if pooled else None
    step["meets_bound"] = (step["errors"] == 0 and step["finished"] == 0 and server.alive()
                           and all(step["kinds"][kind]["p99_ms"] is not None and step["kinds"][kind]["p99_ms"] <= args.bound_ms
                                   for kind in KINDS))
    return step


def one_line(step):
    kinds = "  ".join(f"{kind} p99 {fmt_ms(step['kinds'][kind]['p99_ms'])}" for kind in KINDS)
    return (f"  N={step['annotators']:>6}: {step['answered_per_second']:>8.1f} req/s  {kinds}  errors {step['errors']}"
            f"  server {fmt_cores(step['server_cores'])} cores  load generator {fmt_cores(step['client_cores'])}")


# The ramp ---------------------------------------------------------------------------------

def ramp(binary, args, database, workdir, steps, notes, client_limit, label):
    """One server of `binary` on the database, through every step; returns the steps'
    figures and the lease method the contract check settled on."""
    flags = serve_flags(binary)
    extra = []
    for flag, value in (("--max-connections", "40000"), ("--max-connections-per-address", "25000")):
        if flag in flags:
            extra += [flag, value]
        else:
            notes.append(f"contract: `serve` has no {flag} option; started without it")
    extra += args.serve_arg
    done = []
    server = Server(binary, database["path"], workdir, extra, label)
    try:
        lease_method = check_contract(server.port, database["tokens"][0], args.lease_method, notes)
        soft, hard = server.fd_limit()
        baseline = server.fd_counts()[0]
        # A process cannot hold more connections than descriptors: a step past the
        # server's limit would measure the sandbox, not the server.
        fits = (soft - baseline - 16) // 100 * 100
        print(f"server: port {server.port}, flags {' '.join(extra) or '(none)'}, lease {lease_method} /api/next, "
              f"descriptors {baseline} in use of {soft} (hard {hard}); load generator limit {client_limit[0]}")
        planned = []
        for n in steps:
            if n > fits:
                notes.append(f"N={n:,} needs more descriptors than the server may open (RLIMIT_NOFILE {soft}, hard {hard}; "
                             f"raising the hard limit needs CAP_SYS_RESOURCE); ran N={fits:,} instead")
                n = fits
            if n not in planned and n > 0:
                planned.append(n)
        for note in dict.fromkeys(notes):
            print(f"note: {note}")
        print(f"{label}:")
        for n in planned:
            if not server.alive():
                notes.append(f"the server died before N={n:,}: {server.log_tail()}")
                break
            step = run_step(server, database["tokens"], n, args, lease_method, database["categories"], args.workers)
            done.append(step)
            print(one_line(step), flush=True)
            time.sleep(3)  # lets the server settle the closed connections
    finally:
        server.stop()
    return done, lease_method


def compare(args, database, workdir, steps, notes, client_limit):
    """The ramp with --baseline and with --refhuman in turn, --rounds times each, each run
    on a fresh copy of the database: this VM's spread between sittings is larger than most
    changes, so a change is judged against its baseline in the same sitting."""
    pristine = database["path"] + ".pristine"
    shutil.copyfile(database["path"], pristine)
    runs = {"baseline": [], "candidate": []}
    for round_number in range(1, args.rounds + 1):
        for name, binary in (("baseline", args.baseline), ("candidate", args.refhuman)):
            for suffix in ("-wal", "-shm"):
                if os.path.exists(database["path"] + suffix):
                    os.remove(database["path"] + suffix)
            shutil.copyfile(pristine, database["path"])
            steps_done, _ = ramp(binary, args, database, workdir, steps, notes, client_limit, f"{name}, round {round_number}")
            runs[name].append(steps_done)
    print()
    print(f"comparison, {args.rounds} alternating rounds (baseline {os.path.realpath(args.baseline)}, candidate "
          f"{os.path.realpath(args.refhuman)}): per step, the slowest kind's p99 (ms) and the server's CPU per answered request (us) of each run")
    for name in ("baseline", "candidate"):
        for n in sorted({step["annotators"] for run in runs[name] for step in run}):
            mine = [step for run in runs[name] for step in run if step["annotators"] == n]
            p99s = ", ".join(fmt_ms(max(step["kinds"][kind]["p99_ms"] or math.inf for kind in KINDS)) for step in mine)
            costs = ", ".join(f"{1e6 * step['server_cores'] / step['answered_per_second']:.0f}"
                              for step in mine if step["server_cores"] and step["answered_per_second"])
            passed = sum(step["meets_bound"] for step in mine)
            print(f"  {name:<9} N={n:>6,}: p99 {p99s}; us/request {costs}; passed {passed} of {len(mine)}")
    return runs


# The transport floor ---------------------------------------------------------------------

def floor(args, categories, notes):
    """The same steps against nginx answering with fixed bodies (transport_floor.py);
    returns its steps, or None when nginx is not installed."""
    if not transport_floor.available():
        notes.append(f"the transport floor needs nginx ({transport_floor.NGINX}); skipped")
        return None
    steps = sorted({int(n) for n in args.floor_steps.split(",") if n.strip()})
    server = transport_floor.NginxFloor(2, process_cpu_seconds)
    done = []
    try:
        print(f"transport floor: nginx with 2 workers on port {server.port}, fixed answers, an access log line per request")
        for n in steps:
            # nginx reads no token, so every annotator sends the same placeholder.
            step = run_step(server, ["floor"] * n, n, args, "POST", categories, args.workers)
            done.append(step)
            print(one_line(step), flush=True)
            time.sleep(3)
    finally:
        server.stop()
    return done


# The slowloris part ---------------------------------------------------------------------

def slowloris(args, binary, flags, database, lease_method, workdir):
    # Only the per-address limit is left at its default, as the ramp's total limit stays.
    extra = (["--max-connections", "40000"] if "--max-connections" in flags else []) + args.serve_arg
    server = Server(binary, database["path"], workdir, extra, "slowloris")
    try:
        print(f"slowloris: fresh server on port {server.port} ({' '.join(extra) or 'no connection flags'}; "
              f"default per-address limit), {args.legit_annotators} legitimate annotators from 127.0.0.2")
        unloaded = run_step(server, database["tokens"], args.legit_annotators, args, lease_method, database["categories"], 1,
                            source="127.0.0.2", seconds=args.legit_seconds, label="legitimate, unloaded")
        print(f"  unloaded:          {fmt_all(unloaded)}, errors {unloaded['errors']}", flush=True)
        time.sleep(1)
        spec = {"mode": "slowloris", "host": "127.0.0.1", "port": server.port, "source": "127.0.0.3",
                "count": args.slow_connections, "interval": args.slow_interval, "rate": args.slow_rate, "reopen": args.slow_reopen,
                "connect_concurrency": 256, "connect_timeout": 10.0}
        [(attacker, pipe)] = start_workers([spec], "python")
        census = Census(server, "127.0.0.3")
        try:
            opened = receive(pipe, "ready", 60 + args.slow_connections / args.slow_rate, "slowloris")
            # Two drip intervals, so every slow connection has trickled and been judged by
            # the server's head deadline.
            census.wait(2 * args.slow_interval)
            pipe.send("count")
            settled = receive(pipe, "count", 30, "slowloris")
            # The legitimate annotators connect now, so they must be admitted while the
            # attack holds what it can.
            census.in_window = True
            attacked = run_step(server, database["tokens"], args.legit_annotators, args, lease_method, database["categories"], 1,
                                source="127.0.0.2", seconds=args.legit_seconds, label="legitimate, under slowloris",
                                attacker=attacker.pid, tick=census.sample)
            pipe.send("stop")
            final = receive(pipe, "done", 30, "slowloris")
        finally:
            attacker.join(10)
            if attacker.is_alive():
                attacker.kill()
        print(f"  under slowloris:   {fmt_all(attacked)}, errors {attacked['errors']}", flush=True)
        return {"unloaded": unloaded, "attacked": attacked, "attack_opened": opened, "attack_settled": settled,
                "attack_final": final, "server_census": census.summary(), "server_alive": server.alive()}
    finally:
        server.stop()


class Census:
    """Counts, from the server's side, the attacker's connections it holds; sampled every
    half second by the waits of the parent process (no thread: the parent forks)."""

    def __init__(self, server, address):
        self.server, self.address = server, address
        self.samples = []  # (in the legitimate window?, held, queued)
        self.in_window = False

    def sample(self):
        if self.server.alive():
            self.samples.append((self.in_window, *self.server.connections_from(self.address)))

    def wait(self, seconds):
        sleep_until(time.monotonic() + seconds, self.sample)

    def summary(self):
        window = [sample for sample in self.samples if sample[0]] or self.samples
        held = [sample[1] for sample in window]
        queued = [sample[2] for sample in window]
        return {"samples": len(window), "held_max": max(held, default=0), "held_mean": sum(held) / len(held) if held else 0,
                "held_min": min(held, default=0), "queued_max": max(queued, default=0)}


def fmt_all(step):
    if step["all_p99_ms"] is None:
        share = step["failed_share"]
        return "p99 ∞ (" + ("no request due" if share is None else f"{share:.0%} of the requests failed") + ")"
    return f"p99 {fmt_ms(step['all_p99_ms'])} ms over all requests"


# Printing -------------------------------------------------------------------------------

def fmt_ms(value):
    return "-" if value is None else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def fmt_cores(value):
    return "-" if value is None else f"{value:.2f}"


def print_table(steps, args):
    if not steps:
        return
    rows = [("annotators", lambda s: f"{s['annotators']:,}"),
            ("offered req/s", lambda s: f"{s['offered_requests_per_second']:.0f}"),
            ("answered req/s", lambda s: f"{s['answered_per_second']:.0f}")]
    for kind in KINDS:
        for stat in ("p50", "p99", "max"):
            rows.append((f"{kind} {stat} ms", lambda s, k=kind, t=stat: fmt_ms(s["kinds"][k][f"{t}_ms"])))
    rows += [("errors", lambda s: str(s["errors"])),
             ("  in window", lambda s: str(s["errors_in_window"])),
             ("  connect, warm-up, drain", lambda s: str(s["errors"] - s["errors_in_window"])),
             ("finished (no item left)", lambda s: str(s["finished"])),
             ("server CPU, cores", lambda s: fmt_cores(s["server_cores"])),
             ("  per answered request, us", lambda s: f"{1e6 * s['server_cores'] / s['answered_per_second']:.0f}"
              if s["server_cores"] and s["answered_per_second"] else "-"),
             ("  busiest server thread", lambda s: fmt_cores(s["busiest_server_thread"]["cores"])),
             ("load generator CPU, cores", lambda s: fmt_cores(s["client_cores"])),
             ("machine busy, cores", lambda s: fmt_cores(s["machine_busy_cores"])),
             ("  other processes, cores", lambda s: fmt_cores(s["other_cores"])),
             ("client timer lag p99 ms", lambda s: fmt_ms(s["client_timer_lag_p99_ms"])),
             (f"p99 <= {args.bound_ms:g} ms, 0 errors", lambda s: "yes" if s["meets_bound"] else "no")]
    width = max(len(label) for label, _ in rows) + 2
    column = max(9, max(len(f"{s['annotators']:,}") for s in steps) + 2)
    for label, cell in rows:
        print(label.ljust(width) + "".join(cell(s).rjust(column) for s in steps))


def describe_errors(steps, label=lambda step: f"N={step['annotators']:,}"):
    for step in steps:
        parts = []
        if step["connect_failures"]:
            parts.append("connect " + ", ".join(f"{r} x{n}" for r, n in step["connect_failures"].items()))
        for kind in KINDS:
            merged = dict(step["kinds"][kind]["errors"])
            add_counts(merged, step["kinds"][kind]["errors_outside_window"])
            if merged:
                parts.append(f"{kind} " + ", ".join(f"{r} x{n}" for r, n in sorted(merged.items(), key=lambda item: -item[1])))
        if parts:
            print(f"  errors at {label(step)}: " + "; ".join(parts))


def warn_unquiet(steps, label=lambda step: f"N={step['annotators']:,}"):
    """Says where a step's latencies may include the load generator's own delay."""
    for step in steps:
        lag, other = step["client_timer_lag_p99_ms"], step["other_cores"]
        reasons = []
        if lag is not None and lag > 10:
            reasons.append(f"the load generator's timers fired {lag:.0f} ms late at p99")
        if other is not None and other > 0.25:
            reasons.append(f"other processes used {other:.2f} cores")
        if step["non_test_leases"]:
            reasons.append(f"{step['non_test_leases']} leases were not test items")
        if reasons:
            print(f"  caution at {label(step)}: " + " and ".join(reasons) + " (latency counts from the due time, so it includes that)")


def main():
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens under make
    for binary in (args.refhuman, args.baseline):
        if binary and not os.access(binary, os.X_OK):
            sys.exit(f"capacity: no refhuman binary at {binary}")
    period = args.think + 2 * args.gap
    steps = sorted({int(n) for n in args.steps.split(",") if n.strip()})
    flags = serve_flags(args.refhuman)
    notes = []
    client_limit = capacity_client.raise_fd_limit()
    workdir = tempfile.mkdtemp(prefix="refhuman-capacity-")
    binary_info = f"{os.path.realpath(args.refhuman)} (modified {time.strftime('%Y-%m-%d %H:%M', time.localtime(os.path.getmtime(args.refhuman)))})"
    print(f"capacity benchmark: {binary_info}, load generator {args.generator}")
    if args.generator == "native":
        generator = (f"native: {args.workers} {os.path.relpath(native_generator(), REPO)} "
                     f"process{'es' if args.workers != 1 else ''} (C on epoll)")
    else:
        generator = (f"python: {args.workers} asyncio processes on "
                     + (f"uvloop {capacity_client.uvloop.__version__}" if capacity_client.uvloop else "the stock event loop (uvloop missing)"))
    print(f"load generator: {generator}, hand-written keep-alive HTTP/1.1 "
          f"(wrk's Lua has no per-connection state for the lease -> image -> judgement chain)")
    print(f"timetable per annotator: lease, +{args.gap:g} s image, +{args.think:g} s judgement, +{args.gap:g} s next lease "
          f"(a cycle of {period:g} s; latency from each request's due time); warm-up {args.warmup_cycles:g} cycles, window {args.seconds:g} s")
    results = {"binary": binary_info, "generator": generator, "config": {k: v for k, v in vars(args).items()}, "notes": notes,
               "steps": []}
    try:
        # Made by the baseline when comparing: a candidate with newer migrations upgrades its
        # copy as it opens it, where an older binary refuses a newer schema.
        database = prepare_database(args, workdir, steps, period, args.baseline or args.refhuman)
        print(f"database: {database['test_items']} test items, judgements_per_item set to {database['judgements_per_item']}, "
              f"practice_count 0, {len(database['tokens']):,} annotators inserted")
        if args.baseline:
            results["comparison"] = compare(args, database, workdir, steps, notes, client_limit)
            if args.json:
                with open(args.json, "w") as out:
                    json.dump(results, out, indent=1)
            return
        results["steps"], lease_method = ramp(args.refhuman, args, database, workdir, steps, notes, client_limit, "ramp")
        if not args.no_slowloris:
            results["slowloris"] = slowloris(args, args.refhuman, flags, database, lease_method, workdir)
        if not args.no_floor:
            results["floor"] = floor(args, database["categories"], notes)
    finally:
        if args.keep:
            print(f"work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    steps_done = results["steps"]
    print()
    print(f"capacity of refhuman serve: annotators looping lease + image + judgement, {args.think:g} s think time, open loop, "
          f"window {args.seconds:g} s per step (latency in ms from each request's due time)")
    print_table(steps_done, args)
    describe_errors(steps_done)
    warn_unquiet(steps_done)
    for step in steps_done:
        print(f"  server threads at N={step['annotators']:,} (cores): "
              + ", ".join(f"{name} x{t['threads']} {t['cores']:.2f}" for name, t in step["server_threads"].items() if t["cores"] >= 0.005)
              + f"; busiest one: {step['busiest_server_thread']['name']} {step['busiest_server_thread']['cores']:.2f}")
    for note in notes:
        print(f"note: {note}")
    passing = [s["annotators"] for s in steps_done if s["meets_bound"]]
    # The capacity is the largest N below which every step also passed.
    capacity = 0
    for step in steps_done:
        if not step["meets_bound"]:
            break
        capacity = step["annotators"]
    results["capacity"] = capacity
    if capacity:
        print(f"capacity: {capacity:,} annotators at p99 ≤ {args.bound_ms:g} ms, 0 errors")
    else:
        print(f"capacity: none of the steps met p99 ≤ {args.bound_ms:g} ms with 0 errors (smallest N {steps_done[0]['annotators']:,})"
              if steps_done else "capacity: no step ran")
    if passing and max(passing) != capacity:
        print(f"  (N={max(passing):,} passed too, after a step that did not)")
    if results.get("floor"):
        print()
        print("transport floor: the same load generator and timetable against nginx answering with fixed bodies "
              "(no token read, nothing stored): what any server here could carry at best")
        print_table(results["floor"], args)
        describe_errors(results["floor"])
        warn_unquiet(results["floor"])
        floor_capacity = 0
        for step in results["floor"]:
            if not step["meets_bound"]:
                break
            floor_capacity = step["annotators"]
        print(f"floor: nginx carried {floor_capacity:,} annotators at p99 ≤ {args.bound_ms:g} ms" if floor_capacity
              else "floor: nginx met the bound at none of its steps")
        for step in results["floor"]:
            rate = step["answered_per_second"]
            if rate:
                print(f"  at N={step['annotators']:,}: nginx {fmt_cores(step['server_cores'])} cores "
                      f"({1e6 * step['server_cores'] / rate:.0f} us per request), load generator {fmt_cores(step['client_cores'])} cores; "
                      f"left for an application: {2 - step['server_cores'] - step['client_cores']:.2f} of 2 cores")
    if "slowloris" in results:
        s = results["slowloris"]
        x, y = s["unloaded"]["all_p99_ms"], s["attacked"]["all_p99_ms"]
        ratio = y / x if x and y is not None else None
        s["ratio"] = ratio
        show = lambda value: "∞" if value is None else fmt_ms(value)
        print(f"slowloris: legitimate p99 {show(x)} ms unloaded, {show(y)} ms under {args.slow_connections:,} slow connections "
              f"from one address (ratio {'∞' if ratio is None and y is None else '-' if ratio is None else f'{ratio:.2f}'})")
        census, final = s["server_census"], s["attack_final"]
        print(f"  the server held {census['held_min']}–{census['held_max']} of the attacker's connections (mean "
              f"{census['held_mean']:.0f}, counted twice a second from its descriptors during the measurement); "
              f"at most {census['queued_max']} waited unaccepted in its listen queue")
        print(f"  the attacker: {final['connect_attempts']:,} connects tried ({final['connected']:,} made, "
              f"{sum(final['connect_failures'].values()):,} failed), {final['closed_by_server']:,} closed by the server "
              f"({final['closed_within_1s']:,} within 1 s, so refused), {final['open']:,} open at the end, the oldest for "
              f"{final['oldest_open_seconds']:.0f} s; " + (f"each closed one was reopened {args.slow_reopen:g} s later" if args.slow_reopen > 0 else "none reopened"))
        print(f"  legitimate requests per type, p99 unloaded / attacked (ms): "
              + ", ".join(f"{k} {fmt_ms(s['unloaded']['kinds'][k]['p99_ms'])} / {fmt_ms(s['attacked']['kinds'][k]['p99_ms'])}" for k in KINDS)
              + f"; errors {s['unloaded']['errors']} / {s['attacked']['errors']}")
        print(f"  CPU, unloaded / attacked (cores): server {fmt_cores(s['unloaded']['server_cores'])} / "
              f"{fmt_cores(s['attacked']['server_cores'])}, legitimate clients {fmt_cores(s['unloaded']['client_cores'])} / "
              f"{fmt_cores(s['attacked']['client_cores'])}, attacker - / {fmt_cores(s['attacked']['attacker_cores'])}")
        describe_errors([s["unloaded"]], lambda step: "legitimate, unloaded")
        describe_errors([s["attacked"]], lambda step: "legitimate, under slowloris")
        warn_unquiet([s["unloaded"]], lambda step: "legitimate, unloaded")
        warn_unquiet([s["attacked"]], lambda step: "legitimate, under slowloris")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=1)
        print(f"results written to {args.json}")


if __name__ == "__main__":
    main()
