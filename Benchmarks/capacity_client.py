# capacity_client.py: capacity.py's Python load generator: simulated annotators (the reference) and slowloris holders, one worker process each.
"""Python worker processes for Benchmarks/capacity.py.

The simulated annotators here are the reference (`--generator python`) that the default
native generator, capacity_load.c, follows request for request with less CPU per request
(capacity.py's docstring says how much less and why not more); the slowloris holders are
always these.

Why hand-written asyncio and not wrk: an annotator's three requests form a chain (the lease
names the image to fetch and the item to judge), so each connection must carry its own
state. wrk's Lua scripts have no per-connection identity, so they cannot follow one
annotator's lease -> image -> judgement on its own keep-alive connection.

Why protocols and timer callbacks instead of one coroutine per annotator: on two cores the
load generator competes with the server for CPU, so every microsecond per request counts.
A callback-driven state machine on uvloop avoids a future and a task switch per request.

Each annotator follows a fixed timetable (open loop): lease at L_k, image at L_k + gap,
judgement at L_k + gap + think, next lease at L_k + period with period = think + 2 gap. A
request goes out at its due time, or as soon as the previous request of the chain has
answered if that is later; its latency is measured from its due time, so a slow server
cannot hide its slowness by slowing the clients down (coordinated omission is corrected).
"""
import asyncio
import errno
import gc
import json
import random
import re
import resource
import socket
import subprocess
import time
from array import array

try:
    import uvloop
except ImportError:  # the benchmark still runs, slower, on the stock event loop
    uvloop = None

KINDS = ("lease", "image", "judgement")
LEASE, IMAGE, JUDGEMENT = 0, 1, 2
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# The lease's three fields, read without building a dict per answer (json.loads is the
# fallback for any answer these do not match).
ITEM_ID = re.compile(rb'"item_id"\s*:\s*"([0-9a-f]+)"')
IMAGE_URL = re.compile(rb'"image_url"\s*:\s*"([^"\\]+)"')
PHASE = re.compile(rb'"phase"\s*:\s*"([a-z]+)"')
# Linux: bind() to an address without reserving a port until connect(), so thousands of
# sockets bound to one loopback address share the 4-tuple port space like unbound ones.
IP_BIND_ADDRESS_NO_PORT = getattr(socket, "IP_BIND_ADDRESS_NO_PORT", 24)


def raise_fd_limit(wanted=65536):
    """Raises RLIMIT_NOFILE as far as allowed (a raise of the hard limit needs
    CAP_SYS_RESOURCE, which a sandbox may drop); returns the (soft, hard) in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    for limits in ((max(wanted, soft), max(wanted, hard)), (hard, hard)):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, limits)
            break
        except (ValueError, OSError):
            continue
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def stop_process(process, grace):
    """Asks `process` (a subprocess.Popen) to end, and kills it after `grace` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def random_uuid():
    """A random version-4 UUID from the process's PRNG: uuid.uuid4() asks the kernel for
    16 bytes each time, a system call per judgement that the server never sees."""
    h = "%032x" % random.getrandbits(128)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


def parse_lease(body):
    """(item_id, image_url, phase) of the first lease, or None for an empty array; the item
    id is the study's opaque handle, kept as bytes."""
    item, url, phase = ITEM_ID.search(body), IMAGE_URL.search(body), PHASE.search(body)
    if item and url and phase:
        return item.group(1), url.group(1), phase.group(1).decode()
    leases = json.loads(body)
    if not leases:
        return None
    return leases[0]["item_id"].encode(), leases[0]["image_url"].encode(), leases[0].get("phase")


def new_loop():
    loop = uvloop.new_event_loop() if uvloop else asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    return loop


