/* silkterm.glossary._cmatch: the hot loops of normalising, compiled (issue 14, point 4).
 *
 * Trie.find: the matcher's walk (below). collapse: Folded's lower case, typography and separator
 * runs (silkterm.glossary.folding). mask, name_runs and spans_within: the masked copy of a text,
 * its runs of names and the kept matches within a run, which the unseen-name search reads
 * (silkterm.glossary.recognise). triggers: where a URL, an e-mail or a tag may be in a plain text
 * (silkterm.glossary.markup). line_starts and line_feeds: where the lines of a text start, and
 * how many line feeds a span holds (silkterm.glossary.lines, silkterm.glossary.stream).
 * folded_holds and splice: whether the folded text around a match holds a kept form, and the
 * normalised text made in one copy (silkterm.glossary.apply). kin_places: where a kinship phrase
 * may follow a possessive (silkterm.glossary.kinship). Each stands in for
 * Python code that stays as the fallback, with the same results (tests/glossary/test_cmatch.py,
 * tests/glossary/test_fast_paths.py);
 * silkterm.glossary.compiled is the one module that imports this one. A Trie holds references to
 * entries, shapes and exception phrases (plain values: no cycle can run through it).
 *
 * A trie of the folded keys of a glossary's forms, and one function, Trie.find, that does what
 * silkterm.glossary.matcher.Matcher._find does in Python: the greedy leftmost-longest selection
 * among all *valid* hits in a folded text (at each position, the longest key that passes its
 * word boundaries, protected spans, case shapes and exception phrases; else the next position),
 * with each hit mapped back to the original text's offsets. The pure-Python matcher stays the
 * reference and the fallback: tests/glossary/test_cmatch.py checks that both give the same
 * matches, and both against brute force.
 *
 * What is checked here: word boundaries (ASCII by table; other characters by Unicode class, and
 * combining marks through the Python is_wordish given to find, remembered per character),
 * protected spans, a surface in its entry's case shapes, exception phrases. What is handed back
 * to Python, after the boundaries and protected spans (the `general` callable, given the key's
 * index, the folded and the original span: None, or (start, end, Match or None)): a form with
 * several entries, and a surface not in its shapes as written (its separators may need
 * canonicalising); unless `general` decided the same form and surface before in this call and
 * left its decision in the `decided` dict given to find.
 *
 * Linear in the text: each position walks the trie at most as deep as the longest key.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#include <structmember.h>
/* SSE2 where it is part of the architecture (x86-64: every such CPU has it), unless
 * SILKTERM_NO_SIMD is defined (.ci/run tests the loops without it) */
#if defined(__SSE2__) && (defined(__x86_64__) || defined(__amd64__)) && !defined(SILKTERM_NO_SIMD)
#define USE_SSE2 1
#include <emmintrin.h>
#endif

#define F_LEFT 1    /* the form needs a word boundary on its left */
#define F_RIGHT 2   /* ... and on its right */
#define F_SIMPLE 4  /* one entry: checked here */
#define F_KEPT 8    /* that entry is always kept by normalising */

#define MARK_CACHE 1024
#define HEAD_BITS (1 << 16)

/* the ASCII characters that continue a word: letters, digits and the underscore */
static const uint8_t ASCII_WORD[128] = {
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,
    0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,1,
    0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,
};

/* the filter bit of the characters f[0 .. len-1] (1 to 4 of them) */
static inline uint32_t
head_bit(const Py_UCS4 *f, Py_ssize_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    Py_ssize_t i;
    for (i = 0; i < len; i++) h = (h ^ f[i]) * 0x100000001b3ULL;
    return (uint32_t)(h >> 48); /* (16 bits: HEAD_BITS) */
}

/* the filter bit of a word's first token (the hash token_scan gives) */
#define TOKEN_BITS 18
static inline uint32_t
token_bit(uint64_t h)
{
    return (uint32_t)((h * 0x9E3779B97F4A7C15ULL) >> (64 - TOKEN_BITS));
}

/* Where the token of ASCII word characters that starts at f[p] ends, and its hash: the
 * characters, a byte each, taken 8 at a time as one 64-bit block (zero after the token) and
 * mixed in block by block, the last block holding fewer than 8 (maybe none). SSE2 finds a
 * block's end and packs it with no branch per character; the same hash is made one character
 * at a time without it, and near the end of the text. */
#define TOKEN_MIX(h, block) ((((h) ^ (block)) * 0x100000001b3ULL) + 0x9e3779b9ULL)
static inline Py_ssize_t
token_scan(const Py_UCS4 *f, Py_ssize_t p, Py_ssize_t n, uint64_t *hash)
{
    uint64_t h = 0;
    Py_ssize_t q = p;
#ifdef USE_SSE2
#define WORD32(v)                                                                           \
    _mm_or_si128(_mm_or_si128(                                                              \
        _mm_and_si128(_mm_cmpgt_epi32((v), _mm_set1_epi32('0' - 1)),                        \
                      _mm_cmplt_epi32((v), _mm_set1_epi32('9' + 1))),                       \
        _mm_and_si128(_mm_cmpgt_epi32((v), _mm_set1_epi32('a' - 1)),                        \
                      _mm_cmplt_epi32((v), _mm_set1_epi32('z' + 1)))),                      \
      _mm_or_si128(                                                                         \
        _mm_and_si128(_mm_cmpgt_epi32((v), _mm_set1_epi32('A' - 1)),                        \
                      _mm_cmplt_epi32((v), _mm_set1_epi32('Z' + 1))),                       \
        _mm_cmpeq_epi32((v), _mm_set1_epi32('_'))))
    while (q + 8 <= n) {
        __m128i v0 = _mm_loadu_si128((const __m128i *)(f + q));
        __m128i v1 = _mm_loadu_si128((const __m128i *)(f + q + 4));
        unsigned m = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(WORD32(v0)))
                     | (unsigned)_mm_movemask_ps(_mm_castsi128_ps(WORD32(v1))) << 4;
        unsigned k = m == 0xff ? 8 : (unsigned)__builtin_ctz(~m);
        __m128i b16 = _mm_packs_epi32(v0, v1); /* (the word characters pack exactly) */
        uint64_t block = (uint64_t)_mm_cvtsi128_si64(_mm_packus_epi16(b16, b16));
        if (k < 8) block &= (1ULL << (8 * k)) - 1;
        h = TOKEN_MIX(h, block);
        q += k;
        if (k < 8) {
            *hash = h;
            return q;
        }
    }
#undef WORD32
#endif
    for (;;) {
        uint64_t block = 0;
        unsigned k = 0;
        while (k < 8 && q < n && f[q] < 128 && ASCII_WORD[f[q]]) {
            block |= (uint64_t)f[q] << (8 * k);
            k++;
            q++;
        }
        h = TOKEN_MIX(h, block);
        if (k < 8) break;
    }
    *hash = h;
    return q;
}

/* a growing array of int64 (spans and offsets handed to Python as array('q') bytes) */
typedef struct {
    int64_t *v;
    Py_ssize_t n, cap;
} Ints;

static int
ints_add(Ints *xs, int64_t x)
{
    if (xs->n == xs->cap) {
        Py_ssize_t cap = xs->cap ? 2 * xs->cap : 64;
        int64_t *v = PyMem_Realloc(xs->v, cap * sizeof(int64_t));
        if (v == NULL) { PyErr_NoMemory(); return -1; }
        xs->v = v;
        xs->cap = cap;
    }
    xs->v[xs->n++] = x;
    return 0;
}

/* the int64 of `xs` as bytes (for array('q').frombytes) */
static PyObject *
ints_bytes(const Ints *xs)
{
    return PyBytes_FromStringAndSize(xs->v ? (const char *)xs->v : "",
                                     xs->n * (Py_ssize_t)sizeof(int64_t));
}

/* PASS(T), with T the character type of a string of `kind`: a loop per kind of string reads
 * its characters directly */
#define PER_KIND(kind, PASS)                                                                \
    if ((kind) == PyUnicode_1BYTE_KIND) PASS(Py_UCS1)                                       \
    else if ((kind) == PyUnicode_2BYTE_KIND) PASS(Py_UCS2)                                  \
    else PASS(Py_UCS4)

/* SSE_SKIP(T, c, i, n, MATCH): i moved on, 16 bytes at a time, to the first block of a
 * Latin-1 (T Py_UCS1) or UCS-2 (Py_UCS2) text c[0 .. n-1] with a character MATCH(v, w) gives a
 * lane of (v: 16 characters or 8, w: its width, 8 or 16), and there to that character; left
 * before the last block; nothing for a UCS-4 text or without SSE2 (the caller's loop goes on
 * one character at a time). */
#ifdef USE_SSE2
#define SSE_SKIP(T, c, i, n, MATCH)                                                         \
    if (sizeof(T) < 4) {                                                                    \
        const Py_ssize_t per_ = 16 / (Py_ssize_t)sizeof(T);                                 \
        while ((i) + per_ <= (n)) {                                                         \
            __m128i v_ = _mm_loadu_si128((const __m128i *)((c) + (i)));                     \
            int m_ = _mm_movemask_epi8(MATCH(v_, 8 * (int)sizeof(T)));                      \
            if (m_) {                                                                       \
                (i) += __builtin_ctz((unsigned)m_) / (int)sizeof(T);                        \
                break;                                                                      \
            }                                                                               \
            (i) += per_;                                                                    \
        }                                                                                   \
    }
#define V_EQ(v, w, ch) ((w) == 8 ? _mm_cmpeq_epi8((v), _mm_set1_epi8((char)(ch)))          \
                                 : _mm_cmpeq_epi16((v), _mm_set1_epi16((short)(ch))))
#define V_GT(v, w, ch) ((w) == 8 ? _mm_cmpgt_epi8((v), _mm_set1_epi8((char)(ch)))          \
                                 : _mm_cmpgt_epi16((v), _mm_set1_epi16((short)(ch))))
#define V_LT(v, w, ch) ((w) == 8 ? _mm_cmplt_epi8((v), _mm_set1_epi8((char)(ch)))          \
                                 : _mm_cmplt_epi16((v), _mm_set1_epi16((short)(ch))))
/* a Latin-1 character from 128 on (signed lanes: negative) */
#define V_HIGH(v, w) _mm_cmplt_epi8((v), _mm_setzero_si128())
#else
#define SSE_SKIP(T, c, i, n, MATCH)
#endif

typedef struct {
    int32_t lo, hi;  /* its edges: edges[lo .. hi-1], sorted by character */
    int32_t key;     /* the key ending here, or -1 */
    int32_t dense;   /* the offset of its table of ASCII children in dense[], or -1 */
    int32_t noleft;  /* its subtree holds a key with no left boundary */
    /* a node with one child, walked to: the chain of nodes with one child and no key below
     * it, as characters chains[chain_at .. chain_at + chain_len - 1], and the node it leads
     * to (chain_len 0: none). A walk compares the chain in one tight loop, where a child
     * lookup per character costs a mispredicted branch or two. */
    int32_t chain_at, chain_len, chain_to;
} Node;

typedef struct {
    Py_UCS4 ch;
    int32_t to;
} Edge;

typedef struct {
    PyObject_HEAD
    Node *nodes;         /* the trie as walked: one record per node */
    Edge *edges;
    int32_t *dense;      /* 128 children per node with many ASCII children (-1: none) */
    Py_UCS4 *chains;     /* the characters of the chains (Node.chain_at) */
    Py_UCS4 *scratch;    /* find's copy of the folded text, kept between calls */
    Py_ssize_t scratch_cap;
    int busy;            /* find is using scratch */
    Py_ssize_t n_nodes;
    Py_ssize_t n_keys;
    Py_ssize_t maxlen;
    uint8_t *flags;
    PyObject **shapes;     /* tuple of the case shapes of the entry, or NULL: any case */
    PyObject **exceptions; /* tuple of (phrase, offset) or NULL */
    PyObject **entries;    /* tuple of entries */
    uint8_t root_ascii[128];     /* per ASCII character: 1 if a key starts with it, 3 if also
                                  * one with no left boundary (the test at every position) */
    uint8_t in_word[128];        /* a word character where no key with no left boundary starts:
                                  * skipped inside a word */
    uint8_t heads[4][HEAD_BITS / 8]; /* a filter of the keys' heads: the first 4 characters of
                                      * the keys of 4 or more ([3]), the keys of 1 to 3 ([0-2]) */
    uint8_t tokens[(1 << TOKEN_BITS) / 8]; /* a filter of the keys' first tokens (their ASCII word
                                            * characters up to the first other one), for the
                                            * keys that start with one and need a word boundary
                                            * on the left, and end the token or need one on the
                                            * right: at a word's start, such a key can match
                                            * only where the text's first token is its own */
    int word_noleft;             /* a key with no left boundary starts with an ASCII word
                                  * character (then a word is not skipped whole) */
    uint8_t open_first[128];     /* the first characters of the other keys that start with an
                                  * ASCII word character and need a left boundary (their token
                                  * may go on in the text): the head filter decides there */
    Py_UCS4 mark_cp[MARK_CACHE]; /* is_wordish answers for characters asked of Python */
    int8_t mark_val[MARK_CACHE];
} Trie;

