// capacity_load.c: the native load generator of Benchmarks/capacity.py: one worker's share of the ramp's simulated annotators.
//
// A stand-in for capacity_client.AnnotatorWorker, doing what it does without its user-space
// cost (the load generator shares the server's two cores). The protocol with capacity.py,
// over this process's stdin and stdout:
//   stdin:  the spec, one "key value" line each, then "annotators K", K lines "index token", "end";
//   stdout: "ready {connected, failures, seconds}" once every connection was tried;
//   stdin:  "go START" (START on CLOCK_MONOTONIC, in seconds, as Python's time.monotonic());
//   stdout: "done {the dict of capacity_client.Recorder.result()}", then it exits.
// On a fatal error it writes "failed "message"" and exits with status 1.
//
// Semantics follow capacity_client.py (Annotator, HTTPConnection, Recorder) step by step; the
// comments here say only where and why the two differ.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

enum { LEASE, IMAGE, JUDGEMENT, KIND_COUNT };
static const char PNG_MAGIC[8] = "\x89PNG\r\n\x1a\n";
// The Python client's fire_timer lets a timer fire up to this early; here it lets one
// wake-up fire every timer due within it instead of waking once per timer.
static const double EARLY_TOLERANCE = 0.0005;
static const double SWEEP_INTERVAL = 0.25;
static const uint32_t STDIN_KEY = UINT32_MAX;
enum { MAX_REASONS = 32, MAX_EVENTS = 512, READ_CHUNK = 65536 };

typedef struct { char *data; size_t length, capacity; } Buffer;
typedef struct { int64_t *values; size_t count, capacity; } Samples;
typedef struct { char reason[64]; long count; } ReasonCount;
typedef struct { ReasonCount entries[MAX_REASONS]; int used; } ReasonTable;

typedef struct {
    uint32_t index;  // the annotator's index among all the step's annotators (the stagger)
    const char *token;
    double first_lease, due, sent, connect_started;
    long cycle;
    int kind;
    int fd;  // -1: no connection
    // Tells a stale event of a closed connection, still in the batch epoll returned, from
    // an event of the connection opened in its place.
    uint32_t generation;
    bool in_flight, connecting, reconnecting, done;
    Buffer input;   // the start of a response whose rest has not arrived
    Buffer output;  // the unsent rest of a request the socket did not take at once
    char item_id[128], image_url[256];
} Annotator;

typedef struct { double due; uint32_t annotator; } Timer;

static struct {
    char host[64], source[64], lease_method[8];
    int port, categories, connect_concurrency;
    double think, gap, period, timeout, window_offset_start, window_offset_end, drain;
    long total;
    struct sockaddr_in address, source_address;
    bool has_source;
    char host_header[96];
    int think_ms;
} spec;

static Annotator *annotators;
static size_t annotator_count;
static int epoll_fd;
static Timer *timers;
static size_t timer_count, timer_capacity;
static bool stopped;
static double stop_issuing = 1e300;
static long active;
static size_t next_to_connect, connects_pending;
static ReasonTable connect_failures;
static uint64_t random_state;

// What capacity_client.Recorder holds; the window is "never" until "go".
static struct {
    double window_start, window_end;
    Samples latencies[KIND_COUNT];
    long ok[KIND_COUNT];
    ReasonTable errors[KIND_COUNT], errors_outside[KIND_COUNT];
    Samples lag;
    long finished, reconnects, idle_closes, non_test_leases, answered;
} recorder = {.window_start = 1e300, .window_end = 1e300};

// Helpers ---------------------------------------------------------------------------------

static void fail(const char *format, ...) {
    char message[512];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(message, sizeof message, format, arguments);
    va_end(arguments);
    for (char *c = message; *c; c++)
        if (*c == '"' || *c == '\\' || (unsigned char)*c < 32) *c = ' ';  // stays a valid JSON string
    printf("failed \"capacity_load: %s\"\n", message);
    fflush(stdout);
    exit(1);
}

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void buffer_append(Buffer *buffer, const char *data, size_t length) {
    if (buffer->length + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 1024;
        while (capacity < buffer->length + length) capacity *= 2;
        buffer->data = realloc(buffer->data, capacity);
        if (!buffer->data) fail("out of memory");
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, data, length);
    buffer->length += length;
}

static void samples_add(Samples *samples, int64_t value) {
    if (samples->count == samples->capacity) {
        samples->capacity = samples->capacity ? samples->capacity * 2 : 4096;
        samples->values = realloc(samples->values, samples->capacity * sizeof *samples->values);
        if (!samples->values) fail("out of memory");
    }
    samples->values[samples->count++] = value;
}