def bound_socket(source):
    """A non-blocking TCP socket bound to `source` (a loopback address) without a port yet."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    if source:
        try:
            sock.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
        except OSError:
            pass
        sock.bind((source, 0))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


async def open_connection(loop, factory, host, port, source, timeout):
    """Connects a protocol; `source` binds the client side to that loopback address."""
    sock = bound_socket(source)
    try:
        await asyncio.wait_for(loop.sock_connect(sock, (host, port)), timeout)
        _, protocol = await loop.create_connection(factory, sock=sock)
        return protocol
    except BaseException:
        sock.close()
        raise


def describe(error):
    if isinstance(error, (asyncio.TimeoutError, TimeoutError)):
        return "connect timeout"
    if isinstance(error, OSError) and error.errno is not None:
        return f"connect {errno_name(error.errno)}"
    return f"connect {type(error).__name__}"


def errno_name(number):
    return errno.errorcode.get(number, str(number))


class HTTPConnection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 client connection. Reads Content-Length framed responses
    (the only framing the server uses on these routes) and hands each to its owner."""

    __slots__ = ("owner", "transport", "buffer", "head_length", "status", "length", "close")

    def __init__(self, owner):
        self.owner = owner
        self.transport = None
        self.buffer = bytearray()
        self.head_length = -1
        self.status = 0
        self.length = 0
        self.close = False

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        buffer = self.buffer
        buffer += data
        while True:
            if self.head_length < 0:
                end = buffer.find(b"\r\n\r\n")
                if end < 0:
                    return
                head = bytes(buffer[:end]).lower()
                try:
                    self.status = int(head[9:12])
                except ValueError:
                    return self.owner.broken(self, "malformed status line")
                at = head.find(b"\r\ncontent-length:")
                if at >= 0:
                    stop = head.find(b"\r\n", at + 2)
                    self.length = int(head[at + 17:stop if stop >= 0 else len(head)])
                elif self.status in (204, 304):
                    self.length = 0
                else:
                    return self.owner.broken(self, "response without Content-Length")
                self.close = b"\r\nconnection: close" in head
                self.head_length = end + 4
            total = self.head_length + self.length
            if len(buffer) < total:
                return
            body = bytes(buffer[self.head_length:total])
            del buffer[:total]
            self.head_length = -1
            self.owner.answered(self, self.status, body, self.close)
            if not buffer:
                return

    def eof_received(self):
        return False  # close our side too

    def connection_lost(self, exc):
        self.owner.lost(self, exc)


class Recorder:
    """What one worker measured: latencies of requests due inside the window, errors
    (inside the window, and during the rest of the step), the timer lag of the client."""

    def __init__(self, window_start, window_end):
        self.window_start = window_start
        self.window_end = window_end
        self.latencies = [array("q") for _ in KINDS]  # microseconds
        self.ok = [0, 0, 0]
        self.errors = [{} for _ in KINDS]
        self.errors_outside = [{} for _ in KINDS]
        self.lag = array("q")  # microseconds from due time to the timer's callback
        self.finished = 0
        self.reconnects = 0
        self.idle_closes = 0
        self.non_test_leases = 0
        # Answers that arrived inside the window, whenever they were due: the server's
        # throughput, which an overloaded server keeps up while its latency grows.
        self.answered = 0

    def counted(self, due):
        return self.window_start <= due < self.window_end

    def success(self, kind, due, latency):
        if self.window_start <= due < self.window_end:
            self.latencies[kind].append(int(latency * 1e6))
            self.ok[kind] += 1

    def error(self, kind, due, reason):
        table = self.errors[kind] if self.counted(due) else self.errors_outside[kind]
        table[reason] = table.get(reason, 0) + 1

    def result(self):
        return {
            "latencies_us": [list(values) for values in self.latencies],
            "ok": self.ok,
            "errors": self.errors,
            "errors_outside": self.errors_outside,
            "lag_us": list(self.lag),
            "finished": self.finished,
            "reconnects": self.reconnects,
            "idle_closes": self.idle_closes,
            "non_test_leases": self.non_test_leases,
            "answered": self.answered,
        }


