"""
Lathe's Python harness. It RUNS INSIDE PYODIDE, in a sandbox child process (child.mjs).

It is executed once, when the memory snapshot is made, so every instance restored from the
snapshot starts with it, and with the preloaded standard library modules, already imported.
child.mjs then calls:

    init(emit, mem_refused, seed)   once per instance, after restore
    warm_up(rounds), seal()         then: sample requests, and the state check's anchor is made
    prepare(header_json, scope_json) -> names   per request: read it (None: it already failed)
    compile_block() -> code         when child.mjs has no cached code for (names, source)
    run_block(code)                 -> "<meta JSON>\\n" or "<meta JSON>\\n<value JSON>\\n"
    after()                         after the answer was sent -> "" or why the instance is dirty

The frames it writes (`log`, `done`) and the request header it reads are defined in
protocol.ts (ChildFrame, RunHeader): keep the JSON field names here the same as there
(protocol.test.ts round-trips every frame through a real child and fails on a mismatch).

A block's source is the BODY of a function: the scope names that are Python identifiers are
its parameters (so `x = x + 1` rebinds locally), `return` gives the block's data. Nothing here
is private from user code (it runs in the same interpreter, and even has ctypes): the parent
process treats every byte it receives as untrusted, never shares an instance between isolation
keys (apps), and replaces an instance whose harness or preloaded modules a block changed (see
after()).
"""

import ast
import builtins
import gc
import io
import json
import json.decoder
import json.encoder
import keyword
import linecache
import logging
import os
import sys
import time
import traceback
import types

# The preloaded library (documented in ../README.md). Importing them here puts them in the
# snapshot, so user imports of these cost nothing.
import base64
import bisect
import calendar
import collections
import copy
import csv
import dataclasses
import datetime
import decimal
import enum
import fractions
import functools
import hashlib
import heapq
import html
import itertools
import math
import operator
import pprint
import random
import re
import secrets
import statistics
import string
import textwrap
import typing
import unicodedata
import urllib.parse
import uuid

# Lazy attributes of the preloaded modules that replace themselves on first use are made now, so
# that first use by a block does not look like a patch to the state check (see after()).
string.Template("$x").substitute(x=1)

FILE = "block.py"
MAX_DETAIL = 8000
MAX_MESSAGE = 1000
_LEVELS = {logging.DEBUG: "log", logging.INFO: "info", logging.WARNING: "warn", logging.ERROR: "error", logging.CRITICAL: "error"}
_JSON_ONLY = "; only JSON values (dicts, lists, strings, finite numbers, booleans, None) can be returned"

# Private encoders: user code that rebinds json.dumps does not change how results are encoded
# (patching json.encoder internals would, and marks the instance dirty; the parent validates anyway).
_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
_ENCODE_ASCII = json.JSONEncoder(separators=(",", ":")).encode
_loads = json.loads
_monotonic = time.monotonic
_time = time.time

_emit = None
_mem_refused = None


class AttrDict(dict):
    """A JSON object from the scope: item access (`blk["data"]`) and attribute access (`blk.data`).

    Keys that are dict method names (`items`, `keys`, `get`, ...) need item access.
    """

    __slots__ = ()

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"no key {name!r} in this object") from None

    def __setattr__(self, name, value):
        self[name] = value

    def __delattr__(self, name):
        try:
            del self[name]
        except KeyError:
            raise AttributeError(name) from None