static ReasonCount *reason_entry(ReasonTable *table, const char *reason) {
    for (int i = 0; i < table->used; i++)
        if (strcmp(table->entries[i].reason, reason) == 0) return &table->entries[i];
    if (table->used == MAX_REASONS) return &table->entries[MAX_REASONS - 1];  // folded in rather than lost
    ReasonCount *entry = &table->entries[table->used++];
    snprintf(entry->reason, sizeof entry->reason, "%s", reason);
    return entry;
}

static void count_reason(ReasonTable *table, const char *reason) { reason_entry(table, reason)->count++; }

// xorshift64*: judgement UUIDs and guesses need no cryptographic quality, and a system call
// per judgement (what uuid.uuid4() costs) would be load the server never sees.
static uint64_t random_next(void) {
    random_state ^= random_state >> 12;
    random_state ^= random_state << 25;
    random_state ^= random_state >> 27;
    return random_state * 0x2545F4914F6CDD1DULL;
}

static void random_uuid(char out[37]) {
    uint64_t high = random_next(), low = random_next();
    char hex[33];
    snprintf(hex, sizeof hex, "%016llx%016llx", (unsigned long long)high, (unsigned long long)low);
    hex[12] = '4';
    hex[16] = "89ab"[(hex[16] <= '9' ? hex[16] - '0' : hex[16] - 'a' + 10) & 3];
    snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

// The first line after the status line of a response head that starts with `prefix`, ignoring
// case (the Python client searches the lowered head for "\r\n" + prefix); NULL if none does.
static const char *header_line(const char *head, size_t length, const char *prefix) {
    size_t prefix_length = strlen(prefix);
    const char *end = head + length;
    for (const char *line = memchr(head, '\n', length); line && ++line < end; line = memchr(line, '\n', (size_t)(end - line)))
        if ((size_t)(end - line) >= prefix_length && strncasecmp(line, prefix, prefix_length) == 0) return line;
    return NULL;
}

// The timers: a binary min-heap on due time. An annotator waits on at most one timer, and a
// timer is never cancelled (a stopped worker simply stops looking), so no handles are kept.

static void timer_push(double due, uint32_t annotator) {
    if (timer_count == timer_capacity) {
        timer_capacity = timer_capacity ? timer_capacity * 2 : 1024;
        timers = realloc(timers, timer_capacity * sizeof *timers);
        if (!timers) fail("out of memory");
    }
    size_t at = timer_count++;
    while (at > 0 && timers[(at - 1) / 2].due > due) {
        timers[at] = timers[(at - 1) / 2];
        at = (at - 1) / 2;
    }
    timers[at] = (Timer){due, annotator};
}

static Timer timer_pop(void) {
    Timer top = timers[0], last = timers[--timer_count];
    size_t at = 0;
    for (;;) {
        size_t child = 2 * at + 1;
        if (child >= timer_count) break;
        if (child + 1 < timer_count && timers[child + 1].due < timers[child].due) child++;
        if (timers[child].due >= last.due) break;
        timers[at] = timers[child];
        at = child;
    }
    if (timer_count) timers[at] = last;
    return top;
}

// The recorder ----------------------------------------------------------------------------

static bool counted(double due) { return recorder.window_start <= due && due < recorder.window_end; }

static void record_success(int kind, double due, double latency) {
    if (counted(due)) {
        samples_add(&recorder.latencies[kind], (int64_t)(latency * 1e6));
        recorder.ok[kind]++;
    }
}

static void record_error(int kind, double due, const char *reason) {
    count_reason(counted(due) ? &recorder.errors[kind] : &recorder.errors_outside[kind], reason);
}

// Connections -----------------------------------------------------------------------------

static void schedule(Annotator *annotator);
static void failed(Annotator *annotator, const char *reason);
static void send_request(Annotator *annotator);

static uint64_t event_key(const Annotator *annotator) {
    return (uint64_t)annotator->generation << 32 | (uint32_t)(annotator - annotators);
}

static void watch(Annotator *annotator, int operation, uint32_t events) {
    struct epoll_event event = {.events = events, .data.u64 = event_key(annotator)};
    if (epoll_ctl(epoll_fd, operation, annotator->fd, &event) < 0) fail("epoll_ctl: %s", strerror(errno));
}

static void close_connection(Annotator *annotator) {
    if (annotator->fd >= 0) close(annotator->fd);  // which also takes it out of the epoll set
    annotator->fd = -1;
    annotator->generation++;
    annotator->connecting = false;
    annotator->input.length = annotator->output.length = 0;
}

// "connect ECONNREFUSED" and the like, as capacity_client.describe names them.
static void describe_errno(char *out, size_t size, int number) {
    const char *name = strerrorname_np(number);
    if (name) snprintf(out, size, "connect %s", name);
    else snprintf(out, size, "connect %d", number);
}

// Starts the connects of connect_all, at most connect_concurrency at a time so the server's
// accept queue is not flooded (connecting is not measured).
static void connect_more(void);

// The end of a connect (reason NULL: it succeeded), for connect_all's bookkeeping or, on a
// reconnect, the request that waited for it.
static void connect_finished(Annotator *annotator, const char *reason, uint32_t events) {
    annotator->connecting = false;
    if (reason) close_connection(annotator);
    if (!annotator->reconnecting) {
        connects_pending--;
        if (reason) count_reason(&connect_failures, reason);
        else watch(annotator, EPOLL_CTL_MOD, EPOLLIN | EPOLLRDHUP);
        return;
    }
    if (reason) {
        failed(annotator, reason);
        return;
    }
    recorder.reconnects++;
    if (events & (EPOLLRDHUP | EPOLLHUP)) {  // closed right after the handshake: the server refused it
        close_connection(annotator);
        failed(annotator, "connection closed at once");
        return;
    }
    watch(annotator, EPOLL_CTL_MOD, EPOLLIN | EPOLLRDHUP);
    send_request(annotator);
}

static void start_connect(Annotator *annotator, bool reconnecting) {
    annotator->reconnecting = reconnecting;
    int on = 1, error = 0;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = errno;
    } else {
        if (spec.has_source) {
            // Reserves no port until connect(), so thousands of sockets bound to one loopback
            // address share the 4-tuple port space like unbound ones.
            setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
            if (bind(fd, (struct sockaddr *)&spec.source_address, sizeof spec.source_address) < 0) error = errno;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        if (!error && connect(fd, (struct sockaddr *)&spec.address, sizeof spec.address) < 0 && errno != EINPROGRESS)
            error = errno;
    }
    if (error) {
        if (fd >= 0) close(fd);
        char reason[64];
        describe_errno(reason, sizeof reason, error);
        connect_finished(annotator, reason, 0);
        return;
    }
    annotator->fd = fd;
    annotator->generation++;
    annotator->connecting = true;
    annotator->connect_started = now_seconds();
    // Even a connect that completed at once is finished by the writable event, so connects
    // always end from the event loop.
    watch(annotator, EPOLL_CTL_ADD, EPOLLOUT | EPOLLRDHUP);
}

static void connect_more(void) {
    while (connects_pending < (size_t)spec.connect_concurrency && next_to_connect < annotator_count) {
        connects_pending++;
        start_connect(&annotators[next_to_connect++], false);
    }
}

static void on_connect_ready(Annotator *annotator, uint32_t events) {
    int error = 0;
    socklen_t length = sizeof error;
    if (getsockopt(annotator->fd, SOL_SOCKET, SO_ERROR, &error, &length) < 0) error = errno;
    if (!error) {
        connect_finished(annotator, NULL, events);
        return;
    }
    char reason[64];
    describe_errno(reason, sizeof reason, error);
    connect_finished(annotator, reason, events);
}

// The connection ended under the annotator (capacity_client's Annotator.lost).
static void connection_lost(Annotator *annotator, bool by_error) {
    close_connection(annotator);
    if (annotator->in_flight) failed(annotator, by_error ? "connection reset" : "connection closed");
    else if (!annotator->done && !stopped) recorder.idle_closes++;
}

static void broken(Annotator *annotator, const char *reason) {
    close_connection(annotator);
    if (annotator->in_flight) failed(annotator, reason);
}

// The timetable ---------------------------------------------------------------------------

static double due_of(const Annotator *annotator, long cycle, int kind) {
    double lease = annotator->first_lease + (double)cycle * spec.period;
    return kind == LEASE ? lease : kind == IMAGE ? lease + spec.gap : lease + spec.gap + spec.think;
}

// Adds, per kind, the requests due inside the window that the annotator has not completed.
static void add_remaining_counted(const Annotator *annotator, long counts[KIND_COUNT]) {
    long cycle = annotator->cycle;
    int kind = annotator->kind;
    for (;;) {
        double due = due_of(annotator, cycle, kind);
        if (due >= recorder.window_end) return;
        if (due >= recorder.window_start) counts[kind]++;
        if (++kind > JUDGEMENT) {
            kind = LEASE;
            cycle++;
        }
    }
}

static void finish(Annotator *annotator) {
    annotator->done = true;
    active--;
}

static void fire(Annotator *annotator) {
    if (stopped || annotator->connecting) return;
    if (annotator->fd < 0) {
        // An idle keep-alive connection the server closed, or one that failed: a browser
        // would quietly open a new one, and so does the annotator (its time still counts).
        start_connect(annotator, true);
        return;
    }
    send_request(annotator);
}

// Waits for the due time of the next request, or sends it now if it is late.
static void schedule(Annotator *annotator) {
    if (annotator->due >= stop_issuing) {
        finish(annotator);
        return;
    }
    if (annotator->due > now_seconds()) timer_push(annotator->due, (uint32_t)(annotator - annotators));
    else fire(annotator);
}

static void fire_timer(Annotator *annotator) {
    if (counted(annotator->due)) samples_add(&recorder.lag, (int64_t)((now_seconds() - annotator->due) * 1e6));
    fire(annotator);
}

static void advance(Annotator *annotator, int kind) {
    if (kind == LEASE) annotator->cycle++;
    annotator->kind = kind;
    annotator->due = due_of(annotator, annotator->cycle, kind);
    schedule(annotator);
}

// The current request failed: counted, and the annotator goes on with the next cycle's
// lease (without a lease there is nothing to fetch or judge).
static void failed(Annotator *annotator, const char *reason) {
    record_error(annotator->kind, annotator->due, reason);
    annotator->in_flight = false;
    advance(annotator, LEASE);
}

// Requests --------------------------------------------------------------------------------

static void send_request(Annotator *annotator) {
    char request[1024];
    int length;
    if (annotator->kind == LEASE) {
        // The lease is a POST with an empty body; a server built before the switch answers
        // GET only, and capacity.py finds out which before the run.
        length = strcmp(spec.lease_method, "POST") == 0
                     ? snprintf(request, sizeof request,
                                "POST /api/next?count=1 HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Length: 0\r\n\r\n",
                                spec.host_header, annotator->token)
                     : snprintf(request, sizeof request, "GET /api/next?count=1 HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n",
                                spec.host_header, annotator->token);
    } else if (annotator->kind == IMAGE) {
        length = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n", annotator->image_url,
                          spec.host_header, annotator->token);
    } else {
        char uuid[37], body[384];
        random_uuid(uuid);
        int body_length = snprintf(body, sizeof body, "{\"uuid\":\"%s\",\"item_id\":\"%s\",\"guesses\":[%d],\"response_ms\":%d}", uuid,
                                   annotator->item_id, (int)(random_next() % (uint64_t)spec.categories), spec.think_ms);
        length = snprintf(request, sizeof request,
                          "POST /api/judgements HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %d\r\n\r\n%s",
                          spec.host_header, annotator->token, body_length, body);
    }
    if (length < 0 || (size_t)length >= sizeof request) fail("a request does not fit its buffer");
    annotator->sent = now_seconds();
    annotator->in_flight = true;
    ssize_t written = send(annotator->fd, request, (size_t)length, MSG_NOSIGNAL);
    if (written == length) return;
    if (written < 0 && errno != EAGAIN && errno != EINTR) {
        connection_lost(annotator, true);
        return;
    }
    if (written < 0) written = 0;
    buffer_append(&annotator->output, request + written, (size_t)(length - written));
    watch(annotator, EPOLL_CTL_MOD, EPOLLIN | EPOLLRDHUP | EPOLLOUT);
}