class Annotator:
    """One simulated annotator on its own keep-alive connection, following its timetable."""

    __slots__ = ("worker", "first_lease", "cycle", "kind", "due", "sent", "in_flight",
                 "connection", "connecting", "item_id", "image_url", "done",
                 "lease_request", "image_tail", "judgement_head", "think_ms")

    def __init__(self, worker, token, first_lease):
        self.worker = worker
        self.first_lease = first_lease
        self.cycle = 0
        self.kind = LEASE
        self.due = first_lease
        self.sent = 0.0
        self.in_flight = False
        self.connection = None
        self.connecting = False
        self.item_id = b""
        self.image_url = b""
        self.done = False
        host = worker.host_header
        auth = f"Host: {host}\r\nAuthorization: Bearer {token}\r\n"
        # The lease is a POST with an empty body; the server built before the switch
        # answers GET only, and capacity.py finds out which before the run.
        if worker.lease_method == "POST":
            self.lease_request = f"POST /api/next?count=1 HTTP/1.1\r\n{auth}Content-Length: 0\r\n\r\n".encode()
        else:
            self.lease_request = f"GET /api/next?count=1 HTTP/1.1\r\n{auth}\r\n".encode()
        self.image_tail = f" HTTP/1.1\r\n{auth}\r\n".encode()
        self.judgement_head = f"POST /api/judgements HTTP/1.1\r\n{auth}Content-Type: application/json\r\nContent-Length: ".encode()
        self.think_ms = int(worker.think * 1000)

    # The timetable -------------------------------------------------------------------

    def due_of(self, cycle, kind):
        worker = self.worker
        lease = self.first_lease + cycle * worker.period
        return lease if kind == LEASE else lease + worker.gap if kind == IMAGE else lease + worker.gap + worker.think

    def remaining_counted(self):
        """Per kind, the requests due inside the window that this annotator has not completed."""
        recorder = self.worker.recorder
        counts, cycle, kind = [0, 0, 0], self.cycle, self.kind
        while True:
            due = self.due_of(cycle, kind)
            if due >= recorder.window_end:
                return counts
            if due >= recorder.window_start:
                counts[kind] += 1
            kind += 1
            if kind > JUDGEMENT:
                kind, cycle = LEASE, cycle + 1

    def schedule(self):
        """Waits for the due time of the next request, or sends it now if it is late."""
        if self.due >= self.worker.stop_issuing:
            self.done = True
            self.worker.annotator_done()
            return
        delay = self.due - time.monotonic()
        if delay > 0:
            self.worker.loop.call_later(delay, self.fire_timer)
        else:
            self.fire()

    def fire_timer(self):
        now = time.monotonic()
        if now < self.due - 0.0005:  # a coarse loop clock may fire a little early
            self.worker.loop.call_later(self.due - now, self.fire_timer)
            return
        if self.worker.recorder.counted(self.due):
            self.worker.recorder.lag.append(int((now - self.due) * 1e6))
        self.fire()

    def fire(self):
        if self.worker.stopped:
            return
        if self.connection is None:
            if not self.connecting:
                self.connecting = True
                self.worker.loop.create_task(self.reconnect())
            return
        self.send()

    async def reconnect(self):
        worker = self.worker
        try:
            self.connection = await open_connection(worker.loop, lambda: HTTPConnection(self), worker.host, worker.port,
                                                    worker.source, worker.timeout)
            worker.recorder.reconnects += 1
        except Exception as error:  # refused, reset, timed out: the request fails
            self.connecting = False
            self.failed(describe(error))
            return
        self.connecting = False
        if not worker.stopped:
            self.send(fresh=True)

    def send(self, fresh=False):
        kind = self.kind
        if kind == LEASE:
            data = self.lease_request
        elif kind == IMAGE:
            data = b"GET " + self.image_url + self.image_tail
        else:
            body = b'{"uuid":"%s","item_id":"%s","guesses":[%d],"response_ms":%d}' % (
                random_uuid().encode(), self.item_id, random.randrange(self.worker.categories), self.think_ms)
            data = self.judgement_head + b"%d\r\n\r\n" % len(body) + body
        transport = self.connection.transport
        if transport is None or transport.is_closing():
            self.connection = None
            if fresh:  # closed right after the handshake: the server refused it
                return self.failed("connection closed at once")
            # An idle keep-alive connection the server closed: a browser would quietly
            # open a new one, and so does this annotator (the time it takes still counts).
            self.worker.recorder.idle_closes += 1
            return self.fire()
        self.sent = time.monotonic()
        self.in_flight = True
        transport.write(data)

    # Answers -------------------------------------------------------------------------

    def answered(self, connection, status, body, close):
        if connection is not self.connection or not self.in_flight:
            return
        now = time.monotonic()
        self.in_flight = False
        if close:
            self.drop_connection()
        recorder = self.worker.recorder
        if recorder.window_start <= now < recorder.window_end:
            recorder.answered += 1
        kind, due = self.kind, self.due
        if status != 200:
            return self.failed(f"HTTP {status}")
        if kind == LEASE:
            try:
                lease = parse_lease(body)
            except (ValueError, KeyError, IndexError, TypeError):
                return self.failed("lease not as the contract says")
            if lease is None:
                # Nothing left for this annotator: it stops (the dataset settings make
                # this not happen during a run; the table counts it as "finished").
                recorder.success(kind, due, now - min(due, self.sent))
                recorder.finished += 1
                self.done = True
                self.worker.annotator_done()
                return
            self.item_id, self.image_url, phase = lease
            if phase != "test":
                recorder.non_test_leases += 1
        elif kind == IMAGE:
            if not body.startswith(PNG_MAGIC):
                return self.failed("image not PNG")
        recorder.success(kind, due, now - min(due, self.sent))
        self.advance(kind + 1 if kind < JUDGEMENT else LEASE)

    def failed(self, reason):
        """The current request failed: count it and go on with the next cycle's lease
        (without a lease there is nothing to fetch or judge)."""
        self.worker.recorder.error(self.kind, self.due, reason)
        self.in_flight = False
        self.advance(LEASE)

    def advance(self, kind):
        if kind == LEASE:
            self.cycle += 1
        self.kind = kind
        self.due = self.due_of(self.cycle, kind)
        self.schedule()

    def drop_connection(self):
        connection, self.connection = self.connection, None
        if connection is not None and connection.transport is not None:
            connection.transport.close()

    def broken(self, connection, reason):
        if connection is self.connection:
            self.drop_connection()
            if self.in_flight:
                self.failed(reason)

    def lost(self, connection, exc):
        if connection is not self.connection:
            return
        self.connection = None
        if self.in_flight:
            self.failed("connection reset" if exc else "connection closed")
        elif not self.done and not self.worker.stopped:
            self.worker.recorder.idle_closes += 1

    def check_timeout(self, now):
        if self.in_flight and now - self.sent > self.worker.timeout:
            connection, self.connection = self.connection, None
            if connection is not None and connection.transport is not None:
                connection.transport.abort()
            self.failed("timeout")