static void
Trie_dealloc(Trie *self)
{
    Py_ssize_t i;
    if (self->shapes) {
        for (i = 0; i < self->n_keys; i++) Py_XDECREF(self->shapes[i]);
    }
    if (self->exceptions) {
        for (i = 0; i < self->n_keys; i++) Py_XDECREF(self->exceptions[i]);
    }
    if (self->entries) {
        for (i = 0; i < self->n_keys; i++) Py_XDECREF(self->entries[i]);
    }
    PyMem_Free(self->nodes);
    PyMem_Free(self->edges);
    PyMem_Free(self->dense);
    PyMem_Free(self->chains);
    PyMem_Free(self->scratch);
    PyMem_Free(self->flags);
    PyMem_Free(self->shapes);
    PyMem_Free(self->exceptions);
    PyMem_Free(self->entries);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

#define DENSE_FROM 6 /* ASCII children from which a node gets a table of them */

static inline int32_t
child(const Trie *t, int32_t node, Py_UCS4 ch)
{
    const Node *nd = &t->nodes[node];
    if (ch < 128 && nd->dense >= 0) return t->dense[nd->dense + ch];
    int32_t lo = nd->lo, hi = nd->hi;
    if (hi - lo <= 8) {
        for (; lo < hi; lo++) {
            if (t->edges[lo].ch == ch) return t->edges[lo].to;
        }
        return -1;
    }
    while (lo < hi) {
        int32_t mid = (lo + hi) >> 1;
        Py_UCS4 c = t->edges[mid].ch;
        if (c == ch) return t->edges[mid].to;
        if (c < ch) lo = mid + 1; else hi = mid;
    }
    return -1;
}

/* Trie(keys, info): keys sorted or not; info[i] = (flags, shapes | None, exceptions | None,
 * entries) for keys[i]. */
static int
Trie_init(Trie *self, PyObject *args, PyObject *kwds)
{
    PyObject *keys, *info;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &keys, &PyList_Type, &info)) return -1;
    Py_ssize_t n = PyList_GET_SIZE(keys);
    if (PyList_GET_SIZE(info) != n) {
        PyErr_SetString(PyExc_ValueError, "keys and info differ in length");
        return -1;
    }
    if (self->nodes != NULL || self->flags != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Trie already initialised");
        return -1;
    }
    Py_ssize_t total = 1, i, j;
    /* the build's own arrays (the walked records are made from them at the end) */
    int32_t *first = NULL, *edge_to = NULL, *key = NULL;
    Py_UCS4 *edge_ch = NULL;
    uint8_t *noleft = NULL;
    for (i = 0; i < n; i++) {
        PyObject *k = PyList_GET_ITEM(keys, i);
        if (!PyUnicode_Check(k)) {
            PyErr_SetString(PyExc_TypeError, "keys must be str");
            return -1;
        }
        total += PyUnicode_GET_LENGTH(k);
    }
    if (total > INT32_MAX / 2) {
        PyErr_SetString(PyExc_OverflowError, "too many key characters");
        return -1;
    }
    self->n_keys = n;
    self->flags = PyMem_Calloc(n ? n : 1, 1);
    self->shapes = PyMem_Calloc(n ? n : 1, sizeof(PyObject *));
    self->exceptions = PyMem_Calloc(n ? n : 1, sizeof(PyObject *));
    self->entries = PyMem_Calloc(n ? n : 1, sizeof(PyObject *));
    /* nodes as built: parent and character; children found through a hash while building */
    int32_t *parent = PyMem_Malloc(total * sizeof(int32_t));
    Py_UCS4 *via = PyMem_Malloc(total * sizeof(Py_UCS4));
    key = PyMem_Malloc(total * sizeof(int32_t));
    noleft = PyMem_Calloc(total, 1);
    size_t cap = 16;
    while (cap < (size_t)total * 2) cap <<= 1;
    uint64_t *hkey = PyMem_Calloc(cap, sizeof(uint64_t));
    int32_t *hval = PyMem_Malloc(cap * sizeof(int32_t));
    if (!self->flags || !self->shapes || !self->exceptions || !self->entries || !parent || !via
            || !key || !noleft || !hkey || !hval) {
        PyMem_Free(parent); PyMem_Free(via); PyMem_Free(hkey); PyMem_Free(hval);
        PyMem_Free(key); PyMem_Free(noleft);
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t nodes = 1;
    parent[0] = -1;
    via[0] = 0;
    key[0] = -1;
    self->maxlen = 0;
    for (i = 0; i < n; i++) {
        PyObject *k = PyList_GET_ITEM(keys, i);
        PyObject *item = PyList_GET_ITEM(info, i);
        PyObject *fl, *sh, *ex, *en;
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 4) {
            PyErr_SetString(PyExc_TypeError, "info items must be 4-tuples");
            goto fail;
        }
        fl = PyTuple_GET_ITEM(item, 0);
        sh = PyTuple_GET_ITEM(item, 1);
        ex = PyTuple_GET_ITEM(item, 2);
        en = PyTuple_GET_ITEM(item, 3);
        long flags = PyLong_AsLong(fl);
        if (flags == -1 && PyErr_Occurred()) goto fail;
        self->flags[i] = (uint8_t)flags;
        if (sh != Py_None) { /* kept as a tuple: compared with the text in place */
            self->shapes[i] = PySequence_Tuple(sh);
            if (self->shapes[i] == NULL) goto fail;
        }
        if (ex != Py_None && PyTuple_GET_SIZE(ex) > 0) { Py_INCREF(ex); self->exceptions[i] = ex; }
        Py_INCREF(en);
        self->entries[i] = en;
        Py_ssize_t len = PyUnicode_GET_LENGTH(k);
        if (len == 0) continue;
        if (len > self->maxlen) self->maxlen = len;
        int kind = PyUnicode_KIND(k);
        const void *data = PyUnicode_DATA(k);
        int32_t node = 0;
        int no_left_boundary = !(flags & F_LEFT);
        for (j = 0; j < len; j++) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, j);
            uint64_t hk = (((uint64_t)node << 21) | ch) + 1;
            size_t h = (size_t)((hk * 0x9E3779B97F4A7C15ULL) >> 17) & (cap - 1);
            while (hkey[h] != 0 && hkey[h] != hk) h = (h + 1) & (cap - 1);
            if (hkey[h] == hk) {
                node = hval[h];
            } else {
                hkey[h] = hk;
                hval[h] = (int32_t)nodes;
                parent[nodes] = node;
                via[nodes] = ch;
                key[nodes] = -1;
                node = (int32_t)nodes++;
            }
            if (no_left_boundary) noleft[node] = 1;
        }
        if (key[node] != -1) {
            PyErr_Format(PyExc_ValueError, "duplicate key %R", k);
            goto fail;
        }
        key[node] = (int32_t)i;
        { /* the key's first token in the token filter (see Trie.tokens) */
            Py_UCS4 c0 = PyUnicode_READ(kind, data, 0);
            if (c0 < 128 && ASCII_WORD[c0] && (flags & F_LEFT)) {
                uint64_t th = 0;
                Py_UCS4 *kc = PyUnicode_AsUCS4Copy(k);
                if (kc == NULL) goto fail;
                Py_ssize_t t = token_scan(kc, 0, len, &th);
                PyMem_Free(kc);
                if (t < len || (flags & F_RIGHT)) {
                    uint32_t bit = token_bit(th);
                    self->tokens[bit >> 3] |= (uint8_t)(1u << (bit & 7));
                } else {
                    self->open_first[c0] = 1;
                }
            }
        }
        { /* the key's head in the filter */
            Py_UCS4 head[4];
            Py_ssize_t h = len < 4 ? len : 4;
            for (j = 0; j < h; j++) head[j] = PyUnicode_READ(kind, data, j);
            uint32_t bit = head_bit(head, h);
            self->heads[h - 1][bit >> 3] |= (uint8_t)(1u << (bit & 7));
        }
    }
    PyMem_Free(hkey); hkey = NULL;
    PyMem_Free(hval); hval = NULL;
    /* edges grouped by parent (a counting sort), then sorted by character within each group */
    self->n_nodes = nodes;
    first = PyMem_Calloc(nodes + 1, sizeof(int32_t));
    edge_ch = PyMem_Malloc((nodes ? nodes : 1) * sizeof(Py_UCS4));
    edge_to = PyMem_Malloc((nodes ? nodes : 1) * sizeof(int32_t));
    int32_t *fill = PyMem_Calloc(nodes + 1, sizeof(int32_t));
    if (!first || !edge_ch || !edge_to || !fill) {
        PyMem_Free(fill);
        PyErr_NoMemory();
        goto fail;
    }
    for (i = 1; i < nodes; i++) first[parent[i] + 1]++;
    for (i = 0; i < nodes; i++) first[i + 1] += first[i];
    for (i = 1; i < nodes; i++) {
        int32_t at = first[parent[i]] + fill[parent[i]]++;
        edge_ch[at] = via[i];
        edge_to[at] = (int32_t)i;
    }
    PyMem_Free(fill);
    for (i = 0; i < nodes; i++) { /* insertion sort: groups are small but the root's */
        int32_t lo = first[i], hi = first[i + 1], a, b;
        for (a = lo + 1; a < hi; a++) {
            Py_UCS4 c = edge_ch[a];
            int32_t to = edge_to[a];
            for (b = a - 1; b >= lo && edge_ch[b] > c; b--) {
                edge_ch[b + 1] = edge_ch[b];
                edge_to[b + 1] = edge_to[b];
            }
            edge_ch[b + 1] = c;
            edge_to[b + 1] = to;
        }
    }
    /* the records walked: node, edges, and tables of ASCII children where there are many */
    self->nodes = PyMem_Malloc(nodes * sizeof(Node));
    self->edges = PyMem_Malloc((nodes ? nodes : 1) * sizeof(Edge));
    if (!self->nodes || !self->edges) { PyErr_NoMemory(); goto fail; }
    Py_ssize_t n_dense = 0;
    for (i = 0; i < nodes; i++) {
        int32_t ascii = 0, e;
        for (e = first[i]; e < first[i + 1]; e++) ascii += edge_ch[e] < 128;
        self->nodes[i].lo = first[i];
        self->nodes[i].hi = first[i + 1];
        self->nodes[i].key = key[i];
        self->nodes[i].noleft = noleft[i];
        self->nodes[i].dense = (i == 0 || ascii >= DENSE_FROM) ? (int32_t)(128 * n_dense++) : -1;
        self->nodes[i].chain_at = self->nodes[i].chain_len = 0;
        self->nodes[i].chain_to = -1;
    }
    { /* the chains of the nodes a walk stands on: the root's children; the node a chain leads
       * to; each child of a node with several. A node inside a chain is never stood on, so
       * the chains hold each node's character once at most. */
        int32_t *stack = PyMem_Malloc((nodes ? nodes : 1) * sizeof(int32_t));
        self->chains = PyMem_Malloc((nodes ? nodes : 1) * sizeof(Py_UCS4));
        if (!stack || !self->chains) { PyMem_Free(stack); PyErr_NoMemory(); goto fail; }
        Py_ssize_t top = 0, used = 0;
        int32_t e;
        for (e = first[0]; e < first[1]; e++) stack[top++] = edge_to[e];
        while (top > 0) {
            int32_t x = stack[--top];
            if (first[x + 1] - first[x] != 1) {
                for (e = first[x]; e < first[x + 1]; e++) stack[top++] = edge_to[e];
                continue;
            }
            int32_t y = x;
            self->nodes[x].chain_at = (int32_t)used;
            do { /* down the chain: one child, no key */
                self->chains[used++] = edge_ch[first[y]];
                y = edge_to[first[y]];
            } while (key[y] < 0 && first[y + 1] - first[y] == 1);
            self->nodes[x].chain_len = (int32_t)(used - self->nodes[x].chain_at);
            self->nodes[x].chain_to = y;
            stack[top++] = y;
        }
        PyMem_Free(stack);
    }
    for (i = 1; i < nodes; i++) {
        self->edges[i - 1].ch = edge_ch[i - 1];
        self->edges[i - 1].to = edge_to[i - 1];
    }
    self->dense = PyMem_Malloc(128 * n_dense * sizeof(int32_t));
    if (!self->dense) { PyErr_NoMemory(); goto fail; }
    for (i = 0; i < 128 * n_dense; i++) self->dense[i] = -1;
    for (i = 0; i < nodes; i++) {
        int32_t e, d = self->nodes[i].dense;
        if (d < 0) continue;
        for (e = first[i]; e < first[i + 1]; e++) {
            if (edge_ch[e] < 128) self->dense[d + edge_ch[e]] = edge_to[e];
        }
    }
    for (i = 0; i < 128; i++) {
        int32_t c = self->dense[i]; /* (the root's table of ASCII children) */
        self->root_ascii[i] = c < 0 ? 0 : (self->nodes[c].noleft ? 3 : 1);
        self->in_word[i] = ASCII_WORD[i] && self->root_ascii[i] != 3;
        if (ASCII_WORD[i] && self->root_ascii[i] == 3) self->word_noleft = 1;
    }
    PyMem_Free(first);
    PyMem_Free(edge_ch);
    PyMem_Free(edge_to);
    PyMem_Free(key);
    PyMem_Free(noleft);
    for (i = 0; i < MARK_CACHE; i++) { self->mark_cp[i] = 0; self->mark_val[i] = -1; }
    PyMem_Free(parent);
    PyMem_Free(via);
    return 0;
fail:
    PyMem_Free(parent);
    PyMem_Free(via);
    PyMem_Free(hkey);
    PyMem_Free(hval);
    PyMem_Free(first);
    PyMem_Free(edge_ch);
    PyMem_Free(edge_to);
    PyMem_Free(key);
    PyMem_Free(noleft);
    return -1;
}

static inline int
is_cjk(Py_UCS4 c)
{
    /* silkterm.glossary.folding.CJK_CHARACTER */
    return (c >= 0x2e80 && c <= 0x2fdf) || (c >= 0x3005 && c <= 0x3007)
        || (c >= 0x3021 && c <= 0x3029) || (c >= 0x3040 && c <= 0x30ff)
        || (c >= 0x3100 && c <= 0x312f) || (c >= 0x3190 && c <= 0x31ff)
        || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff)
        || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)
        || (c >= 0x20000 && c <= 0x3134f);
}


/* silkterm.glossary.folding.is_wordish; -1 with an exception set if Python's answer failed */
static inline int
wordish(Trie *t, Py_UCS4 c, PyObject *py_wordish)
{
    if (c < 128) return ASCII_WORD[c];
    if (c >= 0x4e00 && c <= 0x9fff) return 0; /* (CJK: letters, all of them, but no word's) */
    if (Py_UNICODE_ISALNUM(c)) return c < 0x2e80 || !is_cjk(c);
    if (c <= 0x2ff) return 0;
    /* a combining mark continues a word: its class is asked of Python, once per character */
    size_t slot = (size_t)(c * 2654435761u) % MARK_CACHE;
    if (t->mark_val[slot] >= 0 && t->mark_cp[slot] == c) return t->mark_val[slot];
    PyObject *s = PyUnicode_FromOrdinal((int)c);
    if (s == NULL) return -1;
    PyObject *r = PyObject_CallOneArg(py_wordish, s);
    Py_DECREF(s);
    if (r == NULL) return -1;
    int v = PyObject_IsTrue(r);
    Py_DECREF(r);
    if (v < 0) return -1;
    t->mark_cp[slot] = c;
    t->mark_val[slot] = (int8_t)v;
    return v;
}

typedef struct {
    const int64_t *p, *a, *b; /* Folded's collapsed runs: folded offset, original start, end */
    Py_ssize_t n;
} Runs;

static inline Py_ssize_t
bisect_right(const int64_t *xs, Py_ssize_t n, int64_t x)
{
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) >> 1;
        if (x < xs[mid]) hi = mid; else lo = mid + 1;
    }
    return lo;
}

static inline Py_ssize_t
original(const Runs *r, Py_ssize_t i)
{
    Py_ssize_t k = bisect_right(r->p, r->n, i) - 1;
    if (k < 0) return i;
    if (i == r->p[k]) return (Py_ssize_t)r->a[k];
    return i + (Py_ssize_t)(r->b[k] - r->p[k] - 1);
}