static void flush_output(Annotator *annotator) {
    ssize_t written = send(annotator->fd, annotator->output.data, annotator->output.length, MSG_NOSIGNAL);
    if (written < 0) {
        if (errno != EAGAIN && errno != EINTR) connection_lost(annotator, true);
        return;
    }
    memmove(annotator->output.data, annotator->output.data + written, annotator->output.length - (size_t)written);
    annotator->output.length -= (size_t)written;
    if (annotator->output.length == 0) watch(annotator, EPOLL_CTL_MOD, EPOLLIN | EPOLLRDHUP);
}

// Answers ---------------------------------------------------------------------------------

static int is_lower_letter(int c) { return c >= 'a' && c <= 'z'; }
static int is_plain_string_char(int c) { return c != '"' && c != '\\'; }

// The first `"key" : "value"` of the body whose value is made of characters `accept` takes,
// as the Python client's regular expressions find it; copied to `out`.
static bool find_field(const char *body, size_t length, const char *key, int (*accept)(int), char *out, size_t size) {
    size_t key_length = strlen(key);
    const char *end = body + length;
    for (const char *at = body; (at = memmem(at, (size_t)(end - at), key, key_length)); at++) {
        const char *p = at + key_length;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
        if (p == end || *p++ != ':') continue;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
        if (p == end || *p++ != '"') continue;
        const char *value = p;
        while (p < end && *p != '"' && accept((unsigned char)*p)) p++;
        if (p == end || *p != '"' || p == value || (size_t)(p - value) >= size) continue;
        memcpy(out, value, (size_t)(p - value));
        out[p - value] = 0;
        return true;
    }
    return false;
}

