/*
 * string.find, string.match, string.gmatch and string.gsub for the sandbox.
 *
 * Lua's own matcher backtracks without ever returning to the interpreter, so a counting hook cannot
 * stop it: string.find(("a"):rep(600), ".-.-.-b") runs for tens of seconds. This matcher implements
 * the same pattern language (Lua 5.4 manual, section 6.4.1) and charges every matching step to the
 * call's instruction budget, checking the budget and the deadline as it goes.
 */
#include "CLuaShim.h"
#include <ctype.h>
#include <string.h>

#define MAX_CAPTURES 32
#define CAP_UNFINISHED (-1)
#define CAP_POSITION (-2)
#define MAX_DEPTH 200
#define ESC '%'
#define SPECIALS "^$*+?.([%-"
#define CHECK_EVERY 256

typedef struct {
    const char *src_init, *src_end, *p_end;
    lua_State *L;
    const char *fname;
    int depth;
    int level;
    long long steps;
    struct { const char *init; ptrdiff_t len; } capture[MAX_CAPTURES];
} MatchState;

static void charge(lua_State *L, const char *fname, long long *steps) {
    hearth_control *c = hearth_getcontrol(L);
    c->instr_used += *steps;
    *steps = 0;
    if (c->instr_budget > 0 && c->instr_used > c->instr_budget) {
        c->limit_hit = HEARTH_LIMIT_INSTRUCTIONS;
        luaL_error(L, "%s: pattern matching exceeded the instruction limit (the budget is %d instructions per call)",
                   fname, (int)c->instr_budget);
    }
    if (c->deadline > 0 && hearth_now() > c->deadline) {
        c->limit_hit = HEARTH_LIMIT_TIME;
        luaL_error(L, "%s: pattern matching exceeded the time limit (%f s per call)", fname, c->timeout);
    }
}

static inline void step(MatchState *ms, long long n) {
    ms->steps += n;
    if (ms->steps >= CHECK_EVERY) charge(ms->L, ms->fname, &ms->steps);
}

static const char *match(MatchState *ms, const char *s, const char *p);

