#ifndef HEARTH_MALLOC_SETTINGS_H
#define HEARTH_MALLOC_SETTINGS_H

/// The options jemalloc reads when the process starts (see malloc_settings.c).
extern const char *malloc_conf;

#endif
