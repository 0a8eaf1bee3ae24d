#include <sqlite3.h>
#include "CSQLiteSettings.h"

int hearth_sqlite_disable_memory_statistics(void) {
    // sqlite3_config is variadic, so Swift cannot call it directly.
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int hearth_sqlite_set_statement_journal_spill(int bytes) {
    return sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes);
}
