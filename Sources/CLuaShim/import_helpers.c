/* Import helpers written in C: hearth.split and hearth.codes, and the commonest answers of hearth.yesno,
   hearth.dash_count and hearth.datetime, without a call into Swift. Anything yesno, dash_count and datetime do not
   recognise goes to the Swift helper in upvalue 1, which gives the full answer or the problem to report.
   Given a row's ctx and a field name after their own arguments, they also report each problem with
   ctx.reject(field, problem) themselves: one call from the script instead of a Lua wrapper around each. */

#include "CLuaShim.h"
#include <string.h>

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* The next piece of text[0..n) between separators sep[0..m), trimmed of spaces and tabs; empty pieces are skipped.
   *at is where the search goes on (start at 0); returns 0 when there are no more pieces. */
static int next_piece(const char *text, size_t n, const char *sep, size_t m, size_t *at, size_t *a, size_t *b) {
    while (*at <= n) {
        size_t start = *at, i = start;
        while (i + m <= n && !(text[i] == sep[0] && memcmp(text + i, sep, m) == 0)) i++;
        size_t stop = i + m <= n ? i : n;
        *at = i + m <= n ? i + m : n + 1;
        while (start < stop && is_space(text[start])) start++;
        while (stop > start && is_space(text[stop - 1])) stop--;
        if (stop > start) {
            *a = start;
            *b = stop;
            return 1;
        }
    }
    return 0;
}

/* The text and separator arguments of split and codes; NULL text (with n = 0) for nil. Raises for anything else. */
static const char *pieces_arguments(lua_State *L, size_t *n, const char **sep, size_t *m) {
    const char *text = NULL;
    *n = 0;
    if (lua_type(L, 1) > LUA_TNIL) text = luaL_checklstring(L, 1, n);
    *sep = luaL_checklstring(L, 2, m);
    if (*m == 0) luaL_argerror(L, 2, "a separator such as \"|\" expected, got an empty string");
    return text;
}

/* hearth.split(text, separator): the pieces between plain-text separators, each trimmed of spaces and tabs, empty
   pieces left out; nil or "" gives an empty list. */
int hearth_split(lua_State *L) {
    size_t n = 0, m = 0, at = 0, a = 0, b = 0;
    const char *sep = NULL;
    const char *text = pieces_arguments(L, &n, &sep, &m);
    lua_settop(L, 2);
    lua_createtable(L, 4, 0);
    lua_Integer count = 0;
    while (text && next_piece(text, n, sep, m, &at, &a, &b)) {
        lua_pushlstring(L, text + a, b - a);
        lua_rawseti(L, 3, ++count);
    }
    return 1;
}

/* Whether the arguments from `at` are a ctx (a table) and a field name to report problems under; raises when a ctx
   is given without a field name or is not a table. */
static int reporting_arguments(lua_State *L, int at) {
    if (lua_type(L, at) <= LUA_TNIL) return 0;
    luaL_checktype(L, at, LUA_TTABLE);
    luaL_checkstring(L, at + 1);
    return 1;
}

/* ctx.reject(field, problem), with the ctx and field at `at` and `at + 1` and the problem on top (left there). */
static void reject(lua_State *L, int at) {
    lua_getfield(L, at, "reject");
    lua_pushvalue(L, at + 1);
    lua_pushvalue(L, -3);
    lua_call(L, 2, 0);
}

/* hearth.codes(text, separator, codes [, ctx, field]): the pieces of text as hearth.split gives them, each replaced
   by its value in the table `codes` (read raw). Returns the list of values, in order, and, when some pieces are not
   keys of `codes`, a second list: those pieces, in order. Given ctx and field, each unknown piece is also reported
   as "unknown code 'XX'". */
int hearth_codes(lua_State *L) {
    size_t n = 0, m = 0, at = 0, a = 0, b = 0;
    const char *sep = NULL;
    const char *text = pieces_arguments(L, &n, &sep, &m);
    luaL_checktype(L, 3, LUA_TTABLE);
    int reporting = reporting_arguments(L, 4);
    lua_settop(L, 5);                  /* 4, 5: ctx and field, or nil */
    lua_createtable(L, 4, 0);          /* 6: the values */
    lua_pushnil(L);                    /* 7: the unknown pieces, made when the first is found */
    lua_Integer found = 0, unknown = 0;
    while (text && next_piece(text, n, sep, m, &at, &a, &b)) {
        lua_pushlstring(L, text + a, b - a);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, 3) != LUA_TNIL) {
            lua_rawseti(L, 6, ++found);
            lua_pop(L, 1);
        } else {
            lua_pop(L, 1);
            if (unknown == 0) {
                lua_createtable(L, 2, 0);
                lua_replace(L, 7);
            }
            if (reporting) {
                lua_pushfstring(L, "unknown code '%s'", lua_tostring(L, -1));
                reject(L, 4);
                lua_pop(L, 1);
            }
            lua_rawseti(L, 7, ++unknown);
        }
    }
    if (unknown > 0) return 2;
    lua_settop(L, 6);
    return 1;
}

/* Calls the Swift helper in upvalue 1 with the text and returns its answer: the value, and the problem when there
   is one, which is also reported when arguments 2 and 3 are a ctx and a field name. */
static int fallback(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_call(L, 1, 2);
    if (lua_type(L, -1) <= LUA_TNIL) {
        lua_pop(L, 1);
        return 1;
    }
    if (lua_type(L, 2) > LUA_TNIL) reject(L, 2);
    return 2;
}

/* A helper written in Lua or Swift (upvalue 1), made to report its problem like the ones written in C. */
int hearth_reporting(lua_State *L) {
    reporting_arguments(L, 2);
    return fallback(L);
}

