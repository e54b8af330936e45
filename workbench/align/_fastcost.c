/* The bead cost of ``workbench.align.dp._Scorer`` in C (``Core``: ``cost``, ``_matched`` and the
 * check of ``repeated`` that the search makes before an exact cost), the pass of
 * ``workbench.align.vecsearch.search`` over the band's rows with each bead's cost computed where
 * it is read (``band``), the table of shared weights that the band reads (``overlaps``), and the
 * translation table learnt from the first pass (``model1_table``: IBM Model 1 both ways), and the
 * cheap evidence keys of a segment (``word_keys``, ``text_marks``).
 *
 * Optional: ``dp`` uses it when it was built (``pip install``, setup.py) and computes the same
 * in Python when not. Every value is the one the Python code gives, bit for bit: the same
 * operations in the same order (the build turns off fused multiply-adds), sums of lists in the
 * order and with the algorithm of Python's ``sum`` (plain before 3.12, Neumaier's compensated
 * sum from 3.12 on), ``log`` and ``sqrt`` from the same C library as ``math``'s. Where the C
 * code cannot answer (an overlap outside the band's table, a key weight missing, a bead wider
 * than MAXSIDE segments) it returns None and the caller computes the cost in Python.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define MAXSIDE 8

typedef struct {
    int id;      /* key base, numbered in first-seen order */
    int count;   /* occurrences of the base in the segment */
} Entry;

typedef struct {
    Entry *items;   /* sorted by id */
    int n;
} Bases;

typedef struct {
    PyObject_HEAD
    Py_ssize_t n, m;
    double *Ls, *Lt, *Hs, *Ht, *Ws, *Wt;
    char *Js, *Jt;
    Bases *Bs, *Bt;
    double priors[MAXSIDE + 1][MAXSIDE + 1];
    char has_prior[MAXSIDE + 1][MAXSIDE + 1];
    double skip, ratio, s2r, w_len, len_cap, len_past_cap, w_lex_half, rel_keys, dice_sat, orphan;
    PyObject *names;     /* list: id -> key base (str) */
    PyObject *weights;   /* dict: key -> weight */
    double **cumul;      /* id -> cumulative weights of the base's occurrences (NULL: not yet) */
    int *cumul_len;
    PyObject *first, *last, *rows;   /* the band's overlap table (``use_overlaps``), or NULL */
} Core;

static double INV_SQRT2;   /* 1.0 / sqrt(2.0), as dp._INV_SQRT2 */

/* ---- Python's sum() of a list of floats, started from the int 0 ---- */
static double py_sum(const double *v, int n)
{
    if (n == 0)
        return 0.0;   /* (not reached: a bead side holds at least one segment) */
    double r = 0.0 + v[0];
#if PY_VERSION_HEX >= 0x030C0000
    double c = 0.0;
    for (int k = 1; k < n; k++) {
        double x = v[k];
        double t = r + x;
        if (fabs(r) >= fabs(x))
            c += (r - t) + x;
        else
            c += (x - t) + r;
        r = t;
    }
    if (c && isfinite(c))
        r += c;
#else
    for (int k = 1; k < n; k++)
        r += v[k];
#endif
    return r;
}

static double neg_log_erfc(double x)
{
    double t = 1.0 / (1.0 + 0.5 * x);
    double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))));
    return x * x - poly - log(t);
}

/* ---- building ---- */
static double *float_array(PyObject *seq, Py_ssize_t want)
{
    PyObject *fast = PySequence_Fast(seq, "a list of numbers");
    if (!fast)
        return NULL;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(fast);
    if (want >= 0 && len != want) {
        Py_DECREF(fast);
        PyErr_SetString(PyExc_ValueError, "list of the wrong length");
        return NULL;
    }
    double *out = PyMem_Malloc(sizeof(double) * (len ? len : 1));
    if (!out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t k = 0; k < len; k++) {
        out[k] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fast, k));
        if (out[k] == -1.0 && PyErr_Occurred()) {
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
    }
    Py_DECREF(fast);
    return out;
}

static char *bool_array(PyObject *seq, Py_ssize_t want)
{
    PyObject *fast = PySequence_Fast(seq, "a list of flags");
    if (!fast)
        return NULL;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(fast);
    if (len != want) {
        Py_DECREF(fast);
        PyErr_SetString(PyExc_ValueError, "list of the wrong length");
        return NULL;
    }
    char *out = PyMem_Malloc(len ? len : 1);
    if (!out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t k = 0; k < len; k++) {
        int v = PyObject_IsTrue(PySequence_Fast_GET_ITEM(fast, k));
        if (v < 0) {
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
        out[k] = (char)v;
    }
    Py_DECREF(fast);
    return out;
}

static int by_id(const void *x, const void *y)
{
    int a = ((const Entry *)x)->id, b = ((const Entry *)y)->id;
    return (a > b) - (a < b);
}

/* each segment's key bases (a set) with their counts (dict base -> count, 1 when absent) */
static Bases *bases_array(Core *self, PyObject *bases, PyObject *counts, PyObject *ids, Py_ssize_t want)
{
    if (!PyList_Check(bases) || !PyList_Check(counts) || PyList_GET_SIZE(bases) != want
        || PyList_GET_SIZE(counts) != want) {
        PyErr_SetString(PyExc_TypeError, "bases and counts: lists of one item per segment");
        return NULL;
    }
    Bases *out = PyMem_Calloc(want ? want : 1, sizeof(Bases));
    PyObject *items = NULL;   /* the current segment's bases */
    if (!out)
        return (Bases *)PyErr_NoMemory();
    for (Py_ssize_t s = 0; s < want; s++) {
        PyObject *set = PyList_GET_ITEM(bases, s), *cnt = PyList_GET_ITEM(counts, s);
        if (!PyAnySet_Check(set) || !PyDict_Check(cnt)) {
            PyErr_SetString(PyExc_TypeError, "bases: sets; counts: dicts");
            goto fail;
        }
        Py_XSETREF(items, PySequence_Tuple(set));
        if (!items)
            goto fail;
        Py_ssize_t size = PyTuple_GET_SIZE(items), k = 0;
        out[s].items = PyMem_Malloc(sizeof(Entry) * (size ? size : 1));
        if (!out[s].items) {
            PyErr_NoMemory();
            goto fail;
        }
        for (; k < size; k++) {
            PyObject *key = PyTuple_GET_ITEM(items, k);
            PyObject *id = PyDict_GetItemWithError(ids, key);
            long value;
            if (id == NULL) {
                if (PyErr_Occurred())
                    goto fail;
                value = (long)PyList_GET_SIZE(self->names);
                PyObject *num = PyLong_FromLong(value);
                if (!num || PyDict_SetItem(ids, key, num) < 0 || PyList_Append(self->names, key) < 0) {
                    Py_XDECREF(num);
                    goto fail;
                }
                Py_DECREF(num);
            } else {
                value = PyLong_AsLong(id);
            }
            long count = 1;
            if (PyDict_GET_SIZE(cnt)) {
                PyObject *c = PyDict_GetItemWithError(cnt, key);
                if (c != NULL)
                    count = PyLong_AsLong(c);
                else if (PyErr_Occurred())
                    goto fail;
                if (count == -1 && PyErr_Occurred())
                    goto fail;
            }
            out[s].items[k].id = (int)value;
            out[s].items[k].count = (int)count;
        }
        out[s].n = (int)k;
        qsort(out[s].items, k, sizeof(Entry), by_id);
    }
    Py_XDECREF(items);
    return out;
fail:
    Py_XDECREF(items);
    for (Py_ssize_t s = 0; s < want; s++)
        PyMem_Free(out[s].items);
    PyMem_Free(out);
    return NULL;
}

static void free_bases(Bases *b, Py_ssize_t n)
{
    if (!b)
        return;
    for (Py_ssize_t s = 0; s < n; s++)
        PyMem_Free(b[s].items);
    PyMem_Free(b);
}

static void Core_dealloc(Core *self)
{
    PyMem_Free(self->Ls); PyMem_Free(self->Lt); PyMem_Free(self->Hs); PyMem_Free(self->Ht);
    PyMem_Free(self->Ws); PyMem_Free(self->Wt); PyMem_Free(self->Js); PyMem_Free(self->Jt);
    free_bases(self->Bs, self->n);
    free_bases(self->Bt, self->m);
    if (self->cumul) {
        Py_ssize_t ids = self->names ? PyList_GET_SIZE(self->names) : 0;
        for (Py_ssize_t k = 0; k < ids; k++)
            PyMem_Free(self->cumul[k]);
        PyMem_Free(self->cumul);
    }
    PyMem_Free(self->cumul_len);
    Py_XDECREF(self->names); Py_XDECREF(self->weights);
    Py_XDECREF(self->first); Py_XDECREF(self->last); Py_XDECREF(self->rows);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static double number(PyObject *params, const char *name, int *bad)
{
    PyObject *v = PyDict_GetItemString(params, name);   /* borrowed */
    if (v == NULL) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_KeyError, "%s", name);
        *bad = 1;
        return 0.0;
    }
    double x = PyFloat_AsDouble(v);
    if (x == -1.0 && PyErr_Occurred())
        *bad = 1;
    return x;
}

/* Core(Ls, Lt, Hs, Ht, Ws, Wt, Js, Jt, Bs, Bt, Cs, Ct, weights, priors, params) */
static int Core_init(Core *self, PyObject *args, PyObject *kwds)
{
    PyObject *Ls, *Lt, *Hs, *Ht, *Ws, *Wt, *Js, *Jt, *Bs, *Bt, *Cs, *Ct, *weights, *priors, *params;
    (void)kwds;
    if (!PyArg_ParseTuple(args, "OOOOOOOOOOOOO!O!O!", &Ls, &Lt, &Hs, &Ht, &Ws, &Wt, &Js, &Jt, &Bs, &Bt, &Cs,
                          &Ct, &PyDict_Type, &weights, &PyDict_Type, &priors, &PyDict_Type, &params))
        return -1;
    if (self->Ls) {
        PyErr_SetString(PyExc_RuntimeError, "Core is built once");
        return -1;
    }
    Py_ssize_t n = PySequence_Size(Ws), m = PySequence_Size(Wt);
    if (n < 0 || m < 0)
        return -1;
    self->n = n;
    self->m = m;
    if (!(self->Ls = float_array(Ls, n + 1)) || !(self->Lt = float_array(Lt, m + 1))
        || !(self->Hs = float_array(Hs, n + 1)) || !(self->Ht = float_array(Ht, m + 1))
        || !(self->Ws = float_array(Ws, n)) || !(self->Wt = float_array(Wt, m))
        || !(self->Js = bool_array(Js, n + 1)) || !(self->Jt = bool_array(Jt, m + 1)))
        return -1;
    self->names = PyList_New(0);
    PyObject *ids = PyDict_New();
    if (!self->names || !ids) {
        Py_XDECREF(ids);
        return -1;
    }
    self->Bs = bases_array(self, Bs, Cs, ids, n);
    self->Bt = self->Bs ? bases_array(self, Bt, Ct, ids, m) : NULL;
    Py_DECREF(ids);
    if (!self->Bt)
        return -1;
    Py_ssize_t count = PyList_GET_SIZE(self->names);
    self->cumul = PyMem_Calloc(count ? count : 1, sizeof(double *));
    self->cumul_len = PyMem_Calloc(count ? count : 1, sizeof(int));
    if (!self->cumul || !self->cumul_len) {
        PyErr_NoMemory();
        return -1;
    }
    Py_INCREF(weights);
    self->weights = weights;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(priors, &pos, &key, &value)) {
        long a, b;
        if (!PyTuple_Check(key) || PyTuple_GET_SIZE(key) != 2)
            continue;
        a = PyLong_AsLong(PyTuple_GET_ITEM(key, 0));
        b = PyLong_AsLong(PyTuple_GET_ITEM(key, 1));
        if (PyErr_Occurred())
            return -1;
        if (a < 0 || b < 0 || a > MAXSIDE || b > MAXSIDE)
            continue;   /* (such a bead is costed in Python) */
        double x = PyFloat_AsDouble(value);
        if (x == -1.0 && PyErr_Occurred())
            return -1;
        self->priors[a][b] = x;
        self->has_prior[a][b] = 1;
    }
    int bad = 0;
    self->skip = number(params, "skip", &bad);
    self->ratio = number(params, "ratio", &bad);
    self->s2r = number(params, "s2r", &bad);
    self->w_len = number(params, "w_len", &bad);
    self->len_cap = number(params, "len_cap", &bad);
    self->len_past_cap = number(params, "len_past_cap", &bad);
    self->w_lex_half = number(params, "w_lex_half", &bad);
    self->rel_keys = number(params, "rel_keys", &bad);
    self->dice_sat = number(params, "dice_sat", &bad);
    self->orphan = number(params, "orphan", &bad);
    return bad ? -1 : 0;
}

