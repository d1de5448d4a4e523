// OpenBLAS's CBLAS header (Debian: libopenblas-dev, installed under
// /usr/include/x86_64-linux-gnu via alternatives). It also declares
// openblas_set_num_threads, which the classifier uses to pick its threading.
#include <cblas.h>