class ServerError(Exception):
    """Raise it to fail the block with an HTTP status and JSON data for the caller:
    `raise ServerError("Not found", status=404, data={"id": 3})`."""

    def __init__(self, message="", status=500, data=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.data = data


# Shown as `ServerError: ...` in tracebacks, as the name users wrote.
ServerError.__module__ = "builtins"
AttrDict.__module__ = "builtins"


# ---------------------------------------------------------------------------------------------
# Logs: print, sys.stderr and logging, capped by the request's maxLogBytes.


class _Logs:
    __slots__ = ("entries", "used", "lt", "ld", "mk", "ml", "t0", "rid", "flushed_at")

    def __init__(self):
        self.reset(0, 0, 0)

    def reset(self, rid, ml, t0):
        self.entries = []
        self.used = 0
        self.lt = False
        # Past the cap: characters dropped (counted, not kept) and the final note, sent with `done`.
        self.ld = 0
        self.mk = None
        self.ml = ml
        self.t0 = t0
        self.rid = rid
        self.flushed_at = _monotonic()


LOGS = _Logs()


def _dropped(n):
    L = LOGS
    L.ld += n
    L.mk["message"] = f"Logs truncated: this run printed more than {L.ml} bytes; {L.ld} bytes dropped"


def _add_log(level, message):
    L = LOGS
    if L.lt:
        _dropped(len(message))
        return
    t = int(_time() * 1000 - L.t0)
    # 40 ≈ the JSON overhead of one entry, as in the JavaScript sandbox.
    room = L.ml - L.used
    if len(message) + 40 > room:
        L.lt = True
        kept = room - 140 if room > 200 else 0
        if kept:
            L.entries.append({"level": level, "message": message[:kept], "t": t})
        # What was kept goes out now (with the flag), so a run killed later keeps it; the note
        # stays behind and leaves with `done`, by then counting every character dropped.
        _emit(_ENCODE_ASCII({"type": "log", "id": L.rid, "logs": L.entries, "logsTruncated": True}) + "\n")
        L.flushed_at = _monotonic()
        L.mk = {"level": "warn", "message": "", "t": t}
        L.entries = [L.mk]
        _dropped(len(message) - kept)
        return
    L.used += len(message) + 40
    L.entries.append({"level": level, "message": message, "t": t})
    # Stream logs out in batches, so a run that is killed (time, memory) keeps what it printed.
    if len(L.entries) >= 64 or _monotonic() - L.flushed_at > 0.1:
        _flush_logs()


def _flush_logs():
    L = LOGS
    if L.entries:
        _emit(_ENCODE_ASCII({"type": "log", "id": L.rid, "logs": L.entries, "logsTruncated": L.lt}) + "\n")
        L.entries = []
    L.flushed_at = _monotonic()


class _Out(io.TextIOBase):
    """sys.stdout / sys.stderr during a run: one log entry per line ending (one per print)."""

    def __init__(self, level):
        self._level = level
        self._buf = []
        self._n = 0

    def writable(self):
        return True

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        if LOGS.lt:
            _dropped(len(s))
            return len(s)
        if s.endswith("\n"):
            if self._buf:
                self._buf.append(s[:-1])
                msg = "".join(self._buf)
                self._buf = []
                self._n = 0
            else:
                msg = s[:-1]
            _add_log(self._level, msg)
        elif s:
            self._buf.append(s)
            self._n += len(s)
            if self._n > LOGS.ml:
                self.drain()
        return len(s)

    def flush(self):
        pass

    def drain(self):
        if self._buf:
            msg = "".join(self._buf)
            self._buf = []
            self._n = 0
            _add_log(self._level, msg)


class _LogHandler(logging.Handler):
    def emit(self, record):
        try:
            _add_log(_LEVELS.get(record.levelno, "log"), self.format(record))
        except Exception:
            self.handleError(record)


_HANDLER = _LogHandler()
_HANDLER.setFormatter(logging.Formatter("%(message)s"))


# ---------------------------------------------------------------------------------------------
# Compiling a block: the source becomes the body of `def <block>(<scope names>)`, line numbers
# unchanged (ast.parse accepts `return` at top level; only the compiler would refuse it). The
# compiled code objects are cached by child.mjs, in JavaScript, where no Python code reaches
# them (a cache in this module could be rewritten by a block for a later call's source).


def _compile(source, names):
    tree = ast.parse(source, FILE)
    args = ast.arguments(posonlyargs=[], args=[ast.arg(arg=n) for n in names], kwonlyargs=[], kw_defaults=[], defaults=[])
    fn = ast.FunctionDef(name="<block>", args=args, body=tree.body or [ast.Pass()], decorator_list=[], returns=None, type_params=[])
    fn.lineno = fn.end_lineno = 1
    fn.col_offset = fn.end_col_offset = 0
    module = ast.Module(body=[fn], type_ignores=[])
    ast.fix_missing_locations(module)
    code = compile(module, FILE, "exec", dont_inherit=True)
    return next(c for c in code.co_consts if isinstance(c, types.CodeType))


def _scope_names(scope):
    return tuple(sorted(n for n in scope if n.isidentifier() and not keyword.iskeyword(n)))


# ---------------------------------------------------------------------------------------------
# Results and failures.


def _describe(v):
    if isinstance(v, float):
        return f"the number {v}"
    if isinstance(v, (set, frozenset)):
        return f"a {type(v).__name__} (convert it with list())"
    if isinstance(v, (bytes, bytearray)):
        return "bytes (decode them with .decode() or base64)"
    if isinstance(v, datetime.datetime):
        return "a datetime (convert it with .isoformat())"
    if isinstance(v, (datetime.date, datetime.time)):
        return f"a {type(v).__name__} (convert it with .isoformat())"
    if isinstance(v, decimal.Decimal):
        return "a Decimal (convert it with float() or str())"
    if isinstance(v, types.GeneratorType):
        return "a generator (convert it with list())"
    if callable(v):
        return "a function"
    return f"a {type(v).__name__} object"


# JavaScript numbers hold integers exactly up to 2**53: a larger one would change silently.
_MAX_SAFE_INT = 2**53
_BIG_INT = "an integer beyond 2**53, which JSON numbers do not hold exactly (convert it with str())"
# A run of 16+ digits that is not part of a float: the only way such an integer can be in the text.
_LONG_INT = re.compile(r"(?<![\d.eE+-])-?\d{16,}(?![\d.eE])")


def _find_bad(value):
    """Where the first value JSON cannot carry is, as (path, description); only on failure."""
    budget = [100000]
    seen = set()

    def walk(v, path, depth):
        budget[0] -= 1
        if budget[0] < 0 or depth > 200:
            return None
        if v is None or isinstance(v, (str, bool)):
            return None
        if isinstance(v, int):
            return None if -_MAX_SAFE_INT <= v <= _MAX_SAFE_INT else (path, _BIG_INT)
        if isinstance(v, float):
            return None if v - v == 0 else (path, _describe(v))
        if isinstance(v, (list, tuple)):
            if id(v) in seen:
                return (path, "a circular reference")
            seen.add(id(v))
            for i, x in enumerate(v):
                r = walk(x, f"{path}[{i}]", depth + 1)
                if r:
                    return r
            seen.discard(id(v))
            return None
        if isinstance(v, dict):
            if id(v) in seen:
                return (path, "a circular reference")
            seen.add(id(v))
            for k, x in v.items():
                if not isinstance(k, (str, int, float, bool)) and k is not None:
                    return (path, f"a key of type {type(k).__name__}")
                sub = f"{path}.{k}" if isinstance(k, str) and k.isidentifier() else f"{path}[{k!r}]"
                r = walk(x, sub, depth + 1)
                if r:
                    return r
            seen.discard(id(v))
            return None
        return (path, _describe(v))

    return walk(value, "", 0)


def _not_json(value, err):
    label = "The result"
    if isinstance(err, RecursionError):
        return label + " is nested too deeply" + _JSON_ONLY
    bad = _find_bad(value)
    if bad is None:
        return f"{label} cannot be converted to JSON: {err}{_JSON_ONLY}"
    path, what = bad
    if path == "":
        return f"{label} is {what}{_JSON_ONLY}"
    return f"{label} contains {what} at {path.lstrip('.')}{_JSON_ONLY}"


def _json_size(s, mo):
    """UTF-8 size of `s`, exact when it matters: its length alone proves it fits (≤ 3 bytes per
    character) or does not (≥ 1 byte per character, then the length is a lower bound)."""
    n = len(s)
    if n * 3 <= mo or n > mo:
        return n
    return len(s.encode("utf-8", "surrogatepass"))


def _user_frames(e):
    te = traceback.TracebackException.from_exception(e, limit=None, lookup_lines=False)
    frames = [f for f in te.stack if f.filename == FILE]
    return te, frames


def _format_failure(e):
    """(message, detail) for an exception from user code: user frames only, user line numbers."""
    if isinstance(e, SyntaxError) and e.filename == FILE:
        detail = "".join(traceback.format_exception_only(type(e), e)).rstrip()
        where = f" (line {e.lineno})" if e.lineno else ""
        return f"SyntaxError: {e.msg}{where}", detail
    te, frames = _user_frames(e)
    lines = []
    if frames:
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.StackSummary.from_list(frames).format())
    lines.extend(te.format_exception_only())
    detail = "".join(lines).rstrip()
    if len(detail) > MAX_DETAIL:
        detail = detail[: MAX_DETAIL // 2] + "\n  ...\n" + detail[-MAX_DETAIL // 2 :]
    text = str(e)
    message = f"{type(e).__name__}: {text}" if text else type(e).__name__
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 3] + "..."
    if frames:
        message += f" (line {frames[-1].lineno})"
    return message, detail