/* use_overlaps(first, last, rows): the band's table of shared weights (lists, read in place) */
static PyObject *Core_use_overlaps(Core *self, PyObject *args)
{
    PyObject *first, *last, *rows;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyList_Type, &first, &PyList_Type, &last, &PyList_Type, &rows))
        return NULL;
    Py_INCREF(first); Py_INCREF(last); Py_INCREF(rows);
    Py_XSETREF(self->first, first);
    Py_XSETREF(self->last, last);
    Py_XSETREF(self->rows, rows);
    Py_RETURN_NONE;
}

/* ---- costing; each returns 0 when it answered, 1 when Python must, -1 on an error ---- */

/* ``_Scorer.inter`` from the band's table */
static int inter(Core *self, Py_ssize_t p, Py_ssize_t q, double *out)
{
    if (!self->rows || p < 0 || p >= PyList_GET_SIZE(self->first) || p >= PyList_GET_SIZE(self->last)
        || p >= PyList_GET_SIZE(self->rows))
        return 1;
    Py_ssize_t lo = PyLong_AsSsize_t(PyList_GET_ITEM(self->first, p));
    Py_ssize_t hi = PyLong_AsSsize_t(PyList_GET_ITEM(self->last, p));
    if ((lo == -1 || hi == -1) && PyErr_Occurred())
        return -1;
    if (q < lo || q > hi)
        return 1;
    PyObject *row = PyList_GET_ITEM(self->rows, p);
    if (!PyList_Check(row) || q - lo >= PyList_GET_SIZE(row))
        return 1;
    PyObject *v = PyList_GET_ITEM(row, q - lo);
    if (!PyFloat_CheckExact(v))
        return 1;
    *out = PyFloat_AS_DOUBLE(v);
    return 0;
}

static int find(const Bases *b, int id)
{
    int lo = 0, hi = b->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, x = b->items[mid].id;
        if (x == id)
            return b->items[mid].count;
        if (x < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

static int add_unique(int *set, int n, int id)
{
    for (int k = 0; k < n; k++)
        if (set[k] == id)
            return n;
    set[n] = id;
    return n + 1;
}

/* ``_in_two(own) & union(other)`` added to ``out`` */
static int in_two_held(const Bases *own, int a, const Bases *other, int b, int **out, int *n, int *cap)
{
    for (int k = 1; k < a; k++)
        for (int h = 0; h < k; h++) {
            const Bases *x = &own[h], *y = &own[k];
            int u = 0, v = 0;
            while (u < x->n && v < y->n) {
                int p = x->items[u].id, q = y->items[v].id;
                if (p < q) {
                    u++;
                } else if (p > q) {
                    v++;
                } else {
                    int held = 0;
                    for (int o = 0; o < b && !held; o++)
                        held = find(&other[o], p) > 0;
                    if (held) {
                        if (*n == *cap) {
                            int grown = *cap * 2;
                            int *more = PyMem_Realloc(*out, sizeof(int) * grown);
                            if (!more) {
                                PyErr_NoMemory();
                                return -1;
                            }
                            *out = more;
                            *cap = grown;
                        }
                        *n = add_unique(*out, *n, p);
                    }
                    u++;
                    v++;
                }
            }
        }
    return 0;
}

/* ``_Scorer.repeated`` as a list of base ids in the order of their names; *count: how many */
static int repeated(Core *self, Py_ssize_t pi, Py_ssize_t i, Py_ssize_t pj, Py_ssize_t j, int **out, int *count)
{
    int cap = 16;
    *out = PyMem_Malloc(sizeof(int) * cap);
    *count = 0;
    if (!*out) {
        PyErr_NoMemory();
        return -1;
    }
    int a = (int)(i - pi), b = (int)(j - pj);
    if (in_two_held(self->Bs + pi, a, self->Bt + pj, b, out, count, &cap) < 0
        || in_two_held(self->Bt + pj, b, self->Bs + pi, a, out, count, &cap) < 0)
        return -1;
    /* insertion sort by name (``sorted`` of the bases: a handful) */
    for (int k = 1; k < *count; k++) {
        int id = (*out)[k], h = k - 1;
        PyObject *name = PyList_GET_ITEM(self->names, id);
        while (h >= 0) {
            int c = PyUnicode_Compare(PyList_GET_ITEM(self->names, (*out)[h]), name);
            if (c == -1 && PyErr_Occurred())
                return -1;
            if (c <= 0)
                break;
            (*out)[h + 1] = (*out)[h];
            h--;
        }
        (*out)[h + 1] = id;
    }
    return 0;
}

/* ``_Scorer.cumulative``: the cumulative weights of a base's first ``n`` occurrences */
static int cumulative(Core *self, int id, int n, double **out)
{
    if (self->cumul_len[id] <= n) {
        int have = self->cumul_len[id];
        double *w = PyMem_Realloc(self->cumul[id], sizeof(double) * (n + 1));
        if (!w) {
            PyErr_NoMemory();
            return -1;
        }
        self->cumul[id] = w;
        if (have == 0) {
            w[0] = 0.0;
            have = 1;
        }
        PyObject *base = PyList_GET_ITEM(self->names, id);
        for (int k = have; k <= n; k++) {
            PyObject *key = k == 1 ? (Py_INCREF(base), base) : PyUnicode_FromFormat("%U#%d", base, k);
            if (!key)
                return -1;
            PyObject *v = PyDict_GetItemWithError(self->weights, key);
            Py_DECREF(key);
            if (!v || !PyFloat_CheckExact(v)) {
                self->cumul_len[id] = k;
                return PyErr_Occurred() ? -1 : 1;
            }
            w[k] = w[k - 1] + PyFloat_AS_DOUBLE(v);
        }
        self->cumul_len[id] = n + 1;
    }
    *out = self->cumul[id];
    return 0;
}

static void recount(const int *src, int a, const int *tgt, int b, const double *weight, double *ms, double *mt)
{
    int ssum = 0, tsum = 0;
    for (int k = 0; k < a; k++)
        ssum += src[k];
    for (int k = 0; k < b; k++)
        tsum += tgt[k];
    int total = ssum < tsum ? ssum : tsum;
    for (int side = 0; side < 2; side++) {
        const int *own = side ? tgt : src, *other = side ? src : tgt;
        int n_own = side ? b : a, n_other = side ? a : b;
        double *out = side ? mt : ms;
        int before = 0;
        for (int k = 0; k < n_own; k++) {
            int count = own[k];
            if (!count)
                continue;
            double pairwise = 0.0;
            for (int o = 0; o < n_other; o++) {
                int d = other[o];
                pairwise += weight[count < d ? count : d];
            }
            int left = total - before;
            int take = count < left ? count : left;
            if (take < 0)
                take = 0;
            out[k] += weight[take] - pairwise;
            before += count;
        }
    }
}

/* ``_Scorer._matched``: matched weight of each segment of a bead */
static int matched(Core *self, Py_ssize_t pi, Py_ssize_t i, Py_ssize_t pj, Py_ssize_t j, double *ms, double *mt)
{
    int a = (int)(i - pi), b = (int)(j - pj), r;
    double pair[MAXSIDE][MAXSIDE];
    for (int x = 0; x < a; x++)
        for (int y = 0; y < b; y++)
            if ((r = inter(self, pi + x, pj + y, &pair[x][y])) != 0)
                return r;
    double line[MAXSIDE];
    if (a == 1) {   /* (as ``_matched``: one side's overlaps as they are, the other's summed) */
        for (int y = 0; y < b; y++)
            mt[y] = pair[0][y];
        ms[0] = py_sum(mt, b);
    } else if (b == 1) {
        for (int x = 0; x < a; x++)
            ms[x] = pair[x][0];
        mt[0] = py_sum(ms, a);
    } else {
        for (int x = 0; x < a; x++)
            ms[x] = py_sum(pair[x], b);
        for (int y = 0; y < b; y++) {
            for (int x = 0; x < a; x++)
                line[x] = pair[x][y];
            mt[y] = py_sum(line, a);
        }
    }
    if (a == 1 && b == 1)
        return 0;   /* (no key is in two segments of one side) */
    int *twice, count;
    if (repeated(self, pi, i, pj, j, &twice, &count) < 0) {
        PyMem_Free(twice);
        return -1;
    }
    for (int k = 0; k < count; k++) {
        int id = twice[k], src[MAXSIDE], tgt[MAXSIDE], most = 0;
        for (int x = 0; x < a; x++) {
            src[x] = find(&self->Bs[pi + x], id);
            if (src[x] > most)
                most = src[x];
        }
        for (int y = 0; y < b; y++) {
            tgt[y] = find(&self->Bt[pj + y], id);
            if (tgt[y] > most)
                most = tgt[y];
        }
        double *weight;
        if ((r = cumulative(self, id, most, &weight)) != 0) {
            PyMem_Free(twice);
            return r;
        }
        recount(src, a, tgt, b, weight, ms, mt);
    }
    PyMem_Free(twice);
    return 0;
}

static double uncovered(const Core *self, double weight, double m)
{
    if (weight <= 0.0)
        return 0.0;
    double rel = weight * 2.0 / self->rel_keys;
    double sim = m / (weight * self->dice_sat);
    return (rel < 1.0 ? rel : 1.0) * (sim < 1.0 ? 1.0 - sim : 0.0);
}

static int orphans(const double *matched, int n, const char *joined, Py_ssize_t start)
{
    int out = 0, last = n - 1;
    for (int k = 0; k < n; k++)
        if (matched[k] <= 0.0 && !((k && joined[start + k]) || (k < last && joined[start + k + 1])))
            out++;
    return out;
}

static int bead_ok(const Core *self, Py_ssize_t pi, Py_ssize_t i, Py_ssize_t pj, Py_ssize_t j)
{
    return 0 <= pi && pi <= i && i <= self->n && 0 <= pj && pj <= j && j <= self->m
        && i - pi <= MAXSIDE && j - pj <= MAXSIDE;
}

/* The a-b bead's (a, b > 0, with a prior) cost before its shared evidence: its prior, its length
 * cost (Gale-Church, capped) and, for a merge, its heads' and debris' costs */
static double shape_cost(const Core *self, int a, int b, Py_ssize_t pi, Py_ssize_t i, Py_ssize_t pj, Py_ssize_t j)
{
    double ls = self->Ls[i] - self->Ls[pi], lt = self->Lt[j] - self->Lt[pj];
    double ratio = self->ratio;
    double mean = (ls + lt / ratio) * 0.5, lc;
    if (mean > 0)
        lc = neg_log_erfc(fabs(lt - ratio * ls) / sqrt(self->s2r * mean) * INV_SQRT2);
    else
        lc = 0.0;
    lc *= self->w_len;
    double cap = self->len_cap, over = lc - cap;
    double c = self->priors[a][b] + (cap < lc ? cap : lc) + self->len_past_cap * (0.0 > over ? 0.0 : over);
    if (a + b > 2)
        c += (self->Hs[i] - self->Hs[pi]) + (self->Ht[j] - self->Ht[pj]);
    return c;
}

/* prev plus at most ``shape_cost``, without its square root and logarithm: -log(erfc(x)) >= x*x
 * for x >= 0 (erfc(x) <= exp(-x*x)), and neg_log_erfc's approximation is at most 1.2e-7 below the
 * true value (its relative error in erfc), far less than the 1e-6 taken off here. (The band's
 * pruning: a bead whose least cost already exceeds a candidate need not be costed.) */
static double least_shape_cost(const Core *self, int a, int b, Py_ssize_t pi, Py_ssize_t i, Py_ssize_t pj,
                               Py_ssize_t j, double prev)
{
    double ls = self->Ls[i] - self->Ls[pi], lt = self->Lt[j] - self->Lt[pj];
    double mean = (ls + lt / self->ratio) * 0.5, lc = 0.0;
    if (mean > 0) {
        double d = lt - self->ratio * ls;
        lc = d * d / (self->s2r * mean) * 0.5;
    }
    lc = self->w_len * (lc - lc * 1e-9 - 1e-6);   /* (and far more than the two roundings part) */
    double c = self->priors[a][b] + (self->len_cap < lc ? self->len_cap : lc);
    if (a + b > 2)
        c += (self->Hs[i] - self->Hs[pi]) + (self->Ht[j] - self->Ht[pj]);
    return prev + c;
}

/* ``_Scorer.cost`` */
static int cost_of(Core *self, Py_ssize_t pi, Py_ssize_t i, Py_ssize_t pj, Py_ssize_t j, double limit, double *out)
{
    int a = (int)(i - pi), b = (int)(j - pj), r;
    if (a == 0 || b == 0) {
        *out = self->skip;
        return 0;
    }
    if (!self->has_prior[a][b])
        return 1;
    double c = shape_cost(self, a, b, pi, i, pj, j);
    if (c >= limit) {
        *out = c;
        return 0;
    }
    double lex;
    if (a == 1 && b == 1) {
        double ws = self->Ws[pi], wt = self->Wt[pj], m;
        if (ws == 0.0 && wt == 0.0) {
            *out = c;
            return 0;
        }
        if ((r = inter(self, pi, pj, &m)) != 0)
            return r;
        lex = uncovered(self, ws, m) + uncovered(self, wt, m);
    } else {
        double ms[MAXSIDE], mt[MAXSIDE];
        if ((r = matched(self, pi, i, pj, j, ms, mt)) != 0)
            return r;
        lex = 0.0;
        if (self->orphan)
            c += self->orphan * (double)(orphans(ms, a, self->Js, pi) + orphans(mt, b, self->Jt, pj));
        for (int k = 0; k < a; k++)
            lex += uncovered(self, self->Ws[pi + k], ms[k]);
        for (int k = 0; k < b; k++)
            lex += uncovered(self, self->Wt[pj + k], mt[k]);
    }
    *out = c + self->w_lex_half * lex;
    return 0;
}

/* the four positions (pi, i, pj, j) a bead call starts with, into v; -1 with an error set */
static int bead_positions(PyObject *const *args, Py_ssize_t v[4])
{
    for (int k = 0; k < 4; k++) {
        v[k] = PyNumber_AsSsize_t(args[k], PyExc_OverflowError);
        if (v[k] == -1 && PyErr_Occurred())
            return -1;
    }
    return 0;
}

/* cost(pi, i, pj, j, limit=inf) -> float, or None: compute it in Python */
static PyObject *Core_cost(Core *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 4 || nargs > 5) {
        PyErr_SetString(PyExc_TypeError, "cost(pi, i, pj, j[, limit])");
        return NULL;
    }
    Py_ssize_t v[4];
    if (bead_positions(args, v) < 0)
        return NULL;
    double limit = INFINITY;
    if (nargs == 5) {
        limit = PyFloat_AsDouble(args[4]);
        if (limit == -1.0 && PyErr_Occurred())
            return NULL;
    }
    if (!bead_ok(self, v[0], v[1], v[2], v[3]))
        Py_RETURN_NONE;
    double out;
    int r = cost_of(self, v[0], v[1], v[2], v[3], limit, &out);
    if (r < 0)
        return NULL;
    if (r > 0)
        Py_RETURN_NONE;
    return PyFloat_FromDouble(out);
}

/* exact(pi, i, pj, j) -> False when the bead repeats no key (its lower bound is its cost),
 * else its cost, or None: compute it in Python */
static PyObject *Core_exact(Core *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "exact(pi, i, pj, j)");
        return NULL;
    }
    Py_ssize_t v[4];
    if (bead_positions(args, v) < 0)
        return NULL;
    if (!bead_ok(self, v[0], v[1], v[2], v[3]))
        Py_RETURN_NONE;
    int *twice, count;
    int r = repeated(self, v[0], v[1], v[2], v[3], &twice, &count);
    PyMem_Free(twice);
    if (r < 0)
        return NULL;
    if (!count)
        Py_RETURN_FALSE;
    double out;
    r = cost_of(self, v[0], v[1], v[2], v[3], INFINITY, &out);
    if (r < 0)
        return NULL;
    if (r > 0)
        Py_RETURN_NONE;
    return PyFloat_FromDouble(out);
}

