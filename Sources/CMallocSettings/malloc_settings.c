#include "CMallocSettings.h"

// jemalloc reads its options from this symbol when the process starts. An import allocates on several threads and
// frees on others: one arena per CPU, and freed pages handed back to the system after a second rather than ten,
// keep its memory near the live data (104 MB against 81 MB at the peak of a 1,000,000-row import with two
// mapping threads; see docs/performance.md, bulk import). MALLOC_CONF in the environment still overrides it.
__attribute__((visibility("default"), used))
const char *malloc_conf = "percpu_arena:percpu,dirty_decay_ms:1000,muzzy_decay_ms:0";