/* Folded.span */
static inline void
span(const Runs *r, Py_ssize_t start, Py_ssize_t end, Py_ssize_t *a, Py_ssize_t *b,
     Py_ssize_t *hint)
{
    if (r->n == 0) { *a = start; *b = end; return; }
    /* bisect_right(r->p, r->n, start): the walk asks for starts in order, so from the last
     * answer on (`hint`), a step or two */
    Py_ssize_t k = *hint;
    if (k > 0 && r->p[k - 1] > start) k = bisect_right(r->p, r->n, start); /* (not in order) */
    while (k < r->n && r->p[k] <= start) k++;
    *hint = k;
    k -= 1;
    if ((k >= 0 && r->p[k] == start) || (k + 1 < r->n && r->p[k + 1] < end)) {
        *a = original(r, start);
        *b = end > 0 ? original(r, end - 1) + 1 : 0;
        return;
    }
    Py_ssize_t shift = k >= 0 ? (Py_ssize_t)(r->b[k] - r->p[k] - 1) : 0;
    *a = start + shift;
    *b = end + shift;
}

static int
get_runs(PyObject *obj, Py_buffer *view, const int64_t **out, Py_ssize_t *n)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    if (view->itemsize != 8 || view->format == NULL || strcmp(view->format, "q") != 0) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_TypeError, "offsets and spans must be array('q')");
        return -1;
    }
    *out = (const int64_t *)view->buf;
    *n = view->len / 8;
    return 0;
}

/* whether text[a:b] is `shape` (a str; the caller checked text is one): read in place, the
 * first and last characters first (shapes of a form differ in case, mostly at its start) */
static inline int
spelled(PyObject *text, Py_ssize_t a, Py_ssize_t b, PyObject *shape)
{
    Py_ssize_t len = b - a, i;
    if (!PyUnicode_Check(shape) || PyUnicode_GET_LENGTH(shape) != len) return 0;
    if (len == 0) return 1;
    int tk = PyUnicode_KIND(text), sk = PyUnicode_KIND(shape);
    const void *td = PyUnicode_DATA(text), *sd = PyUnicode_DATA(shape);
    if (PyUnicode_READ(tk, td, a) != PyUnicode_READ(sk, sd, 0)
            || PyUnicode_READ(tk, td, b - 1) != PyUnicode_READ(sk, sd, len - 1))
        return 0;
    if (tk == sk) return memcmp((const char *)td + a * tk, sd, (size_t)(len * tk)) == 0;
    for (i = 1; i < len - 1; i++) {
        if (PyUnicode_READ(tk, td, a + i) != PyUnicode_READ(sk, sd, i)) return 0;
    }
    return 1;
}

/* match_type(base + a, base + b, surface, entries): a new Match, or NULL with an exception set */
static PyObject *
make_match(PyObject *match_type, Py_ssize_t base, Py_ssize_t a, Py_ssize_t b, PyObject *surface,
           PyObject *entries)
{
    PyObject *match = NULL;
    PyObject *at = PyLong_FromSsize_t(base + a), *to = PyLong_FromSsize_t(base + b);
    if (at != NULL && to != NULL) {
        PyObject *margs[4] = {at, to, surface, entries};
        match = PyObject_Vectorcall(match_type, margs, 4, NULL);
    }
    Py_XDECREF(at);
    Py_XDECREF(to);
    return match;
}

/* find(text, folded, runs_p, runs_a, runs_b, prot_starts, prot_ends, pos, stop, base,
 *      actionable, out, taken, general, is_wordish, match_type, decided) -> last_end
 *
 * Appends to `out` a Match(base + a, base + b, text[a:b], entries) per valid hit starting in
 * folded [pos, stop) (none for a kept form when `actionable`), and base + a, base + b to
 * `taken` (unless None: an array('q'), extended once at the end) per hit taken; returns the
 * original end (relative to `text`) of the last hit taken, or 0. */
static PyObject *
Trie_find(Trie *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 17) {
        PyErr_SetString(PyExc_TypeError, "find takes 17 arguments");
        return NULL;
    }
    if (self->nodes == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Trie not initialised");
        return NULL;
    }
    PyObject *text = args[0], *folded = args[1];
    PyObject *prot_s = args[5], *prot_e = args[6];
    PyObject *out = args[11], *taken = args[12], *general = args[13], *py_wordish = args[14];
    PyObject *match_type = args[15], *decided = args[16];
    if (!PyUnicode_Check(text) || !PyUnicode_Check(folded) || !PyList_Check(prot_s)
            || !PyList_Check(prot_e) || !PyList_Check(out) || !PyDict_Check(decided)) {
        PyErr_SetString(PyExc_TypeError, "find: bad argument types");
        return NULL;
    }
    if (taken != Py_None) { /* array('q'): its items are the int64 handed over */
        PyObject *code = PyObject_GetAttrString(taken, "typecode");
        int ok = code != NULL && PyUnicode_Check(code) && PyUnicode_CompareWithASCIIString(code, "q") == 0;
        Py_XDECREF(code);
        if (!ok) {
            PyErr_Clear();
            PyErr_SetString(PyExc_TypeError, "find: taken must be None or array('q')");
            return NULL;
        }
    }
    Py_ssize_t pos = PyLong_AsSsize_t(args[7]);
    Py_ssize_t stop = PyLong_AsSsize_t(args[8]);
    Py_ssize_t base = PyLong_AsSsize_t(args[9]);
    int actionable = PyObject_IsTrue(args[10]);
    if (PyErr_Occurred()) return NULL;
    Py_buffer vp, va, vb;
    Runs runs;
    Py_ssize_t na, nb;
    if (get_runs(args[2], &vp, &runs.p, &runs.n) < 0) return NULL;
    if (get_runs(args[3], &va, &runs.a, &na) < 0) { PyBuffer_Release(&vp); return NULL; }
    if (get_runs(args[4], &vb, &runs.b, &nb) < 0) {
        PyBuffer_Release(&vp); PyBuffer_Release(&va); return NULL;
    }
    PyObject *result = NULL;
    Py_ssize_t np = PyList_GET_SIZE(prot_s), i;
    int64_t *ps = NULL, *pe = NULL;
    Py_ssize_t *cand_end = NULL;
    int32_t *cand_key = NULL;
    Py_UCS4 *f = NULL, *f_own = NULL;
    Ints spans = {0}; /* what goes to `taken` */
    if (na != runs.n || nb != runs.n || PyList_GET_SIZE(prot_e) != np) {
        PyErr_SetString(PyExc_ValueError, "find: runs or protected spans differ in length");
        goto done;
    }
    ps = PyMem_Malloc((np ? np : 1) * sizeof(int64_t));
    pe = PyMem_Malloc((np ? np : 1) * sizeof(int64_t));
    cand_end = PyMem_Malloc((self->maxlen + 1) * sizeof(Py_ssize_t));
    cand_key = PyMem_Malloc((self->maxlen + 1) * sizeof(int32_t));
    if (!ps || !pe || !cand_end || !cand_key) { PyErr_NoMemory(); goto done; }
    for (i = 0; i < np; i++) {
        ps[i] = PyLong_AsLongLong(PyList_GET_ITEM(prot_s, i));
        pe[i] = PyLong_AsLongLong(PyList_GET_ITEM(prot_e, i));
    }
    if (PyErr_Occurred()) goto done;

    Py_ssize_t n = PyUnicode_GET_LENGTH(folded);
    /* one read per character, whatever its kind: the folded text as UCS-4, in the trie's own
     * buffer, kept from call to call (a fresh one each time would be fresh pages of memory,
     * each a page fault), unless a call is under way (a callback's: its own) */
    int own = 0;
    if (!self->busy && self->scratch_cap >= n + 1) {
        f = self->scratch;
    } else if (!self->busy) {
        PyMem_Free(self->scratch);
        self->scratch = NULL;
        self->scratch_cap = 0;
        f = PyMem_Malloc((n + 1) * sizeof(Py_UCS4));
        if (f != NULL) {
            self->scratch = f;
            self->scratch_cap = n + 1;
        }
    } else {
        f = PyMem_Malloc((n + 1) * sizeof(Py_UCS4));
        own = 1;
    }
    if (f == NULL) { PyErr_NoMemory(); goto done; }
    if (PyUnicode_AsUCS4(folded, f, n + 1, 1) == NULL) {
        if (own) PyMem_Free(f);
        f = NULL;
        goto done;
    }
    if (!own) self->busy = 1; else f_own = f;
    Py_ssize_t last_end = 0, run_hint = 0;
    Py_ssize_t p = pos < 0 ? 0 : pos;
    if (stop > n) stop = n;
    int prev_w = 0; /* whether the character before p continues a word */
    if (p > 0 && p < stop) {
        prev_w = wordish(self, f[p - 1], py_wordish);
        if (prev_w < 0) goto done;
    }

    while (p < stop) {
        Py_UCS4 first = f[p];
        int32_t node = -1;
        /* no key starts here; or after a word character, none without a left boundary (any
         * other fails its boundary): the usual case, settled without a walk */
        int none;
        if (first < 128) {
            uint8_t r = self->root_ascii[first];
            if (r == 1 && !prev_w && ASCII_WORD[first] && !self->open_first[first]) {
                /* a word's start: a key may start here only if the word's first token is a
                 * key's (the token filter; where it is, a walk) */
                uint64_t th;
                Py_ssize_t q = token_scan(f, p, n, &th);
                uint32_t bit = token_bit(th);
                if (!(self->tokens[bit >> 3] & (1u << (bit & 7)))) {
                    prev_w = 1;
                    /* (a key with no left boundary may start inside only at a character with
                     * root_ascii 3, where in_word stops) */
                    if (!self->word_noleft) {
                        p = q;
                        continue;
                    }
                    p++;
                    while (p < q && self->in_word[f[p]]) p++;
                    continue;
                }
                node = self->dense[first];
                goto walk;
            }
            none = r == 0 || (prev_w && r != 3);
            if (!none) node = self->dense[first];
        } else {
            node = child(self, 0, first);
            none = node < 0 || (prev_w && !self->nodes[node].noleft);
        }
        if (!none) { /* a key may start here: its head is in the filter (cheaper than a walk) */
            Py_ssize_t len, left = n - p, most = left < 4 ? left : 4;
            uint32_t bits[4];
            uint64_t hh = 0xcbf29ce484222325ULL; /* head_bit of 1 to 4 characters, in one pass */
            for (len = 0; len < most; len++) {
                hh = (hh ^ f[p + len]) * 0x100000001b3ULL;
                bits[len] = (uint32_t)(hh >> 48);
            }
            none = 1;
            for (len = most; len >= 1 && none; len--) {
                uint32_t bit = bits[len - 1];
                none = !(self->heads[len - 1][bit >> 3] & (1u << (bit & 7)));
            }
        }
        if (none) {
            prev_w = first < 128 ? ASCII_WORD[first] : wordish(self, first, py_wordish);
            if (prev_w < 0) goto done;
            p++;
            if (prev_w) { /* the rest of an ASCII word: only a key with no left boundary could
                           * start inside it (the usual case, settled in a tight loop) */
                while (p < stop && f[p] < 128 && self->in_word[f[p]]) p++;
            }
            continue;
        }
    walk: /* the keys starting at p, shortest first */
        ;
        int nc = 0;
        Py_ssize_t q = p + 1;
        for (;;) {
            const Node *nd = &self->nodes[node];
            if (nd->key >= 0) {
                cand_key[nc] = nd->key;
                cand_end[nc++] = q;
            }
            if (q >= n) break;
            if (nd->chain_len) { /* no key inside a chain: all of it, or no longer key here */
                const Py_UCS4 *cc = self->chains + nd->chain_at;
                Py_ssize_t len = nd->chain_len, k = 0;
                if (n - q < len) break;
                while (k < len && f[q + k] == cc[k]) k++;
                if (k < len) break;
                node = nd->chain_to;
                if (prev_w && !self->nodes[node].noleft) break;
                q += len;
                continue;
            }
            node = child(self, node, f[q]);
            if (node < 0 || (prev_w && !self->nodes[node].noleft)) break;
            q++;
        }
        int took = 0;
        int c;
        for (c = nc - 1; c >= 0 && !took; c--) {
            int32_t k = cand_key[c];
            Py_ssize_t end = cand_end[c];
            uint8_t fl = self->flags[k];
            Py_ssize_t a, b;
            PyObject *match = NULL; /* new reference, or NULL: nothing to report */
            if ((fl & F_LEFT) && prev_w) continue;
            if ((fl & F_RIGHT) && end < n) {
                int w = wordish(self, f[end], py_wordish);
                if (w < 0) goto done;
                if (w) continue;
            }
            if (np) {
                Py_ssize_t j = bisect_right(ps, np, end - 1) - 1;
                if (j >= 0 && pe[j] > p) continue;
            }
            span(&runs, p, end, &a, &b, &run_hint);
            if (!(fl & F_SIMPLE)) goto ask_python; /* several entries: chosen in Python */
            {
                if (self->shapes[k] != NULL) { /* the surface, one of the shapes (no copy) */
                    PyObject *shapes = self->shapes[k];
                    Py_ssize_t e, ns = PyTuple_GET_SIZE(shapes);
                    int in = 0;
                    for (e = 0; e < ns && !in; e++) {
                        in = spelled(text, a, b, PyTuple_GET_ITEM(shapes, e));
                    }
                    if (!in) goto ask_python;
                }
                if (self->exceptions[k] != NULL) {
                    PyObject *ex = self->exceptions[k];
                    Py_ssize_t e, ne = PyTuple_GET_SIZE(ex);
                    int excepted = 0;
                    for (e = 0; e < ne && !excepted; e++) {
                        PyObject *pair = PyTuple_GET_ITEM(ex, e);
                        Py_ssize_t off = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
                        if (off == -1 && PyErr_Occurred()) goto done;
                        Py_ssize_t at = p - off;
                        if (at >= 0) {
                            Py_ssize_t hit = PyUnicode_Tailmatch(
                                folded, PyTuple_GET_ITEM(pair, 0), at, PY_SSIZE_T_MAX, -1);
                            if (hit < 0) goto done;
                            excepted = hit == 1;
                        }
                    }
                    if (excepted) continue;
                }
                if (!(actionable && (fl & F_KEPT))) { /* reported: a Match */
                    PyObject *surface = PyUnicode_Substring(text, a, b);
                    if (surface != NULL)
                        match = make_match(match_type, base, a, b, surface, self->entries[k]);
                    Py_XDECREF(surface);
                    if (match == NULL) goto done;
                }
            }
            goto take;
        ask_python:
            { /* decided before in this call (`decided`, which `general` fills: (form index,
               * surface) -> (entries, reported), for a form whose hits depend on their
               * surface alone): no call */
                PyObject *surface = PyUnicode_Substring(text, a, b);
                PyObject *index = PyLong_FromLong((long)k), *key = NULL, *known = NULL;
                if (surface != NULL && index != NULL) key = PyTuple_Pack(2, index, surface);
                Py_XDECREF(index);
                if (key != NULL) {
                    known = PyDict_GetItemWithError(decided, key); /* borrowed */
                    Py_DECREF(key);
                }
                if (known == NULL && PyErr_Occurred()) { Py_XDECREF(surface); goto done; }
                if (surface == NULL) goto done;
                if (known != NULL) {
                    if (!PyTuple_Check(known) || PyTuple_GET_SIZE(known) != 2) {
                        Py_DECREF(surface);
                        PyErr_SetString(PyExc_TypeError, "decided: (entries, reported) expected");
                        goto done;
                    }
                    PyObject *entries = PyTuple_GET_ITEM(known, 0);
                    int reported = PyObject_IsTrue(PyTuple_GET_ITEM(known, 1));
                    int any = PyObject_IsTrue(entries);
                    if (reported < 0 || any < 0) { Py_DECREF(surface); goto done; }
                    if (!any) { Py_DECREF(surface); continue; }
                    if (reported) {
                        match = make_match(match_type, base, a, b, surface, entries);
                        if (match == NULL) { Py_DECREF(surface); goto done; }
                    }
                    Py_DECREF(surface);
                    goto take;
                }
                Py_DECREF(surface);
            }
            {
                PyObject *gargs[5] = {PyLong_FromLong((long)k), PyLong_FromSsize_t(p),
                                      PyLong_FromSsize_t(end), PyLong_FromSsize_t(a),
                                      PyLong_FromSsize_t(b)};
                PyObject *r = NULL;
                if (gargs[0] && gargs[1] && gargs[2] && gargs[3] && gargs[4])
                    r = PyObject_Vectorcall(general, gargs, 5, NULL);
                for (int g = 0; g < 5; g++) Py_XDECREF(gargs[g]);
                if (r == NULL) goto done;
                if (r == Py_None) { Py_DECREF(r); continue; }
                if (!PyTuple_Check(r) || PyTuple_GET_SIZE(r) != 3) {
                    Py_DECREF(r);
                    PyErr_SetString(PyExc_TypeError, "general must return None or a 3-tuple");
                    goto done;
                }
                a = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 0));
                b = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 1));
                if (PyErr_Occurred()) { Py_DECREF(r); goto done; }
                if (PyTuple_GET_ITEM(r, 2) != Py_None) {
                    match = PyTuple_GET_ITEM(r, 2);
                    Py_INCREF(match);
                }
                Py_DECREF(r);
            }
        take:
            if (match != NULL) {
                int rc = PyList_Append(out, match);
                Py_DECREF(match);
                if (rc < 0) goto done;
            }
            if (taken != Py_None
                    && (ints_add(&spans, base + a) < 0 || ints_add(&spans, base + b) < 0))
                goto done;
            last_end = b;
            p = end;
            took = 1;
        }
        if (took) {
            prev_w = wordish(self, f[p - 1], py_wordish);
        } else {
            prev_w = first < 128 ? ASCII_WORD[first] : wordish(self, first, py_wordish);
            p++;
        }
        if (prev_w < 0) goto done;
    }
    if (taken != Py_None && spans.n) {
        PyObject *r = PyObject_CallMethod(taken, "frombytes", "y#", (const char *)spans.v,
                                          spans.n * (Py_ssize_t)sizeof(int64_t));
        if (r == NULL) goto done;
        Py_DECREF(r);
    }
    result = PyLong_FromSsize_t(last_end);