/* make_reporting(f): f as a helper that takes a ctx and a field name after its text (see hearth_reporting). */
int hearth_make_reporting(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_settop(L, 1);
    lua_pushcclosure(L, hearth_reporting, 1);
    return 1;
}

/* The first argument's text when it is a non-empty string (with its length); NULL otherwise, with *blank set when
   it is nil, absent or empty (an answer of nil), clear for anything else (for Swift to judge). Checks a ctx and
   field name given after it first (see reporting_arguments). */
static const char *text_argument(lua_State *L, size_t *n, int *blank) {
    reporting_arguments(L, 2);
    int type = lua_type(L, 1);
    *blank = type <= LUA_TNIL;
    if (type != LUA_TSTRING) return NULL;
    const char *s = lua_tolstring(L, 1, n);
    if (*n == 0) {
        *blank = 1;
        return NULL;
    }
    return s;
}

/* hearth.yesno: Y, y, Yes, yes, YES, N, n, No, no, NO and blank here; the rest in Swift. */
int hearth_yesno(lua_State *L) {
    size_t n = 0;
    int blank = 0;
    const char *s = text_argument(L, &n, &blank);
    if (blank) return 0;
    if (s == NULL) return fallback(L);
    if ((n == 1 && (s[0] == 'Y' || s[0] == 'y')) || (n == 3 && (!memcmp(s, "Yes", 3) || !memcmp(s, "yes", 3) || !memcmp(s, "YES", 3)))) {
        lua_pushboolean(L, 1);
        return 1;
    }
    if ((n == 1 && (s[0] == 'N' || s[0] == 'n')) || (n == 2 && (!memcmp(s, "No", 2) || !memcmp(s, "no", 2) || !memcmp(s, "NO", 2)))) {
        lua_pushboolean(L, 0);
        return 1;
    }
    return fallback(L);
}

/* hearth.dash_count: "0" to "24" as written (no sign, space or leading zero) and blank here; the rest in Swift. */
int hearth_dash_count(lua_State *L) {
    size_t n = 0;
    int blank = 0;
    const char *s = text_argument(L, &n, &blank);
    if (blank) return 0;
    if (s == NULL) return fallback(L);
    if (n == 1 && s[0] >= '0' && s[0] <= '9') {
        lua_pushinteger(L, s[0] - '0');
        return 1;
    }
    if (n == 2 && s[0] >= '1' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9') {
        int v = (s[0] - '0') * 10 + (s[1] - '0');
        if (v <= 24) {
            lua_pushinteger(L, v);
            return 1;
        }
    }
    return fallback(L);
}

/* ---- hearth.datetime ------------------------------------------------------------------------- */

/* London's offsets from UTC: from instants[i] (epoch seconds) on, offsets[i] seconds. Given once by the host, from
   the same table its own helpers use, before any script runs; never changed afterwards. */
static const long long *london_instants = NULL;
static const int *london_offsets = NULL;
static int london_count = 0;

void hearth_set_london_offsets(const long long *instants, const int *offsets, int count) {
    london_instants = instants;
    london_offsets = offsets;
    london_count = count;
}

static int london_offset(long long t) {
    int lo = 0, hi = london_count - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (london_instants[mid] <= t) lo = mid; else hi = mid - 1;
    }
    return london_offsets[lo];
}

static int two_digits(const char *s, int *v) {
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') return 0;
    *v = (s[0] - '0') * 10 + (s[1] - '0');
    return 1;
}

/* Howard Hinnant's days_from_civil, as LocalDate has it. */
static long long days_from_civil(long long y, int m, int d) {
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* hearth.datetime: DD/MM/YYYY HH:MM (years 1000 to 9999) here, as the Swift helper answers it; the rest in Swift. */
int hearth_datetime(lua_State *L) {
    size_t n = 0;
    int blank = 0, day, month, hi, lo, hour, minute;
    const char *s = text_argument(L, &n, &blank);
    if (s == NULL || n != 16 || london_count == 0 || s[2] != '/' || s[5] != '/' || s[10] != ' ' || s[13] != ':')
        return fallback(L);
    if (!two_digits(s, &day) || !two_digits(s + 3, &month) || !two_digits(s + 6, &hi) || !two_digits(s + 8, &lo)
        || !two_digits(s + 11, &hour) || !two_digits(s + 14, &minute))
        return fallback(L);
    int year = hi * 100 + lo;
    static const int days_in[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59
        || day > days_in[month - 1] + (month == 2 && leap))
        return fallback(L);
    /* The wall time read as UTC; the offset London has there, then at the instant that offset gives (the two
       differ only around a clock change). The instant shown in London time is the wall time again. */
    long long wall = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60;
    int offset = london_offset(wall - london_offset(wall));
    int magnitude = offset < 0 ? -offset : offset;
    char out[25];
    memcpy(out, s + 6, 4);
    out[4] = '-';
    memcpy(out + 5, s + 3, 2);
    out[7] = '-';
    memcpy(out + 8, s, 2);
    out[10] = 'T';
    memcpy(out + 11, s + 11, 5);
    memcpy(out + 16, ":00", 3);
    out[19] = offset < 0 ? '-' : '+';
    out[20] = (char)('0' + magnitude / 3600 % 100 / 10);
    out[21] = (char)('0' + magnitude / 3600 % 10);
    out[22] = ':';
    out[23] = (char)('0' + magnitude / 60 % 60 / 10);
    out[24] = (char)('0' + magnitude / 60 % 10);
    lua_pushlstring(L, out, sizeof out);
    return 1;
}
