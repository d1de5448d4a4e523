// CZlib: the system zlib, for gzip-compressed IDX files and gzip output.
#pragma once
#include <zlib.h>

// deflateInit2/inflateInit2 are macros, which Swift cannot call.
static inline int czlib_inflate_init_auto(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);  // 32: detect zlib or gzip header
}
static inline int czlib_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // 16: gzip wrapper
}