done:
    PyMem_Free(spans.v);
    PyMem_Free(ps);
    PyMem_Free(pe);
    PyMem_Free(cand_end);
    PyMem_Free(cand_key);
    if (f != NULL && f == self->scratch) self->busy = 0;
    PyMem_Free(f_own);
    PyBuffer_Release(&vp);
    PyBuffer_Release(&va);
    PyBuffer_Release(&vb);
    return result;
}

static PyObject *
Trie_len(Trie *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromSsize_t(self->n_nodes);
}

/* ---------------------------------------------------------------------------------------
 * Folding a text: silkterm.glossary.folding.Folded, after fold() (lower case, typography). */

/* the ASCII characters in lower case */
static const uint8_t ASCII_LOWER[128] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
    25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
    48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64,
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r',
    's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
    91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110,
    111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
};

/* the ASCII separators: '-' and the whitespace (str.isspace) */
static const uint8_t ASCII_SEP[128] = {
    0,0,0,0,0,0,0,0,0,1,1,1,1,1,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,
    1,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
};

/* collapse's fast path per ASCII character: its folded character (ASCII_FOLD: lower case;
 * ASCII_KEPT: as it is), or FAST_SEP for a separator (then decided the slow way) */
#define FAST_SEP 0xff
#define FAST_ROW(b) b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7
#define FAST_SEPS0 0, 1, 2, 3, 4, 5, 6, 7, 8, FAST_SEP, FAST_SEP, FAST_SEP, FAST_SEP, FAST_SEP, 14, 15, \
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, FAST_SEP, FAST_SEP, FAST_SEP, FAST_SEP, \
    FAST_SEP, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, FAST_SEP, 46, 47, \
    FAST_ROW(48), FAST_ROW(56)
static const uint8_t ASCII_FOLD[128] = {
    FAST_SEPS0, 64, FAST_ROW(97), FAST_ROW(105), FAST_ROW(113), 121, 122,
    91, 92, 93, 94, 95, FAST_ROW(96), FAST_ROW(104), FAST_ROW(112), FAST_ROW(120),
};
static const uint8_t ASCII_KEPT[128] = {
    FAST_SEPS0, FAST_ROW(64), FAST_ROW(72), FAST_ROW(80), FAST_ROW(88), FAST_ROW(96), FAST_ROW(104),
    FAST_ROW(112), FAST_ROW(120),
};
#undef FAST_SEPS0
#undef FAST_ROW

static inline int
is_sep(Py_UCS4 c)
{
    /* (no character above U+3000 is whitespace: CJK text is settled without a call) */
    return c == '-' || (c <= 0x3000 && Py_UNICODE_ISSPACE(c));
}

static inline int
is_break(Py_UCS4 c)
{
    /* folding._BREAKS, the characters of folding._LINE_BREAK_CHAR */
    return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d
        || c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* the character in Folded's `spaced` copy: every separator that folding makes a space */
static inline Py_UCS4
spaced(Py_UCS4 c)
{
    switch (c) {
    case '-': case '\t': case '\n': case '\r': case 0x0b: case 0x0c: case 0x1c: case 0x1d:
    case 0x1e: case 0x1f: case 0x85: case 0x1680: case 0x2000: case 0x2001: case 0x2002:
    case 0x2003: case 0x2004: case 0x2005: case 0x2006: case 0x2008: case 0x2028: case 0x205f:
        return ' ';
    default:
        return c;
    }
}

/* the separator a run of separators folds to, given its folded characters f[0 .. len-1] and
 * its offset `at` in the text: a space if it may stand between two parts of a name
 * (folding._joins), else U+2029 */
static Py_UCS4
run_separator(const Py_UCS4 *f, Py_ssize_t len, Py_ssize_t at, const int64_t *heads, Py_ssize_t nh)
{
    Py_ssize_t k, breaks = 0, first = -1, last = -1;
    int para = 0;
    for (k = 0; k < len; k++) {
        if (f[k] == '\n' && k + 1 < len && f[k + 1] == '\n') return 0x2029; /* a blank line */
        if (is_break(f[k])) {
            breaks++;
            if (first < 0) first = k;
            last = k;
            if (f[k] == '\r' && k + 1 < len && f[k + 1] == '\n') breaks--; /* CR LF: one */
            if (f[k] == 0x2029) para = 1;
        }
    }
    breaks += para; /* U+2029 ends a paragraph */
    if (breaks == 0) return ' ';
    if (breaks > 1) return 0x2029;
    for (k = last; k < len; k++) {
        if (f[k] == '-') return 0x2029; /* a line that starts with a dash: a list item */
    }
    if (nh) { /* the line break that ends a Markdown heading */
        Py_ssize_t lo = 0, hi = nh;
        while (lo < hi) {
            Py_ssize_t mid = (lo + hi) >> 1;
            if (heads[mid] < at + first) lo = mid + 1; else hi = mid;
        }
        if (lo < nh && heads[lo] == at + first) return 0x2029;
    }
    return ' ';
}

/* folding._TYPOGRAPHY: typographic spaces, dashes and apostrophes, and their ASCII forms
 * (tests/glossary/test_cmatch.py checks the two tables agree) */
static inline Py_UCS4
typography(Py_UCS4 c)
{
    if (c < 0xa0) return c;
    switch (c) {
    case 0xa0: case 0x2007: case 0x2009: case 0x200a: case 0x202f: case 0x3000:
        return ' ';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
    case 0xfe63: case 0xff0d:
        return '-';
    case 0x2018: case 0x2019: case 0x02bc: case 0x2032: case 0xff07:
        return '\'';
    default:
        return c;
    }
}

/* collapse's blocks: from s[i] on, while each block of 16 characters is ASCII with no two
 * separators in a row (the character after the block read too: a separator at its end may
 * start a run), and ends before `lim` (the next heading's end), its folded copy at o[0..]: lower
 * case unless `lowered`, and each separator a space (one alone needs no decision: folding it
 * gives just that); returns how many characters were copied. SSE2, 16 (UCS1) or 8 (UCS2)
 * characters at a time; else 0 (the caller goes one character at a time; so with
 * SILKTERM_NO_SIMD defined, as .ci/run tests). */
#ifdef USE_SSE2
#define V_SEPS(v, EQ, GT, ONE)                                                              \
    _mm_or_si128(_mm_or_si128(EQ(v, ONE(' ')), EQ(v, ONE('-'))),                            \
                 _mm_or_si128(_mm_and_si128(GT(v, ONE(8)), GT(ONE(14), v)),                 \
                              _mm_and_si128(GT(v, ONE(27)), GT(ONE(32), v))))
#define V_FOLD(v, GT, ONE)                                                                  \
    (lowered ? (v) : _mm_add_epi8((v), _mm_and_si128(                                       \
        _mm_and_si128(GT(v, ONE('A' - 1)), GT(ONE('Z' + 1), v)), ONE(0x20))))
/* a separator alone, a space (`seps`: its lanes) */
#define V_SPACED(v, seps, ONE)                                                              \
    _mm_or_si128(_mm_andnot_si128((seps), (v)), _mm_and_si128((seps), ONE(' ')))
#define ONE8(c) _mm_set1_epi8((char)(c))
#define ONE16(c) _mm_set1_epi16((short)(c))

static Py_ssize_t
fold_blocks_ucs1(const Py_UCS1 *s, Py_ssize_t i, Py_ssize_t lim, Py_UCS2 *o, int lowered)
{
    Py_ssize_t from = i;
    while (i + 17 <= lim) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i w = _mm_loadu_si128((const __m128i *)(s + i + 1));
        if (_mm_movemask_epi8(_mm_or_si128(v, w))) break; /* (a character from 128 on) */
        __m128i sv = V_SEPS(v, _mm_cmpeq_epi8, _mm_cmpgt_epi8, ONE8);
        __m128i sw = V_SEPS(w, _mm_cmpeq_epi8, _mm_cmpgt_epi8, ONE8);
        if (_mm_movemask_epi8(_mm_and_si128(sv, sw))) break;
        __m128i f = V_SPACED(V_FOLD(v, _mm_cmpgt_epi8, ONE8), sv, ONE8);
        _mm_storeu_si128((__m128i *)(o + (i - from)), _mm_unpacklo_epi8(f, _mm_setzero_si128()));
        _mm_storeu_si128((__m128i *)(o + (i - from) + 8), _mm_unpackhi_epi8(f, _mm_setzero_si128()));
        i += 16;
    }
    return i - from;
}

static Py_ssize_t
fold_blocks_ucs2(const Py_UCS2 *s, Py_ssize_t i, Py_ssize_t lim, Py_UCS2 *o, int lowered)
{
    Py_ssize_t from = i;
    const __m128i high = _mm_set1_epi16((short)0xff80);
    while (i + 9 <= lim) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i w = _mm_loadu_si128((const __m128i *)(s + i + 1));
        if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(_mm_or_si128(v, w), high),
                                              _mm_setzero_si128())) != 0xffff)
            break; /* (a character from 128 on) */
        __m128i sv = V_SEPS(v, _mm_cmpeq_epi16, _mm_cmpgt_epi16, ONE16);
        __m128i sw = V_SEPS(w, _mm_cmpeq_epi16, _mm_cmpgt_epi16, ONE16);
        if (_mm_movemask_epi8(_mm_and_si128(sv, sw))) break;
        /* (the lower case by bytes: each character's high byte is 0, and stays so) */
        _mm_storeu_si128((__m128i *)(o + (i - from)),
                         V_SPACED(V_FOLD(v, _mm_cmpgt_epi8, ONE8), sv, ONE16));
        i += 8;
    }
    return i - from;
}
#undef ONE16
#undef ONE8
#undef V_SPACED
#undef V_FOLD
#undef V_SEPS
#else
static Py_ssize_t
fold_blocks_ucs1(const Py_UCS1 *s, Py_ssize_t i, Py_ssize_t lim, Py_UCS2 *o, int lowered)
{
    return 0;
}

static Py_ssize_t
fold_blocks_ucs2(const Py_UCS2 *s, Py_ssize_t i, Py_ssize_t lim, Py_UCS2 *o, int lowered)
{
    return 0;
}
#endif

/* the folded character of `c` (see collapse), or 0x3a3 for a capital sigma that needs
 * str.lower() (its lower case depends on the letters around it) */
static inline Py_ALWAYS_INLINE Py_UCS4
fold_char(Py_UCS4 c, int lowered)
{
    if (c < 128) return lowered ? c : ASCII_LOWER[c];
    if (lowered) return typography(c);
    if (c == 0x130) return 'i';
    if (c == 0x3a3) return 0x3a3;
    if (c >= 0x3040 && c <= 0x9fff) return c; /* (kana, CJK: no case) */
    return typography(Py_UNICODE_TOLOWER(c));
}

/* collapse(text, heading_ends, lowered) -> (text, p, a, b): the text lower-cased (unless
 * `lowered`: it is already), İ as i, with typographic spaces, dashes and apostrophes made
 * ASCII (folding.fold), each separator
 * run that needs a decision (two separators or more, a U+2029, a heading's line break) one
 * space or U+2029 and every other separator a space; and per run of two or more, its folded
 * offset and its original start and end (int64 bytes, for array('q')).
 *
 * One pass, written into a str as wide as the text (two bytes for a Latin-1 one, since a
 * paragraph's end is U+2029; a character's lower case is no wider than it: tests/glossary/
 * test_cmatch.py checks every character, and one that were would be written four bytes wide
 * after all), with the widest character written kept to make the str as narrow as it can be
 * (the only form a str may take). A separator run is folded into `run` and decided there. */