class AnnotatorWorker:
    """One process's share of the annotators of a step."""

    def __init__(self, spec, pipe):
        self.pipe = pipe
        self.host = spec["host"]
        self.port = spec["port"]
        self.source = spec.get("source")
        self.host_header = f"{self.host}:{self.port}"
        self.lease_method = spec["lease_method"]
        self.think = spec["think"]
        self.gap = spec["gap"]
        self.period = self.think + 2 * self.gap
        self.timeout = spec["timeout"]
        self.categories = spec["categories"]
        self.spec = spec
        self.loop = asyncio.get_event_loop()
        self.stopped = False
        self.stop_issuing = float("inf")
        self.active = 0
        self.all_done = self.loop.create_future()
        # Replaced by the real window at "go"; until then nothing is counted in a window.
        self.recorder = Recorder(float("inf"), float("inf"))
        self.annotators = []

    async def connect_all(self):
        """Opens every annotator's connection before the clock starts, a bounded number at a
        time so the server's accept queue is not flooded (connecting is not measured)."""
        gate = asyncio.Semaphore(self.spec["connect_concurrency"])
        failures = {}
        started = time.monotonic()

        async def one(annotator):
            async with gate:
                try:
                    annotator.connection = await open_connection(self.loop, lambda: HTTPConnection(annotator), self.host,
                                                                 self.port, self.source, self.timeout)
                except Exception as error:
                    reason = describe(error)
                    failures[reason] = failures.get(reason, 0) + 1

        await asyncio.gather(*(one(annotator) for annotator in self.annotators))
        connected = sum(1 for annotator in self.annotators if annotator.connection is not None)
        return {"connected": connected, "failures": failures, "seconds": time.monotonic() - started}

    def annotator_done(self):
        self.active -= 1
        if self.active <= 0 and not self.all_done.done():
            self.all_done.set_result(None)

    async def sweep(self):
        """Times out requests that got no answer (one timer for all, not one per request)."""
        while not self.stopped:
            await asyncio.sleep(0.25)
            now = time.monotonic()
            for annotator in self.annotators:
                if annotator.in_flight:
                    annotator.check_timeout(now)

    async def run(self):
        spec = self.spec
        # Placeholder first-lease times; the real ones come with "go".
        self.annotators = [Annotator(self, token, 0.0) for token in spec["tokens"]]
        self.pipe.send(("ready", await self.connect_all()))
        message, start = await self.loop.run_in_executor(None, self.pipe.recv)
        assert message == "go"
        window_start = start + spec["window"][0]
        window_end = start + spec["window"][1]
        self.recorder.window_start, self.recorder.window_end = window_start, window_end
        # Requests due after the window are never sent: the window's own requests keep
        # the load steady up to its end, and the step ends sooner.
        self.stop_issuing = window_end
        drain_deadline = window_end + spec["drain"]
        # Annotators start staggered evenly over one period, in global index order, so the
        # workers' shares interleave and the server sees a smooth arrival rate.
        total = spec["total"]
        for annotator, index in zip(self.annotators, spec["indices"]):
            annotator.first_lease = start + (index + 0.5) / total * self.period
            annotator.due = annotator.first_lease
        self.active = len(self.annotators)
        sweeper = self.loop.create_task(self.sweep())
        for annotator in self.annotators:
            annotator.schedule()
        try:
            await asyncio.wait_for(asyncio.shield(self.all_done), max(0.1, drain_deadline - time.monotonic()))
        except asyncio.TimeoutError:
            pass
        self.stopped = True
        sweeper.cancel()
        unanswered = [0, 0, 0]
        for annotator in self.annotators:
            if annotator.done:
                continue
            # Counted requests still waiting at the drain deadline are errors: their
            # latency is at least the time they have waited, too long to report.
            for kind, count in enumerate(annotator.remaining_counted()):
                unanswered[kind] += count
        for kind, count in enumerate(unanswered):
            if count:
                self.recorder.errors[kind]["no answer by the drain deadline"] = count
        for annotator in self.annotators:
            annotator.drop_connection()
        for task in asyncio.all_tasks():
            if task is not asyncio.current_task():
                task.cancel()  # reconnects still under way
        await asyncio.sleep(0.05)  # lets the closes go out before the process exits
        return self.recorder.result()


