/* Import helpers written in C: hearth.split and hearth.codes, and the commonest answers of hearth.yesno and
   hearth.dash_count, without a call into Swift. Anything yesno and dash_count do not recognise goes to the Swift
   helper in upvalue 1, which gives the full answer or the problem to report. */

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

/* hearth.codes(text, separator, codes): the pieces of text as hearth.split gives them, each replaced by its value in
   the table `codes` (read raw). Returns the list of values, in order, and, when some pieces are not keys of `codes`,
   a second list: those pieces, in order. */
int hearth_codes(lua_State *L) {
    size_t n = 0, m = 0, at = 0, a = 0, b = 0;
    const char *sep = NULL;
    const char *text = pieces_arguments(L, &n, &sep, &m);
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_settop(L, 3);
    lua_createtable(L, 4, 0);          /* 4: the values */
    lua_pushnil(L);                    /* 5: the unknown pieces, made when the first is found */
    lua_Integer found = 0, unknown = 0;
    while (text && next_piece(text, n, sep, m, &at, &a, &b)) {
        lua_pushlstring(L, text + a, b - a);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, 3) != LUA_TNIL) {
            lua_rawseti(L, 4, ++found);
            lua_pop(L, 1);
        } else {
            lua_pop(L, 1);
            if (unknown == 0) {
                lua_createtable(L, 2, 0);
                lua_replace(L, 5);
            }
            lua_rawseti(L, 5, ++unknown);
        }
    }
    if (unknown > 0) return 2;
    lua_settop(L, 4);
    return 1;
}

/* Calls the Swift helper in upvalue 1 with the arguments, returning what it returns. */
static int fallback(lua_State *L) {
    int nargs = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, nargs, LUA_MULTRET);
    return lua_gettop(L);
}

/* The first argument's text when it is a non-empty string (with its length); NULL otherwise, with *blank set when
   it is nil, absent or empty (an answer of nil), clear for anything else (for Swift to judge). */
static const char *text_argument(lua_State *L, size_t *n, int *blank) {
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