static const char *class_end(MatchState *ms, const char *p) {
    char c = *p++;
    if (c == ESC) {
        if (p >= ms->p_end) luaL_error(ms->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (c == '[') {
        if (*p == '^') p++;
        do {
            if (p >= ms->p_end) luaL_error(ms->L, "malformed pattern (missing ']')");
            if (*(p++) == ESC && p < ms->p_end) p++;
        } while (*p != ']');
        return p + 1;
    }
    return p;
}

static int single_class(int c, int cl) {
    int res;
    switch (tolower(cl)) {
        case 'a': res = isalpha(c); break;
        case 'c': res = iscntrl(c); break;
        case 'd': res = isdigit(c); break;
        case 'g': res = isgraph(c); break;
        case 'l': res = islower(c); break;
        case 'p': res = ispunct(c); break;
        case 's': res = isspace(c); break;
        case 'u': res = isupper(c); break;
        case 'w': res = isalnum(c); break;
        case 'x': res = isxdigit(c); break;
        case 'z': res = (c == 0); break;   /* deprecated in 5.2, still accepted by 5.4 */
        default: return cl == c;
    }
    if (isupper(cl)) res = !res;
    return res != 0;
}

/* p points at '[', close at the matching ']' */
static int match_bracket(int c, const char *p, const char *close) {
    int found = 1;
    if (*(p + 1) == '^') { found = 0; p++; }
    while (++p < close) {
        if (*p == ESC) {
            p++;
            if (single_class(c, (unsigned char)*p)) return found;
        } else if (*(p + 1) == '-' && p + 2 < close) {
            p += 2;
            if ((unsigned char)*(p - 2) <= c && c <= (unsigned char)*p) return found;
        } else if ((unsigned char)*p == c) {
            return found;
        }
    }
    return !found;
}

static int single_match(MatchState *ms, const char *s, const char *p, const char *ep) {
    if (s >= ms->src_end) return 0;
    int c = (unsigned char)*s;
    switch (*p) {
        case '.': return 1;
        case ESC: return single_class(c, (unsigned char)*(p + 1));
        case '[': return match_bracket(c, p, ep - 1);
        default: return (unsigned char)*p == c;
    }
}

static const char *match_balance(MatchState *ms, const char *s, const char *p) {
    if (p >= ms->p_end - 1) luaL_error(ms->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= ms->src_end || *s != *p) return NULL;
    int open = *p, close = *(p + 1), depth = 1;
    const char *start = s;
    while (++s < ms->src_end) {
        if (*s == close) {
            if (--depth == 0) { step(ms, s - start); return s + 1; }
        } else if (*s == open) {
            depth++;
        }
    }
    step(ms, s - start);
    return NULL;
}

static const char *max_expand(MatchState *ms, const char *s, const char *p, const char *ep) {
    ptrdiff_t i = 0;
    while (single_match(ms, s + i, p, ep)) i++;
    step(ms, i);
    for (; i >= 0; i--) {
        const char *res = match(ms, s + i, ep + 1);
        if (res) return res;
    }
    return NULL;
}

static const char *min_expand(MatchState *ms, const char *s, const char *p, const char *ep) {
    for (;;) {
        const char *res = match(ms, s, ep + 1);
        if (res) return res;
        if (!single_match(ms, s, p, ep)) return NULL;
        s++;
    }
}

static int capture_to_close(MatchState *ms) {
    for (int level = ms->level - 1; level >= 0; level--)
        if (ms->capture[level].len == CAP_UNFINISHED) return level;
    return luaL_error(ms->L, "invalid pattern capture");
}

static const char *start_capture(MatchState *ms, const char *s, const char *p, int what) {
    if (ms->level >= MAX_CAPTURES) luaL_error(ms->L, "too many captures");
    ms->capture[ms->level].init = s;
    ms->capture[ms->level].len = what;
    ms->level++;
    const char *res = match(ms, s, p);
    if (res == NULL) ms->level--;
    return res;
}

static const char *end_capture(MatchState *ms, const char *s, const char *p) {
    int l = capture_to_close(ms);
    ms->capture[l].len = s - ms->capture[l].init;
    const char *res = match(ms, s, p);
    if (res == NULL) ms->capture[l].len = CAP_UNFINISHED;
    return res;
}

static const char *match_capture(MatchState *ms, const char *s, int digit) {
    int l = digit - '1';
    if (l < 0 || l >= ms->level || ms->capture[l].len == CAP_UNFINISHED)
        luaL_error(ms->L, "invalid capture index %%%d", l + 1);
    size_t len = (size_t)ms->capture[l].len;
    if ((size_t)(ms->src_end - s) >= len && memcmp(ms->capture[l].init, s, len) == 0) {
        step(ms, (long long)len);
        return s + len;
    }
    return NULL;
}

static const char *match(MatchState *ms, const char *s, const char *p) {
    if (ms->depth-- == 0) luaL_error(ms->L, "pattern too complex");
    step(ms, 1);
    for (;;) {
        if (p == ms->p_end) break;
        switch (*p) {
            case '(':
                if (*(p + 1) == ')') s = start_capture(ms, s, p + 2, CAP_POSITION);
                else s = start_capture(ms, s, p + 1, CAP_UNFINISHED);
                goto done;
            case ')':
                s = end_capture(ms, s, p + 1);
                goto done;
            case '$':
                if (p + 1 != ms->p_end) goto single;
                if (s != ms->src_end) s = NULL;
                goto done;
            case ESC:
                if (*(p + 1) == 'b') {
                    s = match_balance(ms, s, p + 2);
                    if (s != NULL) { p += 4; continue; }
                    goto done;
                }
                if (*(p + 1) == 'f') {
                    p += 2;
                    if (*p != '[') luaL_error(ms->L, "missing '[' after '%%f' in pattern");
                    const char *ep = class_end(ms, p);
                    int previous = (s == ms->src_init) ? '\0' : (unsigned char)*(s - 1);
                    int current = (s < ms->src_end) ? (unsigned char)*s : '\0';
                    if (!match_bracket(previous, p, ep - 1) && match_bracket(current, p, ep - 1)) { p = ep; continue; }
                    s = NULL;
                    goto done;
                }
                if (isdigit((unsigned char)*(p + 1))) {
                    s = match_capture(ms, s, (unsigned char)*(p + 1));
                    if (s != NULL) { p += 2; continue; }
                    goto done;
                }
                goto single;
            default:
            single: {
                const char *ep = class_end(ms, p);
                if (!single_match(ms, s, p, ep)) {
                    if (*ep == '*' || *ep == '?' || *ep == '-') { p = ep + 1; continue; }
                    s = NULL;
                    goto done;
                }
                switch (*ep) {
                    case '?': {
                        const char *res = match(ms, s + 1, ep + 1);
                        if (res != NULL) { s = res; goto done; }
                        p = ep + 1;
                        continue;
                    }
                    case '+': s = max_expand(ms, s + 1, p, ep); goto done;
                    case '*': s = max_expand(ms, s, p, ep); goto done;
                    case '-': s = min_expand(ms, s, p, ep); goto done;
                    default: s++; p = ep; step(ms, 1); continue;
                }
            }
        }
    }
done:
    ms->depth++;
    return s;
}

static void push_onecapture(MatchState *ms, int i, const char *s, const char *e) {
    if (i >= ms->level) {
        if (i != 0) luaL_error(ms->L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(ms->L, s, (size_t)(e - s));
        return;
    }
    ptrdiff_t l = ms->capture[i].len;
    if (l == CAP_UNFINISHED) luaL_error(ms->L, "unfinished capture");
    if (l == CAP_POSITION) lua_pushinteger(ms->L, (ms->capture[i].init - ms->src_init) + 1);
    else lua_pushlstring(ms->L, ms->capture[i].init, (size_t)l);
}

static int push_captures(MatchState *ms, const char *s, const char *e) {
    int n = (ms->level == 0 && s) ? 1 : ms->level;
    luaL_checkstack(ms->L, n, "too many captures");
    for (int i = 0; i < n; i++) push_onecapture(ms, i, s, e);
    return n;
}

static void prepare(MatchState *ms, lua_State *L, const char *fname,
                    const char *s, size_t ls, const char *p, size_t lp) {
    ms->L = L;
    ms->fname = fname;
    ms->src_init = s;
    ms->src_end = s + ls;
    ms->p_end = p + lp;
    ms->steps = 0;
}

static void reprepare(MatchState *ms) {
    ms->level = 0;
    ms->depth = MAX_DEPTH;
}

static size_t start_index(lua_Integer pos, size_t len) {
    if (pos > 0) return (size_t)pos;
    if (pos == 0) return 1;
    if (pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

static int has_specials(const char *p, size_t l) {
    for (size_t i = 0; i < l; i++)
        if (p[i] != 0 && strchr(SPECIALS, p[i]) != NULL) return 1;
    return 0;
}

static const char *plain_find(lua_State *L, const char *s, size_t ls, const char *p, size_t lp) {
    if (lp == 0) return s;
    if (lp > ls) return NULL;
    long long steps = 0;
    const char *last = s + (ls - lp);
    while (s <= last) {
        const char *c = memchr(s, *p, (size_t)(last - s) + 1);
        if (c == NULL) return NULL;
        steps += (c - s) / 16 + (long long)lp;
        if (steps >= CHECK_EVERY) charge(L, "string.find", &steps);
        if (memcmp(c + 1, p + 1, lp - 1) == 0) return c;
        s = c + 1;
    }
    return NULL;
}

static int find_aux(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) { lua_pushnil(L); return 1; }
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
        const char *found = plain_find(L, s + init, ls - init, p, lp);
        if (found) {
            lua_pushinteger(L, (found - s) + 1);
            lua_pushinteger(L, (lua_Integer)((found - s) + lp));
            return 2;
        }
    } else {
        MatchState ms;
        int anchor = (*p == '^');
        if (anchor) { p++; lp--; }
        prepare(&ms, L, find ? "string.find" : "string.match", s, ls, p, lp);
        const char *s1 = s + init;
        do {
            reprepare(&ms);
            const char *e = match(&ms, s1, p);
            if (e != NULL) {
                if (find) {
                    lua_pushinteger(L, (s1 - s) + 1);
                    lua_pushinteger(L, e - s);
                    return push_captures(&ms, NULL, NULL) + 2;
                }
                return push_captures(&ms, s1, e);
            }
        } while (s1++ < ms.src_end && !anchor);
    }
    lua_pushnil(L);
    return 1;
}

static int str_find(lua_State *L) { return find_aux(L, 1); }
static int str_match(lua_State *L) { return find_aux(L, 0); }

typedef struct {
    const char *src, *p, *lastmatch;
    MatchState ms;
} GMatchState;

static int gmatch_next(lua_State *L) {
    GMatchState *gm = (GMatchState *)lua_touserdata(L, lua_upvalueindex(3));
    gm->ms.L = L;
    for (const char *src = gm->src; src <= gm->ms.src_end; src++) {
        reprepare(&gm->ms);
        const char *e = match(&gm->ms, src, gm->p);
        if (e != NULL && e != gm->lastmatch) {
            gm->src = gm->lastmatch = e;
            return push_captures(&gm->ms, src, e);
        }
    }
    return 0;
}

static int str_gmatch(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
    lua_settop(L, 2);
    GMatchState *gm = (GMatchState *)lua_newuserdatauv(L, sizeof(GMatchState), 0);
    if (init > ls) init = ls + 1;
    prepare(&gm->ms, L, "string.gmatch", s, ls, p, lp);
    gm->src = s + init;
    gm->p = p;
    gm->lastmatch = NULL;
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

static void add_replacement_string(MatchState *ms, luaL_Buffer *b, const char *s, const char *e) {
    lua_State *L = ms->L;
    size_t l;
    const char *news = lua_tolstring(L, 3, &l);
    const char *p;
    while ((p = (const char *)memchr(news, ESC, l)) != NULL) {
        luaL_addlstring(b, news, (size_t)(p - news));
        p++;
        if (*p == ESC) luaL_addchar(b, *p);
        else if (*p == '0') luaL_addlstring(b, s, (size_t)(e - s));
        else if (isdigit((unsigned char)*p)) {
            push_onecapture(ms, *p - '1', s, e);
            luaL_tolstring(L, -1, NULL);
            lua_remove(L, -2);
            luaL_addvalue(b);
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", ESC);
        }
        l -= (size_t)(p + 1 - news);
        news = p + 1;
    }
    luaL_addlstring(b, news, l);
}

static int add_value(MatchState *ms, luaL_Buffer *b, const char *s, const char *e, int tr) {
    lua_State *L = ms->L;
    if (tr == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(ms, s, e);
        lua_call(L, n, 1);
    } else if (tr == LUA_TTABLE) {
        push_onecapture(ms, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_replacement_string(ms, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

static int str_gsub(lua_State *L) {
    size_t srcl, lp;
    const char *src = luaL_checklstring(L, 1, &srcl);
    const char *p = luaL_checklstring(L, 2, &lp);
    const char *lastmatch = NULL;
    int tr = lua_type(L, 3);
    lua_Integer max_s = luaL_optinteger(L, 4, (lua_Integer)srcl + 1);
    int anchor = (*p == '^');
    lua_Integer n = 0;
    int changed = 0;
    MatchState ms;
    luaL_Buffer b;
    luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE,
                     3, "string/function/table");
    luaL_buffinit(L, &b);
    if (anchor) { p++; lp--; }
    prepare(&ms, L, "string.gsub", src, srcl, p, lp);
    while (n < max_s) {
        reprepare(&ms);
        const char *e = match(&ms, src, p);
        if (e != NULL && e != lastmatch) {
            n++;
            changed = add_value(&ms, &b, src, e, tr) | changed;
            src = lastmatch = e;
        } else if (src < ms.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, src, (size_t)(ms.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

/* Replaces the pattern functions of the string library table on top of the stack. */
int hearth_open_patterns(lua_State *L) {
    lua_pushcfunction(L, str_find);   lua_setfield(L, -2, "find");
    lua_pushcfunction(L, str_match);  lua_setfield(L, -2, "match");
    lua_pushcfunction(L, str_gmatch); lua_setfield(L, -2, "gmatch");
    lua_pushcfunction(L, str_gsub);   lua_setfield(L, -2, "gsub");
    return 0;
}