def _meta(rid, ok, error=None):
    m = {"type": "done", "id": rid, "ok": ok, "logs": LOGS.entries, "logsTruncated": LOGS.lt}
    if error is not None:
        m["error"] = error
    return _ENCODE_ASCII(m) + "\n"


def _failure(rid, code, message=None, detail=None, **extra):
    error = {"code": code}
    if message:
        error["message"] = message
    if detail:
        error["detail"] = detail
    error.update(extra)
    return _meta(rid, False, error)


def _server_error(rid, e, mo):
    message, detail = _format_failure(e)
    st = e.status
    status = st if type(st) is int and 400 <= st <= 599 else 500
    extra = {"status": status}
    if e.data is not None:
        try:
            s = _ENCODE(e.data)
            if _json_size(s, mo) > mo:
                raise ValueError("too large")
            extra["data"] = _loads(s)
        except Exception:
            detail += "\n(ServerError data dropped: not JSON or too large)"
    msg = str(e.message) if e.message is not None else ""
    return _failure(rid, "USER_ERROR", msg[:MAX_MESSAGE] or "ServerError", detail, **extra)


# ---------------------------------------------------------------------------------------------
# Per-request state that is reset, not just checked.

_BASE_RECURSION = sys.getrecursionlimit()
_ROOT = logging.getLogger()