static PyObject *
collapse(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError,
                        "collapse(text: str, heading_ends: list[int], lowered: bool)");
        return NULL;
    }
    int lowered = PyObject_IsTrue(args[2]);
    if (lowered < 0) return NULL;
    PyObject *src = args[0], *headings = args[1], *result = NULL, *text = NULL, *wide_text = NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(src), nh = PyList_GET_SIZE(headings), i, k;
    Ints rp = {0}, ra = {0}, rb = {0};
    int64_t *heads = PyMem_Malloc((nh ? nh : 1) * sizeof(int64_t));
    Py_UCS4 *run = NULL; /* the folded characters of the separator run being decided */
    Py_ssize_t run_cap = 0;
    void *out = NULL;
    int kind = PyUnicode_KIND(src); /* of the characters written: two bytes for a Latin-1 text
                                     * too (a paragraph's end is U+2029) */
    int width = kind == PyUnicode_1BYTE_KIND ? 2 : kind;
    Py_UCS4 widest = 0; /* every character written, or-ed: below 128, 256, 65536 as they are */
    Py_ssize_t w = 0;
    const void *data = PyUnicode_DATA(src);
    if (heads == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < nh; i++) heads[i] = PyLong_AsLongLong(PyList_GET_ITEM(headings, i));
    if (PyErr_Occurred()) goto done;
    const uint8_t *fast = lowered ? ASCII_KEPT : ASCII_FOLD;
again: /* (written into the str itself: one allocation, no copy of a text as wide as the input) */
    wide_text = PyUnicode_New(n, width == 2 ? 0xffff : 0x10ffff);
    if (wide_text == NULL) goto done;
    out = PyUnicode_DATA(wide_text);
#define SIGMA_ERROR                                                                         \
    {                                                                                       \
        PyErr_SetString(PyExc_ValueError, "collapse: a capital sigma needs str.lower()");  \
        goto done;                                                                          \
    }
#define COLLAPSE_PASS(T, O)                                                                 \
    {                                                                                       \
        const T *s = (const T *)data;                                                       \
        O *o = (O *)out;                                                                    \
        Py_ssize_t shift = 0, h = 0, ii = 0, ww = 0;                                        \
        Py_UCS4 wide = 0; /* (an ASCII character written needs no mark: any str holds it) */ \
        const Py_UCS4 limit = sizeof(O) == 1 ? 0xff : sizeof(O) == 2 ? 0xffff : 0x10ffff;  \
        Py_ssize_t slow_until = 0, hb = 0;                                                  \
        while (ii < n) {                                                                    \
            if (ii >= slow_until && sizeof(O) == 2) {                                       \
                /* blocks of ASCII with no separator but single spaces (fold_blocks_*) */    \
                while (hb < nh && heads[hb] < ii) hb++;                                     \
                Py_ssize_t lim = hb < nh && heads[hb] < n ? heads[hb] : n;                  \
                Py_ssize_t done_ = sizeof(T) == 1                                           \
                    ? fold_blocks_ucs1((const Py_UCS1 *)s, ii, lim, (Py_UCS2 *)(o + ww), lowered) \
                    : fold_blocks_ucs2((const Py_UCS2 *)s, ii, lim, (Py_UCS2 *)(o + ww), lowered); \
                ii += done_;                                                                \
                ww += done_;                                                                \
                slow_until = ii + 16;                                                       \
            }                                                                               \
            if (ii >= n) break;                                                             \
            Py_UCS4 c = s[ii];                                                              \
            if (c < 128) { /* the usual characters, ASCII, and one space alone between      \
                            * them, in a tight loop */                                      \
                Py_ssize_t from = ii, upto = sizeof(O) == 2 && slow_until < n ? slow_until : n; \
                while (ii < upto && (c = s[ii]) < 128) { /* (to the next block) */          \
                    uint8_t q = fast[c];                                                    \
                    if (q == FAST_SEP) {                                                    \
                        Py_UCS4 d;                                                          \
                        if (c != ' ' || ii + 1 >= n || (d = s[ii + 1]) >= 128               \
                                || fast[d] == FAST_SEP || (h < nh && heads[h] <= ii))       \
                            break;                                                          \
                        q = ' ';                                                            \
                    }                                                                       \
                    o[ww++] = (O)q;                                                         \
                    ii++;                                                                   \
                }                                                                           \
                if (ii > from) continue;                                                    \
                c = s[ii];                                                                  \
            }                                                                               \
            c = fold_char(c, lowered);                                                      \
            if (c == 0x3a3 && !lowered) SIGMA_ERROR                                         \
            if (c < 128 ? !ASCII_SEP[c] : !is_sep(c)) {                                     \
                if (c > limit) goto wider;                                                  \
                o[ww++] = (O)c;                                                             \
                wide |= c;                                                                  \
                ii++;                                                                       \
                continue;                                                                   \
            }                                                                               \
            if (c == ' ' && (h >= nh || heads[h] > ii)) { /* one space alone, the usual     \
                                                           * separator: nothing to decide */ \
                Py_UCS4 d = ii + 1 < n ? s[ii + 1] : 'a';                                   \
                if (d < 128 ? !ASCII_SEP[d] : !is_sep(fold_char(d, lowered))) {             \
                    o[ww++] = ' ';                                                          \
                    ii++;                                                                   \
                    continue;                                                               \
                }                                                                           \
            }                                                                               \
            /* a run of separators s[a:b], folded into run[0 .. b-a-1] */                    \
            Py_ssize_t a = ii, len = 0;                                                     \
            while (ii < n) {                                                                \
                Py_UCS4 d = fold_char(s[ii], lowered);                                      \
                if (d == 0x3a3 && !lowered) SIGMA_ERROR                                     \
                if (!is_sep(d)) break;                                                      \
                if (len == run_cap) {                                                       \
                    Py_ssize_t cap = run_cap ? 2 * run_cap : 64;                            \
                    Py_UCS4 *grown = PyMem_Realloc(run, cap * sizeof(Py_UCS4));             \
                    if (grown == NULL) { PyErr_NoMemory(); goto done; }                     \
                    run = grown;                                                            \
                    run_cap = cap;                                                          \
                }                                                                           \
                run[len++] = d;                                                             \
                ii++;                                                                       \
            }                                                                               \
            Py_ssize_t b = ii;                                                              \
            int decide = 0;                                                                 \
            for (k = 0; k < len && !decide; k++) {                                          \
                decide = run[k] == 0x2029 || (k + 1 < len && spaced(run[k]) == ' '          \
                                              && spaced(run[k + 1]) == ' '                  \
                                              && run[k] != 0x2029 && run[k + 1] != 0x2029); \
            }                                                                               \
            while (h < nh && heads[h] < a) h++;                                             \
            if (!decide && h < nh && heads[h] < b) decide = 1;                              \
            if (!decide) {                                                                  \
                for (k = 0; k < len; k++) {                                                 \
                    Py_UCS4 e = spaced(run[k]);                                             \
                    if (e > limit) goto wider;                                              \
                    o[ww++] = (O)e;                                                         \
                    wide |= e;                                                              \
                }                                                                           \
                continue;                                                                   \
            }                                                                               \
            Py_UCS4 e = run_separator(run, len, a, heads, nh);                              \
            if (e > limit) goto wider;                                                      \
            o[ww++] = (O)e;                                                                 \
            wide |= e;                                                                      \
            if (len > 1) {                                                                  \
                if (ints_add(&rp, a - shift) < 0 || ints_add(&ra, a) < 0 || ints_add(&rb, b) < 0) \
                    goto done;                                                              \
                shift += len - 1;                                                           \
            }                                                                               \
        }                                                                                   \
        w = ww;                                                                             \
        widest = wide;                                                                      \
    }
    if (kind == PyUnicode_1BYTE_KIND) {
        if (width == 2) COLLAPSE_PASS(Py_UCS1, Py_UCS2) else COLLAPSE_PASS(Py_UCS1, Py_UCS4)
    } else if (kind == PyUnicode_2BYTE_KIND) {
        if (width == 2) COLLAPSE_PASS(Py_UCS2, Py_UCS2) else COLLAPSE_PASS(Py_UCS2, Py_UCS4)
    } else {
        COLLAPSE_PASS(Py_UCS4, Py_UCS4)
    }
#undef COLLAPSE_PASS
#undef SIGMA_ERROR
    if (widest > 0x10ffff) widest = 0x10ffff;
    if ((widest < 256 ? 1 : widest < 0x10000 ? 2 : 4) == width) { /* (as narrow as it can be) */
        if (w < n && PyUnicode_Resize(&wide_text, w) < 0) goto done;
        text = wide_text;
        wide_text = NULL;
    } else { /* narrower than written: a copy */
        text = PyUnicode_New(w, widest);
        if (text == NULL) goto done;
        int tk = PyUnicode_KIND(text);
        void *td = PyUnicode_DATA(text);
#define NARROW(F, T) for (i = 0; i < w; i++) ((T *)td)[i] = (T)((const F *)out)[i];
        if (width == 2) NARROW(Py_UCS2, Py_UCS1)
        else if (tk == PyUnicode_1BYTE_KIND) NARROW(Py_UCS4, Py_UCS1)
        else NARROW(Py_UCS4, Py_UCS2)
#undef NARROW
    }
    {
        static const char none[1] = {0}; /* (y# makes None of a NULL pointer) */
        result = Py_BuildValue("(Oy#y#y#)", text,
                               rp.v ? (const char *)rp.v : none, rp.n * (Py_ssize_t)sizeof(int64_t),
                               ra.v ? (const char *)ra.v : none, ra.n * (Py_ssize_t)sizeof(int64_t),
                               rb.v ? (const char *)rb.v : none, rb.n * (Py_ssize_t)sizeof(int64_t));
    }
    goto done;
wider: /* a character wider than the text's: all of it again, four bytes wide */
    Py_CLEAR(wide_text);
    rp.n = ra.n = rb.n = 0;
    width = 4;
    goto again;
done:
    Py_XDECREF(text);
    Py_XDECREF(wide_text);
    PyMem_Free(heads);
    PyMem_Free(run);
    PyMem_Free(rp.v);
    PyMem_Free(ra.v);
    PyMem_Free(rb.v);
    return result;
}

/* the characters of s[a:b], or-ed: below 128, 256 or 65536 where they all are */
static Py_UCS4
or_chars(PyObject *s, Py_ssize_t a, Py_ssize_t b)
{
    Py_UCS4 m = 0;
    Py_ssize_t i;
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND: {
        const Py_UCS1 *d = PyUnicode_1BYTE_DATA(s);
        if (PyUnicode_IS_ASCII(s)) return 0;
        for (i = a; i < b; i++) m |= d[i];
        break;
    }
    case PyUnicode_2BYTE_KIND: {
        const Py_UCS2 *d = PyUnicode_2BYTE_DATA(s);
        for (i = a; i < b; i++) m |= d[i];
        break;
    }
    default: {
        const Py_UCS4 *d = PyUnicode_4BYTE_DATA(s);
        for (i = a; i < b; i++) m |= d[i];
    }
    }
    return m;
}

/* s[a:a+len] written into out (fresh, wide enough) at `at`: by memcpy where both are of one
 * kind, else a character at a time. (Not PyUnicode_CopyCharacters: CPython 3.11 checks a
 * Latin-1 source written into an ASCII str from the source's start, not from `a`.) */
static void
copy_chars(PyObject *out, Py_ssize_t at, PyObject *s, Py_ssize_t a, Py_ssize_t len)
{
    int ok = PyUnicode_KIND(out), sk = PyUnicode_KIND(s);
    void *od = PyUnicode_DATA(out);
    const void *sd = PyUnicode_DATA(s);
    Py_ssize_t i;
    if (ok == sk) {
        memcpy((char *)od + at * ok, (const char *)sd + a * sk, (size_t)(len * sk));
        return;
    }
    for (i = 0; i < len; i++) PyUnicode_WRITE(ok, od, at + i, PyUnicode_READ(sk, sd, a + i));
}

/* splice(text, spans, replacements) -> str: text with each span (array('q') of each start and
 * end, in order, apart) replaced by its replacement: silkterm.glossary.apply.normalize's
 * rewrite, in one copy (the str as narrow as it can be) */
static PyObject *
splice(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyList_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "splice(text: str, spans: array('q'), replacements: list[str])");
        return NULL;
    }
    PyObject *text = args[0], *reps = args[2], *out = NULL;
    Py_buffer vs;
    const int64_t *sp;
    Py_ssize_t ns, n = PyUnicode_GET_LENGTH(text), k, nr = PyList_GET_SIZE(reps);
    if (get_runs(args[1], &vs, &sp, &ns) < 0) return NULL;
    if (ns != 2 * nr) {
        PyErr_SetString(PyExc_ValueError, "splice: a replacement per span");
        goto done;
    }
    /* The width of the result: the text's, unless a span replaced holds a character as wide as
     * the text's widest (a str holds one: as narrow as it can be), then read from what is kept
     * (usually no span does, and only the spans are read); and the replacements' */
    Py_ssize_t total = n, prev = 0;
    Py_UCS4 widest = 0, top = PyUnicode_IS_ASCII(text) ? 0 : PyUnicode_KIND(text) == 1 ? 0x80
                                 : PyUnicode_KIND(text) == 2 ? 0x100 : 0x10000;
    int reread = 0;
    for (k = 0; k < nr; k++) {
        PyObject *r = PyList_GET_ITEM(reps, k);
        Py_ssize_t a = (Py_ssize_t)sp[2 * k], b = (Py_ssize_t)sp[2 * k + 1];
        if (!PyUnicode_Check(r) || a < prev || b < a || b > n) {
            PyErr_SetString(PyExc_ValueError, "splice: spans in order and apart, replacements str");
            goto done;
        }
        if (top && !reread && or_chars(text, a, b) >= top) reread = 1;
        widest |= or_chars(r, 0, PyUnicode_GET_LENGTH(r));
        total += PyUnicode_GET_LENGTH(r) - (b - a);
        prev = b;
    }
    if (reread) { /* (the kept text, read) */
        prev = 0;
        for (k = 0; k < nr; k++) {
            widest |= or_chars(text, prev, (Py_ssize_t)sp[2 * k]);
            prev = (Py_ssize_t)sp[2 * k + 1];
        }
        widest |= or_chars(text, prev, n);
    } else if (top) {
        widest |= top; /* (a character of the text's widest class stays) */
    }
    out = PyUnicode_New(total, widest > 0x10ffff ? 0x10ffff : widest);
    if (out == NULL) goto done;
    {
        Py_ssize_t at = 0;
        prev = 0;
        for (k = 0; k <= nr; k++) {
            Py_ssize_t a = k < nr ? (Py_ssize_t)sp[2 * k] : n;
            copy_chars(out, at, text, prev, a - prev);
            at += a - prev;
            if (k == nr) break;
            PyObject *r = PyList_GET_ITEM(reps, k);
            Py_ssize_t len = PyUnicode_GET_LENGTH(r);
            copy_chars(out, at, r, 0, len);
            at += len;
            prev = (Py_ssize_t)sp[2 * k + 1];
        }
    }