/* matched(pi, i, pj, j) -> (ms, mt) lists, or None: compute them in Python */
static PyObject *Core_matched(Core *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "matched(pi, i, pj, j)");
        return NULL;
    }
    Py_ssize_t v[4];
    if (bead_positions(args, v) < 0)
        return NULL;
    if (!bead_ok(self, v[0], v[1], v[2], v[3]) || v[1] == v[0] || v[3] == v[2])
        Py_RETURN_NONE;
    double ms[MAXSIDE], mt[MAXSIDE];
    int r = matched(self, v[0], v[1], v[2], v[3], ms, mt);
    if (r < 0)
        return NULL;
    if (r > 0)
        Py_RETURN_NONE;
    int a = (int)(v[1] - v[0]), b = (int)(v[3] - v[2]);
    PyObject *src = PyList_New(a), *tgt = PyList_New(b);
    if (!src || !tgt)
        goto fail;
    for (int k = 0; k < a; k++) {
        PyObject *x = PyFloat_FromDouble(ms[k]);
        if (!x)
            goto fail;
        PyList_SET_ITEM(src, k, x);
    }
    for (int k = 0; k < b; k++) {
        PyObject *x = PyFloat_FromDouble(mt[k]);
        if (!x)
            goto fail;
        PyList_SET_ITEM(tgt, k, x);
    }
    return Py_BuildValue("(NN)", src, tgt);
fail:
    Py_XDECREF(src);
    Py_XDECREF(tgt);
    return NULL;
}

/* ---- margins (``margins.margins``) ---- */

#define MAXSHAPE (2 * MAXSIDE)

typedef struct {
    Core *core;
    char is_type[MAXSHAPE + 1][MAXSHAPE + 1];
    double skip;
    int failed;   /* 1: a cost C cannot give (the caller computes every margin in Python); -1: error */
} Margins;

/* The bead's cost as ``_Scorer.cost`` gives it (stopping at limit), or NAN with m->failed set */
static double margin_cost(Margins *m, Py_ssize_t pi, Py_ssize_t i, Py_ssize_t pj, Py_ssize_t j, double limit)
{
    double out;
    if (!bead_ok(m->core, pi, i, pj, j)) {
        m->failed = 1;
        return NAN;
    }
    int r = cost_of(m->core, pi, i, pj, j, limit, &out);
    if (r != 0) {
        m->failed = r < 0 ? -1 : 1;
        return NAN;
    }
    return out;
}

/* ``margins.best_split``: the cheapest way to cut the bead in two beads of known types (not at
 * (ci, cj)), starting from best; the same comparisons in the same order as Python's min() */
static double best_split(Margins *m, Py_ssize_t pi, Py_ssize_t i, Py_ssize_t pj, Py_ssize_t j, double best,
                         Py_ssize_t ci, Py_ssize_t cj)
{
    Py_ssize_t a = i - pi, b = j - pj;
    if (a > MAXSHAPE || b > MAXSHAPE) {
        m->failed = 1;
        return NAN;
    }
    for (Py_ssize_t x = 0; x <= a; x++)
        for (Py_ssize_t y = 0; y <= b; y++) {
            if ((x == 0 && y == 0) || (x == a && y == b) || !m->is_type[x][y] || !m->is_type[a - x][b - y])
                continue;
            Py_ssize_t i2 = pi + x, j2 = pj + y;
            if (i2 == ci && j2 == cj)
                continue;
            double first = (x == 0 || y == 0) ? m->skip : margin_cost(m, pi, i2, pj, j2, best);
            if (m->failed)
                return NAN;
            if (first < best) {
                double second = (x == a || y == b) ? m->skip : margin_cost(m, i2, i, j2, j, best - first);
                if (m->failed)
                    return NAN;
                double v = first + second;
                if (v < best)
                    best = v;
            }
        }
    return best;
}

/* margins(path, own, types, skip, cap) -> each bead's margin (``margins.margins``), or None where a
 * cost is one C cannot give (the caller computes them all in Python). path: (pi, i, pj, j) tuples,
 * own: each bead's cost, types: the (a, b) bead types. */
static PyObject *Core_margins(Core *self, PyObject *args)
{
    PyObject *path, *own_o, *types_o;
    double skip, cap;
    if (!PyArg_ParseTuple(args, "O!O!O!dd", &PyList_Type, &path, &PyList_Type, &own_o, &PyList_Type, &types_o, &skip,
                          &cap))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(path);
    if (PyList_GET_SIZE(own_o) != n) {
        PyErr_SetString(PyExc_ValueError, "margins: one cost per bead");
        return NULL;
    }
    Margins m;
    memset(&m, 0, sizeof(m));
    m.core = self;
    m.skip = skip;
    for (Py_ssize_t t = 0; t < PyList_GET_SIZE(types_o); t++) {
        PyObject *shape = PyList_GET_ITEM(types_o, t);
        if (!PyTuple_Check(shape) || PyTuple_GET_SIZE(shape) != 2) {
            PyErr_SetString(PyExc_TypeError, "margins: types as (a, b) tuples");
            return NULL;
        }
        long a = PyLong_AsLong(PyTuple_GET_ITEM(shape, 0)), b = PyLong_AsLong(PyTuple_GET_ITEM(shape, 1));
        if (PyErr_Occurred())
            return NULL;
        if (a < 0 || b < 0 || a > MAXSHAPE || b > MAXSHAPE)
            Py_RETURN_NONE;   /* a type this table cannot hold */
        m.is_type[a][b] = 1;
    }
    Py_ssize_t *P = PyMem_Malloc(sizeof(Py_ssize_t) * 4 * (size_t)(n + 1));
    double *own = PyMem_Malloc(sizeof(double) * (size_t)(2 * n + 1)), *pair = own + n;
    PyObject *result = NULL;
    if (!P || !own) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *bead = PyList_GET_ITEM(path, k);
        if (!PyTuple_Check(bead) || PyTuple_GET_SIZE(bead) != 4) {
            PyErr_SetString(PyExc_TypeError, "margins: beads as (pi, i, pj, j) tuples");
            goto done;
        }
        for (int c = 0; c < 4; c++)
            P[4 * k + c] = PyLong_AsSsize_t(PyTuple_GET_ITEM(bead, c));
        own[k] = PyFloat_AsDouble(PyList_GET_ITEM(own_o, k));
        if (PyErr_Occurred())
            goto done;
    }
    for (Py_ssize_t h = 0; h + 1 < n; h++) {   /* each two neighbouring beads read another way */
        Py_ssize_t a0 = P[4 * h], b0 = P[4 * h + 2], a1 = P[4 * h + 4], a2 = P[4 * h + 5], b1 = P[4 * h + 6],
                   b2 = P[4 * h + 7];
        double chosen = own[h] + own[h + 1], alt = INFINITY;
        if (a2 - a0 <= MAXSHAPE && b2 - b0 <= MAXSHAPE && m.is_type[a2 - a0][b2 - b0])
            alt = margin_cost(&m, a0, a2, b0, b2, INFINITY);
        if (m.failed)
            break;
        double limit = chosen + cap < alt ? chosen + cap : alt;
        alt = best_split(&m, a0, a2, b0, b2, limit, a1, b1);
        if (m.failed)
            break;
        pair[h] = alt - chosen;
    }
    if (m.failed)
        goto done;
    result = PyList_New(n);
    if (!result)
        goto done;
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t pi = P[4 * k], i = P[4 * k + 1], pj = P[4 * k + 2], j = P[4 * k + 3];
        double v;
        if (i - pi == 1 && j - pj == 1)   /* the only cut: an omission and an insertion */
            v = 2.0 * skip - own[k];
        else {
            v = best_split(&m, pi, i, pj, j, own[k] + cap, -1, -1);
            if (m.failed)
                break;
            v = v - own[k];
        }
        if (k && pair[k - 1] < v)
            v = pair[k - 1];
        if (k + 1 < n && pair[k] < v)
            v = pair[k];
        v = v > 0.0 ? v : 0.0;
        v = v < cap ? v : cap;
        PyObject *f = PyFloat_FromDouble(v);
        if (!f)
            goto done;
        PyList_SET_ITEM(result, k, f);
    }
done:
    PyMem_Free(P);
    PyMem_Free(own);
    if (m.failed || PyErr_Occurred())
        Py_CLEAR(result);
    if (m.failed > 0 && !PyErr_Occurred())
        Py_RETURN_NONE;   /* a cost C leaves to Python: the caller computes them all */
    return result;
}

static PyMethodDef Core_methods[] = {
    {"use_overlaps", (PyCFunction)Core_use_overlaps, METH_VARARGS, "Read shared weights from the band's table."},
    {"cost", (PyCFunction)(void (*)(void))Core_cost, METH_FASTCALL, "_Scorer.cost, or None."},
    {"exact", (PyCFunction)(void (*)(void))Core_exact, METH_FASTCALL, "False, the exact cost, or None."},
    {"matched", (PyCFunction)(void (*)(void))Core_matched, METH_FASTCALL, "_Scorer._matched, or None."},
    {"margins", (PyCFunction)Core_margins, METH_VARARGS, "margins.margins, or None."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject CoreType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "workbench.align._fastcost.Core",
    .tp_basicsize = sizeof(Core),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The bead costs of one alignment (see dp._Scorer).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Core_init,
    .tp_dealloc = (destructor)Core_dealloc,
    .tp_methods = Core_methods,
};


/* ---- the search's rows (``vecsearch._row``, ``_exact_winner``, ``_insertions``) ---- */

static int view(PyObject *obj, Py_buffer *buf, const char *format, Py_ssize_t itemsize, int writable, const char *name)
{
    if (PyObject_GetBuffer(obj, buf, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0)) < 0)
        return -1;
    const char *f = buf->format ? buf->format : "B";
    if (*f == '<' || *f == '=' || *f == '@')
        f++;
    if (buf->itemsize != itemsize || strchr(format, *f) == NULL || f[1] != '\0') {
        PyBuffer_Release(buf);
        PyErr_Format(PyExc_TypeError, "%s: an array of the wrong type (%s)", name, buf->format ? buf->format : "?");
        return -1;
    }
    return 0;
}

/* numpy's argmin of a column: the first smallest, the first NaN if any */
static int argmin(const double *v, int n)
{
    int best = 0;
    for (int s = 0; s < n; s++) {
        if (isnan(v[s]))
            return s;
        if (v[s] < v[best])
            best = s;
    }
    return best;
}