def _reset_run_state():
    sys.setrecursionlimit(_BASE_RECURSION)
    _ROOT.handlers[:] = [_HANDLER]
    _ROOT.setLevel(logging.DEBUG)
    logging.disable(logging.NOTSET)
    decimal.setcontext(decimal.Context())


# ---------------------------------------------------------------------------------------------
# A request, in three steps driven by child.mjs, with no user code running between them:
#   prepare(header, scope) -> the cache key's names (None: already failed)
#   compile_block()        -> the block's code object (only when child.mjs has none cached)
#   run_block(code)        -> "<meta JSON>\n" or "<meta JSON>\n<value JSON>\n"


class _Call:
    __slots__ = ("rid", "mo", "source", "scope", "names", "failed", "refused0")


_CALL = _Call()


def prepare(header_json, scope_json):
    """Reads a request. Returns its scope names joined by ',' (with the source, the key of
    child.mjs's compile cache), or None when the request has already failed."""
    h = _loads(header_json)
    C = _CALL
    C.rid = rid = h["id"]
    C.failed = None
    C.scope = None
    C.names = ()
    try:
        C.mo = h["maxOutputBytes"]
        C.source = h["source"]
        LOGS.reset(rid, h["maxLogBytes"], h["startedAt"])
        C.refused0 = _mem_refused()
    except BaseException as e:
        C.failed = _crashed(rid, e)
        return None
    try:
        C.scope = _loads(scope_json, object_pairs_hook=AttrDict)
        C.names = _scope_names(C.scope)
    except BaseException as e:
        C.failed = _user_failure(C, e)
        return None
    return ",".join(C.names)


def compile_block():
    """The code object of the request's block, or None when it failed (a syntax error)."""
    C = _CALL
    out = _Out("log")
    err = _Out("error")
    saved = (sys.stdout, sys.stderr)
    # Compiler warnings (an invalid escape sequence) are the block's logs.
    sys.stdout, sys.stderr = out, err
    try:
        try:
            return _compile(C.source, C.names)
        finally:
            out.drain()
            err.drain()
            sys.stdout, sys.stderr = saved
    except BaseException as e:
        C.failed = _user_failure(C, e)
        return None