class SlowHolder(asyncio.Protocol):
    """One slowloris connection: sends a request head that never ends, a byte at a time."""

    __slots__ = ("attack", "slot", "transport", "opened", "closed", "answered", "sent")

    def __init__(self, attack, slot):
        self.attack = attack
        self.slot = slot
        self.transport = None
        self.opened = 0.0
        self.closed = None
        self.answered = False
        self.sent = 0

    def connection_made(self, transport):
        self.transport = transport
        self.opened = time.monotonic()
        self.drip()

    def drip(self):
        if self.closed is not None or self.attack.stopped:
            return
        head = self.attack.head
        at = self.sent % len(head)
        self.transport.write(head[at:at + 1])
        self.sent += 1
        self.attack.loop.call_later(self.attack.interval, self.drip)

    def data_received(self, data):
        self.answered = True  # e.g. a 408 or 503 before the close

    def eof_received(self):
        return False

    def connection_lost(self, exc):
        self.closed = time.monotonic()
        self.attack.closed(self)


class SlowlorisWorker:
    """Tries to hold `count` slow connections from one source address until told to stop.
    Like slowloris itself it opens a new connection in place of each one the server closes
    (`reopen` seconds later, slowloris's own default pause is 15 s; 0: never), so the
    server faces the attack for as long as it lasts, not only at its start."""

    def __init__(self, spec, pipe):
        self.spec = spec
        self.pipe = pipe
        self.loop = asyncio.get_event_loop()
        self.interval = spec["interval"]
        self.reopen = spec["reopen"]
        self.stopped = False
        self.slots = [None] * spec["count"]
        self.gate = asyncio.Semaphore(spec["connect_concurrency"])
        self.attempts = 0
        self.connects = 0
        self.failures = {}
        self.closed_by_server = 0
        self.closed_within_1s = 0
        self.answered = 0
        self.bytes_before = 0
        # After the request line the head grows by one header line after another; the
        # blank line that would end it never comes.
        self.head = (b"GET /api/me HTTP/1.1\r\nHost: " + spec["host"].encode() + b"\r\n"
                     + b"".join(b"X-Slow-%d: %d\r\n" % (n, n) for n in range(200)))

    async def open_slot(self, slot):
        spec = self.spec
        async with self.gate:
            if self.stopped:
                return
            holder = SlowHolder(self, slot)
            self.attempts += 1
            try:
                await open_connection(self.loop, lambda: holder, spec["host"], spec["port"], spec["source"], spec["connect_timeout"])
            except Exception as error:
                reason = describe(error)
                self.failures[reason] = self.failures.get(reason, 0) + 1
                self.reopen_later(slot)
                return
            self.connects += 1
            if holder.closed is None:
                self.slots[slot] = holder

    def reopen_later(self, slot):
        if self.reopen > 0 and not self.stopped:
            self.loop.call_later(self.reopen, lambda: self.loop.create_task(self.open_slot(slot)))

    def closed(self, holder):
        if self.stopped:
            return
        self.closed_by_server += 1
        self.closed_within_1s += holder.closed - holder.opened < 1.0
        self.answered += holder.answered
        self.bytes_before += holder.sent
        if self.slots[holder.slot] is holder:
            self.slots[holder.slot] = None
        self.reopen_later(holder.slot)

    async def open_all(self):
        # Connections open at a steady rate (a burst of 5,000 SYNs would mostly measure
        # the accept queue), each then dripping on its own phase of the interval.
        pace = 1.0 / self.spec["rate"]
        started = time.monotonic()

        async def one(slot):
            await asyncio.sleep(slot * pace)
            await self.open_slot(slot)

        await asyncio.gather(*(one(slot) for slot in range(len(self.slots))))
        return time.monotonic() - started

    def counts(self):
        now = time.monotonic()
        held = [holder for holder in self.slots if holder is not None and holder.closed is None]
        return {
            "slots": len(self.slots),
            "open": len(held),
            "connect_attempts": self.attempts,
            "connected": self.connects,
            "connect_failures": dict(self.failures),
            "closed_by_server": self.closed_by_server,
            "closed_within_1s": self.closed_within_1s,
            "answered_before_close": self.answered,
            "oldest_open_seconds": max((now - holder.opened for holder in held), default=0.0),
            "bytes_sent": self.bytes_before + sum(holder.sent for holder in held),
        }

    async def run(self):
        seconds = await self.open_all()
        report = self.counts()
        report["open_seconds"] = seconds
        self.pipe.send(("ready", report))
        while True:
            message = await self.loop.run_in_executor(None, self.pipe.recv)
            if message == "count":
                self.pipe.send(("count", self.counts()))
            elif message == "stop":
                report = self.counts()
                self.stopped = True
                for holder in self.slots:
                    if holder is not None and holder.transport is not None:
                        holder.transport.abort()
                await asyncio.sleep(0.05)
                return report


def worker_main(spec, pipe):
    """Entry point of a worker process (forked by capacity.py)."""
    raise_fd_limit()
    # A full collection walks every annotator, connection and transport: tens of
    # milliseconds in which no timer fires, counted as server latency. The worker lives
    # for one step and makes little cyclic garbage, so the cycle collector stays off.
    gc.disable()
    random.seed()
    loop = new_loop()
    try:
        worker = AnnotatorWorker(spec, pipe) if spec["mode"] == "annotators" else SlowlorisWorker(spec, pipe)
        result = loop.run_until_complete(worker.run())
        pipe.send(("done", result))
    except BaseException as error:
        pipe.send(("failed", f"{type(error).__name__}: {error}"))
        raise
    finally:
        loop.close()