/* ``vecsearch._exact_winner`` of one cell: the winning bead type once no winner is a lower bound
 * (a winning bound made exact, the column looked at again). cand: each step's cost of reaching the
 * cell, prev: D where its bead starts, late: whether its cost is a bound. -1 with an error set. */
static int exact_winner(Core *core, PyObject *exact, double *cand, char *late, int any, const double *prev,
                        int nsteps, const int *sa, const int *sb, Py_ssize_t i, Py_ssize_t j)
{
    int s = argmin(cand, nsteps);
    while (any && late[s] && cand[s] < INFINITY) {
        late[s] = 0;
        Py_ssize_t pi = i - sa[s], pj = j - sb[s];
        double value;
        int r = 1;
        if (core && bead_ok(core, pi, i, pj, j)) {
            int *twice, count;
            r = repeated(core, pi, i, pj, j, &twice, &count);
            PyMem_Free(twice);
            if (r < 0)
                return -1;
            if (!count)
                break;   /* the bound is the exact cost */
            if ((r = cost_of(core, pi, i, pj, j, INFINITY, &value)) < 0)
                return -1;
        }
        if (r > 0) {   /* asked in Python */
            PyObject *out = PyObject_CallFunction(exact, "nnnn", pi, i, pj, j);
            if (!out)
                return -1;
            if (out == Py_False) {
                Py_DECREF(out);
                break;
            }
            value = PyFloat_AsDouble(out);
            Py_DECREF(out);
            if (value == -1.0 && PyErr_Occurred())
                return -1;
        }
        cand[s] = prev[s] + value;
        s = argmin(cand, nsteps);
    }
    return s;
}

/* The bound ``vecsearch._Band._bead_costs`` gives the a-b bead (pi, i, pj, j), a, b > 0: its
 * matched weights summed over the pairwise overlaps of the band's table (n rows of ``width``,
 * row s from target ``wlo[s]``), in numpy's order of operations. 1 where a pair falls outside
 * the table (the caller searches in Python). */
static int bound_cost(const Core *self, int a, int b, Py_ssize_t pi, Py_ssize_t i, Py_ssize_t pj, Py_ssize_t j,
                      const double *table, Py_ssize_t rows, Py_ssize_t width, const int64_t *wlo, double prev,
                      double beaten, double *out)
{
    if (beaten < INFINITY && least_shape_cost(self, a, b, pi, i, pj, j, prev) > beaten)
        return 2;
    double c = shape_cost(self, a, b, pi, i, pj, j);
    if (prev + c > beaten)   /* what is added below is not negative: the bead cannot win (see band) */
        return 2;
    double pair[MAXSIDE][MAXSIDE], ms[MAXSIDE], mt[MAXSIDE];
    for (int x = 0; x < a; x++) {
        Py_ssize_t row = pi + x;
        if (row >= rows)
            return 1;
        for (int y = 0; y < b; y++) {
            Py_ssize_t col = pj + y - wlo[row];
            if (col < 0 || col >= width)
                return 1;
            pair[x][y] = table[row * width + col];
        }
    }
    double lex = 0.0;
    for (int x = 0; x < a; x++) {
        double sum = pair[x][0];
        for (int y = 1; y < b; y++)
            sum += pair[x][y];
        ms[x] = sum;
        lex += uncovered(self, self->Ws[pi + x], sum);
    }
    for (int y = 0; y < b; y++) {
        double sum = pair[0][y];
        for (int x = 1; x < a; x++)
            sum += pair[x][y];
        mt[y] = sum;
        lex += uncovered(self, self->Wt[pj + y], sum);
    }
    if (self->orphan && a + b > 2)
        c += self->orphan * (double)(orphans(ms, a, self->Js, pi) + orphans(mt, b, self->Jt, pj));
    *out = c + self->w_lex_half * lex;
    return 0;
}

/* band(core, exact, D, B, steps, sizes, start, lo, hi, wlo, table, src_twice, tgt_twice, insertion, skip)
 * The whole of ``vecsearch.search``'s loop over the band's rows (``_chunk_grid``, ``_row`` and
 * ``_insertions``) in one pass: each bead's cost is computed where the row reads it (the bound of
 * ``_bead_costs``, a merge flagged by ``_pending`` where src_twice[a][i] or tgt_twice[b][j]) instead
 * of numpy's arrays of every cell's. D (float64) and B (int8) of the band's flat cells are filled
 * in; steps: the bead types a row takes (a > 0), sizes their (a, b); start (int64, one more than the
 * rows): each row's first flat cell, the last the cell no bead reaches; lo, hi (int64): each row's
 * first and last target position; wlo (int64) and table (float64, rows x width): the band's table
 * of shared weights (``_overlaps``); src_twice, tgt_twice (bool, sizes x ends). Returns True, or
 * None where a cost cannot be computed here (the caller searches in Python). */
static PyObject *band_search(PyObject *module, PyObject *args)
{
    PyObject *core_obj, *exact, *Do, *Bo, *stepso, *sizeso, *starto, *loo, *hio, *wloo, *tableo, *stwo, *ttwo;
    int insertion;
    double skip;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!OOOOOOOOOOOOid", &CoreType, &core_obj, &exact, &Do, &Bo, &stepso, &sizeso,
                          &starto, &loo, &hio, &wloo, &tableo, &stwo, &ttwo, &insertion, &skip))
        return NULL;
    Core *core = (Core *)core_obj;
    PyObject *result = NULL;
    Py_buffer buf[10];
    PyObject *objs[10] = {Do, Bo, starto, loo, hio, wloo, tableo, stwo, ttwo, NULL};
    const char *formats[9] = {"d", "bc", "lq", "lq", "lq", "lq", "d", "?", "?"};
    const Py_ssize_t sizes_of[9] = {8, 1, 8, 8, 8, 8, 8, 1, 1};
    const char *names[9] = {"D", "B", "start", "lo", "hi", "wlo", "table", "src_twice", "tgt_twice"};
    int got = 0;
    for (; got < 9; got++)
        if (view(objs[got], &buf[got], formats[got], sizes_of[got], got < 2, names[got]) < 0)
            goto done;
    if (!PyList_Check(stepso) || !PyList_Check(sizeso) || PyList_GET_SIZE(stepso) != PyList_GET_SIZE(sizeso)
        || PyList_GET_SIZE(stepso) > 64) {
        PyErr_SetString(PyExc_TypeError, "steps and sizes: lists of the same length (at most 64)");
        goto done;
    }
    int nsteps = (int)PyList_GET_SIZE(stepso), step[64], sa[64], sb[64];
    for (int s = 0; s < nsteps; s++) {
        PyObject *size = PyList_GET_ITEM(sizeso, s);
        step[s] = (int)PyLong_AsLong(PyList_GET_ITEM(stepso, s));
        if (!PyTuple_Check(size) || PyTuple_GET_SIZE(size) != 2) {
            PyErr_SetString(PyExc_TypeError, "sizes: (a, b) tuples");
            goto done;
        }
        sa[s] = (int)PyLong_AsLong(PyTuple_GET_ITEM(size, 0));
        sb[s] = (int)PyLong_AsLong(PyTuple_GET_ITEM(size, 1));
    }
    if (PyErr_Occurred())
        goto done;
    double *D = buf[0].buf;
    signed char *B = buf[1].buf;
    const int64_t *start = buf[2].buf, *lo = buf[3].buf, *hi = buf[4].buf, *wlo = buf[5].buf;
    const double *table = buf[6].buf;
    const char *src_twice = buf[7].buf, *tgt_twice = buf[8].buf;
    Py_ssize_t n = core->n, m = core->m, nD = buf[0].len / 8;
    Py_ssize_t rows = buf[5].len / 8, width = buf[6].ndim == 2 ? buf[6].shape[1] : 0;
    Py_ssize_t reach_s = buf[7].ndim == 2 ? buf[7].shape[0] : 0, reach_t = buf[8].ndim == 2 ? buf[8].shape[0] : 0;
    int ok = buf[2].len / 8 == n + 2 && buf[3].len / 8 == n + 1 && buf[4].len / 8 == n + 1
        && nD == start[n + 1] + 1 && buf[1].len == start[n + 1] && buf[6].ndim == 2 && buf[6].shape[0] == rows
        && buf[7].ndim == 2 && buf[7].shape[1] == n + 1 && buf[8].ndim == 2 && buf[8].shape[1] == m + 1;
    for (int s = 0; ok && s < nsteps; s++)
        ok = sa[s] > 0 && sa[s] <= MAXSIDE && sb[s] >= 0 && sb[s] <= MAXSIDE && sa[s] < reach_s && sb[s] < reach_t
            && (sb[s] == 0 || core->has_prior[sa[s]][sb[s]]);
    for (Py_ssize_t i = 0; ok && i <= n; i++)
        ok = start[i] >= 0 && start[i + 1] - start[i] == hi[i] - lo[i] + 1 && lo[i] >= 0 && hi[i] <= m;
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "band: arrays of inconsistent sizes");
        goto done;
    }
    /* A bead whose cost cannot make it the cell's winner is not costed in full: its cost is its
     * shape's (prior, length, headings) plus parts that are never negative (each segment's
     * uncovered weight, orphans), so where D at its start plus its shape cost already exceeds an
     * exact candidate of the cell (one that is no bound), it can neither win nor tie; its
     * candidate is left infinite. With these parameters never negative (as calibration's are)
     * the winners, and so D and B, are those of costing every bead; else every bead is costed. */
    int prune = core->w_len >= 0.0 && core->len_cap >= 0.0 && core->len_past_cap >= 0.0 && core->w_lex_half >= 0.0
        && core->orphan >= 0.0 && core->rel_keys > 0.0 && core->dice_sat > 0.0;
    double cand[64], prev[64];
    char late[64];
    for (Py_ssize_t i = 0; i <= n; i++) {
        Py_ssize_t f0 = start[i], f1 = start[i + 1];
        for (Py_ssize_t f = f0; i && f < f1; f++) {
            Py_ssize_t j = lo[i] + (f - f0);
            int any = 0;
            double beaten = INFINITY;   /* the least exact candidate so far (pruning) */
            for (int s = 0; s < nsteps; s++) {
                int a = sa[s], b = sb[s];
                Py_ssize_t pi = i - a, pj = j - b;
                late[s] = 0;
                if (pi < 0 || pj < 0 || pj < lo[pi] || pj > hi[pi]) {   /* no such bead in the band */
                    prev[s] = D[nD - 1];
                    cand[s] = prev[s] + INFINITY;
                    continue;
                }
                prev[s] = D[start[pi] + pj - lo[pi]];
                double cost;
                if (b == 0) {
                    cost = skip;
                } else {
                    int r = bound_cost(core, a, b, pi, i, pj, j, table, rows, width, wlo, prev[s],
                                       prune ? beaten : INFINITY, &cost);
                    if (r == 2) {
                        cand[s] = INFINITY;
                        continue;
                    }
                    if (r) {
                        result = Py_None;   /* a pair outside the table: searched in Python */
                        goto done;
                    }
                    if (a + b > 2 && ((a > 1 && src_twice[a * (n + 1) + i]) || (b > 1 && tgt_twice[b * (m + 1) + j])))
                        any = late[s] = 1;
                }
                cand[s] = prev[s] + cost;
                if (!late[s] && cand[s] < beaten)
                    beaten = cand[s];
            }
            int s = exact_winner(core, exact, cand, late, any, prev, nsteps, sa, sb, i, j);
            if (s < 0)
                goto done;
            D[f] = cand[s];
            B[f] = (signed char)step[s];
        }
        if (insertion >= 0) {   /* ``_insertions``: each cell may continue the one to its left */
            for (Py_ssize_t f = f0 + 1; f < f1; f++) {
                double c = D[f - 1] + skip;
                if (c < D[f]) {
                    D[f] = c;
                    B[f] = (signed char)insertion;
                }
            }
        }
    }
    result = Py_True;
done:
    while (got > 0)
        PyBuffer_Release(&buf[--got]);
    if (PyErr_Occurred())
        return NULL;
    Py_INCREF(result);
    return result;
}

/* overlaps(src_keys, tgt_keys, weights, first, last, width, fsum)
 * The rows of ``bandpass.overlaps``' table: for source segment s (a frozenset of keys) and each
 * target segment t from first[s] to last[s], the summed weight of the keys both hold, at column
 * t - first[s] of a row of ``width`` floats (0.0 where none is shared); the sum is ``fsum``'s
 * (Python's math.fsum, exactly rounded: the order the shared keys are met in does not matter),
 * one shared key's weight itself. Each key is numbered once and each segment's keys sorted, so
 * a pair of segments is one merge. None where an argument is of another type or a window does
 * not fit (the caller computes the table in Python); KeyError for a shared key without a
 * weight, as Python's. */
/* Python's math.fsum of n finite doubles: the same algorithm (Shewchuk's exact partials, then
 * their sum rounded once, half-even across partials), so the same value to the last bit */
