"""
Lathe's Python harness. It RUNS INSIDE PYODIDE, in a sandbox child process (child.mjs).

It is executed once, when the memory snapshot is made, so every instance restored from the
snapshot starts with it, and with the preloaded standard library modules, already imported.
child.mjs then calls:

    init(emit, mem_refused, seed)   once per instance, after restore
    run(header_json, scope_json)    per request  -> "<meta JSON>\\n" or "<meta JSON>\\n<value JSON>\\n"
    after()                         after the answer was sent -> "" or why the instance is dirty

The frames it writes (`log`, `done`) and the request header it reads are defined in
protocol.ts (ChildFrame, RunHeader): keep the JSON field names here the same as there
(protocol.test.ts round-trips every frame through a real child and fails on a mismatch).

A block's source is the BODY of a function: the scope names that are Python identifiers are
its parameters (so `x = x + 1` rebinds locally), `return` gives the block's data. Nothing here
is private from user code (it runs in the same interpreter, and even has ctypes): the parent
process treats every byte it receives as untrusted, and never shares an instance between
isolation keys (apps).
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
# unchanged (ast.parse accepts `return` at top level; only the compiler would refuse it).

_CODE = {}


def _compile(source, names):
    key = (source, names)
    fcode = _CODE.get(key)
    if fcode is not None:
        return fcode
    tree = ast.parse(source, FILE)
    args = ast.arguments(posonlyargs=[], args=[ast.arg(arg=n) for n in names], kwonlyargs=[], kw_defaults=[], defaults=[])
    fn = ast.FunctionDef(name="<block>", args=args, body=tree.body or [ast.Pass()], decorator_list=[], returns=None, type_params=[])
    fn.lineno = fn.end_lineno = 1
    fn.col_offset = fn.end_col_offset = 0
    module = ast.Module(body=[fn], type_ignores=[])
    ast.fix_missing_locations(module)
    code = compile(module, FILE, "exec", dont_inherit=True)
    fcode = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    if len(_CODE) >= 128:
        _CODE.clear()
    _CODE[key] = fcode
    return fcode


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


def _reset_run_state():
    sys.setrecursionlimit(_BASE_RECURSION)
    root = logging.getLogger()
    root.handlers[:] = [_HANDLER]
    root.setLevel(logging.DEBUG)
    logging.disable(logging.NOTSET)
    decimal.setcontext(decimal.Context())


def run(header_json, scope_json):
    h = _loads(header_json)
    rid = h["id"]
    try:
        return _run(h, rid, scope_json)
    except MemoryError:
        return _failure(rid, "SANDBOX_MEMORY")
    except BaseException as e:
        # A failure of the harness itself (user code can break it: it shares the interpreter).
        return _failure(rid, "SANDBOX_CRASHED", None, "".join(traceback.format_exception_only(type(e), e))[:MAX_DETAIL])


def _run(h, rid, scope_json):
    mo = h["maxOutputBytes"]
    LOGS.reset(rid, h["maxLogBytes"], h["startedAt"])
    source = h["source"]
    refused0 = _mem_refused()
    out = _Out("log")
    err = _Out("error")
    saved = (sys.stdout, sys.stderr)
    _reset_run_state()
    sys.stdout, sys.stderr = out, err
    try:
        try:
            scope = _loads(scope_json, object_pairs_hook=AttrDict)
            names = _scope_names(scope)
            fcode = _compile(source, names)
            linecache.cache[FILE] = (len(source), None, source.splitlines(True), FILE)
            fn = types.FunctionType(fcode, {"__builtins__": builtins, "__name__": "block", "ServerError": ServerError}, "<block>")
            value = fn(*[scope[n] for n in names])
        finally:
            out.drain()
            err.drain()
            sys.stdout, sys.stderr = saved
    except ServerError as e:
        return _server_error(rid, e, mo)
    except MemoryError:
        return _failure(rid, "SANDBOX_MEMORY")
    except SystemExit as e:
        return _failure(rid, "BLOCK_FAILED", f"The code called sys.exit({e.code!r}); return a value or raise an exception instead")
    except BaseException as e:
        if _mem_refused() != refused0:
            return _failure(rid, "SANDBOX_MEMORY")
        message, detail = _format_failure(e)
        return _failure(rid, "BLOCK_FAILED", message, detail)
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
# After each request: is anything that later requests of the same app would see changed?
# (Cheap checks of what user code most often patches; instances are never shared between
# isolation keys, which is what keeps apps apart. A dirty instance is replaced.)

_WATCHED = [
    m
    for m in (
        builtins, json, json.encoder, json.decoder, logging, os, os.path, io, types, traceback,
        base64, bisect, calendar, collections, copy, csv, dataclasses, datetime, decimal, enum,
        fractions, functools, hashlib, heapq, html, itertools, math, operator, pprint, random,
        re, secrets, statistics, string, textwrap, typing, unicodedata, urllib.parse, uuid, time,
    )
]


def _class_dicts(module):
    name = module.__name__
    return [
        (v.__dict__, dict(v.__dict__))
        for v in list(vars(module).values())
        if isinstance(v, type) and v.__module__ == name
    ]


def _baseline():
    mods = [(m.__dict__, dict(m.__dict__)) for m in _WATCHED]
    classes = [c for m in _WATCHED for c in _class_dicts(m)]
    return {
        "dicts": mods + classes,
        "modules": {m.__name__: m for m in _WATCHED},
        "meta_path": list(sys.meta_path),
        "path_hooks": list(sys.path_hooks),
        "path": list(sys.path),
        "hooks": (sys.excepthook, sys.displayhook, sys.breakpointhook),
    }


_BASE = None


def _replaced(d, saved):
    """Whether an attribute that was there is gone or another object. New attributes are not
    patches (importing `logging.handlers` adds one to `logging`; the stdlib caches lazily): they
    join the baseline, so the next check is the fast one again."""
    get = d.get
    missing = saved  # a sentinel no dict holds as a value
    for k, v in saved.items():
        if get(k, missing) is not v:
            return True
    saved.clear()
    saved.update(d)
    return False


def after():
    """'' when nothing watched changed; otherwise what changed (the parent then replaces us)."""
    if _mem_refused() != 0:
        return "memory limit reached"
    b = _BASE
    for d, saved in b["dicts"]:
        # Dict equality runs in C and tries identity first: for functions and classes it is
        # identity; an equal value put in place of another (5 for 5) changes nothing anyway.
        if d != saved and _replaced(d, saved):
            return "a preloaded module, class or builtin was changed"
    mods = sys.modules
    for name, m in b["modules"].items():
        if mods.get(name) is not m:
            return f"sys.modules[{name!r}] was replaced"
    if sys.meta_path != b["meta_path"] or sys.path_hooks != b["path_hooks"] or sys.path != b["path"]:
        return "the import system was changed"
    if (sys.excepthook, sys.displayhook, sys.breakpointhook) != b["hooks"] or sys.gettrace() or sys.getprofile():
        return "an interpreter hook was set"
    return ""


def _no_audit_hooks(hook):
    raise RuntimeError("audit hooks are not available in this sandbox")


def init(emit, mem_refused, seed):
    """Once per restored instance: wire the host callbacks, reseed, lock down, take the baseline."""
    global _emit, _mem_refused, _BASE
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
    gc.collect()
    gc.freeze()
    _BASE = _baseline()


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
            after()
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