done:
    PyBuffer_Release(&vs);
    return out;
}

/* line_feeds(text, lo, hi) -> int: text.count("\n", lo, hi), 16 bytes at a time where SSE2 is
 * (silkterm.glossary.stream: the lines of a chunk) */
static PyObject *
line_feeds(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "line_feeds(text: str, lo: int, hi: int)");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(args[0]);
    Py_ssize_t lo = PyLong_AsSsize_t(args[1]), hi = PyLong_AsSsize_t(args[2]), i, count = 0;
    if ((lo == -1 || hi == -1) && PyErr_Occurred()) return NULL;
    if (lo < 0 || hi < 0) {
        PyErr_SetString(PyExc_ValueError, "line_feeds: offsets are not negative");
        return NULL;
    }
    if (hi > n) hi = n;
    const void *data = PyUnicode_DATA(args[0]);
    i = lo;
#ifdef USE_SSE2
#define COUNT_BLOCKS(T)                                                                     \
    { if (sizeof(T) < 4) {                                                                  \
        const T *c = (const T *)data;                                                       \
        const Py_ssize_t per = 16 / (Py_ssize_t)sizeof(T);                                  \
        Py_ssize_t bits = 0; /* (a bit per byte of a line feed) */                          \
        for (; i + per <= hi; i += per) {                                                   \
            __m128i v = _mm_loadu_si128((const __m128i *)(c + i));                          \
            unsigned m = (unsigned)_mm_movemask_epi8(V_EQ(v, 8 * (int)sizeof(T), '\n'));    \
            for (; m; m &= m - 1) bits++; /* (newlines are rare: a step each) */            \
        }                                                                                   \
        count += bits / (Py_ssize_t)sizeof(T);                                              \
    } }
    PER_KIND(PyUnicode_KIND(args[0]), COUNT_BLOCKS)
#undef COUNT_BLOCKS
#endif
    for (; i < hi; i++) count += PyUnicode_READ(PyUnicode_KIND(args[0]), data, i) == '\n';
    return PyLong_FromSsize_t(count);
}

/* spans_within(starts, ends, lo, hi) -> tuple[tuple[int, int], ...]: the spans (sorted, apart;
 * their starts and ends as array('q')) that start before hi and end after lo or start at lo or
 * later, relative to lo: silkterm.glossary.recognise._within. */
static PyObject *
spans_within(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "spans_within(starts, ends, lo, hi)");
        return NULL;
    }
    Py_ssize_t lo = PyLong_AsSsize_t(args[2]), hi = PyLong_AsSsize_t(args[3]);
    if ((lo == -1 || hi == -1) && PyErr_Occurred()) return NULL;
    Py_buffer vs, ve;
    const int64_t *s, *e;
    Py_ssize_t ns, ne, k, m;
    if (get_runs(args[0], &vs, &s, &ns) < 0) return NULL;
    if (get_runs(args[1], &ve, &e, &ne) < 0) { PyBuffer_Release(&vs); return NULL; }
    PyObject *out = NULL;
    if (ns != ne) {
        PyErr_SetString(PyExc_ValueError, "spans_within: starts and ends differ in length");
        goto done;
    }
    { /* bisect_left(starts, lo) */
        Py_ssize_t a = 0, b = ns;
        while (a < b) {
            Py_ssize_t mid = (a + b) >> 1;
            if (s[mid] < lo) a = mid + 1; else b = mid;
        }
        k = a;
    }
    if (k && e[k - 1] > lo) k--;
    for (m = k; m < ns && s[m] < hi; m++) {}
    out = PyTuple_New(m - k);
    if (out == NULL) goto done;
    for (Py_ssize_t i = k; i < m; i++) {
        PyObject *pair = Py_BuildValue("(LL)", (long long)(s[i] - lo), (long long)(e[i] - lo));
        if (pair == NULL) { Py_CLEAR(out); goto done; }
        PyTuple_SET_ITEM(out, i - k, pair);
    }
done:
    PyBuffer_Release(&vs);
    PyBuffer_Release(&ve);
    return out;
}

/* kin_places(text, heads) -> list[int]: the apostrophes (' or U+2019) of `text` where
 * silkterm.glossary.kinship._KIN may match, in order: each followed by an s (s, S or U+017F,
 * as the pattern's IGNORECASE reads it) and white space, then by one of `heads` (a tuple of
 * lower-case ASCII str: the words that may follow there) in any ASCII case, or by a character
 * from 128 on where a head's is compared (which the pattern's case rules may match: it is
 * listed). Every place where _KIN matches is listed; the caller matches it there. */
static PyObject *
kin_places(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "kin_places(text: str, heads: tuple[str, ...])");
        return NULL;
    }
    PyObject *text = args[0], *heads = args[1], *out = PyList_New(0);
    if (out == NULL) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), nh = PyTuple_GET_SIZE(heads), i, h;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (h = 0; h < nh; h++) {
        PyObject *head = PyTuple_GET_ITEM(heads, h);
        if (!PyUnicode_Check(head) || !PyUnicode_IS_ASCII(head)) {
            PyErr_SetString(PyExc_TypeError, "kin_places: heads must be ASCII str");
            Py_DECREF(out);
            return NULL;
        }
    }
    for (i = 0; i + 2 < n; i++) {
        /* (to the next apostrophe, 16 bytes at a time) */
#define APOSTROPHE(v, w) ((w) == 8 ? V_EQ(v, w, '\'')                                       \
                                   : _mm_or_si128(V_EQ(v, w, '\''), V_EQ(v, w, 0x2019)))
#define SKIP_TO_APOSTROPHE(T) { const T *d = (const T *)data; SSE_SKIP(T, d, i, n, APOSTROPHE) }
        PER_KIND(kind, SKIP_TO_APOSTROPHE)
#undef SKIP_TO_APOSTROPHE
#undef APOSTROPHE
        if (i + 2 >= n) break;
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c != '\'' && c != 0x2019) continue;
        Py_UCS4 s = PyUnicode_READ(kind, data, i + 1);
        if (s != 's' && s != 'S' && s != 0x17f) continue;
        Py_ssize_t q = i + 2;
        while (q < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, q))) q++;
        if (q == i + 2 || q >= n) continue;
        int maybe = 0;
        for (h = 0; h < nh && !maybe; h++) {
            PyObject *head = PyTuple_GET_ITEM(heads, h);
            const char *w = (const char *)PyUnicode_DATA(head);
            Py_ssize_t len = PyUnicode_GET_LENGTH(head), j;
            for (j = 0; j < len && q + j < n; j++) {
                Py_UCS4 t = PyUnicode_READ(kind, data, q + j);
                if (t >= 128) { maybe = 1; break; }
                if (ASCII_LOWER[t] != (Py_UCS4)(unsigned char)w[j]) break;
            }
            if (j == len) maybe = 1;
        }
        if (!maybe) continue;
        PyObject *at = PyLong_FromSsize_t(i);
        if (at == NULL || PyList_Append(out, at) < 0) {
            Py_XDECREF(at);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(at);
    }
    return out;
}

/* folded_holds(folded, p, a, b, lo, hi, keys) -> bool: whether the folded text of the
 * original span lo:hi holds one of `keys` (a tuple of str), a paragraph separator (U+2029) read
 * as a space: silkterm.glossary.apply._Nearby.holds, given Folded's text and runs (folded
 * offset, original start, end: array('q')); the window is mapped as Folded.folded and
 * Folded.folded_end map it, and sliced as Python slices. */
static Py_ssize_t
folded_at(const Runs *r, Py_ssize_t o)
{
    Py_ssize_t k = bisect_right(r->a, r->n, o) - 1;
    if (k < 0) return o;
    if (o < r->b[k]) return (Py_ssize_t)r->p[k];
    return o - (Py_ssize_t)(r->b[k] - r->p[k] - 1);
}

static PyObject *
folded_holds(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[6])) {
        PyErr_SetString(PyExc_TypeError,
                        "folded_holds(folded: str, p, a, b: array('q'), lo: int, hi: int, "
                        "keys: tuple[str, ...])");
        return NULL;
    }
    Py_ssize_t lo = PyLong_AsSsize_t(args[4]), hi = PyLong_AsSsize_t(args[5]);
    if ((lo == -1 || hi == -1) && PyErr_Occurred()) return NULL;
    if (lo < 0 || hi < 0) {
        PyErr_SetString(PyExc_ValueError, "folded_holds: offsets are not negative");
        return NULL;
    }
    Py_buffer vp, va, vb;
    Runs runs;
    Py_ssize_t na, nb, k;
    if (get_runs(args[1], &vp, &runs.p, &runs.n) < 0) return NULL;
    if (get_runs(args[2], &va, &runs.a, &na) < 0) { PyBuffer_Release(&vp); return NULL; }
    if (get_runs(args[3], &vb, &runs.b, &nb) < 0) {
        PyBuffer_Release(&vp); PyBuffer_Release(&va); return NULL;
    }
    PyObject *result = NULL;
    if (na != runs.n || nb != runs.n) {
        PyErr_SetString(PyExc_ValueError, "folded_holds: runs differ in length");
        goto done;
    }
    PyObject *folded = args[0], *keys = args[6];
    Py_ssize_t n = PyUnicode_GET_LENGTH(folded);
    Py_ssize_t from = folded_at(&runs, lo), to = hi > 0 ? folded_at(&runs, hi - 1) + 1 : 0;
    if (from > n) from = n; /* (as a slice) */
    if (to > n) to = n;
    int fk = PyUnicode_KIND(folded), found = 0;
    const void *fd = PyUnicode_DATA(folded);
    /* the places where a key may start: its first character there (per ASCII character, a
     * bit; any other character, a place); the window read in place, U+2029 as a space */
    uint8_t firsts[16] = {0};
    int other_first = 0;
    Py_ssize_t nk = PyTuple_GET_SIZE(keys), i, j;
    for (k = 0; k < nk; k++) {
        PyObject *key = PyTuple_GET_ITEM(keys, k);
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "folded_holds: keys must be str");
            break;
        }
        if (PyUnicode_GET_LENGTH(key) == 0) { found = 1; break; } /* ("" in any str) */
        Py_UCS4 c0 = PyUnicode_READ_CHAR(key, 0);
        if (c0 < 128) firsts[c0 >> 3] |= (uint8_t)(1u << (c0 & 7)); else other_first = 1;
    }
    int failed = PyErr_Occurred() != NULL;
#define HOLDS_SCAN(T)                                                                       \
    {                                                                                       \
        const T *s = (const T *)fd;                                                         \
        for (i = from; i < to && !found && !failed; i++) {                                  \
            Py_UCS4 c = s[i] == 0x2029 ? ' ' : s[i];                                        \
            if (c < 128 ? !(firsts[c >> 3] & (1u << (c & 7))) : !other_first) continue;     \
            for (k = 0; k < nk && !found; k++) {                                            \
                PyObject *key = PyTuple_GET_ITEM(keys, k);                                  \
                Py_ssize_t len = PyUnicode_GET_LENGTH(key);                                 \
                int kk = PyUnicode_KIND(key);                                               \
                const void *kd = PyUnicode_DATA(key);                                       \
                if (len > to - i || PyUnicode_READ(kk, kd, 0) != c) continue;               \
                for (j = 1; j < len; j++) {                                                 \
                    Py_UCS4 t = s[i + j] == 0x2029 ? ' ' : s[i + j];                        \
                    if (t != PyUnicode_READ(kk, kd, j)) break;                              \
                }                                                                           \
                found = j == len;                                                           \
            }                                                                               \
        }                                                                                   \
    }
    if (!failed && !found) { PER_KIND(fk, HOLDS_SCAN) }
#undef HOLDS_SCAN
    if (PyErr_Occurred()) goto done;
    result = PyBool_FromLong(found);
done:
    PyBuffer_Release(&vp);
    PyBuffer_Release(&va);
    PyBuffer_Release(&vb);
    return result;
}

/* mask(text, spans, kept, fill) -> text with each span (an array('q') of each start and end,
 * one after the other, sorted by start) its placeholder word: the character `kept`, then
 * `fill` for the rest of its length; overlapping spans (a protected span inside another) are
 * one (silkterm.glossary.recognise._mask). */
static PyObject *
mask(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyUnicode_Check(args[0])
            || !PyUnicode_Check(args[2]) || !PyUnicode_Check(args[3])
            || PyUnicode_GET_LENGTH(args[2]) != 1 || PyUnicode_GET_LENGTH(args[3]) != 1) {
        PyErr_SetString(PyExc_TypeError,
                        "mask(text: str, spans: array('q'), kept: str, fill: str)");
        return NULL;
    }
    Py_buffer view;
    const int64_t *xs;
    Py_ssize_t m;
    if (get_runs(args[1], &view, &xs, &m) < 0) return NULL;
    if (m % 2) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "mask: spans must be start and end pairs");
        return NULL;
    }
    m /= 2;
    Py_ssize_t n = PyUnicode_GET_LENGTH(args[0]), i, k;
    Py_UCS4 kept = PyUnicode_READ_CHAR(args[2], 0), fill = PyUnicode_READ_CHAR(args[3], 0);
    Py_UCS4 widest = PyUnicode_MAX_CHAR_VALUE(args[0]);
    if (kept > widest) widest = kept;
    if (fill > widest) widest = fill;
    /* the copy, as wide as the placeholders need, written in place (no UCS4 copy: the text
     * may be long) */
    PyObject *out = PyUnicode_New(n, widest);
    if (out == NULL) { PyBuffer_Release(&view); return NULL; }
    if (PyUnicode_CopyCharacters(out, 0, args[0], 0, n) < 0) {
        PyBuffer_Release(&view);
        Py_DECREF(out);
        return NULL;
    }
    int kind = PyUnicode_KIND(out);
    void *data = PyUnicode_DATA(out);
    Py_ssize_t last_start = 0, covered = 0; /* the end of the spans so far */
    int wrote = 0;
    for (i = 0; i < m; i++) {
        Py_ssize_t s = (Py_ssize_t)xs[2 * i], e = (Py_ssize_t)xs[2 * i + 1];
        if (s < last_start || e < s || s < 0 || e > n) {
            PyBuffer_Release(&view);
            Py_DECREF(out);
            PyErr_SetString(PyExc_ValueError, "mask: spans must be sorted and in the text");
            return NULL;
        }
        last_start = s;
        if (s >= covered) {        /* a span of its own */
            if (e > s) {
                PyUnicode_WRITE(kind, data, s, kept);
                wrote = 1;
            }
            for (k = s + 1; k < e; k++) PyUnicode_WRITE(kind, data, k, fill);
            covered = e;
        } else if (e > covered) {  /* reaching out of the span it starts in */
            for (k = covered; k < e; k++) PyUnicode_WRITE(kind, data, k, fill);
            covered = e;
        }
    }
    PyBuffer_Release(&view);
    if (!wrote) { /* nothing masked: the text itself (the copy may be wider than it needs) */
        Py_DECREF(out);
        Py_INCREF(args[0]);
        return args[0];
    }
    if (kind == PyUnicode_4BYTE_KIND) { /* a str is as narrow as its characters allow: were
                                         * all those beyond U+FFFF masked? */
        Py_UCS4 top = 0;
        for (k = 0; k < n && top < 0x10000; k++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, k);
            if (c > top) top = c;
        }
        if (top < 0x10000) {
            PyObject *narrow = PyUnicode_FromKindAndData(kind, data, n);
            Py_DECREF(out);
            return narrow;
        }
    }
    return out;
}