enum { LEASE_TEST, LEASE_NOT_TEST, LEASE_NONE, LEASE_INVALID };

// capacity_client.parse_lease: the first lease's item id, image URL and phase; an empty
// array means nothing is left. Where its regular expressions miss, the Python client falls
// back to json.loads; here a value with any characters but quote and backslash stands in
// for that fallback, and a missing phase reads as not "test" as it does there.
static int parse_lease(Annotator *annotator, const char *body, size_t length) {
    char phase[32];
    if (find_field(body, length, "\"item_id\"", is_plain_string_char, annotator->item_id, sizeof annotator->item_id) &&
        find_field(body, length, "\"image_url\"", is_plain_string_char, annotator->image_url, sizeof annotator->image_url)) {
        if (find_field(body, length, "\"phase\"", is_lower_letter, phase, sizeof phase)) return strcmp(phase, "test") == 0 ? LEASE_TEST : LEASE_NOT_TEST;
        return LEASE_NOT_TEST;
    }
    size_t at = 0;
    while (at < length && strchr(" \t\r\n", body[at])) at++;
    if (at == length || body[at++] != '[') return LEASE_INVALID;
    while (at < length && strchr(" \t\r\n", body[at])) at++;
    if (at == length || body[at++] != ']') return LEASE_INVALID;
    while (at < length && strchr(" \t\r\n", body[at])) at++;
    return at == length ? LEASE_NONE : LEASE_INVALID;
}

