/*
 * The C side of Hearth's Lua host: what Swift cannot express or must not do itself.
 * - an allocator with a memory cap that never raises while the host converts values;
 * - an instruction budget and a wall-clock deadline shared by every coroutine of a state;
 * - a trampoline so Swift callbacks never raise: they return a status and this file raises;
 * - guarded pcall / xpcall / coroutine.resume, so plugin code cannot swallow a limit error;
 * - the sandbox's base library (safe load, read-only tables, no __gc, no bytecode).
 * The bounded pattern matcher lives in pattern.c.
 */
#include "CLuaShim.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

int hearth_open_patterns(lua_State *L);   /* pattern.c */
void hearth_makereadonly(lua_State *L);

/* Seconds on a monotonic clock, for the per-call deadline. The coarse clock (a few milliseconds' resolution, against
   time limits of seconds) reads in a few nanoseconds; the precise one took a quarter of an empty call's time. */
double hearth_now(void) {
    struct timespec ts;
#ifdef CLOCK_MONOTONIC_COARSE
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
#else
    clock_gettime(CLOCK_MONOTONIC, &ts);
#endif
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- allocation ---------------------------------------------------------------------------- */

static void *hearth_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    hearth_control *c = (hearth_control *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        if (ptr) { c->mem_used -= old; free(ptr); }
        return NULL;
    }
    if (c->mem_limit && !c->mem_suspended && nsize > old && c->mem_used - old + nsize > c->mem_limit)
        return NULL;
    void *p = realloc(ptr, nsize);
    if (!p) return NULL;
    c->mem_used = c->mem_used - old + nsize;
    return p;
}

lua_State *hearth_newstate(hearth_control *control) {
    control->mem_suspended++;
    lua_State *L = lua_newstate(hearth_alloc, control);
    if (L) *(hearth_control **)lua_getextraspace(L) = control;
    control->mem_suspended--;
    return L;
}

hearth_control *hearth_getcontrol(lua_State *L) {
    return *(hearth_control **)lua_getextraspace(L);
}

/* ---- limits -------------------------------------------------------------------------------- */

/* Line coverage: registry["hearth.coverage"][source][line] = true */
static void record_line(lua_State *L, lua_Debug *ar) {
    if (!lua_getinfo(L, "S", ar) || ar->source[0] != '@') return;
    hearth_control *c = hearth_getcontrol(L);
    c->mem_suspended++;
    if (lua_getfield(L, LUA_REGISTRYINDEX, "hearth.coverage") != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 4);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, "hearth.coverage");
    }
    if (lua_getfield(L, -1, ar->source + 1) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 16);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, ar->source + 1);
    }
    lua_pushboolean(L, 1);
    lua_rawseti(L, -2, ar->currentline);
    lua_pop(L, 2);
    c->mem_suspended--;
}

static void hearth_hook(lua_State *L, lua_Debug *ar) {
    hearth_control *c = hearth_getcontrol(L);
    if (ar->event == LUA_HOOKLINE) { record_line(L, ar); return; }
    c->instr_used += c->granularity;
    if (c->instr_budget > 0 && c->instr_used > c->instr_budget) {
        c->limit_hit = HEARTH_LIMIT_INSTRUCTIONS;
        luaL_where(L, 0);
        lua_pushfstring(L, "instruction limit exceeded (the budget is %d instructions per call)", (int)c->instr_budget);
        lua_concat(L, 2);
        lua_error(L);
    }
    if (c->deadline > 0 && hearth_now() > c->deadline) {
        c->limit_hit = HEARTH_LIMIT_TIME;
        luaL_where(L, 0);
        lua_pushfstring(L, "time limit exceeded (%f s per call)", c->timeout);
        lua_concat(L, 2);
        lua_error(L);
    }
}

void hearth_arm(lua_State *L) {
    hearth_control *c = hearth_getcontrol(L);
    lua_sethook(L, hearth_hook, LUA_MASKCOUNT | (c->coverage ? LUA_MASKLINE : 0), c->granularity > 0 ? c->granularity : 1000);
}

/* ---- macros made callable ------------------------------------------------------------------ */

int hearth_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    return lua_pcallk(L, nargs, nresults, msgh, 0, NULL);
}
void hearth_pop(lua_State *L, int n) { lua_settop(L, -(n) - 1); }
void hearth_newtable(lua_State *L) { lua_createtable(L, 0, 0); }
const char *hearth_tostring(lua_State *L, int idx, size_t *len) { return lua_tolstring(L, idx, len); }
int hearth_registryindex(void) { return LUA_REGISTRYINDEX; }
int hearth_upvalueindex(int i) { return lua_upvalueindex(i); }
int hearth_isnoneornil(lua_State *L, int idx) { return lua_type(L, idx) <= 0; }
int hearth_gc_collect(lua_State *L) { return lua_gc(L, LUA_GCCOLLECT); }
int hearth_gc_count_kb(lua_State *L) { return lua_gc(L, LUA_GCCOUNT); }
int hearth_gc_generational(lua_State *L) { return lua_gc(L, LUA_GCGEN, 0, 0); }
int hearth_gc_incremental(lua_State *L) { return lua_gc(L, LUA_GCINC, 0, 0, 0); }