def run_block(fcode):
    """Runs the request's block (`fcode` from compile_block, maybe cached) and encodes its answer."""
    C = _CALL
    if C.failed is not None:
        return C.failed
    try:
        return _run(C, fcode)
    except MemoryError:
        return _failure(C.rid, "SANDBOX_MEMORY")
    except BaseException as e:
        # A failure of the harness itself (user code can break it: it shares the interpreter).
        return _crashed(C.rid, e)


def run(header_json, scope_json):
    """The three steps at once, compiling every time (the warm-up)."""
    if prepare(header_json, scope_json) is None:
        return _CALL.failed
    return run_block(compile_block())


def _crashed(rid, e):
    return _failure(rid, "SANDBOX_CRASHED", None, "".join(traceback.format_exception_only(type(e), e))[:MAX_DETAIL])


def _user_failure(C, e):
    rid = C.rid
    if isinstance(e, ServerError):
        return _server_error(rid, e, C.mo)
    if isinstance(e, MemoryError):
        return _failure(rid, "SANDBOX_MEMORY")
    if isinstance(e, SystemExit):
        return _failure(rid, "BLOCK_FAILED", f"The code called sys.exit({e.code!r}); return a value or raise an exception instead")
    if _mem_refused() != C.refused0:
        return _failure(rid, "SANDBOX_MEMORY")
    message, detail = _format_failure(e)
    return _failure(rid, "BLOCK_FAILED", message, detail)


def _run(C, fcode):
    rid, mo, source, scope, names = C.rid, C.mo, C.source, C.scope, C.names
    out = _Out("log")
    err = _Out("error")
    saved = (sys.stdout, sys.stderr)
    _reset_run_state()
    sys.stdout, sys.stderr = out, err
    try:
        try:
            linecache.cache[FILE] = (len(source), None, source.splitlines(True), FILE)
            fn = types.FunctionType(fcode, {"__builtins__": builtins, "__name__": "block", "ServerError": ServerError}, "<block>")
            value = fn(*[scope[n] for n in names])
        finally:
            out.drain()
            err.drain()
            sys.stdout, sys.stderr = saved
    except BaseException as e:
        return _user_failure(C, e)
    try:
        s = _ENCODE(value)
    except MemoryError:
        return _failure(rid, "SANDBOX_MEMORY")
    except BaseException as e:
        return _failure(rid, "OUTPUT_NOT_JSON", _not_json(value, e))
    size = _json_size(s, mo)
    if size > mo:
        return _failure(rid, "OUTPUT_TOO_LARGE", size=size)
    # Cheap scan first; the walk (which also tells where) only when a long digit run exists.
    if _LONG_INT.search(s) is not None:
        bad = _find_bad(value)
        if bad is not None and bad[1] is _BIG_INT:
            return _failure(rid, "OUTPUT_NOT_JSON", _not_json(value, None))
    return _meta(rid, True) + s + "\n"


# ---------------------------------------------------------------------------------------------
# After each request: is anything that later requests of the same app would see or run changed?
# A changed ("dirty") instance is replaced by the parent. Processes are never shared between
# isolation keys (apps): that is what keeps apps apart. This check keeps the calls of ONE app
# apart from each other: the harness itself (its globals, functions, classes and the objects it
# holds), the preloaded modules, their classes and functions (code, defaults), and what the
# harness calls on every request (ast, linecache, logging's root logger, sys, json's decoders).
#
# Nothing in this interpreter is out of reach of user code (frames lead to the harness's
# globals, `gc` to everything), so the check, not hiding, is what holds. It is itself checked:
# child.mjs compares the code and the defaults of `after` with the originals it holds (Python
# cannot reach JavaScript), and `after` reads everything it needs from its defaults, an
# immutable anchor made at init. Until the harness is verified, it calls nothing user code can
# have replaced and compares only by identity (`is`, in C: no `__eq__`, `__hash__` or
# `__getattr__` of an object user code made runs inside the check).