static void answered(Annotator *annotator, int status, const char *body, size_t body_length, bool close) {
    if (!annotator->in_flight) return;
    double now = now_seconds();
    annotator->in_flight = false;
    if (close) close_connection(annotator);
    // Answers that arrived inside the window, whenever they were due: the server's
    // throughput, which an overloaded server keeps up while its latency grows.
    if (recorder.window_start <= now && now < recorder.window_end) recorder.answered++;
    int kind = annotator->kind;
    double due = annotator->due, latency = now - (due < annotator->sent ? due : annotator->sent);
    if (status != 200) {
        char reason[32];
        snprintf(reason, sizeof reason, "HTTP %d", status);
        failed(annotator, reason);
        return;
    }
    if (kind == LEASE) {
        int lease = parse_lease(annotator, body, body_length);
        if (lease == LEASE_INVALID) {
            failed(annotator, "lease not as the contract says");
            return;
        }
        if (lease == LEASE_NONE) {  // nothing left for this annotator: it stops ("finished")
            record_success(kind, due, latency);
            recorder.finished++;
            finish(annotator);
            return;
        }
        if (lease == LEASE_NOT_TEST) recorder.non_test_leases++;
    } else if (kind == IMAGE && (body_length < sizeof PNG_MAGIC || memcmp(body, PNG_MAGIC, sizeof PNG_MAGIC) != 0)) {
        failed(annotator, "image not PNG");
        return;
    }
    record_success(kind, due, latency);
    advance(annotator, kind < JUDGEMENT ? kind + 1 : LEASE);
}

