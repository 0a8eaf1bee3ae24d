/* Import helpers written in C: the commonest answers of hearth.split, hearth.yesno and hearth.dash_count without a
   call into Swift. Anything they do not recognise goes to the Swift helper in upvalue 1, which gives the full
   answer or the problem to report. */

#include "CLuaShim.h"
#include <string.h>

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* hearth.split(text, separator): the pieces between plain-text separators, each trimmed of spaces and tabs, empty
   pieces left out; nil or "" gives an empty list. */
int hearth_split(lua_State *L) {
    size_t n = 0, m = 0;
    if (lua_type(L, 1) <= LUA_TNIL) {
        lua_createtable(L, 0, 0);
        return 1;
    }
    const char *text = luaL_checklstring(L, 1, &n);
    const char *sep = luaL_checklstring(L, 2, &m);
    if (m == 0) return luaL_argerror(L, 2, "a separator such as \"|\" expected, got an empty string");
    lua_settop(L, 2);
    lua_createtable(L, 4, 0);
    lua_Integer count = 0;
    size_t start = 0, i = 0;
    while (1) {
        int at_end = i + m > n;
        if (at_end || (text[i] == sep[0] && memcmp(text + i, sep, m) == 0)) {
            size_t a = start, b = at_end ? n : i;
            while (a < b && is_space(text[a])) a++;
            while (b > a && is_space(text[b - 1])) b--;
            if (b > a) {
                lua_pushlstring(L, text + a, b - a);
                lua_rawseti(L, 3, ++count);
            }
            if (at_end) break;
            i += m;
            start = i;
        } else {
            i++;
        }
    }
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