_WATCHED = [
    builtins, json, json.encoder, json.decoder, logging, os, os.path, io, types, traceback,
    base64, bisect, calendar, collections, copy, csv, dataclasses, datetime, decimal, enum,
    fractions, functools, hashlib, heapq, html, itertools, math, operator, pprint, random,
    re, secrets, statistics, string, textwrap, typing, unicodedata, urllib.parse, uuid, time,
    ast, linecache, keyword,
]
# sys entries that change on their own (the rest are checked like a module's).
_IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE
# What the harness itself calls on every request: checked entry by entry, with the code and
# defaults of their functions (the other preloaded modules in bulk: an entry-by-entry check of
# everything costs several ms per request in Pyodide).
_REQUEST_PATH = (builtins, json, json.decoder, json.encoder, ast, linecache, logging, types, keyword, traceback, io)
_SYS_VOLATILE = frozenset({"last_exc", "last_type", "last_value", "last_traceback", "ps1", "ps2", "_git", "__interactivehook__"})


def _functions_in(ns):
    out = []
    for v in list(ns.values()):
        if isinstance(v, (staticmethod, classmethod)):
            v = v.__func__
        elif isinstance(v, property):
            out.extend(f for f in (v.fget, v.fset, v.fdel) if isinstance(f, types.FunctionType))
            continue
        if isinstance(v, types.FunctionType):
            out.append(v)
    return out


def _make_anchor():
    """The immutable record `after` checks against (its defaults, once made)."""
    import operator as op

    g = globals()
    me = g["__name__"]
    exact = []  # (dict or mappingproxy, keys, values): nothing added, removed or replaced
    grown = []  # (dict, keys, values): as `exact`, but new string keys may be added
    broad = []  # (dict or mappingproxy, keys, values): compared in bulk (see after())
    keytyped = []  # dicts the harness indexes by key on every request: string keys only
    typed = []  # (object, its type)
    lists = []  # (list, items)
    funcs = []

    def snap(d):
        return (d, tuple(d), tuple(d.values()))

    exact.append(snap(g))
    for name, v in list(g.items()):
        if isinstance(v, type) and (v.__module__ == me or v is AttrDict or v is ServerError):
            exact.append(snap(v.__dict__))
            typed.append((v, type(v)))
            funcs.extend(_functions_in(v.__dict__))
        elif isinstance(v, types.FunctionType) and v.__globals__ is g and v is not after:
            # (`after` itself is checked by child.mjs: its defaults are this anchor)
            funcs.append(v)
        elif type(v) is dict:
            exact.append(snap(v))
        elif type(v) is list:
            lists.append((v, tuple(v)))
    for m in _WATCHED:
        on_path = any(m is p for p in _REQUEST_PATH)
        typed.append((m, type(m)))
        (grown if on_path else broad).append(snap(m.__dict__))
        for v in list(vars(m).values()):
            # (types of C modules are mostly immutable: nothing to check)
            if isinstance(v, type) and v.__module__ == m.__name__ and not v.__flags__ & _IMMUTABLE_TYPE:
                typed.append((v, type(v)))
                if on_path:
                    exact.append(snap(v.__dict__))
                    funcs.extend(_functions_in(v.__dict__))
                else:
                    broad.append(snap(v.__dict__))
            elif on_path and isinstance(v, types.FunctionType):
                funcs.append(v)
    sysd = sys.__dict__
    keys = tuple(k for k in sysd if k not in _SYS_VOLATILE)
    grown.append((sysd, keys, tuple(sysd[k] for k in keys)))
    typed.append((sys, type(sys)))
    # Objects the harness holds and uses on every request.
    for obj in (_HANDLER, _HANDLER.formatter, _HANDLER.formatter._style, json._default_decoder, json._default_encoder, _ENCODE.__self__, _ENCODE_ASCII.__self__):
        typed.append((obj, type(obj)))
        exact.append(snap(obj.__dict__))
    # The root logger: its level may change (logging.basicConfig(level=...)); it is reset per request.
    typed.append((_ROOT, type(_ROOT)))
    rootd = vars(_ROOT)
    level_at = list(rootd).index("level")
    for obj in (LOGS, _CALL):
        typed.append((obj, type(obj)))
    for lst in (sys.meta_path, sys.path_hooks, sys.path, _HANDLER.filters, _ROOT.filters, _ROOT.handlers):
        typed.append((lst, type(lst)))
        lists.append((lst, tuple(lst)))
    for d in (sys.modules, linecache.cache):
        keytyped.append(d)
    kwdefaults = [f.__kwdefaults__ for f in funcs if f.__kwdefaults__]
    exact.extend(snap(d) for d in kwdefaults)
    funcs = tuple(funcs)
    flat_grown = [(d, k, v) for d, keys, values in grown for k, v in zip(keys, values)]
    return (
        op.is_, all, map, len, type, str, itertools.repeat, itertools.chain.from_iterable,
        op.methodcaller("values"), dict.get,
        op.attrgetter("__code__"), op.attrgetter("__defaults__"), op.attrgetter("__kwdefaults__"),
        # exact: the dicts, their lengths, all their keys and all their values, flat
        tuple(d for d, _, _ in exact), tuple(len(k) for _, k, _ in exact),
        tuple(k for _, keys, _ in exact for k in keys), tuple(v for _, _, values in exact for v in values),
        # grown: the dicts, then (dict, key) and value for each entry, flat
        tuple(d for d, _, _ in grown), tuple(d for d, _, _ in flat_grown), tuple(k for _, k, _ in flat_grown), tuple(v for _, _, v in flat_grown),
        # broad: the dicts, their lengths, all keys, all values
        tuple(d for d, _, _ in broad), tuple(len(k) for _, k, _ in broad),
        tuple(k for _, keys, _ in broad for k in keys), tuple(v for _, _, values in broad for v in values),
        tuple(broad),
        tuple(keytyped), tuple(typed), tuple(lists),
        funcs, tuple(f.__code__ for f in funcs), tuple(f.__defaults__ for f in funcs), tuple(f.__kwdefaults__ for f in funcs),
        (rootd, tuple(rootd), level_at, tuple(v for i, v in enumerate(rootd.values()) if i != level_at)),
        {name: m for name, m in sys.modules.items() if any(m is w for w in _WATCHED)},
    )