int hearth_loadtext(lua_State *L, const char *buf, size_t len, const char *chunkname) {
    return luaL_loadbufferx(L, buf, len, chunkname, "t");
}

/* ---- errors -------------------------------------------------------------------------------- */

int hearth_msgh(lua_State *L) {
    int t = lua_type(L, 1);
    if (t == LUA_TSTRING || t == LUA_TNUMBER) {
        /* keep as is */
    } else if (t == LUA_TNIL) {
        lua_pushliteral(L, "error raised with a nil value");
        lua_replace(L, 1);
    } else {
        /* Never call __tostring here: an error object's metamethod may itself fail or loop. */
        lua_pushfstring(L, "error raised with a %s value", lua_typename(L, t));
        lua_replace(L, 1);
    }
    luaL_traceback(L, L, lua_tostring(L, 1), 1);
    return 1;
}

void hearth_where(lua_State *L, int level) { luaL_where(L, level); }

int hearth_callerline(lua_State *L) {
    lua_Debug ar;
    if (!lua_getstack(L, 1, &ar)) return -1;
    if (!lua_getinfo(L, "l", &ar)) return -1;
    return ar.currentline;
}

void hearth_chunkname(lua_State *L, int idx, char *out, size_t size) {
    lua_Debug ar;
    out[0] = 0;
    if (size == 0) return;
    lua_pushvalue(L, idx);
    if (lua_getinfo(L, ">S", &ar)) {
        strncpy(out, ar.short_src, size - 1);
        out[size - 1] = 0;
    }
}

/* ---- Swift callbacks ----------------------------------------------------------------------- */

typedef struct { hearth_swift_fn fn; void *context; } hearth_callback;

static int hearth_trampoline(lua_State *L) {
    hearth_callback *cb = (hearth_callback *)lua_touserdata(L, lua_upvalueindex(1));
    hearth_control *c = hearth_getcontrol(L);
    c->mem_suspended++;
    int n = cb->fn(L, cb->context);
    c->mem_suspended--;
    if (n < 0) {
        if (n == -1 && lua_type(L, -1) == LUA_TSTRING) {
            luaL_where(L, 1);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);
    }
    if (c->mem_limit && c->mem_used > c->mem_limit) {
        c->limit_hit = HEARTH_LIMIT_MEMORY;
        return luaL_error(L, "memory limit exceeded (%d bytes per runtime)", (int)c->mem_limit);
    }
    return n;
}

void hearth_pushswiftfunction(lua_State *L, hearth_swift_fn fn, void *context) {
    hearth_callback *cb = (hearth_callback *)lua_newuserdatauv(L, sizeof(hearth_callback), 0);
    cb->fn = fn;
    cb->context = context;
    lua_pushcclosure(L, hearth_trampoline, 1);
}

/* ---- guarded base functions ---------------------------------------------------------------- */

static int is_limit(lua_State *L, int status) {
    hearth_control *c = hearth_getcontrol(L);
    if (status == LUA_ERRMEM && c->limit_hit == HEARTH_LIMIT_NONE) c->limit_hit = HEARTH_LIMIT_MEMORY;
    return c->limit_hit != HEARTH_LIMIT_NONE;
}

static int finish_pcall(lua_State *L, int status, lua_KContext extra) {
    if (status != LUA_OK && status != LUA_YIELD) {
        if (is_limit(L, status)) return lua_error(L);   /* a limit is not the plugin's to catch */
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    return lua_gettop(L) - (int)extra;
}

static int guarded_pcall(lua_State *L) {
    luaL_checkany(L, 1);
    lua_pushboolean(L, 1);
    lua_insert(L, 1);
    int status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
    return finish_pcall(L, status, 0);
}

/* The plugin's message handler, skipped once a limit has fired (it could loop or fail forever). */
static int guarded_handler(lua_State *L) {
    if (hearth_getcontrol(L)->limit_hit != HEARTH_LIMIT_NONE) return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int guarded_xpcall(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, guarded_handler, 1);
    lua_replace(L, 2);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2);
    int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
    return finish_pcall(L, status, 2);
}

