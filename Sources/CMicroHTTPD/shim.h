// CMicroHTTPD: the system libmicrohttpd, plus typed wrappers for what Swift cannot call
// (its variadic start function) or would spell awkwardly (socket addresses).
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <microhttpd.h>

enum { CMHD_CONNECTION_MEMORY = 16 * 1024 };

struct cmhd_settings {
    const char *host;              // an IPv4 or IPv6 literal; "::" listens on both families
    uint16_t port;                 // 0 picks a free port
    unsigned int connection_limit;
    unsigned int per_address_limit;
    unsigned int idle_timeout_seconds;
    const char *tls_key_pem;       // both NULL for plain HTTP
    const char *tls_cert_pem;
    unsigned int polling_threads;  // each polls its share of the connections with its own epoll
};

// Starts a daemon whose internal threads (a fixed few) poll the connections with epoll,
// so a connection costs no thread; handlers suspend their connection while work runs
// elsewhere and resume it with the answer. Returns NULL when the host is not an address
// literal or binding fails.
static inline struct MHD_Daemon *cmhd_start(const struct cmhd_settings *settings,
                                            MHD_AccessHandlerCallback handler, void *handler_context,
                                            MHD_RequestCompletedCallback completed,
                                            MHD_NotifyConnectionCallback connection_events, void *context) {
    struct sockaddr_storage address;
    memset(&address, 0, sizeof address);
    unsigned int flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME;
    struct sockaddr_in *v4 = (struct sockaddr_in *)&address;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&address;
    if (inet_pton(AF_INET, settings->host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(settings->port);
    } else if (inet_pton(AF_INET6, settings->host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(settings->port);
        // The unspecified address takes IPv4 clients too (as ::ffff:a.b.c.d).
        flags |= IN6_IS_ADDR_UNSPECIFIED(&v6->sin6_addr) ? MHD_USE_DUAL_STACK : MHD_USE_IPv6;
    } else {
        return NULL;
    }
    struct MHD_OptionItem options[] = {
        {MHD_OPTION_SOCK_ADDR, 0, &address},
        {MHD_OPTION_CONNECTION_LIMIT, settings->connection_limit, NULL},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, settings->per_address_limit, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, settings->idle_timeout_seconds, NULL},
        {MHD_OPTION_LISTEN_BACKLOG_SIZE, 4096, NULL},
        // Each connection's memory pool, which libmicrohttpd clears after every request: the
        // default 32 KiB made that clearing a measurable share of the server's CPU (make bench).
        // A request head may take about half of it, far beyond what browsers send.
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, CMHD_CONNECTION_MEMORY, NULL},
        {MHD_OPTION_THREAD_POOL_SIZE, settings->polling_threads, NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)completed, context},
        {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)connection_events, context},
        {MHD_OPTION_END, 0, NULL},  // TLS's two options replace this one and the next when asked for
        {MHD_OPTION_END, 0, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    if (settings->tls_key_pem && settings->tls_cert_pem) {
        flags |= MHD_USE_TLS;
        options[9] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)settings->tls_key_pem};
        options[10] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)settings->tls_cert_pem};
    }
    return MHD_start_daemon(flags, settings->port, NULL, NULL, handler, handler_context,
                            MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}

static inline uint16_t cmhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

// The peer's address as text ("127.0.0.2", "::1"; IPv4 clients of a dual-stack socket
// as plain IPv4). Returns false when libmicrohttpd does not know it.
static inline bool cmhd_client_address(struct MHD_Connection *connection, char *text, socklen_t capacity) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return false;
    const struct sockaddr *address = info->client_addr;
    if (address->sa_family == AF_INET) {
        return inet_ntop(AF_INET, &((const struct sockaddr_in *)address)->sin_addr, text, capacity) != NULL;
    }
    if (address->sa_family == AF_INET6) {
        const struct in6_addr *v6 = &((const struct sockaddr_in6 *)address)->sin6_addr;
        if (IN6_IS_ADDR_V4MAPPED(v6)) return inet_ntop(AF_INET, &v6->s6_addr[12], text, capacity) != NULL;
        return inet_ntop(AF_INET6, v6, text, capacity) != NULL;
    }
    return false;
}

// The connection's socket, for closing a connection whose request head is overdue.
static inline int cmhd_connection_socket(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    return info ? info->connect_fd : -1;
}
