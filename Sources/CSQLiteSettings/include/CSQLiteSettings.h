#ifndef CSQLITESETTINGS_H
#define CSQLITESETTINGS_H

/// Turns off SQLite's memory statistics for the whole process (`SQLITE_CONFIG_MEMSTATUS` = 0).
///
/// With statistics on, every allocation SQLite makes takes a global mutex; the system SQLite is built without
/// lookaside memory, so a single insert makes several. Only `sqlite3_memory_used`, `sqlite3_memory_highwater`
/// and the soft heap limit depend on the statistics, and the store uses none of them.
/// SQLite accepts this only before it is first initialised; returns its result code (`SQLITE_MISUSE` after).
int hearth_sqlite_disable_memory_statistics(void);

/// Sets the size in bytes up to which a statement journal stays in memory before SQLite writes it to a temporary
/// file, for the whole process (`SQLITE_CONFIG_STMTJRNL_SPILL`; the system SQLite's default is 64 KiB).
///
/// A statement that may fail part way (an insert of many rows, or one a constraint may refuse) keeps the pages it
/// changes in a statement journal so that it can be undone alone. With 16 KiB pages, 64 KiB is four pages.
/// SQLite accepts this only before it is first initialised; returns its result code (`SQLITE_MISUSE` after).
int hearth_sqlite_set_statement_journal_spill(int bytes);

#endif