/* ---------------------------------------------------------------------------------------
 * The runs of names of a masked text: silkterm.glossary.recognise._MASKED_NAMES, scanned. */

#define SMALL 0x300 /* the name-starting characters all lie below */

typedef struct {
    uint8_t start[SMALL];  /* a character that starts a name word: capital or tone-marked */
    uint8_t upper[SMALL];  /* a capital (an initial: L. / L.N.) */
    Py_UCS4 *links[16];    /* the linking words (of, and …), in the pattern's order */
    Py_ssize_t link_len[16];
    int n_links;
    Py_UCS4 kept, fill;
    int kind;            /* the masked text, read in place (no copy: it may be long) */
    const void *data;
    Py_ssize_t n;
} NameScan;

#define AT(ns, i) PyUnicode_READ((ns)->kind, (ns)->data, (i))

static inline int
in_small(const uint8_t *table, Py_UCS4 c)
{
    return c < SMALL && table[c];
}

static inline int
word_char(Py_UCS4 c)
{
    /* [\w'’\-]: sre's \w is Py_UNICODE_ISALNUM or '_' (ASCII_WORD: ASCII letters, digits, _) */
    if (c < 128) return ASCII_WORD[c] || c == '\'' || c == '-';
    return c == 0x2019 || Py_UNICODE_ISALNUM(c);
}

/* the end of a name word (_CAP_MASKED) that starts at p, a name-starting character */
static Py_ssize_t
cap_end(const NameScan *ns, Py_ssize_t p)
{
    Py_ssize_t n = ns->n, q = p + 1, k = q;
    while (k + 1 < n && AT(ns, k) == '.' && in_small(ns->upper, AT(ns, k + 1))) k += 2; /* (\.U)* */
    if (k < n && AT(ns, k) == '.') return k + 1;                                      /* \. */
    if (k > q) return k - 1;              /* one initial less: its dot ends the word */
    while (q < n && word_char(AT(ns, q))) q++;                                        /* [\w'’\-]* */
    return q;
}

/* the end of a name word or a kept match (with a possessive) at p, or -1 */
static Py_ssize_t
item_end(const NameScan *ns, Py_ssize_t p)
{
    Py_ssize_t n = ns->n;
    if (p >= n) return -1;
    Py_UCS4 c = AT(ns, p);
    if (in_small(ns->start, c)) return cap_end(ns, p);
    if (c != ns->kept) return -1;
    p++;
    while (p < n && AT(ns, p) == ns->fill) p++;
    if (p + 1 < n && (AT(ns, p) == '\'' || AT(ns, p) == 0x2019) && AT(ns, p + 1) == 's') p += 2;
    return p;
}

static inline int
is_gap(Py_UCS4 c)
{
    return c == ' ' || c == 0xa0;
}

/* the end of the run of names that starts at i (a name-starting character) */
static Py_ssize_t
run_end(const NameScan *ns, Py_ssize_t i)
{
    Py_ssize_t n = ns->n, j = cap_end(ns, i);
    for (;;) {
        Py_ssize_t e = -1;
        if (j < n && is_gap(AT(ns, j))) {
            int l;
            for (l = 0; l < ns->n_links && e < 0; l++) { /* a linking word, a gap, a word */
                Py_ssize_t len = ns->link_len[l];
                if (j + 1 + len < n && is_gap(AT(ns, j + 1 + len))) {
                    Py_ssize_t c = 0;
                    while (c < len && AT(ns, j + 1 + c) == ns->links[l][c]) c++;
                    if (c == len) e = item_end(ns, j + 2 + len);
                }
            }
            if (e < 0) e = item_end(ns, j + 1); /* a gap, then a word */
        }
        if (e < 0 && j > 0 && AT(ns, j - 1) == '.') e = item_end(ns, j); /* after an initial */
        if (e < 0) return j;
        j = e;
    }
}

/* the distinct runs of names of one text, by the hash of their characters (open addressing) */
typedef struct {
    uint64_t hash;
    Py_ssize_t start, len;  /* the first place of the run in the text */
    PyObject *run, *known;  /* (references held; run NULL: an empty slot) */
} SeenRun;

typedef struct {
    SeenRun *v;
    size_t cap, n;
} SeenTable;

static int
seen_grow(SeenTable *t)
{
    size_t cap = t->cap * 2, i;
    SeenRun *v = PyMem_Calloc(cap, sizeof(SeenRun));
    if (v == NULL) { PyErr_NoMemory(); return -1; }
    for (i = 0; i < t->cap; i++) {
        if (t->v[i].run == NULL) continue;
        size_t slot = (size_t)(t->v[i].hash >> 7) & (cap - 1);
        while (v[slot].run != NULL) slot = (slot + 1) & (cap - 1);
        v[slot] = t->v[i];
    }
    PyMem_Free(t->v);
    t->v = v;
    t->cap = cap;
    return 0;
}

static void
seen_free(SeenTable *t)
{
    size_t i;
    if (t->v == NULL) return;
    for (i = 0; i < t->cap; i++) {
        Py_XDECREF(t->v[i].run);
        Py_XDECREF(t->v[i].known);
    }
    PyMem_Free(t->v);
    t->v = NULL;
}

/* name_runs(masked, starts, uppers, links, kept, fill, decided, decide, runs, around_kept,
 *           placeholders) -> ([(start, run, known)], toned)
 *
 * Every run of names of the masked text (as _MASKED_NAMES.finditer finds them), in text order;
 * `known` is decided[run], or else what recognise._runs_with_hits's decide(run) gives, stored
 * there for a run not yet seen: taken from `runs` (recognise's cache of each run's hits and
 * whether it has a tone mark or number, filled by decide) as decide takes it (None if the hits
 * are `around_kept`, or some while not `placeholders`; else the hits), or else decide(run)
 * called. A run is listed when its `known` is None or a non-empty list. `toned`: whether a run
 * taken from `runs` has a tone mark or number (decide tells its caller of the others). */
static PyObject *
name_runs(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 11 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])
            || !PyUnicode_Check(args[2]) || !PyTuple_Check(args[3]) || !PyUnicode_Check(args[4])
            || !PyUnicode_Check(args[5]) || PyUnicode_GET_LENGTH(args[4]) != 1
            || PyUnicode_GET_LENGTH(args[5]) != 1 || !PyDict_Check(args[6])
            || !PyCallable_Check(args[7]) || PyTuple_GET_SIZE(args[3]) > 16
            || !PyDict_Check(args[8])) {
        PyErr_SetString(PyExc_TypeError, "name_runs(masked: str, starts: str, uppers: str, "
                        "links: tuple[str, ...], kept: str, fill: str, decided: dict, decide, "
                        "runs: dict, around_kept, placeholders: bool)");
        return NULL;
    }
    PyObject *masked = args[0], *decided = args[6], *decide = args[7], *runs = args[8];
    PyObject *around_kept = args[9];
    int placeholders = PyObject_IsTrue(args[10]), toned = 0;
    if (placeholders < 0) return NULL;
    NameScan ns;
    memset(&ns, 0, sizeof ns);
    Py_ssize_t i, k;
    for (k = 1; k <= 2; k++) {
        uint8_t *table = k == 1 ? ns.start : ns.upper;
        for (i = 0; i < PyUnicode_GET_LENGTH(args[k]); i++) {
            Py_UCS4 c = PyUnicode_READ_CHAR(args[k], i);
            if (c >= SMALL) {
                PyErr_SetString(PyExc_ValueError, "name_runs: name-starting characters lie below U+0300");
                return NULL;
            }
            table[c] = 1;
        }
    }
    PyObject *result = NULL, *out = NULL;
    SeenTable seen = {0};
    ns.n_links = (int)PyTuple_GET_SIZE(args[3]);
    for (i = 0; i < ns.n_links; i++) {
        PyObject *w = PyTuple_GET_ITEM(args[3], i);
        if (!PyUnicode_Check(w)) {
            PyErr_SetString(PyExc_TypeError, "name_runs: links must be str");
            goto done;
        }
        ns.links[i] = PyUnicode_AsUCS4Copy(w);
        if (ns.links[i] == NULL) goto done;
        ns.link_len[i] = PyUnicode_GET_LENGTH(w);
    }
    int caps_only = 1; /* the ASCII name-starting characters are A to Z: SSE_SKIP finds them */
    for (i = 0; i < 128; i++) caps_only &= ns.start[i] == (i >= 'A' && i <= 'Z');
    ns.kept = PyUnicode_READ_CHAR(args[4], 0);
    ns.fill = PyUnicode_READ_CHAR(args[5], 0);
    ns.kind = PyUnicode_KIND(masked);
    ns.data = PyUnicode_DATA(masked);
    ns.n = PyUnicode_GET_LENGTH(masked);
    out = PyList_New(0);
    if (out == NULL) goto done;
    seen.cap = 1024;
    seen.v = PyMem_Calloc(seen.cap, sizeof(SeenRun));
    if (seen.v == NULL) { PyErr_NoMemory(); goto done; }
    i = 0;
    while (i < ns.n) {
        /* to the next character that may start a name, in a tight loop per kind of string */
#define SKIP_TO_START(T)                                                                    \
        {                                                                                   \
            const T *d = (const T *)ns.data;                                                \
            for (;;) {                                                                      \
                if (caps_only) { SSE_SKIP(T, d, i, ns.n, CAP_OR_HIGH) }                     \
                while (i < ns.n && !(d[i] < SMALL && ns.start[d[i]])) {                     \
                    i++;                                                                    \
                    if (caps_only && d[i - 1] >= 128 && d[i - 1] < SMALL) break; /* (blocks) */ \
                }                                                                           \
                if (i >= ns.n || (d[i] < SMALL && ns.start[d[i]])) break;                   \
            }                                                                               \
        }
#define CAP_OR_HIGH(v, w)                                                                   \
        _mm_or_si128(_mm_and_si128(V_GT(v, w, 'A' - 1), V_LT(v, w, 'Z' + 1)),               \
                     (w) == 8 ? V_HIGH(v, w) : _mm_and_si128(V_GT(v, w, 127), V_LT(v, w, SMALL)))
        PER_KIND(ns.kind, SKIP_TO_START)
#undef SKIP_TO_START
#undef CAP_OR_HIGH
        if (i >= ns.n) break;
        Py_ssize_t j = run_end(&ns, i);
        /* the run, if it was seen before in this text: its str and what was decided (most
         * runs repeat; a str per run and its hash cost more than the scan) */
        uint64_t h = 0xcbf29ce484222325ULL;
        Py_ssize_t len = j - i, width = ns.kind;
        const char *at = (const char *)ns.data + i * width;
        { /* (8 bytes at a time: a run is read whole, and most are read once per place) */
            Py_ssize_t nb = len * width;
            for (k = 0; k + 8 <= nb; k += 8) {
                uint64_t x;
                memcpy(&x, at + k, 8);
                h = (h ^ x) * 0x100000001b3ULL;
                h ^= h >> 29;
            }
            uint64_t x = (uint64_t)nb << 56;
            memcpy(&x, at + k, (size_t)(nb - k)); /* (the tail, fewer than 8 bytes) */
            h = (h ^ x) * 0x100000001b3ULL;
            h ^= h >> 32;
        }
        size_t slot = (size_t)(h >> 7) & (seen.cap - 1);
        SeenRun *e = NULL;
        while (seen.v[slot].run != NULL) {
            SeenRun *x = &seen.v[slot];
            if (x->hash == h && x->len == len
                    && memcmp((const char *)ns.data + x->start * width, at, (size_t)(len * width)) == 0) {
                e = x;
                break;
            }
            slot = (slot + 1) & (seen.cap - 1);
        }
        PyObject *run, *known; /* (borrowed: the table holds them) */
        if (e != NULL) {
            run = e->run;
            known = e->known;
        } else {
            run = PyUnicode_Substring(masked, i, j);
            if (run == NULL) goto done;
            known = PyDict_GetItemWithError(decided, run); /* borrowed */
            PyObject *cached = NULL;
            if (known == NULL && !PyErr_Occurred())
                cached = PyDict_GetItemWithError(runs, run); /* borrowed: (hits, marked) */
            if (known == NULL && cached != NULL && PyTuple_Check(cached)
                    && PyTuple_GET_SIZE(cached) == 2) { /* decide's answer, without the call */
                PyObject *hits = PyTuple_GET_ITEM(cached, 0);
                int marked = PyObject_IsTrue(PyTuple_GET_ITEM(cached, 1));
                int some = PyObject_IsTrue(hits);
                if (marked < 0 || some < 0) { Py_DECREF(run); goto done; }
                toned |= marked;
                known = hits == around_kept || (some && !placeholders) ? Py_None : hits;
                Py_INCREF(known);
                if (PyDict_SetItem(decided, run, known) < 0) {
                    Py_DECREF(known); Py_DECREF(run); goto done;
                }
            } else if (known == NULL) {
                if (PyErr_Occurred()) { Py_DECREF(run); goto done; }
                known = PyObject_CallOneArg(decide, run);
                if (known == NULL || PyDict_SetItem(decided, run, known) < 0) {
                    Py_XDECREF(known); Py_DECREF(run); goto done;
                }
            } else {
                Py_INCREF(known);
            }
            e = &seen.v[slot]; /* (the table takes both references) */
            e->hash = h;
            e->start = i;
            e->len = len;
            e->run = run;
            e->known = known;
            if (++seen.n * 2 > seen.cap && seen_grow(&seen) < 0) goto done;
        }
        if (known == Py_None || (PyList_Check(known) && PyList_GET_SIZE(known) > 0)) {
            PyObject *item = Py_BuildValue("(nOO)", i, run, known);
            if (item == NULL || PyList_Append(out, item) < 0) {
                Py_XDECREF(item); goto done;
            }
            Py_DECREF(item);
        }
        i = j;
    }
    result = Py_BuildValue("(ON)", out, PyBool_FromLong(toned));
done:
    Py_XDECREF(out);
    seen_free(&seen);
    for (i = 0; i < ns.n_links; i++) PyMem_Free(ns.links[i]);
    return result;
}