/* coroutine.resume / coroutine.close report errors as values: re-raise the limits. */
static int guarded_corofn(lua_State *L) {
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    if (!lua_toboolean(L, 1)) {
        hearth_control *c = hearth_getcontrol(L);
        if (c->limit_hit == HEARTH_LIMIT_NONE && lua_type(L, 2) == LUA_TSTRING
            && strcmp(lua_tostring(L, 2), "not enough memory") == 0)
            c->limit_hit = HEARTH_LIMIT_MEMORY;
        if (c->limit_hit != HEARTH_LIMIT_NONE) {
            lua_settop(L, 2);
            return lua_error(L);
        }
    }
    return lua_gettop(L);
}

/* A coroutine starts its own instruction count: charge one hook interval up front so that
   creating many short coroutines cannot run code the budget never sees. */
static int guarded_corocreate(lua_State *L) {
    hearth_control *c = hearth_getcontrol(L);
    c->instr_used += c->granularity;
    if (c->instr_budget > 0 && c->instr_used > c->instr_budget) {
        c->limit_hit = HEARTH_LIMIT_INSTRUCTIONS;
        return luaL_error(L, "instruction limit exceeded (the budget is %d instructions per call)", (int)c->instr_budget);
    }
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, 1);
    return 1;
}

static int is_protected(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_getfield(L, LUA_REGISTRYINDEX, "hearth.protected");
    lua_pushvalue(L, idx);
    lua_rawget(L, -2);
    int p = lua_toboolean(L, -1);
    lua_pop(L, 2);
    return p;
}