static double exact_sum(const double *v, Py_ssize_t count, double *partials)
{
    Py_ssize_t n = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        double x = v[k];
        Py_ssize_t i = 0;
        for (Py_ssize_t j = 0; j < n; j++) {
            double y = partials[j];
            if (fabs(x) < fabs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y, yr = hi - x, lo = y - yr;
            if (lo != 0.0)
                partials[i++] = lo;
            x = hi;
        }
        n = i;
        if (x != 0.0)
            partials[n++] = x;
    }
    double hi = 0.0, lo = 0.0;
    if (n > 0) {
        hi = partials[--n];
        while (n > 0) {
            double x = hi, y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0)
                break;
        }
        if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y, yr = x - hi;
            if (y == yr)
                hi = x;
        }
    }
    return hi;
}

typedef struct {
    int *ids;   /* sorted */
    int n;
} Keys;

static int by_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

/* each segment's keys as sorted ids, numbering new keys in ``ids`` (key -> id) and ``names`` */
static Keys *key_ids(PyObject *segments, PyObject *ids, PyObject *names)
{
    Py_ssize_t n = PyList_GET_SIZE(segments);
    Keys *out = PyMem_Calloc(n ? n : 1, sizeof(Keys));
    if (!out) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *keys = PyList_GET_ITEM(segments, s), *key;
        Py_ssize_t k = 0, size = PySet_GET_SIZE(keys);
        out[s].ids = PyMem_Malloc((size ? size : 1) * sizeof(int));
        PyObject *it = PyObject_GetIter(keys);   /* (the public API: a frozenset does not change) */
        if (!out[s].ids || !it) {
            Py_XDECREF(it);
            if (!PyErr_Occurred())
                PyErr_NoMemory();
            goto fail;
        }
        while (k < size && (key = PyIter_Next(it)) != NULL) {
            PyObject *id = PyDict_GetItemWithError(ids, key);
            if (!id && !PyErr_Occurred()) {
                id = PyLong_FromSsize_t(PyList_GET_SIZE(names));
                if (id && (PyDict_SetItem(ids, key, id) < 0 || PyList_Append(names, key) < 0))
                    Py_CLEAR(id);
                Py_XDECREF(id);   /* (the dict holds it) */
            }
            Py_DECREF(key);   /* (the set holds it) */
            if (!id) {
                Py_DECREF(it);
                goto fail;
            }
            out[s].ids[k++] = (int)PyLong_AsLong(id);
        }
        Py_DECREF(it);
        if (PyErr_Occurred())
            goto fail;
        out[s].n = (int)k;
        qsort(out[s].ids, k, sizeof(int), by_int);
    }
    return out;
fail:
    for (Py_ssize_t s = 0; s < n; s++)
        PyMem_Free(out[s].ids);
    PyMem_Free(out);
    return NULL;
}

static PyObject *overlaps(PyObject *module, PyObject *args)
{
    PyObject *src, *tgt, *weights, *first, *last, *fsum;
    Py_ssize_t width;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!nO", &PyList_Type, &src, &PyList_Type, &tgt, &PyDict_Type, &weights,
                          &PyList_Type, &first, &PyList_Type, &last, &width, &fsum))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(src), m = PyList_GET_SIZE(tgt);
    if (width < 1 || PyList_GET_SIZE(first) < n || PyList_GET_SIZE(last) < n)
        Py_RETURN_NONE;
    for (Py_ssize_t k = 0; k < n; k++)
        if (!PyFrozenSet_CheckExact(PyList_GET_ITEM(src, k)))
            Py_RETURN_NONE;
    for (Py_ssize_t k = 0; k < m; k++)
        if (!PyFrozenSet_CheckExact(PyList_GET_ITEM(tgt, k)))
            Py_RETURN_NONE;
    PyObject *out = NULL, *zero = NULL, *table = NULL, *shared = NULL, *ids = NULL, *names = NULL;
    PyObject **weight = NULL;   /* by id, borrowed from ``weights``; NULL: the key has none */
    Keys *S = NULL, *T = NULL;
    if (!(zero = PyFloat_FromDouble(0.0)) || !(table = PyList_New(n > 1 ? n : 1)) || !(shared = PyList_New(0))
            || !(ids = PyDict_New()) || !(names = PyList_New(0)))
        goto done;
    for (Py_ssize_t s = 0; s < PyList_GET_SIZE(table); s++) {
        PyObject *row = PyList_New(width);
        if (!row)
            goto done;
        for (Py_ssize_t t = 0; t < width; t++) {
            Py_INCREF(zero);
            PyList_SET_ITEM(row, t, zero);
        }
        PyList_SET_ITEM(table, s, row);
    }
    if (!(S = key_ids(src, ids, names)) || !(T = key_ids(tgt, ids, names)))
        goto done;
    Py_ssize_t count_ids = PyList_GET_SIZE(names);
    weight = PyMem_Calloc(count_ids ? count_ids : 1, sizeof(PyObject *));
    if (!weight) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < count_ids; k++) {
        weight[k] = PyDict_GetItemWithError(weights, PyList_GET_ITEM(names, k));
        if (!weight[k] && PyErr_Occurred())
            goto done;
    }
    double sums[2 * 64 + 1];   /* a pair's shared weights, and the partials of their sum */
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *row = PyList_GET_ITEM(table, s);
        if (S[s].n == 0)
            continue;
        Py_ssize_t lo = PyLong_AsSsize_t(PyList_GET_ITEM(first, s));
        Py_ssize_t hi = PyLong_AsSsize_t(PyList_GET_ITEM(last, s));
        if ((lo == -1 || hi == -1) && PyErr_Occurred())
            goto done;
        if (hi > m - 1)
            hi = m - 1;
        /* (a negative end counts from the end of a Python slice, a window wider than a row
         * raises there: never so from ``_windows``; Python computes those) */
        if (lo < 0 || hi < -1 || hi - lo + 1 > width) {
            Py_INCREF(Py_None);
            out = Py_None;
            goto done;
        }
        const int *a = S[s].ids, na = S[s].n;
        for (Py_ssize_t q = lo; q <= hi; q++) {
            const int *b = T[q].ids, nb = T[q].n;
            int x = 0, y = 0, count = 0, one = -1;
            while (x < na && y < nb) {
                if (a[x] < b[y])
                    x++;
                else if (a[x] > b[y])
                    y++;
                else {
                    int id = a[x];
                    if (!weight[id]) {
                        PyErr_SetObject(PyExc_KeyError, PyList_GET_ITEM(names, id));
                        goto done;
                    }
                    if (count == 0)
                        one = id;
                    else {
                        if (count == 1 && PyList_Append(shared, weight[one]) < 0)
                            goto done;
                        if (PyList_Append(shared, weight[id]) < 0)
                            goto done;
                    }
                    count++;
                    x++;
                    y++;
                }
            }
            if (count == 0)
                continue;
            PyObject *value;
            if (count == 1) {
                value = weight[one];
                Py_INCREF(value);
            }
            else {
                /* fsum's sum in C where every weight is a finite float (the same algorithm), else fsum */
                Py_ssize_t k = 0, shared_n = PyList_GET_SIZE(shared);
                for (; k < shared_n && k < 64; k++) {
                    PyObject *w = PyList_GET_ITEM(shared, k);
                    if (!PyFloat_CheckExact(w) || !isfinite(PyFloat_AS_DOUBLE(w)))
                        break;
                    sums[k] = PyFloat_AS_DOUBLE(w);
                }
                double total = k == shared_n ? exact_sum(sums, k, sums + 64) : NAN;
                value = isfinite(total) ? PyFloat_FromDouble(total) : PyObject_CallOneArg(fsum, shared);
                if (!value || PyList_SetSlice(shared, 0, PyList_GET_SIZE(shared), NULL) < 0) {
                    Py_XDECREF(value);
                    goto done;
                }
            }
            PyList_SetItem(row, q - lo, value);   /* (steals value, drops the 0.0) */
        }
    }
    Py_INCREF(table);
    out = table;
done:
    if (S)
        for (Py_ssize_t s = 0; s < n; s++)
            PyMem_Free(S[s].ids);
    if (T)
        for (Py_ssize_t t = 0; t < m; t++)
            PyMem_Free(T[t].ids);
    PyMem_Free(S);
    PyMem_Free(T);
    PyMem_Free(weight);
    Py_XDECREF(names);
    Py_XDECREF(ids);
    Py_XDECREF(shared);
    Py_XDECREF(table);
    Py_XDECREF(zero);
    return out;
}

/* ---- the translation table learnt from the first pass (``lexicon.learn_table``) ---- */

/* The training beads of one direction: e side (the empty word 0 is added to each bead's) and f side,
 * word ids bead after bead, and each bead's number of words. Its pairs are every (e word or the
 * empty word, f word) pair inside each bead, bead after bead, f token after f token, the empty
 * word first (``model1._pairs``' order): each loop below walks them in that order rather than
 * keeping arrays of each pair's token, bead and words (fresh memory is slow to hand out). */
typedef struct {
    const int64_t *e_ids, *e_len, *f_ids, *f_len;
    Py_ssize_t beads, size;
} Sides;

/* One direction's model: the distinct pair codes e * size + f (ascending), each pair's code, and
 * each code's p(f | e) after the EM rounds. */
typedef struct {
    Py_ssize_t n_pairs, n_tokens, n_codes;
    int32_t *link;    /* each pair's code (in the caller's workspace) */
    int64_t *codes;
    int32_t *code_e;  /* each code's e word (a division by size per code and round was half the time) */
    double *prob;
} Model1;

static void model1_free(Model1 *m)
{
    PyMem_Free(m->codes);
    PyMem_Free(m->code_e);
    PyMem_Free(m->prob);
    m->codes = NULL;
    m->code_e = NULL;
    m->prob = NULL;
}

static Py_ssize_t pairs_of(const Sides *d)
{
    Py_ssize_t n = 0;
    for (Py_ssize_t b = 0; b < d->beads; b++)
        n += (d->e_len[b] + 1) * d->f_len[b];
    return n;
}

/* The EM rounds: in each round every pair's posterior (its code's probability over the sum of its
 * f token's pairs'), each code's count (the sum of its pairs' posteriors) and each code's
 * probability (its count over the sum of the counts of its e word's codes). The sums run in
 * numpy's ``bincount`` order (pair after pair, code after code), so every value is numpy's. */
static int model1_rounds(Model1 *m, const Sides *d, int rounds)
{
    Py_ssize_t n_codes = m->n_codes, size = d->size;
    double *sums = PyMem_Malloc(sizeof(double) * (size_t)(m->n_tokens + n_codes + size + 1));
    if (!sums)
        return -1;
    double *per_token = sums, *count = sums + m->n_tokens, *per_word = sums + m->n_tokens + n_codes;
    double *prob = m->prob;
    const int32_t *link = m->link;
    for (Py_ssize_t u = 0; u < n_codes; u++)
        prob[u] = 1.0;
    for (int r = 0; r < rounds; r++) {
        Py_ssize_t k = 0, token = 0;
        for (Py_ssize_t b = 0; b < d->beads; b++)
            for (int64_t t = 0; t < d->f_len[b]; t++, token++) {
                double sum = 0.0;
                for (int64_t x = 0; x <= d->e_len[b]; x++)
                    sum += prob[link[k++]];
                per_token[token] = sum;
            }
        memset(count, 0, sizeof(double) * (size_t)n_codes);
        k = token = 0;
        for (Py_ssize_t b = 0; b < d->beads; b++)
            for (int64_t t = 0; t < d->f_len[b]; t++, token++)
                for (int64_t x = 0; x <= d->e_len[b]; x++, k++)
                    count[link[k]] += prob[link[k]] / per_token[token];
        memset(per_word, 0, sizeof(double) * (size_t)size);
        for (Py_ssize_t u = 0; u < n_codes; u++)
            per_word[m->code_e[u]] += count[u];
        for (Py_ssize_t u = 0; u < n_codes; u++)
            prob[u] = count[u] / per_word[m->code_e[u]];
    }
    PyMem_Free(sums);
    return 0;
}

/* One direction's model, in ``work`` (4 x int32 per pair, for both directions): the pairs' codes
 * sorted by a counting sort on f, then (stable) on e. */