// Hands every whole response in data[0, length) to `answered`; returns the bytes used. Stops
// when the connection ends meanwhile (a "Connection: close", a malformed response): the
// rest belonged to it. Content-Length is the only framing the server uses on these routes.
static size_t take_responses(Annotator *annotator, const char *data, size_t length) {
    uint32_t generation = annotator->generation;
    size_t used = 0;
    while (used < length && annotator->generation == generation) {
        const char *head = data + used;
        size_t available = length - used;
        const char *head_end = memmem(head, available, "\r\n\r\n", 4);
        if (!head_end) break;
        size_t head_length = (size_t)(head_end - head);
        if (head_length < 12 || head[9] < '0' || head[9] > '9' || head[10] < '0' || head[10] > '9' || head[11] < '0' || head[11] > '9') {
            broken(annotator, "malformed status line");
            break;
        }
        int status = (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
        long content_length = 0;
        const char *field = header_line(head, head_length, "content-length:");
        if (field) {
            char *number_end;
            content_length = strtol(field + 15, &number_end, 10);
            if (number_end == field + 15 || content_length < 0) {
                broken(annotator, "malformed Content-Length");
                break;
            }
        } else if (status != 204 && status != 304) {
            broken(annotator, "response without Content-Length");
            break;
        }
        size_t total = head_length + 4 + (size_t)content_length;
        if (available < total) break;
        bool close = header_line(head, head_length, "connection: close") != NULL;
        answered(annotator, status, head_end + 4, (size_t)content_length, close);
        used += total;
    }
    return used;
}

static void on_readable(Annotator *annotator) {
    static char chunk[READ_CHUNK];
    ssize_t length = recv(annotator->fd, chunk, sizeof chunk, 0);
    if (length < 0) {
        if (errno != EAGAIN && errno != EINTR) connection_lost(annotator, true);
        return;
    }
    if (length == 0) {
        connection_lost(annotator, false);
        return;
    }
    uint32_t generation = annotator->generation;
    Buffer *input = &annotator->input;
    if (input->length == 0) {  // the usual case: whole responses, parsed where they were read
        size_t used = take_responses(annotator, chunk, (size_t)length);
        if (annotator->generation == generation && used < (size_t)length) buffer_append(input, chunk + used, (size_t)length - used);
    } else {
        buffer_append(input, chunk, (size_t)length);
        size_t used = take_responses(annotator, input->data, input->length);
        if (annotator->generation == generation) {
            memmove(input->data, input->data + used, input->length - used);
            input->length -= used;
        }
    }
}

// Times out requests that got no answer and connects that did not finish (one pass for all,
// not one timer per request).
static void sweep(double now) {
    for (size_t i = 0; i < annotator_count; i++) {
        Annotator *annotator = &annotators[i];
        if (annotator->in_flight && now - annotator->sent > spec.timeout) {
            close_connection(annotator);
            failed(annotator, "timeout");
        } else if (annotator->connecting && now - annotator->connect_started > spec.timeout) {
            connect_finished(annotator, "connect timeout", 0);
        }
    }
}

// The event loop --------------------------------------------------------------------------

static double go_start = -1;

static void read_command(void) {
    static char line[256];
    static size_t length;
    ssize_t got = read(STDIN_FILENO, line + length, sizeof line - 1 - length);
    if (got <= 0) fail("stdin closed before \"go\"");
    length += (size_t)got;
    line[length] = 0;
    if (!strchr(line, '\n')) return;
    if (sscanf(line, "go %lf", &go_start) != 1) fail("expected \"go START\", read %s", line);
}

// Handles what epoll reports until `deadline` or the next timer, then fires the due timers.
static void poll_events(double deadline) {
    static double next_sweep;
    double now = now_seconds();
    if (next_sweep == 0) next_sweep = now + SWEEP_INTERVAL;
    double wake = deadline < next_sweep ? deadline : next_sweep;
    if (timer_count && timers[0].due < wake) wake = timers[0].due;
    double wait = wake > now ? wake - now : 0;
    // epoll_pwait2 takes nanoseconds: epoll_wait's milliseconds would fire timers up to 1 ms late.
    struct timespec timeout = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
    struct epoll_event events[MAX_EVENTS];
    int count = epoll_pwait2(epoll_fd, events, MAX_EVENTS, &timeout, NULL);
    if (count < 0 && errno != EINTR) fail("epoll_pwait2: %s", strerror(errno));
    for (int i = 0; i < count; i++) {
        uint32_t slot = (uint32_t)events[i].data.u64, generation = (uint32_t)(events[i].data.u64 >> 32), mask = events[i].events;
        if (slot == STDIN_KEY) {
            read_command();
            continue;
        }
        Annotator *annotator = &annotators[slot];
        if (annotator->fd < 0 || annotator->generation != generation) continue;  // a connection closed meanwhile
        if (annotator->connecting) {
            on_connect_ready(annotator, mask);
            continue;
        }
        if ((mask & EPOLLOUT) && annotator->output.length) {
            flush_output(annotator);
            if (annotator->fd < 0 || annotator->generation != generation) continue;
        }
        if (mask & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) on_readable(annotator);
    }
    now = now_seconds();
    while (timer_count && timers[0].due <= now + EARLY_TOLERANCE) fire_timer(&annotators[timer_pop().annotator]);
    if (now >= next_sweep) {
        sweep(now);
        next_sweep = now + SWEEP_INTERVAL;
    }
}

// Set-up and output -----------------------------------------------------------------------

static void read_spec(void) {
    char line[1024];
    size_t annotators_read = 0;
    bool ended = false;
    while (!ended && fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = 0;
        if (annotators_read < annotator_count) {
            Annotator *annotator = &annotators[annotators_read++];
            char token[sizeof line];
            if (sscanf(line, "%u %1000s", &annotator->index, token) != 2) fail("bad annotator line: %s", line);
            annotator->token = strdup(token);
            annotator->fd = -1;
            continue;
        }
        char *value = strchr(line, ' ');
        if (value) *value++ = 0;
        if (strcmp(line, "end") == 0) ended = true;
        else if (!value) fail("spec line without a value: %s", line);
        else if (strcmp(line, "host") == 0) snprintf(spec.host, sizeof spec.host, "%s", value);
        else if (strcmp(line, "port") == 0) spec.port = atoi(value);
        else if (strcmp(line, "source") == 0) spec.has_source = strcmp(value, "-") != 0, snprintf(spec.source, sizeof spec.source, "%s", value);
        else if (strcmp(line, "lease_method") == 0) snprintf(spec.lease_method, sizeof spec.lease_method, "%s", value);
        else if (strcmp(line, "think") == 0) spec.think = strtod(value, NULL);
        else if (strcmp(line, "gap") == 0) spec.gap = strtod(value, NULL);
        else if (strcmp(line, "timeout") == 0) spec.timeout = strtod(value, NULL);
        else if (strcmp(line, "categories") == 0) spec.categories = atoi(value);
        else if (strcmp(line, "total") == 0) spec.total = atol(value);
        else if (strcmp(line, "window") == 0) sscanf(value, "%lf %lf", &spec.window_offset_start, &spec.window_offset_end);
        else if (strcmp(line, "drain") == 0) spec.drain = strtod(value, NULL);
        else if (strcmp(line, "connect_concurrency") == 0) spec.connect_concurrency = atoi(value);
        else if (strcmp(line, "annotators") == 0) {
            annotator_count = strtoul(value, NULL, 10);
            annotators = calloc(annotator_count ? annotator_count : 1, sizeof *annotators);
            if (!annotators) fail("out of memory");
        } else fail("unknown spec key %s", line);
    }
    if (!ended || annotators_read != annotator_count) fail("the spec ended early");
    if (spec.categories < 1 || spec.total < 1 || spec.connect_concurrency < 1) fail("spec without categories, total or connect_concurrency");
    spec.period = spec.think + 2 * spec.gap;
    spec.think_ms = (int)(spec.think * 1000);
    snprintf(spec.host_header, sizeof spec.host_header, "%s:%d", spec.host, spec.port);
    spec.address = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons((uint16_t)spec.port)};
    if (inet_pton(AF_INET, spec.host, &spec.address.sin_addr) != 1) fail("host %s is not an IPv4 address", spec.host);
    // All traffic stays on this machine.
    if ((ntohl(spec.address.sin_addr.s_addr) >> 24) != 127) fail("host %s is not in 127.0.0.0/8", spec.host);
    if (spec.has_source) {
        spec.source_address = (struct sockaddr_in){.sin_family = AF_INET};
        if (inet_pton(AF_INET, spec.source, &spec.source_address.sin_addr) != 1) fail("source %s is not an IPv4 address", spec.source);
    }
}