void hearth_protect(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_getfield(L, LUA_REGISTRYINDEX, "hearth.protected");
    lua_pushvalue(L, idx);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

static int guarded_rawset(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    if (is_protected(L, 1))
        return luaL_error(L, "rawset: this table is read-only in the sandbox");
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

static int guarded_setmetatable(lua_State *L) {
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (is_protected(L, 1))
        return luaL_error(L, "setmetatable: this table is read-only in the sandbox");
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    if (t == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc metamethods are not allowed in the sandbox");
        lua_pop(L, 1);
    }
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

static int guarded_load(lua_State *L) {
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    if (s == NULL)
        return luaL_error(L, "load: only source text is allowed in the sandbox (got a %s)", luaL_typename(L, 1));
    const char *name = luaL_optstring(L, 2, "=(load)");
    int envidx = lua_type(L, 4) != LUA_TNONE ? 4 : 0;
    if (len > 0 && s[0] == LUA_SIGNATURE[0]) {
        lua_pushnil(L);
        lua_pushliteral(L, "load: binary chunks are not allowed in the sandbox");
        return 2;
    }
    int status = luaL_loadbufferx(L, s, len, name, "t");
    if (status != LUA_OK) {
        if (status == LUA_ERRMEM) { hearth_getcontrol(L)->limit_hit = HEARTH_LIMIT_MEMORY; return lua_error(L); }
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (envidx) lua_pushvalue(L, envidx);
    else lua_getfield(L, LUA_REGISTRYINDEX, "hearth.env");
    lua_setupvalue(L, -2, 1);
    return 1;
}

static int guarded_collectgarbage(lua_State *L) {
    const char *opt = luaL_optstring(L, 1, "collect");
    if (strcmp(opt, "count") == 0) {
        int kb = lua_gc(L, LUA_GCCOUNT);
        int b = lua_gc(L, LUA_GCCOUNTB);
        lua_pushnumber(L, (lua_Number)kb + ((lua_Number)b / 1024));
        return 1;
    }
    return luaL_error(L, "collectgarbage: only \"count\" is available in the sandbox");
}

static int readonly_newindex(lua_State *L) {
    if (lua_type(L, 2) == LUA_TSTRING)
        return luaL_error(L, "assigning to '%s' is not allowed: globals and library tables are read-only (use a local)", lua_tostring(L, 2));
    return luaL_error(L, "this table is read-only in the sandbox");
}

static int readonly_pairs(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, "hearth.next");
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "__index");
    lua_remove(L, -2);
    lua_pushnil(L);
    return 3;
}

/* Replaces the table at the top of the stack with a read-only proxy of it. */
void hearth_makereadonly(lua_State *L) {
    int real = lua_gettop(L);
    lua_createtable(L, 0, 0);                 /* proxy */
    lua_createtable(L, 0, 4);                 /* its metatable */
    lua_pushvalue(L, real);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, readonly_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, readonly_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    hearth_protect(L, -1);
    hearth_protect(L, real);
    lua_replace(L, real);
}

static void wrap_upvalue(lua_State *L, int lib, const char *name, lua_CFunction guard) {
    lua_getfield(L, lib, name);
    lua_pushcclosure(L, guard, 1);
    lua_setfield(L, lib, name);
}

static int open_sandbox(lua_State *L) {
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "hearth.protected");

    luaL_requiref(L, LUA_GNAME, luaopen_base, 0);          /* G */
    int G = lua_gettop(L);
    lua_getfield(L, G, "next");
    lua_setfield(L, LUA_REGISTRYINDEX, "hearth.next");
    const char *removed[] = { "dofile", "loadfile", "print", "require", NULL };
    for (int i = 0; removed[i]; i++) { lua_pushnil(L); lua_setfield(L, G, removed[i]); }
    lua_pushcfunction(L, guarded_load);          lua_setfield(L, G, "load");
    lua_pushcfunction(L, guarded_pcall);         lua_setfield(L, G, "pcall");
    lua_pushcfunction(L, guarded_xpcall);        lua_setfield(L, G, "xpcall");
    lua_pushcfunction(L, guarded_rawset);        lua_setfield(L, G, "rawset");
    lua_pushcfunction(L, guarded_setmetatable);  lua_setfield(L, G, "setmetatable");
    lua_pushcfunction(L, guarded_collectgarbage); lua_setfield(L, G, "collectgarbage");

    struct { const char *name; lua_CFunction open; } libs[] = {
        { LUA_TABLIBNAME, luaopen_table }, { LUA_STRLIBNAME, luaopen_string },
        { LUA_MATHLIBNAME, luaopen_math }, { LUA_UTF8LIBNAME, luaopen_utf8 },
        { LUA_COLIBNAME, luaopen_coroutine }, { NULL, NULL },
    };
    for (int i = 0; libs[i].name; i++) {
        luaL_requiref(L, libs[i].name, libs[i].open, 0);
        int lib = lua_gettop(L);
        if (strcmp(libs[i].name, LUA_STRLIBNAME) == 0) {
            lua_pushnil(L); lua_setfield(L, lib, "dump");
            hearth_open_patterns(L);                           /* replaces find, match, gmatch, gsub */
            /* the string metatable: reachable from any string, so lock it */
            lua_pushliteral(L, "");
            lua_getmetatable(L, -1);
            lua_pushboolean(L, 0);
            lua_setfield(L, -2, "__metatable");
            hearth_protect(L, -1);
            lua_pop(L, 2);
        }
        if (strcmp(libs[i].name, LUA_COLIBNAME) == 0) {
            wrap_upvalue(L, lib, "resume", guarded_corofn);
            wrap_upvalue(L, lib, "close", guarded_corofn);
            wrap_upvalue(L, lib, "create", guarded_corocreate);
            wrap_upvalue(L, lib, "wrap", guarded_corocreate);
        }
        if (strcmp(libs[i].name, LUA_MATHLIBNAME) == 0) {
            /* math.random is seeded from the clock by Lua: fix the seed so runs are deterministic */
            lua_getfield(L, lib, "randomseed");
            lua_pushinteger(L, 42);
            lua_call(L, 1, 0);
            lua_pushnil(L); lua_setfield(L, lib, "randomseed");
        }
        hearth_makereadonly(L);
        lua_setfield(L, G, libs[i].name);
    }
    /* package / package.loaded must not exist in the sandbox */
    lua_pushnil(L); lua_setfield(L, G, "package");
    lua_settop(L, G);
    lua_setfield(L, LUA_REGISTRYINDEX, "hearth.G");
    return 0;
}

int hearth_opensandbox(lua_State *L) {
    hearth_control *c = hearth_getcontrol(L);
    c->mem_suspended++;
    lua_pushcfunction(L, open_sandbox);
    int status = lua_pcallk(L, 0, 0, 0, 0, NULL);
    if (status != LUA_OK) lua_pop(L, 1);
    c->mem_suspended--;
    return status;
}

/* Builds the read-only environment that every chunk gets as _ENV, once the host has added its globals. */
static int seal(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, "hearth.G");
    int G = lua_gettop(L);
    lua_pushvalue(L, G);
    hearth_makereadonly(L);                      /* env proxy over G */
    lua_pushvalue(L, -1);
    lua_setfield(L, G, "_G");              /* _G is the proxy */
    lua_setfield(L, LUA_REGISTRYINDEX, "hearth.env");
    /* the real global table of the state must not be reachable either */
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    hearth_protect(L, -1);
    return 0;
}

int hearth_seal(lua_State *L) {
    hearth_control *c = hearth_getcontrol(L);
    c->mem_suspended++;
    lua_pushcfunction(L, seal);
    int status = lua_pcallk(L, 0, 0, 0, 0, NULL);
    if (status != LUA_OK) lua_pop(L, 1);
    c->mem_suspended--;
    return status;
}

void hearth_setsandboxglobal(lua_State *L, const char *name) {
    hearth_control *c = hearth_getcontrol(L);
    c->mem_suspended++;
    lua_getfield(L, LUA_REGISTRYINDEX, "hearth.G");
    lua_insert(L, -2);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
    c->mem_suspended--;
}

void hearth_pushenv(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, "hearth.env");
}