static int model1_learn(Model1 *m, const Sides *d, int32_t *work, int rounds)
{
    Py_ssize_t n = pairs_of(d), size = d->size, k = 0, e_at = 0, f_at = 0, tokens = 0;
    int32_t *e = work, *f = work + n, *by_f = work + 2 * n, *order = work + 3 * n;
    memset(m, 0, sizeof(*m));
    m->n_pairs = n;
    Py_ssize_t *count = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(size + 1));
    /* (as long as the pairs: pages are written only for the codes) */
    m->codes = PyMem_Malloc(sizeof(int64_t) * (size_t)(n ? n : 1));
    m->code_e = PyMem_Malloc(sizeof(int32_t) * (size_t)(n ? n : 1));
    if (!count || !m->codes || !m->code_e)
        goto fail;
    for (Py_ssize_t b = 0; b < d->beads; b++) {
        for (int64_t t = 0; t < d->f_len[b]; t++)
            for (int64_t x = 0; x <= d->e_len[b]; x++, k++) {
                e[k] = (int32_t)(x ? d->e_ids[e_at + x - 1] : 0);
                f[k] = (int32_t)d->f_ids[f_at + t];
            }
        e_at += d->e_len[b];
        f_at += d->f_len[b];
        tokens += d->f_len[b];
    }
    m->n_tokens = tokens;
    const int32_t *keys[2] = {f, e};
    int32_t *into[2] = {by_f, order};
    for (int pass = 0; pass < 2; pass++) {
        memset(count, 0, sizeof(Py_ssize_t) * (size_t)(size + 1));
        for (k = 0; k < n; k++)
            count[keys[pass][k] + 1]++;
        for (Py_ssize_t v = 0; v < size; v++)
            count[v + 1] += count[v];
        for (Py_ssize_t r = 0; r < n; r++) {
            int32_t at = pass ? by_f[r] : (int32_t)r;
            into[pass][count[keys[pass][at]]++] = at;
        }
    }
    m->link = f;   /* each pair's f is read just before its code is written over it */
    Py_ssize_t u = -1;
    int64_t last = -1;
    for (Py_ssize_t r = 0; r < n; r++) {
        int32_t at = order[r];
        int64_t code = (int64_t)e[at] * size + f[at];
        if (code != last) {
            m->codes[++u] = code;
            m->code_e[u] = e[at];
            last = code;
        }
        m->link[at] = (int32_t)u;
    }
    m->n_codes = u + 1;
    m->prob = PyMem_Malloc(sizeof(double) * (size_t)(m->n_codes ? m->n_codes : 1));
    if (!m->prob || model1_rounds(m, d, rounds) < 0)
        goto fail;
    PyMem_Free(count);
    return 0;
fail:
    PyMem_Free(count);
    model1_free(m);
    PyErr_NoMemory();
    return -1;
}

static int append_pair(PyObject *list, int64_t s, int64_t t, double p, int with_p)
{
    PyObject *item = with_p ? Py_BuildValue("(LLd)", (long long)s, (long long)t, p)
                            : Py_BuildValue("(LL)", (long long)s, (long long)t);
    if (!item)
        return -1;
    int rc = PyList_Append(list, item);
    Py_DECREF(item);
    return rc;
}

/* model1_table(ids_s, lengths_s, ids_t, lengths_t, size, rounds, min_prob, min_beads, soft_prob,
 * soft_beads): ``model1.learnt_pairs`` in C. The training beads' source and target word ids (int64,
 * bead after bead; ids below size, 0 the empty word) and each bead's number of words. IBM Model 1
 * in both directions, each pair's beads (the empty word aside) and its probability the other way
 * round, as the numpy code computes them, bit for bit. Returns (kept, soft_forward, soft_backward):
 * the (s, t) pairs of the table, and the (s, t, p) of the soft table in each direction. */
static PyObject *model1_table(PyObject *module, PyObject *args)
{
    PyObject *objs[4];
    Py_ssize_t size;
    int rounds;
    long min_beads, soft_beads;
    double min_prob, soft_prob;
    (void)module;
    if (!PyArg_ParseTuple(args, "OOOOnidldl", &objs[0], &objs[1], &objs[2], &objs[3], &size, &rounds, &min_prob,
                          &min_beads, &soft_prob, &soft_beads))
        return NULL;
    const char *names[4] = {"ids_s", "lengths_s", "ids_t", "lengths_t"};
    Py_buffer buf[4];
    int got = 0;
    Model1 fwd, back;
    memset(&fwd, 0, sizeof(fwd));
    memset(&back, 0, sizeof(back));
    int32_t *work = NULL, *turned = NULL;
    int64_t *support = NULL, *last = NULL;
    Py_ssize_t *at_s = NULL;
    PyObject *kept = NULL, *soft_f = NULL, *soft_b = NULL, *result = NULL;
    for (; got < 4; got++)
        if (view(objs[got], &buf[got], "lq", 8, 0, names[got]) < 0)
            goto done;
    Sides forward = {buf[0].buf, buf[1].buf, buf[2].buf, buf[3].buf, buf[1].len / 8, size};
    Sides backward = {buf[2].buf, buf[3].buf, buf[0].buf, buf[1].buf, buf[1].len / 8, size};
    Py_ssize_t total_s = 0, total_t = 0;
    int ok = buf[3].len == buf[1].len && size > 0 && size < INT32_MAX && rounds >= 0;
    for (Py_ssize_t b = 0; ok && b < forward.beads; b++) {
        ok = forward.e_len[b] >= 0 && forward.f_len[b] >= 0;
        total_s += forward.e_len[b];
        total_t += forward.f_len[b];
    }
    ok = ok && total_s == buf[0].len / 8 && total_t == buf[2].len / 8;
    for (Py_ssize_t k = 0; ok && k < total_s; k++)
        ok = forward.e_ids[k] >= 0 && forward.e_ids[k] < size;
    for (Py_ssize_t k = 0; ok && k < total_t; k++)
        ok = forward.f_ids[k] >= 0 && forward.f_ids[k] < size;
    Py_ssize_t n = ok ? pairs_of(&forward) : 0, n_back = ok ? pairs_of(&backward) : 0;
    if (!ok || n >= INT32_MAX || n_back >= INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "model1_table: arrays of inconsistent sizes or values");
        goto done;
    }
    /* one workspace for both directions: the forward model's links are read (support) first */
    work = PyMem_Malloc(sizeof(int32_t) * 4 * (size_t)((n > n_back ? n : n_back) + 1));
    if (!work) {
        PyErr_NoMemory();
        goto done;
    }
    if (model1_learn(&fwd, &forward, work, rounds) < 0)
        goto done;
    /* each forward pair's beads, the empty word aside */
    support = PyMem_Calloc((size_t)(fwd.n_codes ? fwd.n_codes : 1), sizeof(int64_t));
    last = PyMem_Malloc(sizeof(int64_t) * (size_t)(fwd.n_codes ? fwd.n_codes : 1));
    if (!support || !last) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t u = 0; u < fwd.n_codes; u++)
        last[u] = -1;
    Py_ssize_t k = 0, e_at = 0;
    for (Py_ssize_t b = 0; b < forward.beads; e_at += forward.e_len[b], b++)
        for (int64_t t = 0; t < forward.f_len[b]; t++)
            for (int64_t x = 0; x <= forward.e_len[b]; x++, k++) {
                int32_t u = fwd.link[k];
                if (x && forward.e_ids[e_at + x - 1] != 0 && last[u] != b) {
                    last[u] = b;
                    support[u]++;
                }
            }
    if (model1_learn(&back, &backward, work, rounds) < 0)
        goto done;
    kept = PyList_New(0);
    soft_f = PyList_New(0);
    soft_b = PyList_New(0);
    if (!kept || !soft_f || !soft_b)
        goto done;
    /* the backward codes (t * size + s, ascending) in the order of the forward ones (s, then t): a
     * counting sort on s; then one walk along both finds each forward pair's probability the other
     * way round (a binary search per pair took a third of the time) */
    turned = PyMem_Malloc(sizeof(int32_t) * (size_t)(back.n_codes ? back.n_codes : 1));
    at_s = PyMem_Calloc((size_t)size + 1, sizeof(Py_ssize_t));
    if (!turned || !at_s) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t v = 0; v < back.n_codes; v++)
        at_s[back.codes[v] - (int64_t)back.code_e[v] * size + 1]++;
    for (Py_ssize_t w = 0; w < size; w++)
        at_s[w + 1] += at_s[w];
    for (Py_ssize_t v = 0; v < back.n_codes; v++)
        turned[at_s[back.codes[v] - (int64_t)back.code_e[v] * size]++] = (int32_t)v;
    Py_ssize_t j = 0;
    for (Py_ssize_t u = 0; u < fwd.n_codes; u++) {
        int64_t s = fwd.code_e[u], t = fwd.codes[u] - s * size;
        for (; j < back.n_codes; j++) {   /* the first backward pair not before (s, t) */
            int32_t v = turned[j];
            int64_t as_forward = (back.codes[v] - (int64_t)back.code_e[v] * size) * size + back.code_e[v];
            if (as_forward >= fwd.codes[u])
                break;
        }
        if (s == 0 || t == 0)
            continue;
        int found = j < back.n_codes && back.code_e[turned[j]] == t
            && back.codes[turned[j]] - (int64_t)t * size == s;
        double p_forward = fwd.prob[u], p_back = found ? back.prob[turned[j]] : 0.0;
        if (p_forward >= min_prob && p_back >= min_prob && support[u] >= min_beads
            && append_pair(kept, s, t, 0.0, 0) < 0)
            goto done;
        if (support[u] >= soft_beads) {
            if (p_forward >= soft_prob && append_pair(soft_f, s, t, p_forward, 1) < 0)
                goto done;
            if (p_back >= soft_prob && append_pair(soft_b, s, t, p_back, 1) < 0)
                goto done;
        }
    }
    result = PyTuple_Pack(3, kept, soft_f, soft_b);
done:
    Py_XDECREF(kept);
    Py_XDECREF(soft_f);
    Py_XDECREF(soft_b);
    PyMem_Free(work);
    PyMem_Free(turned);
    PyMem_Free(at_s);
    PyMem_Free(support);
    PyMem_Free(last);
    model1_free(&fwd);
    model1_free(&back);
    while (got > 0)
        PyBuffer_Release(&buf[--got]);
    return result;
}

/* ---- what the scorer reads of each segment's repeated keys (``dp._Scorer``) ---- */

/* a repeated key's base: its text before its first "#" (``k#2``: ``k``); NULL with an error set */
static PyObject *repeat_base(PyObject *key)
{
    Py_ssize_t cut = PyUnicode_FindChar(key, '#', 0, PyUnicode_GET_LENGTH(key), 1);
    if (cut == -1)
        PyErr_SetString(PyExc_ValueError, "a repeated key without #");
    return cut < 0 ? NULL : PyUnicode_Substring(key, 0, cut);
}

