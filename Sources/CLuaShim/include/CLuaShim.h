#ifndef CLUASHIM_H
#define CLUASHIM_H

#include <stddef.h>
#include <stdint.h>
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>

/// Which limit stopped a call.
typedef enum {
    HEARTH_LIMIT_NONE = 0,
    HEARTH_LIMIT_INSTRUCTIONS = 1,
    HEARTH_LIMIT_MEMORY = 2,
    HEARTH_LIMIT_TIME = 3,
    HEARTH_LIMIT_PATTERN = 4,
    HEARTH_LIMIT_DEPTH = 5,
} hearth_limit;

/// The per-state control block: memory accounting, the instruction budget and the deadline.
/// One lives beside each lua_State; every coroutine of the state reaches it through the extra space.
typedef struct hearth_control {
    size_t mem_used;
    size_t mem_limit;          /* 0 = no cap */
    int mem_suspended;         /* > 0 while the host converts values: the cap must not raise in Swift frames */
    long long instr_used;
    long long instr_budget;    /* 0 = no budget */
    int granularity;           /* instructions between two hook calls */
    double deadline;           /* CLOCK_MONOTONIC seconds; 0 = none */
    double timeout;            /* seconds, for messages */
    int limit_hit;             /* a hearth_limit */
    int active;                /* > 0 while a host call runs */
    int coverage;              /* record executed lines in the registry table "hearth.coverage" */
} hearth_control;

/// Swift's side of a callback: returns the number of results, or -1 with an error message on top of the stack.
typedef int (*hearth_swift_fn)(lua_State *L, void *context);

lua_State *hearth_newstate(hearth_control *control);
hearth_control *hearth_getcontrol(lua_State *L);
void hearth_arm(lua_State *L);
double hearth_now(void);

/* Macros Swift cannot call. */
int hearth_pcall(lua_State *L, int nargs, int nresults, int msgh);
void hearth_pop(lua_State *L, int n);
void hearth_newtable(lua_State *L);
const char *hearth_tostring(lua_State *L, int idx, size_t *len);
int hearth_registryindex(void);
int hearth_upvalueindex(int i);
int hearth_isnoneornil(lua_State *L, int idx);
int hearth_gc_collect(lua_State *L);
int hearth_gc_count_kb(lua_State *L);
/// Switches the collector to generational mode (cheaper for many short-lived tables); returns the previous mode.
int hearth_gc_generational(lua_State *L);
/// Switches the collector back to incremental mode; returns the previous mode.
int hearth_gc_incremental(lua_State *L);
int hearth_loadtext(lua_State *L, const char *buf, size_t len, const char *chunkname);

/* Import helpers (import_helpers.c). yesno and dash_count take the Swift helper for everything else as upvalue 1. */
int hearth_split(lua_State *L);
int hearth_codes(lua_State *L);
int hearth_datetime(lua_State *L);
/// Gives hearth_datetime London's offsets from UTC: from instants[i] (epoch seconds) on, offsets[i] seconds, in order.
/// Called once, before any script runs; the arrays must live as long as the process.
void hearth_set_london_offsets(const long long *instants, const int *offsets, int count);
int hearth_yesno(lua_State *L);
int hearth_dash_count(lua_State *L);
/// A helper (upvalue 1: a function of the text giving value, problem) that also reports its problem to a ctx.
int hearth_reporting(lua_State *L);
/// make_reporting(f): hearth_reporting around f.
int hearth_make_reporting(lua_State *L);

/// The message handler used for every host call: adds a traceback; never calls metamethods.
int hearth_msgh(lua_State *L);
/// Pushes a C closure that calls `fn(L, context)` and raises its error after Swift has returned.
void hearth_pushswiftfunction(lua_State *L, hearth_swift_fn fn, void *context);
/// Opens the sandbox's libraries and installs the guarded functions into the state's base library.
int hearth_opensandbox(lua_State *L);
/// Builds the read-only environment every chunk gets, after the host has added its globals to the sandbox table.
int hearth_seal(lua_State *L);
/// Marks the table at idx read-only for the guarded rawset / setmetatable.
void hearth_protect(lua_State *L, int idx);
/// The location of the Lua function at `level` ("chunk:line:"), pushed as a string.
void hearth_where(lua_State *L, int level);
/// The source line of the Lua code that called the running C function, or -1.
int hearth_callerline(lua_State *L);
/// Sets the chunk name of the function at idx into `out` (at most `size` bytes).
void hearth_chunkname(lua_State *L, int idx, char *out, size_t size);

/// Replaces the table on top of the stack with a read-only proxy of it.
void hearth_makereadonly(lua_State *L);
/// Pops the value on top of the stack into the sandbox's global table under `name` (before sealing).
void hearth_setsandboxglobal(lua_State *L, const char *name);
/// Pushes the sandbox environment that chunks get as _ENV.
void hearth_pushenv(lua_State *L);

#endif
