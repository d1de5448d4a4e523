/* mhd_hello.c: the reference for LoopBenchmark: a minimal libmicrohttpd server that answers
 * every request with a fixed "hello", started with the same flags as RefHuman's HTTPServer
 * (a thread per connection), so the gap between the two is RefHuman's own work.
 * Usage: mhd_hello; prints the bound port, serves until stdin closes. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char body[] = "hello\n";

static enum MHD_Result answer(void *context, struct MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **request_state) {
    (void)context; (void)url; (void)method; (void)version; (void)upload_data;
    if (*request_state == NULL) { /* first call: headers only */
        *request_state = (void *)1;
        return MHD_YES;
    }
    if (*upload_data_size != 0) { *upload_data_size = 0; return MHD_YES; }
    struct MHD_Response *response = MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(response, "Content-Type", "text/plain");
    enum MHD_Result queued = MHD_queue_response(connection, MHD_HTTP_OK, response);
    MHD_destroy_response(response);
    return queued;
}

int main(int argc, char **argv) {
    (void)argc; (void)argv;
    unsigned int flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC;
    struct MHD_Daemon *daemon = MHD_start_daemon(flags, 0, NULL, NULL, answer, NULL,
                                                 MHD_OPTION_CONNECTION_LIMIT, 1000U,
                                                 MHD_OPTION_CONNECTION_TIMEOUT, 30U, MHD_OPTION_END);
    if (daemon == NULL) { fprintf(stderr, "mhd_hello: cannot start\n"); return 1; }
    printf("%u\n", (unsigned int)MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT)->port);
    fflush(stdout);
    while (getchar() != EOF) {}
    MHD_stop_daemon(daemon);
    return 0;
}