/* ``dp._counts`` of one segment: base -> occurrences, for the bases of its repeats, in their order */
static PyObject *repeat_counts(PyObject *keys, PyObject *repeats)
{
    PyObject *out = PyDict_New();
    if (!out)
        return NULL;
    for (Py_ssize_t r = 0; r < PyList_GET_SIZE(repeats); r++) {
        PyObject *base = repeat_base(PyList_GET_ITEM(repeats, r));
        if (!base)
            goto fail;
        int known = PyDict_Contains(out, base), held = known ? 0 : PySet_Contains(keys, base);
        if (known < 0 || held < 0) {
            Py_DECREF(base);
            goto fail;
        }
        if (!known) {
            Py_ssize_t n = held;
            while (n) {
                PyObject *next = PyUnicode_FromFormat("%U#%zd", base, n + 1);
                int in = next ? PySet_Contains(keys, next) : -1;
                Py_XDECREF(next);
                if (in < 0) {
                    Py_DECREF(base);
                    goto fail;
                }
                if (!in)
                    break;
                n++;
            }
            PyObject *count = PyLong_FromSsize_t(n);
            int failed = !count || PyDict_SetItem(out, base, count) < 0;
            Py_XDECREF(count);
            if (failed) {
                Py_DECREF(base);
                goto fail;
            }
        }
        Py_DECREF(base);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ``dp._bases`` of one segment with repeats: the same set operations, so the same set */
static PyObject *repeat_bases(PyObject *keys, PyObject *repeats)
{
    PyObject *bases = PyList_New(0), *kept = NULL, *out = NULL;
    if (!bases)
        return NULL;
    for (Py_ssize_t r = 0; r < PyList_GET_SIZE(repeats); r++) {
        PyObject *base = repeat_base(PyList_GET_ITEM(repeats, r));
        int failed = !base || PyList_Append(bases, base) < 0;
        Py_XDECREF(base);
        if (failed)
            goto done;
    }
    kept = PyObject_CallMethod(keys, "difference", "O", repeats);
    if (kept)
        out = PyObject_CallMethod(kept, "union", "O", bases);
done:
    Py_XDECREF(kept);
    Py_DECREF(bases);
    return out;
}

/* key_tables(segments, no_repeats): for a list of segments' evidence keys (frozensets), the lists
 * ``dp._Scorer`` builds of them: each segment's keys holding a "#" in the set's order
 * (``dp._repeats``), the occurrences of their bases (``dp._counts``; ``no_repeats`` itself for a
 * segment without one) and its key bases (``dp._bases``; the set itself without repeats). None
 * where a segment is no frozenset or a key no str (the caller computes them in Python). */
static PyObject *key_tables(PyObject *module, PyObject *args)
{
    PyObject *segments, *no_repeats, *all[3] = {NULL, NULL, NULL}, *result = NULL;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!O", &PyList_Type, &segments, &no_repeats))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(segments);
    for (Py_ssize_t s = 0; s < n; s++)
        if (!PyFrozenSet_CheckExact(PyList_GET_ITEM(segments, s)))
            Py_RETURN_NONE;
    for (int k = 0; k < 3; k++)
        if (!(all[k] = PyList_New(n)))
            goto done;
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *keys = PyList_GET_ITEM(segments, s), *repeats = PyList_New(0), *key;
        if (!repeats)
            goto done;
        PyList_SET_ITEM(all[0], s, repeats);
        PyObject *it = PyObject_GetIter(keys);   /* (the public API, in the set's order) */
        if (!it)
            goto done;
        while ((key = PyIter_Next(it)) != NULL) {
            Py_ssize_t at = PyUnicode_Check(key) ? PyUnicode_FindChar(key, '#', 0, PyUnicode_GET_LENGTH(key), 1) : -3;
            int failed = at == -2 || (at >= 0 && PyList_Append(repeats, key) < 0);
            Py_DECREF(key);   /* (the set holds it) */
            if (failed || at == -3) {
                Py_DECREF(it);
                if (!failed) {   /* a key that is no str: Python says what is wrong */
                    Py_INCREF(Py_None);
                    result = Py_None;
                }
                goto done;
            }
        }
        Py_DECREF(it);
        if (PyErr_Occurred())
            goto done;
        PyObject *counts, *bases;
        if (PyList_GET_SIZE(repeats) == 0) {
            counts = no_repeats;
            bases = keys;
            Py_INCREF(counts);
            Py_INCREF(bases);
        }
        else {
            counts = repeat_counts(keys, repeats);
            bases = counts ? repeat_bases(keys, repeats) : NULL;
            if (!bases) {
                Py_XDECREF(counts);
                goto done;
            }
        }
        PyList_SET_ITEM(all[1], s, counts);
        PyList_SET_ITEM(all[2], s, bases);
    }
    result = PyTuple_Pack(3, all[0], all[1], all[2]);
done:
    for (int k = 0; k < 3; k++)
        Py_XDECREF(all[k]);   /* (a list left part-filled holds NULLs, which it skips) */
    return result;
}

/* prefixed(sets, prefixes): for each frozenset of str, the frozenset of its strings that start with
 * one of ``prefixes`` (a tuple of str), made from them in the set's order: what
 * frozenset(filter(methodcaller("startswith", prefixes), s)) gives (``crossings``' strong keys).
 * None where an item is no frozenset or holds something other than str. */
static PyObject *prefixed(PyObject *module, PyObject *args)
{
    PyObject *sets, *prefixes, *out = NULL, *kept = NULL;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &sets, &PyTuple_Type, &prefixes))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(sets), np = PyTuple_GET_SIZE(prefixes);
    for (Py_ssize_t k = 0; k < np; k++)
        if (!PyUnicode_Check(PyTuple_GET_ITEM(prefixes, k))) {
            PyErr_SetString(PyExc_TypeError, "prefixed: prefixes must be str");
            return NULL;
        }
    for (Py_ssize_t s = 0; s < n; s++)
        if (!PyFrozenSet_CheckExact(PyList_GET_ITEM(sets, s)))
            Py_RETURN_NONE;
    if (!(out = PyList_New(n)) || !(kept = PyList_New(0)))
        goto fail;
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *it = PyObject_GetIter(PyList_GET_ITEM(sets, s)), *key;
        if (!it)
            goto fail;
        while ((key = PyIter_Next(it)) != NULL) {
            int match = 0;
            if (!PyUnicode_Check(key)) {
                Py_DECREF(key);
                Py_DECREF(it);
                Py_DECREF(out);
                Py_DECREF(kept);
                Py_RETURN_NONE;
            }
            for (Py_ssize_t k = 0; !match && k < np; k++)
                match = (int)PyUnicode_Tailmatch(key, PyTuple_GET_ITEM(prefixes, k), 0, PY_SSIZE_T_MAX, -1);
            int failed = match < 0 || (match > 0 && PyList_Append(kept, key) < 0);
            Py_DECREF(key);
            if (failed) {
                Py_DECREF(it);
                goto fail;
            }
        }
        Py_DECREF(it);
        if (PyErr_Occurred())
            goto fail;
        PyObject *strong = PyFrozenSet_New(kept);
        if (!strong || PyList_SetSlice(kept, 0, PyList_GET_SIZE(kept), NULL) < 0) {
            Py_XDECREF(strong);
            goto fail;
        }
        PyList_SET_ITEM(out, s, strong);
    }
    Py_DECREF(kept);
    return out;
fail:
    Py_XDECREF(out);
    Py_XDECREF(kept);
    return NULL;
}

/* with_words(sets, words, of_word): for each frozenset of keys and the list of its segment's words,
 * the set's union with the keys ``of_word`` (a dict: word -> tuple of keys) gives its words, in
 * their order: what set.union(chain.from_iterable(map(of_word.get, words, repeat(())))) gives
 * (``lexicon.with_table``). None where a set is no frozenset or a word's keys no tuple. */
static PyObject *with_words(PyObject *module, PyObject *args)
{
    PyObject *sets, *words, *of_word, *out = NULL;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyList_Type, &sets, &PyList_Type, &words, &PyDict_Type, &of_word))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(sets);
    if (PyList_GET_SIZE(words) != n)
        Py_RETURN_NONE;
    for (Py_ssize_t s = 0; s < n; s++)
        if (!PyFrozenSet_CheckExact(PyList_GET_ITEM(sets, s)) || !PyList_Check(PyList_GET_ITEM(words, s)))
            Py_RETURN_NONE;
    if (!(out = PyList_New(n)))
        return NULL;
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *union_ = PyFrozenSet_New(PyList_GET_ITEM(sets, s)), *list = PyList_GET_ITEM(words, s);
        if (!union_)
            goto fail;
        PyList_SET_ITEM(out, s, union_);
        for (Py_ssize_t w = 0; w < PyList_GET_SIZE(list); w++) {
            PyObject *keys = PyDict_GetItemWithError(of_word, PyList_GET_ITEM(list, w));   /* borrowed */
            if (!keys) {
                if (PyErr_Occurred())
                    goto fail;
                continue;
            }
            if (!PyTuple_CheckExact(keys)) {
                Py_DECREF(out);
                Py_RETURN_NONE;
            }
            for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(keys); k++)
                if (PySet_Add(union_, PyTuple_GET_ITEM(keys, k)) < 0)
                    goto fail;
        }
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ---- a text's words: ``evidence.read_words`` and the term search's (``glossary.matcher.WORD``) ---- */

/* a character of a word: ``letters``, regex [^\W\d_] (a word character that is no decimal digit and
 * no underscore); else \w (a letter, a digit or an underscore) */
static inline int word_char(Py_UCS4 c, int letters)
{
    if (c < 128)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!letters && ((c >= '0' && c <= '9') || c == '_'));
    return Py_UNICODE_ISALNUM(c) && !(letters && Py_UNICODE_ISDECIMAL(c));
}

/* what joins two runs of word characters into one word: an apostrophe (' or ’), and with ``letters`` a hyphen */
static inline int joiner(Py_UCS4 c, int letters)
{
    return c == '\'' || c == 0x2019 || (letters && c == '-');
}

/* Each word of ``text`` as the pattern finds it (``letters``: [^\W\d_]+(?:[-'’][^\W\d_]+)*; else
 * \w+(?:['’]\w+)*), appended to ``words``; with ``fold`` (read_words) its folded form to ``folded``:
 * the word's, or its part before its first apostrophe. -1 with an error set. */
static int scan_words(PyObject *text, int letters, PyObject *words, PyObject *fold, PyObject *folded)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text), i = 0;
    while (i < len) {
        if (!word_char(PyUnicode_READ(kind, data, i), letters)) {
            i++;
            continue;
        }
        Py_ssize_t start = i, cut = -1;   /* cut: the word's first apostrophe */
        while (i < len && word_char(PyUnicode_READ(kind, data, i), letters))
            i++;
        while (i + 1 < len && joiner(PyUnicode_READ(kind, data, i), letters)
               && word_char(PyUnicode_READ(kind, data, i + 1), letters)) {
            if (cut < 0 && PyUnicode_READ(kind, data, i) != '-')
                cut = i - start;
            i++;
            while (i < len && word_char(PyUnicode_READ(kind, data, i), letters))
                i++;
        }
        PyObject *word = PyUnicode_Substring(text, start, i), *part = NULL, *f = NULL;
        int failed = !word || PyList_Append(words, word) < 0;
        if (!failed && fold) {
            part = cut < 0 ? (Py_INCREF(word), word) : PyUnicode_Substring(word, 0, cut);
            f = part ? PyObject_CallOneArg(fold, part) : NULL;
            failed = !f || PyList_Append(folded, f) < 0;
        }
        Py_XDECREF(word);
        Py_XDECREF(part);
        Py_XDECREF(f);
        if (failed)
            return -1;
    }
    return 0;
}

/* each text's words (and with ``fold`` their folded forms, as (words, folded) tuples); NULL with an error */
static PyObject *texts_words(PyObject *texts, int letters, PyObject *fold, const char *name)
{
    Py_ssize_t n = PyList_GET_SIZE(texts);
    for (Py_ssize_t t = 0; t < n; t++)
        if (!PyUnicode_Check(PyList_GET_ITEM(texts, t))) {
            PyErr_Format(PyExc_TypeError, "%s: texts must be str", name);
            return NULL;
        }
    PyObject *out = PyList_New(n);
    if (!out)
        return NULL;
    for (Py_ssize_t t = 0; t < n; t++) {
        PyObject *words = PyList_New(0), *folded = fold ? PyList_New(0) : NULL, *item = words;
        if (words && fold)
            item = folded ? PyTuple_Pack(2, words, folded) : NULL;
        if (!item || scan_words(PyList_GET_ITEM(texts, t), letters, words, fold, folded) < 0) {
            Py_XDECREF(words);
            Py_XDECREF(folded);
            if (item != words)
                Py_XDECREF(item);
            Py_DECREF(out);
            return NULL;
        }
        if (fold) {   /* (the tuple holds them) */
            Py_DECREF(words);
            Py_DECREF(folded);
        }
        PyList_SET_ITEM(out, t, item);
    }
    return out;
}

/* read_words(texts, fold): for each text, (its words, their folded forms): the words as regex
 * [^\W\d_]+(?:[-'’][^\W\d_]+)* finds them (``evidence.words``), each folded by ``fold`` whole, or its
 * part before an apostrophe (' or ’) where it holds one (``evidence.folded_words``). */
static PyObject *read_words(PyObject *module, PyObject *args)
{
    PyObject *texts, *fold;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!O", &PyList_Type, &texts, &fold))
        return NULL;
    return texts_words(texts, 1, fold, "read_words");
}

/* term_words(texts): for each text, its words as the term search finds them (``glossary.matcher``'s
 * WORD, regex \w+(?:['’]\w+)*). */
static PyObject *term_words(PyObject *module, PyObject *args)
{
    PyObject *texts;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &texts))
        return NULL;
    return texts_words(texts, 0, NULL, "term_words");
}

/* weight_sums(segments, weights): for each segment (a frozenset of keys), math.fsum of its keys'
 * weights (``weights``: key -> float), in the set's order: ``dp._Scorer``'s Ws. None where a
 * segment is no frozenset, a key has no weight or a weight is no finite float (the caller sums in
 * Python, which says what is wrong). */
static PyObject *weight_sums(PyObject *module, PyObject *args)
{
    PyObject *segments, *weights, *out = NULL;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &segments, &PyDict_Type, &weights))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(segments), most = 0;
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *keys = PyList_GET_ITEM(segments, s);
        if (!PyFrozenSet_CheckExact(keys))
            Py_RETURN_NONE;
        if (PySet_GET_SIZE(keys) > most)
            most = PySet_GET_SIZE(keys);
    }
    double *values = PyMem_Malloc(sizeof(double) * (size_t)(2 * most + 2));
    if (!values)
        return PyErr_NoMemory();
    if (!(out = PyList_New(n)))
        goto done;
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *it = PyObject_GetIter(PyList_GET_ITEM(segments, s)), *key;
        Py_ssize_t count = 0;
        if (!it)
            goto fail;
        while ((key = PyIter_Next(it)) != NULL) {
            PyObject *w = PyDict_GetItemWithError(weights, key);   /* borrowed */
            Py_DECREF(key);
            if (!w || !PyFloat_CheckExact(w) || !isfinite(PyFloat_AS_DOUBLE(w)) || count == most) {
                Py_DECREF(it);
                if (PyErr_Occurred())
                    goto fail;
                Py_CLEAR(out);
                Py_INCREF(Py_None);
                out = Py_None;
                goto done;
            }
            values[count++] = PyFloat_AS_DOUBLE(w);
        }
        Py_DECREF(it);
        if (PyErr_Occurred())
            goto fail;
        double total = exact_sum(values, count, values + most + 1);
        if (!isfinite(total)) {   /* an intermediate overflow: Python raises */
            Py_CLEAR(out);
            Py_INCREF(Py_None);
            out = Py_None;
            goto done;
        }
        PyObject *sum = PyFloat_FromDouble(total);
        if (!sum)
            goto fail;
        PyList_SET_ITEM(out, s, sum);
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyMem_Free(values);
    return out;
}