def after(_A=None):
    """'' when nothing watched changed; otherwise what changed (the parent then replaces us)."""
    if _A is None:
        return "the state check has no anchor"
    (is_, all_, map_, len_, type_, str_, repeat, chain, values_of, get, code_of, defaults_of, kwdefaults_of,
     exact, exact_lens, exact_keys, exact_values, grown, grown_dicts, grown_keys, grown_values,
     broad, broad_lens, broad_keys, broad_values, broad_entries,
     keytyped, typed, lists, funcs, codes, defaults, kwdefaults, root, modules) = _A
    # 1. The harness and what it calls on every request. Nothing user code can have replaced
    #    runs until these hold (identity only, in C, over flat tuples).
    for obj, t in typed:
        if type_(obj) is not t:
            return "the type of a harness object or a preloaded module was changed"
    if tuple(map_(len_, exact)) != exact_lens or not all_(map_(is_, chain(exact), exact_keys)):
        return "the harness, a class or an object it uses was changed"
    if not all_(map_(is_, chain(map_(values_of, exact)), exact_values)):
        return "the harness, a class or an object it uses was changed"
    # String keys only (then looking one up runs no user code), and the same values.
    if not all_(map_(is_, map_(type_, chain(grown + keytyped)), repeat(str_))):
        return "a module the harness uses, or a dictionary it indexes, got a key that is not a string"
    if not all_(map_(is_, map_(get, grown_dicts, grown_keys), grown_values)):
        return "a module the harness uses was changed"
    for lst, items in lists:
        if len_(lst) != len_(items) or not all_(map_(is_, lst, items)):
            return "the import system or the harness's log handler was changed"
    if not all_(map_(is_, map_(code_of, funcs), codes)) or not all_(map_(is_, map_(defaults_of, funcs), defaults)):
        return "the code of a function the harness uses was changed"
    if not all_(map_(is_, map_(kwdefaults_of, funcs), kwdefaults)):
        return "the defaults of a function the harness uses were changed"
    d, keys, at, values = root
    now = tuple(d.values())
    if len_(d) != len_(keys) or not all_(map_(is_, d, keys)) or not all_(map_(is_, now[:at] + now[at + 1 :], values)):
        return "the root logger was changed"
    # 2. The other preloaded modules and their classes, in bulk: tuple comparison, in C, is by
    #    identity first (an unchanged entry costs a pointer comparison); only a changed entry
    #    is compared by value, so that is then checked by identity.
    if (
        tuple(map_(len_, broad)) != broad_lens
        or tuple(chain(broad)) != broad_keys
        or tuple(chain(map_(values_of, broad))) != broad_values
    ):
        for d, keys, values in broad_entries:
            if not all_(map_(is_, map_(type_, d), repeat(str_))):
                return "a preloaded module or class got a key that is not a string"
            if not all_(map_(is_, map_(d.get, keys), values)):
                return "a preloaded module or class was changed"
    # 3. The rest, now that what it calls is the harness's own.
    if _mem_refused() != 0:
        return "memory limit reached"
    mods = sys.modules
    for name, m in modules.items():
        if mods.get(name) is not m:
            return f"sys.modules[{name!r}] was replaced"
    if sys.gettrace() or sys.getprofile():
        return "an interpreter hook was set"
    return ""