// As capacity_client.raise_fd_limit: the hard limit too if allowed, else the soft one up to it.
static void raise_fd_limit(rlim_t wanted) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    struct rlimit raised = {limit.rlim_cur > wanted ? limit.rlim_cur : wanted, limit.rlim_max > wanted ? limit.rlim_max : wanted};
    if (setrlimit(RLIMIT_NOFILE, &raised) != 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

static void print_samples(const Samples *samples) {
    putchar('[');
    for (size_t i = 0; i < samples->count; i++) printf(i ? ", %lld" : "%lld", (long long)samples->values[i]);
    putchar(']');
}

static void print_reasons(const ReasonTable *table) {
    putchar('{');
    for (int i = 0; i < table->used; i++) printf("%s\"%s\": %ld", i ? ", " : "", table->entries[i].reason, table->entries[i].count);
    putchar('}');
}

static void print_reason_tables(const char *name, const ReasonTable tables[KIND_COUNT]) {
    printf("\"%s\": [", name);
    for (int kind = 0; kind < KIND_COUNT; kind++) {
        if (kind) printf(", ");
        print_reasons(&tables[kind]);
    }
    printf("], ");
}

// The dict capacity_client.Recorder.result() returns, so capacity.py aggregates both alike.
static void print_result(void) {
    printf("done {\"latencies_us\": [");
    for (int kind = 0; kind < KIND_COUNT; kind++) {
        if (kind) printf(", ");
        print_samples(&recorder.latencies[kind]);
    }
    printf("], ");
    printf("\"ok\": [%ld, %ld, %ld], ", recorder.ok[0], recorder.ok[1], recorder.ok[2]);
    print_reason_tables("errors", recorder.errors);
    print_reason_tables("errors_outside", recorder.errors_outside);
    printf("\"lag_us\": ");
    print_samples(&recorder.lag);
    printf(", \"finished\": %ld, \"reconnects\": %ld, \"idle_closes\": %ld, \"non_test_leases\": %ld, \"answered\": %ld}\n",
           recorder.finished, recorder.reconnects, recorder.idle_closes, recorder.non_test_leases, recorder.answered);
    fflush(stdout);
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    raise_fd_limit(65536);
    if (getrandom(&random_state, sizeof random_state, 0) != sizeof random_state || random_state == 0)
        random_state = (uint64_t)getpid() << 32 ^ (uint64_t)(now_seconds() * 1e9) ^ 1;
    // The spec is read through stdio: capacity.py writes nothing more until this process
    // says "ready", so stdio cannot have read ahead into the "go" line.
    read_spec();
    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd < 0) fail("epoll_create1: %s", strerror(errno));

    // Every annotator's connection opens before the clock starts.
    double connect_began = now_seconds();
    while (next_to_connect < annotator_count || connects_pending) {
        connect_more();
        if (connects_pending) poll_events(now_seconds() + 1);
    }
    long connected = 0;
    for (size_t i = 0; i < annotator_count; i++) connected += annotators[i].fd >= 0;
    printf("ready {\"connected\": %ld, \"failures\": ", connected);
    print_reasons(&connect_failures);
    printf(", \"seconds\": %.6f}\n", now_seconds() - connect_began);
    fflush(stdout);

    // Waits for "go", meanwhile noticing connections the server closes.
    struct epoll_event command_event = {.events = EPOLLIN, .data.u64 = STDIN_KEY};
    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, STDIN_FILENO, &command_event) < 0) fail("epoll_ctl stdin: %s", strerror(errno));
    while (go_start < 0) poll_events(now_seconds() + 1);
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, STDIN_FILENO, NULL);

    recorder.window_start = go_start + spec.window_offset_start;
    recorder.window_end = go_start + spec.window_offset_end;
    // Requests due after the window are never sent: the window's own requests keep the load
    // steady up to its end, and the step ends sooner.
    stop_issuing = recorder.window_end;
    // Annotators start staggered evenly over one period, in global index order, so the
    // workers' shares interleave and the server sees a smooth arrival rate.
    for (size_t i = 0; i < annotator_count; i++) {
        Annotator *annotator = &annotators[i];
        annotator->first_lease = go_start + (annotator->index + 0.5) / (double)spec.total * spec.period;
        annotator->due = annotator->first_lease;
    }
    active = (long)annotator_count;
    for (size_t i = 0; i < annotator_count; i++) schedule(&annotators[i]);
    double drain_deadline = recorder.window_end + spec.drain, soonest_end = now_seconds() + 0.1;
    double end = drain_deadline > soonest_end ? drain_deadline : soonest_end;
    while (active > 0 && now_seconds() < end) poll_events(end);
    stopped = true;

    // Counted requests still waiting at the drain deadline are errors: their latency is at
    // least the time they have waited, too long to report.
    long unanswered[KIND_COUNT] = {0};
    for (size_t i = 0; i < annotator_count; i++)
        if (!annotators[i].done) add_remaining_counted(&annotators[i], unanswered);
    for (int kind = 0; kind < KIND_COUNT; kind++)
        if (unanswered[kind]) reason_entry(&recorder.errors[kind], "no answer by the drain deadline")->count = unanswered[kind];
    for (size_t i = 0; i < annotator_count; i++) close_connection(&annotators[i]);
    print_result();
    return 0;
}