/* bead_ids(words, beads, vocab, min_length): for each bead (a sequence of segment indices), the
 * ids of its segments' words (``words``: each segment's list of str) of ``min_length`` characters
 * or more, in order, a word new to ``vocab`` (str -> id) given the next id, len(vocab):
 * ``lexicon.learn_table``'s word ids of one side. None where a bead's index is no int in range
 * or a segment's words are no list of str (the caller reads them in Python). */
static PyObject *bead_ids(PyObject *module, PyObject *args)
{
    PyObject *words, *beads, *vocab, *out;
    Py_ssize_t min_length;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!O!O!n", &PyList_Type, &words, &PyList_Type, &beads, &PyDict_Type, &vocab,
                          &min_length))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(beads), n_words = PyList_GET_SIZE(words);
    for (Py_ssize_t b = 0; b < n; b++) {
        PyObject *bead = PyList_GET_ITEM(beads, b);
        if (!PyTuple_CheckExact(bead))
            Py_RETURN_NONE;
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(bead); k++) {
            PyObject *index = PyTuple_GET_ITEM(bead, k);
            Py_ssize_t i = PyLong_CheckExact(index) ? PyLong_AsSsize_t(index) : -1;
            if (i < 0 || i >= n_words || !PyList_CheckExact(PyList_GET_ITEM(words, i))) {
                PyErr_Clear();
                Py_RETURN_NONE;
            }
            PyObject *list = PyList_GET_ITEM(words, i);
            for (Py_ssize_t w = 0; w < PyList_GET_SIZE(list); w++)
                if (!PyUnicode_CheckExact(PyList_GET_ITEM(list, w)))
                    Py_RETURN_NONE;
        }
    }
    if (!(out = PyList_New(n)))
        return NULL;
    for (Py_ssize_t b = 0; b < n; b++) {
        PyObject *bead = PyList_GET_ITEM(beads, b), *ids = PyList_New(0);
        if (!ids)
            goto fail;
        PyList_SET_ITEM(out, b, ids);
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(bead); k++) {
            PyObject *list = PyList_GET_ITEM(words, PyLong_AsSsize_t(PyTuple_GET_ITEM(bead, k)));
            for (Py_ssize_t w = 0; w < PyList_GET_SIZE(list); w++) {
                PyObject *word = PyList_GET_ITEM(list, w);
                if (PyUnicode_GET_LENGTH(word) < min_length)
                    continue;
                PyObject *id = PyDict_GetItemWithError(vocab, word);   /* borrowed */
                if (!id) {
                    if (PyErr_Occurred())
                        goto fail;
                    PyObject *fresh = PyLong_FromSsize_t(PyDict_GET_SIZE(vocab));
                    int failed = !fresh || PyDict_SetItem(vocab, word, fresh) < 0;
                    Py_XDECREF(fresh);
                    if (failed || !(id = PyDict_GetItemWithError(vocab, word)))
                        goto fail;
                }
                if (PyList_Append(ids, id) < 0)
                    goto fail;
            }
        }
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* key_weights(df, kinds, scale): ``dp._Scorer``'s weights: for each key of ``df`` (key -> count), in
 * its order, kinds.get(key[0], 1.0) * scale[count]. None where a key is an empty or no str, a kind's
 * or a scale's value no float (the caller computes them in Python, which says what is wrong). */
static PyObject *key_weights(PyObject *module, PyObject *args)
{
    PyObject *df, *kinds, *scale, *key, *count;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyDict_Type, &df, &PyDict_Type, &kinds, &PyDict_Type, &scale))
        return NULL;
    PyObject *out = PyDict_New();
    if (!out)
        return NULL;
    Py_ssize_t pos = 0;
    while (PyDict_Next(df, &pos, &key, &count)) {
        if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) == 0)
            goto other;
        PyObject *first = PyUnicode_Substring(key, 0, 1);
        PyObject *kind = first ? PyDict_GetItemWithError(kinds, first) : NULL;   /* borrowed */
        Py_XDECREF(first);
        if (!kind && PyErr_Occurred())
            goto fail;
        PyObject *factor = PyDict_GetItemWithError(scale, count);   /* borrowed */
        if (!factor) {
            if (PyErr_Occurred())
                goto fail;
            goto other;
        }
        if ((kind && !PyFloat_CheckExact(kind)) || !PyFloat_CheckExact(factor))
            goto other;
        PyObject *weight = PyFloat_FromDouble((kind ? PyFloat_AS_DOUBLE(kind) : 1.0) * PyFloat_AS_DOUBLE(factor));
        int failed = !weight || PyDict_SetItem(out, key, weight) < 0;
        Py_XDECREF(weight);
        if (failed)
            goto fail;
    }
    return out;
other:
    Py_DECREF(out);
    Py_RETURN_NONE;
fail:
    Py_DECREF(out);
    return NULL;
}

/* numbered(keys): ``evidence._numbered``: the keys as a frozenset, a key's n-th occurrence (n > 1)
 * as "key#n". None where a key is no str. */
static PyObject *numbered(PyObject *module, PyObject *args)
{
    PyObject *keys, *once, *seen = NULL, *out = NULL, *result = NULL;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &keys))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(keys);
    for (Py_ssize_t k = 0; k < n; k++)
        if (!PyUnicode_CheckExact(PyList_GET_ITEM(keys, k)))
            Py_RETURN_NONE;
    if (!(once = PyFrozenSet_New(keys)))
        return NULL;
    if (PySet_GET_SIZE(once) == n)   /* no key twice (most segments) */
        return once;
    Py_DECREF(once);
    if (!(seen = PyDict_New()) || !(out = PyList_New(0)))
        goto done;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *key = PyList_GET_ITEM(keys, k), *before = PyDict_GetItemWithError(seen, key);
        if (!before && PyErr_Occurred())
            goto done;
        long count = before ? PyLong_AsLong(before) + 1 : 1;
        PyObject *value = PyLong_FromLong(count);
        int failed = !value || PyDict_SetItem(seen, key, value) < 0;
        Py_XDECREF(value);
        if (failed)
            goto done;
        PyObject *item = count == 1 ? (Py_INCREF(key), key) : PyUnicode_FromFormat("%U#%ld", key, count);
        failed = !item || PyList_Append(out, item) < 0;
        Py_XDECREF(item);
        if (failed)
            goto done;
    }
    result = PyFrozenSet_New(out);
done:
    Py_XDECREF(seen);
    Py_XDECREF(out);
    return result;
}

/* ---- the cheap evidence keys of a segment (``evidence.segment_keys``) ---- */

/* word_keys(words, folded, months, cognates): the keys ``segment_keys`` reads from a segment's words,
 * in its order: each folded word's month key (``months``: folded word -> key; None: no month keys),
 * then, with ``cognates``, each cognate key: "c:" and the first five letters of a folded word of six
 * letters or more, or of three or more whose word's first character is upper case (str.isupper). */
static PyObject *word_keys(PyObject *module, PyObject *args)
{
    PyObject *words, *folded, *months, *out = NULL, *prefix = NULL;
    int cognates;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!O!Op", &PyList_Type, &words, &PyList_Type, &folded, &months, &cognates))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(folded);
    if (PyList_GET_SIZE(words) != n || (months != Py_None && !PyDict_CheckExact(months))) {
        PyErr_SetString(PyExc_TypeError, "word_keys: words and folded words of one length, months a dict or None");
        return NULL;
    }
    for (Py_ssize_t k = 0; k < n; k++)
        if (!PyUnicode_Check(PyList_GET_ITEM(words, k)) || !PyUnicode_Check(PyList_GET_ITEM(folded, k))) {
            PyErr_SetString(PyExc_TypeError, "word_keys: words must be str");
            return NULL;
        }
    out = PyList_New(0);
    if (!out)
        return NULL;
    if (months != Py_None)
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *key = PyDict_GetItemWithError(months, PyList_GET_ITEM(folded, k));   /* borrowed */
            if (key ? PyList_Append(out, key) < 0 : PyErr_Occurred() != NULL)
                goto fail;
        }
    if (cognates) {
        prefix = PyUnicode_FromStringAndSize("c:", 2);
        if (!prefix)
            goto fail;
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *f = PyList_GET_ITEM(folded, k), *w = PyList_GET_ITEM(words, k);
            Py_ssize_t len = PyUnicode_GET_LENGTH(f);
            if (len < 6 && !(len >= 3 && PyUnicode_GET_LENGTH(w) > 0 && Py_UNICODE_ISUPPER(PyUnicode_READ_CHAR(w, 0))))
                continue;
            PyObject *head = len > 5 ? PyUnicode_Substring(f, 0, 5) : (Py_INCREF(f), f);
            PyObject *key = head ? PyUnicode_Concat(prefix, head) : NULL;
            Py_XDECREF(head);
            if (!key)
                goto fail;
            int failed = PyList_Append(out, key) < 0;
            Py_DECREF(key);
            if (failed)
                goto fail;
        }
        Py_DECREF(prefix);
    }
    return out;
fail:
    Py_XDECREF(prefix);
    Py_DECREF(out);
    return NULL;
}

#define MAX_MARKS 64

/* text_marks(text, marks): (whether ``text`` holds a decimal digit, as regex \d finds one; whether it
 * holds two of I, V, X, L, C in a row; the keys of its punctuation marks in order: ``marks`` is
 * mark (one character) -> key). One pass over the text for the two regex searches and the findall
 * of ``segment_keys``. */
static PyObject *text_marks(PyObject *module, PyObject *args)
{
    PyObject *text, *marks, *mark, *key;
    (void)module;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PyDict_Type, &marks))
        return NULL;
    Py_UCS4 chars[MAX_MARKS];
    PyObject *keys[MAX_MARKS];
    unsigned char ascii[128] = {0};
    Py_UCS4 wide_lo = 0x110000, wide_hi = 0;
    int n_marks = 0;
    Py_ssize_t pos = 0;
    while (PyDict_Next(marks, &pos, &mark, &key)) {
        if (n_marks == MAX_MARKS || !PyUnicode_Check(mark) || PyUnicode_GET_LENGTH(mark) != 1) {
            PyErr_SetString(PyExc_TypeError, "text_marks: marks must be at most 64 single characters");
            return NULL;
        }
        Py_UCS4 c = PyUnicode_READ_CHAR(mark, 0);
        chars[n_marks] = c;
        keys[n_marks++] = key;
        if (c < 128)
            ascii[c] = 1;
        else {
            wide_lo = c < wide_lo ? c : wide_lo;
            wide_hi = c > wide_hi ? c : wide_hi;
        }
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    int digit = 0, roman = 0, roman_before = 0;
    PyObject *found = PyList_New(0);
    if (!found)
        return NULL;
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        int is_roman = c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C';
        roman |= is_roman && roman_before;
        roman_before = is_roman;
        if (c < 128) {
            digit |= c >= '0' && c <= '9';
            if (!ascii[c])
                continue;
        } else {
            digit |= Py_UNICODE_ISDECIMAL(c);
            if (c < wide_lo || c > wide_hi)
                continue;
        }
        for (int k = 0; k < n_marks; k++)
            if (chars[k] == c) {
                if (PyList_Append(found, keys[k]) < 0) {
                    Py_DECREF(found);
                    return NULL;
                }
                break;
            }
    }
    return Py_BuildValue("(NNN)", PyBool_FromLong(digit), PyBool_FromLong(roman), found);
}

static PyMethodDef module_methods[] = {
    {"overlaps", overlaps, METH_VARARGS, "The rows of bandpass.overlaps' table of shared weights."},
    {"band", band_search, METH_VARARGS, "The search's pass over the band (bandpass.search; vecsearch.search's rows)."},
    {"model1_table", model1_table, METH_VARARGS, "model1.learnt_pairs: the learnt table's word pairs."},
    {"word_keys", word_keys, METH_VARARGS, "evidence.segment_keys' month and cognate keys."},
    {"key_tables", key_tables, METH_VARARGS, "dp._Scorer's repeats, counts and bases of each segment."},
    {"prefixed", prefixed, METH_VARARGS, "crossings' strong keys of each segment."},
    {"with_words", with_words, METH_VARARGS, "lexicon.with_table's keys of each segment."},
    {"read_words", read_words, METH_VARARGS, "evidence.read_words of each text."},
    {"term_words", term_words, METH_VARARGS, "The term search's words of each text."},
    {"weight_sums", weight_sums, METH_VARARGS, "math.fsum of each segment's key weights."},
    {"bead_ids", bead_ids, METH_VARARGS, "lexicon.learn_table's word ids of each bead of one side."},
    {"key_weights", key_weights, METH_VARARGS, "dp._Scorer's key weights."},
    {"numbered", numbered, METH_VARARGS, "evidence._numbered."},
    {"text_marks", text_marks, METH_VARARGS, "evidence.segment_keys' digit and numeral checks and punctuation keys."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_fastcost", "Bead costs of workbench.align.dp in C (optional).", -1, module_methods, NULL,
    NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__fastcost(void)
{
    INV_SQRT2 = 1.0 / sqrt(2.0);
    if (PyType_Ready(&CoreType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m)
        return NULL;
    Py_INCREF(&CoreType);
    if (PyModule_AddObject(m, "Core", (PyObject *)&CoreType) < 0) {
        Py_DECREF(&CoreType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
