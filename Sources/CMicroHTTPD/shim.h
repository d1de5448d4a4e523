// CMicroHTTPD: the system libmicrohttpd, plus a typed wrapper around its variadic start
// function, which Swift cannot call.
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <microhttpd.h>

// Starts a daemon on an IPv4 host and port (0 picks a free port) with a thread per
// connection (poll, so descriptors above 1024 work). Returns NULL when the host is not an
// IPv4 address or binding fails.
static inline struct MHD_Daemon *cmhd_start(const char *host, uint16_t port,
                                            unsigned int connection_limit, unsigned int timeout_seconds,
                                            MHD_AccessHandlerCallback handler,
                                            MHD_RequestCompletedCallback completed, void *context) {
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) return NULL;
    // MHD_USE_ITC lets MHD_quiesce_daemon stop accepting while requests finish.
    unsigned int flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC;
    return MHD_start_daemon(flags, port, NULL, NULL, handler, context,
                            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address,
                            MHD_OPTION_CONNECTION_LIMIT, connection_limit,
                            MHD_OPTION_CONNECTION_TIMEOUT, timeout_seconds,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, context,
                            MHD_OPTION_END);
}

static inline uint16_t cmhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}