/* ---------------------------------------------------------------------------------------
 * Where a URL, an e-mail or a tag may be: silkterm.glossary.markup._trigger_lines. */

/* the first characters of the triggers (< : w @), and the line feed that ends a line */
static const uint8_t TRIGGER_START[128] = {
    ['<'] = 1, [':'] = 1, ['w'] = 1, ['@'] = 1, ['\n'] = 1,
};

/* The offsets one pass over a text finds, as int64 bytes (for array('q')): with `lines`, 0 and
 * the offset after each "\n" (silkterm.glossary.lines.LineIndex); else the first place of each
 * of "<", "://", "www." and "@" on each line, in order, as pairs (offset, which: 0 to 3, in
 * that order of markup._TRIGGERS): markup._trigger_lines looks for a trigger again only after
 * the line of its last place, so the others are never read, and a long line of triggers costs
 * no memory. str.find would take one pass per trigger, and searching for a string of several
 * characters is several times slower than for one. */
static PyObject *
scan_places(PyObject *const *args, Py_ssize_t nargs, int lines, const char *usage)
{
    if (nargs != 1 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, usage);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(args[0]), i;
    const void *data = PyUnicode_DATA(args[0]);
    Ints found = {0};
    PyObject *result = NULL;
    /* Blocks of 8 bytes (8 Latin-1 or 4 UCS-2 characters) with none of the characters looked
     * for are skipped whole: a zero lane of x ^ (ch in every lane) is found by the carry trick
     * (exact: it sees a lane of `ch` wherever one is). */
#define BLOCK_HAS(T, x, ch)                                                                 \
    (sizeof(T) == 1                                                                         \
     ? (((x) ^ (0x0101010101010101ULL * (ch))) - 0x0101010101010101ULL)                    \
       & ~((x) ^ (0x0101010101010101ULL * (ch))) & 0x8080808080808080ULL                   \
     : (((x) ^ (0x0001000100010001ULL * (ch))) - 0x0001000100010001ULL)                    \
       & ~((x) ^ (0x0001000100010001ULL * (ch))) & 0x8000800080008000ULL)
#define SKIP_BLOCKS(T, HAS)                                                                 \
    SSE_SKIP(T, c, i, n, HAS##_V)                                                           \
    if (sizeof(T) < 4) {                                                                    \
        const Py_ssize_t per = 8 / (Py_ssize_t)sizeof(T);                                   \
        while (i + per <= n) {                                                              \
            uint64_t x;                                                                     \
            memcpy(&x, c + i, 8);                                                           \
            if (HAS(T, x)) break;                                                           \
            i += per;                                                                       \
        }                                                                                   \
    }
#define HAS_LINE_FEED(T, x) BLOCK_HAS(T, x, '\n')
#define HAS_LINE_FEED_V(v, w) V_EQ(v, w, '\n')
#define HAS_TRIGGER_V(v, w)                                                                 \
    _mm_or_si128(_mm_or_si128(V_EQ(v, w, '\n'), V_EQ(v, w, '<')),                           \
                 _mm_or_si128(_mm_or_si128(V_EQ(v, w, ':'), V_EQ(v, w, 'w')), V_EQ(v, w, '@')))
#define HAS_TRIGGER(T, x)                                                                   \
    (BLOCK_HAS(T, x, '\n') | BLOCK_HAS(T, x, '<') | BLOCK_HAS(T, x, ':')                    \
     | BLOCK_HAS(T, x, 'w') | BLOCK_HAS(T, x, '@'))
#define LINES_PASS(T)                                                                       \
    {                                                                                       \
        const T *c = (const T *)data;                                                       \
        i = 0;                                                                              \
        while (i < n) {                                                                     \
            SKIP_BLOCKS(T, HAS_LINE_FEED)                                                   \
            Py_ssize_t upto = i + 8 / (Py_ssize_t)sizeof(T) < n ? i + 8 / (Py_ssize_t)sizeof(T) : n; \
            for (; i < upto; i++) {                                                         \
                if (c[i] == '\n' && ints_add(&found, i + 1) < 0) goto done;                 \
            }                                                                               \
        }                                                                                   \
    }
#define TRIGGER_PASS(T)                                                                     \
    {                                                                                       \
        const T *c = (const T *)data;                                                       \
        unsigned seen = 0; /* the triggers found on this line */                            \
        i = 0;                                                                              \
        while (i < n) {                                                                     \
            SKIP_BLOCKS(T, HAS_TRIGGER)                                                     \
            Py_ssize_t upto = i + 8 / (Py_ssize_t)sizeof(T) < n ? i + 8 / (Py_ssize_t)sizeof(T) : n; \
            for (; i < upto; i++) {                                                         \
                int which = -1;                                                             \
                if (c[i] >= 128 || !TRIGGER_START[c[i]]) continue; /* the usual character */ \
                switch (c[i]) {                                                             \
                case '\n': seen = 0; break;                                                 \
                case '<': which = 0; break;                                                 \
                case ':': if (i + 2 < n && c[i + 1] == '/' && c[i + 2] == '/') which = 1; break; \
                case 'w': if (i + 3 < n && c[i + 1] == 'w' && c[i + 2] == 'w' && c[i + 3] == '.') \
                              which = 2;                                                    \
                          break;                                                            \
                case '@': which = 3; break;                                                 \
                default: break;                                                             \
                }                                                                           \
                if (which < 0 || (seen & (1u << which))) continue;                         \
                seen |= 1u << which;                                                        \
                if (ints_add(&found, i) < 0 || ints_add(&found, which) < 0) goto done;      \
            }                                                                               \
        }                                                                                   \
    }
    if (lines) {
        if (ints_add(&found, 0) < 0) goto done;
        PER_KIND(PyUnicode_KIND(args[0]), LINES_PASS)
    } else {
        PER_KIND(PyUnicode_KIND(args[0]), TRIGGER_PASS)
    }
#undef LINES_PASS
#undef TRIGGER_PASS
#undef HAS_TRIGGER
#undef HAS_LINE_FEED
#undef HAS_TRIGGER_V
#undef HAS_LINE_FEED_V
#undef SKIP_BLOCKS
#undef BLOCK_HAS
    result = ints_bytes(&found);
done:
    PyMem_Free(found.v);
    return result;
}

static PyObject *
triggers(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    return scan_places(args, nargs, 0, "triggers(text: str)");
}

static PyObject *
line_starts(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    return scan_places(args, nargs, 1, "line_starts(text: str)");
}


/* ---------------------------------------------------------------------------------------
 * Maker(cls, names): a callable that makes an instance of a frozen dataclass with slots from
 * its fields given in order, all of them, by position: what the dataclass's __init__ does
 * (each field set through object.__setattr__, about 0.12 us a field), at the cost of one
 * allocation. silkterm.glossary.compiled.maker checks that the class qualifies (no
 * __post_init__, every field in __init__, the slots exactly the fields). */

typedef struct {
    PyObject_HEAD
    PyTypeObject *cls;
    Py_ssize_t n;
    Py_ssize_t *offsets; /* of each field's slot in an instance */
    vectorcallfunc vectorcall;
} Maker;

static void
Maker_dealloc(Maker *self)
{
    Py_XDECREF(self->cls);
    PyMem_Free(self->offsets);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
Maker_call(Maker *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf), i;
    if (nargs != self->n || (kwnames != NULL && PyTuple_GET_SIZE(kwnames))) {
        PyErr_Format(PyExc_TypeError, "%s maker takes %zd positional arguments (%zd given)",
                     self->cls->tp_name, self->n, nargs);
        return NULL;
    }
    PyObject *obj = self->cls->tp_alloc(self->cls, 0);
    if (obj == NULL) return NULL;
    for (i = 0; i < nargs; i++) {
        PyObject **slot = (PyObject **)((char *)obj + self->offsets[i]);
        Py_INCREF(args[i]);
        *slot = args[i];
    }
    return obj;
}

static int
Maker_init(Maker *self, PyObject *args, PyObject *kwds)
{
    PyObject *cls, *names;
    if (!PyArg_ParseTuple(args, "O!O!:Maker", &PyType_Type, &cls, &PyTuple_Type, &names))
        return -1;
    if (self->cls != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Maker already initialised");
        return -1;
    }
    PyTypeObject *type = (PyTypeObject *)cls;
    Py_ssize_t n = PyTuple_GET_SIZE(names), i;
    if (type->tp_alloc == NULL || type->tp_itemsize != 0) {
        PyErr_SetString(PyExc_TypeError, "Maker: not a class of fixed-size instances");
        return -1;
    }
    Py_ssize_t *offsets = PyMem_Malloc((n ? n : 1) * sizeof(Py_ssize_t));
    if (offsets == NULL) { PyErr_NoMemory(); return -1; }
    for (i = 0; i < n; i++) {
        PyObject *name = PyTuple_GET_ITEM(names, i);
        PyObject *descr = PyUnicode_Check(name) ? PyObject_GetAttr(cls, name) : NULL;
        if (descr == NULL || !Py_IS_TYPE(descr, &PyMemberDescr_Type)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "Maker: %R is not a slot of %s", name, type->tp_name);
            Py_XDECREF(descr);
            PyMem_Free(offsets);
            return -1;
        }
        PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
        Py_DECREF(descr); /* (the class holds it, and its PyMemberDef) */
        if (member->type != T_OBJECT_EX || (member->flags & READONLY)
                || member->offset < (Py_ssize_t)sizeof(PyObject)
                || member->offset + (Py_ssize_t)sizeof(PyObject *) > type->tp_basicsize) {
            PyErr_Format(PyExc_TypeError, "Maker: %R is not an object slot of %s", name,
                         type->tp_name);
            PyMem_Free(offsets);
            return -1;
        }
        offsets[i] = member->offset;
    }
    Py_INCREF(cls);
    self->cls = type;
    self->n = n;
    self->offsets = offsets;
    self->vectorcall = (vectorcallfunc)Maker_call;
    return 0;
}

static PyObject *
Maker_tp_call(Maker *self, PyObject *args, PyObject *kwds)
{
    if (self->cls == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Maker not initialised");
        return NULL;
    }
    if (kwds != NULL && PyDict_GET_SIZE(kwds)) {
        PyErr_SetString(PyExc_TypeError, "Maker takes positional arguments only");
        return NULL;
    }
    return Maker_call(self, &PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), NULL);
}

static PyTypeObject MakerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "silkterm.glossary._cmatch.Maker",
    .tp_basicsize = sizeof(Maker),
    .tp_dealloc = (destructor)Maker_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "Maker(cls, names): makes an instance of a slotted class from its fields in order.",
    .tp_vectorcall_offset = offsetof(Maker, vectorcall),
    .tp_call = (ternaryfunc)Maker_tp_call,
    .tp_init = (initproc)Maker_init,
    .tp_new = PyType_GenericNew,
};

static PyMethodDef Trie_methods[] = {
    {"find", (PyCFunction)(void (*)(void))Trie_find, METH_FASTCALL,
     "find(text, folded, runs_p, runs_a, runs_b, prot_starts, prot_ends, pos, stop, base, "
     "actionable, out, taken, general, is_wordish, match_type) -> last_end"},
    {"nodes", (PyCFunction)Trie_len, METH_NOARGS, "The number of trie nodes (root included)."},
    {NULL, NULL, 0, NULL}
};

static PyTypeObject TrieType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "silkterm.glossary._cmatch.Trie",
    .tp_basicsize = sizeof(Trie),
    .tp_dealloc = (destructor)Trie_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Trie(keys, info): the folded keys of a matcher's forms, with how to check a hit.",
    .tp_methods = Trie_methods,
    .tp_init = (initproc)Trie_init,
    .tp_new = PyType_GenericNew,
};

static PyMethodDef module_methods[] = {
    {"collapse", (PyCFunction)(void (*)(void))collapse, METH_FASTCALL,
     "collapse(text, heading_ends, lowered) -> (text, p, a, b): Folded's case, typography and "
     "separator runs."},
    {"name_runs", (PyCFunction)(void (*)(void))name_runs, METH_FASTCALL,
     "name_runs(masked, starts, uppers, links, kept, fill, decided, decide, runs, around_kept, "
     "placeholders) -> ([(start, run, known)], toned): the runs of names of a masked text."},
    {"line_starts", (PyCFunction)(void (*)(void))line_starts, METH_FASTCALL,
     "line_starts(text) -> bytes: 0 and the offset after each line feed (int64)."},
    {"triggers", (PyCFunction)(void (*)(void))triggers, METH_FASTCALL,
     "triggers(text) -> bytes: offsets of <, ://, www. and @, each with its number (int64 pairs)."},
    {"folded_holds", (PyCFunction)(void (*)(void))folded_holds, METH_FASTCALL,
     "folded_holds(folded, p, a, b, lo, hi, keys) -> whether the folded text of lo:hi holds a "
     "key."},
    {"kin_places", (PyCFunction)(void (*)(void))kin_places, METH_FASTCALL,
     "kin_places(text, heads) -> where kinship._KIN may match."},
    {"spans_within", (PyCFunction)(void (*)(void))spans_within, METH_FASTCALL,
     "spans_within(starts, ends, lo, hi) -> the spans that lo:hi may touch, relative to lo."},
    {"line_feeds", (PyCFunction)(void (*)(void))line_feeds, METH_FASTCALL,
     "line_feeds(text, lo, hi) -> text.count('\\n', lo, hi)."},
    {"splice", (PyCFunction)(void (*)(void))splice, METH_FASTCALL,
     "splice(text, spans, replacements) -> text with each span replaced."},
    {"mask", (PyCFunction)(void (*)(void))mask, METH_FASTCALL,
     "mask(text, spans, kept, fill) -> the text with each span a placeholder word."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef cmatch_module = {
    PyModuleDef_HEAD_INIT, "_cmatch",
    "The hot loops of matching, folding and masking, compiled (see silkterm.glossary.compiled).",
    -1, module_methods,
};

PyMODINIT_FUNC
PyInit__cmatch(void)
{
    if (PyType_Ready(&TrieType) < 0 || PyType_Ready(&MakerType) < 0) return NULL;
    PyObject *m = PyModule_Create(&cmatch_module);
    if (m == NULL) return NULL;
    Py_INCREF(&TrieType);
    if (PyModule_AddObject(m, "Trie", (PyObject *)&TrieType) < 0) {
        Py_DECREF(&TrieType);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&MakerType);
    if (PyModule_AddObject(m, "Maker", (PyObject *)&MakerType) < 0) {
        Py_DECREF(&MakerType);
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "LEFT", F_LEFT) < 0 || PyModule_AddIntConstant(m, "RIGHT", F_RIGHT) < 0
            || PyModule_AddIntConstant(m, "SIMPLE", F_SIMPLE) < 0
            || PyModule_AddIntConstant(m, "KEPT", F_KEPT) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