def _no_audit_hooks(hook):
    raise RuntimeError("audit hooks are not available in this sandbox")


def init(emit, mem_refused, seed):
    """Once per restored instance: wire the host callbacks, reseed, lock down. The anchor of the
    state check is made by seal(), after the warm-up."""
    global _emit, _mem_refused
    _emit = emit
    _mem_refused = mem_refused
    # Every instance restored from one snapshot starts with the same random state.
    random.seed(int(seed, 16))
    # An audit hook cannot be removed once added: it would see every later request's code.
    sys.addaudithook = _no_audit_hooks
    # No route back to the host's JavaScript objects (the child also runs with an empty
    # `jsglobals` and without code generation from strings, so these would lead nowhere).
    for name in ("js", "pyodide_js"):
        sys.modules.pop(name, None)
    sys.meta_path.insert(0, _BlockHostModules())
    os.environ.clear()


def seal():
    """After the warm-up: the harness leaves sys.modules (`import lathe_harness` fails; child.mjs
    holds what it calls) and the state check's anchor is made."""
    sys.modules.pop(__name__, None)
    after.__defaults__ = (_make_anchor(),)
    # Everything so far (the anchor's large tuples included) leaves the collector's generations:
    # otherwise every collection would walk them again (~10 ms per request).
    gc.collect()
    gc.freeze()


_WARM_UP = (
    ("print('warm', a)\nreturn {'a': a, 'b': [1, 2.5, None, True], 'c': blk.data}", '{"a": 1, "blk": {"data": "x", "error": null}}'),
    ("import json, math\nreturn json.loads(s)['k'] * math.pi", '{"s": "{\\"k\\": 2}"}'),
    ("raise ValueError('warm')", "{}"),
)


def warm_up(rounds):
    """Runs sample requests so the JIT has compiled the hot paths before the first real one."""
    global _emit
    emit = _emit
    _emit = lambda s: None
    try:
        for i in range(rounds):
            for src, scope in _WARM_UP:
                run(_ENCODE_ASCII({"id": 0, "source": src, "maxLogBytes": 65536, "maxOutputBytes": 1 << 20, "startedAt": 0, "memoryBytes": 0}), scope)
    finally:
        _emit = emit
        LOGS.reset(0, 0, 0)


class _BlockHostModules:
    """Meta path finder: `import js` / `import pyodide_js` fail instead of reaching the host."""

    BLOCKED = frozenset({"js", "pyodide_js"})

    def find_spec(self, name, path=None, target=None):
        if name in self.BLOCKED or name.split(".", 1)[0] in self.BLOCKED:
            raise ImportError(f"{name} is not available in this sandbox")
        return None
