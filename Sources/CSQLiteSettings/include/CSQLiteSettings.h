#ifndef CSQLITESETTINGS_H
#define CSQLITESETTINGS_H

/// Turns off SQLite's memory statistics for the whole process (`SQLITE_CONFIG_MEMSTATUS` = 0).
///
/// With statistics on, every allocation SQLite makes takes a global mutex; the system SQLite is built without
/// lookaside memory, so a single insert makes several. Only `sqlite3_memory_used`, `sqlite3_memory_highwater`
/// and the soft heap limit depend on the statistics, and the store uses none of them.
/// SQLite accepts this only before it is first initialised; returns its result code (`SQLITE_MISUSE` after).
int hearth_sqlite_disable_memory_statistics(void);

#endif
