"""Compiling an SCSS program with libsass: off the event loop, cached, errors located.

libsass holds the GIL for the whole compile (python `libsass` 0.23 does not release it), so a
worker *thread* alone would still freeze a Tornado loop for the half second a frontend bundle
takes. The async API therefore hands the program to a worker *process* (`_worker.py`, one,
started on first use and reused), waiting on its pipe from a thread; ``worker="thread"``
compiles in the thread itself where a process is not wanted.

The cache key hashes every input: the program text (every file's contents and the token
overrides), the contents of the include paths (Bootstrap's SCSS), the options, and the libsass
version. A repeated compile is answered from memory (and from `cache_dir` when given).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import sass

import qweb

from . import _worker
from .program import ScssProgram

OUTPUT_STYLES = ("expanded", "nested", "compact", "compressed")
#: what Odoo passes to libsass (ScssStylesheetAsset)
ODOO_OUTPUT_STYLE = "expanded"
ODOO_PRECISION = 8
_LOCATION = re.compile(r"^\s*(on|from) line (\d+)(?::(\d+))? of (.+?)(?:, in .*)?$")


class ScssError(qweb.QWebError):
    """A SCSS compile error at its original file and line (`file`, `line`, `column`,
    `message`, as the server's `error {file, line, message}` message wants)."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        trace: tuple[tuple[str, int], ...] = (),
        bundle: str | None = None,
    ):
        super().__init__(message, file=file, line=line, code="scss-error")
        self.column = column
        self.trace = trace  # (file, line) of the includes and calls that led there
        self.bundle = bundle

    def __str__(self) -> str:
        where = f"{self.file or '<scss>'}:{self.line or '?'}"
        if self.column:
            where += f":{self.column}"
        lines = [f"{where}: {self.message}"]
        lines += [f"  from {file}:{line}" for file, line in self.trace]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {**super().to_dict(), "column": self.column}


_SEGMENT = re.compile(re.escape(_worker.SEGMENT_PREFIX) + r"(\d+)$")


def error_from_libsass(text: str, program: ScssProgram, cwd: str | None = None) -> ScssError:
    """Turn libsass's message into an ScssError at the original file and line: a position in a
    segment goes through the program's segments; imported files (Bootstrap's) keep their own
    path, made absolute; the entry's own lines (`stdin`, the imports) are left out."""
    lines = text.strip().splitlines()
    message = lines[0].removeprefix("Error: ").strip() if lines else "SCSS compile error"
    places: list[tuple[str, int, int | None]] = []
    for raw in lines[1:]:
        match = _LOCATION.match(raw)
        if not match:
            continue
        number, column, source = int(match.group(2)), match.group(3), match.group(4).strip()
        segment = _SEGMENT.search(source)
        if segment is not None:
            file, number = program.locate(int(segment.group(1)), number)
        elif source == "stdin":
            continue
        else:
            file = os.path.normpath(os.path.join(cwd or os.getcwd(), source))
        places.append((file, number, int(column) if column else None))
    if not places:
        return ScssError(message, bundle=program.bundle)
    (file, line, column), rest = places[0], places[1:]
    return ScssError(
        message,
        file=file,
        line=line,
        column=column,
        trace=tuple((f, n) for f, n, _ in rest),
        bundle=program.bundle,
    )


@dataclass(frozen=True)
class CompiledCss:
    css: str
    key: str  # the cache key (hash of every input)
    seconds: float  # compile time (0 for a cache hit)
    cached: bool
    bundle: str


def _request(program: ScssProgram, output_style: str, precision: int) -> dict:
    return {
        "entry": program.entry,
        "texts": [segment.text for segment in program.segments],
        "include_paths": list(program.include_paths),
        "output_style": output_style,
        "precision": precision,
    }


class WorkerProcess:
    """One `_worker.py` process answering compile requests over its pipes, one at a time
    (restarted if it died)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, _worker.__file__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def compile(self, request: dict) -> dict:
        line = json.dumps(request) + "\n"
        with self._lock:
            for attempt in (1, 2):
                if self._process is None or self._process.poll() is not None:
                    self._process = self._start()
                try:
                    assert self._process.stdin is not None and self._process.stdout is not None
                    self._process.stdin.write(line)
                    self._process.stdin.flush()
                    answer = self._process.stdout.readline()
                    if answer:
                        return json.loads(answer)
                except (BrokenPipeError, OSError):
                    pass
                self.close_locked()
                if attempt == 2:
                    raise RuntimeError("the SCSS worker process stopped")
        raise AssertionError("unreachable")  # pragma: no cover

    def close_locked(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
            process.wait(timeout=10)

    def close(self) -> None:
        with self._lock:
            self.close_locked()


_directory_digests: dict[tuple, str] = {}


def directory_digest(folder: str | Path) -> str:
    """A hash of the contents of every SCSS file below `folder` (recomputed when a file's
    size or modification time changes)."""
    root = Path(folder)
    files = sorted(p for p in root.rglob("*") if p.suffix in (".scss", ".sass", ".css"))
    signature = (str(root), *((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files))
    digest = _directory_digests.get(signature)
    if digest is None:
        hasher = hashlib.sha256()
        for path in files:
            hasher.update(path.relative_to(root).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes() + b"\0")
        digest = hasher.hexdigest()
        _directory_digests[signature] = digest
    return digest


class ScssCompiler:
    """Compiles programs with libsass, caching the CSS by a hash of every input."""

    def __init__(
        self,
        *,
        output_style: str = ODOO_OUTPUT_STYLE,
        precision: int = ODOO_PRECISION,
        cache_size: int = 32,
        cache_dir: str | Path | None = None,
        worker: str = "process",
    ):
        if output_style not in OUTPUT_STYLES:
            raise ValueError(f"output_style must be one of {', '.join(OUTPUT_STYLES)}")
        if worker not in ("process", "thread"):
            raise ValueError("worker must be 'process' or 'thread'")
        self.output_style = output_style
        self.precision = precision
        self.cache_size = cache_size
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.worker = worker
        self.hits = 0
        self.misses = 0
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        self._threads: ThreadPoolExecutor | None = None
        self._process = WorkerProcess() if worker == "process" else None

    # -- the cache -----------------------------------------------------------------------------

    def key(self, program: ScssProgram) -> str:
        """The hash of every input of a compile."""
        hasher = hashlib.sha256()
        for part in (
            f"libsass {sass.__version__} {sass.libsass_version}",
            f"{self.output_style} {self.precision}",
            *(f"{segment.name}\0{segment.text}" for segment in program.segments),
            *(f"{path}:{directory_digest(path)}" for path in program.include_paths),
        ):
            hasher.update(part.encode("utf-8") + b"\0")
        return hasher.hexdigest()

    def cached(self, program: ScssProgram, key: str | None = None) -> CompiledCss | None:
        key = key or self.key(program)
        with self._lock:
            css = self._cache.get(key)
            if css is not None:
                self._cache.move_to_end(key)
        if css is None and self.cache_dir is not None:
            stored = self.cache_dir / f"{key}.css"
            if stored.is_file():
                css = stored.read_text(encoding="utf-8")
                self._remember(key, css)
        if css is None:
            return None
        with self._lock:
            self.hits += 1
        return CompiledCss(css, key, 0.0, True, program.bundle)

    def _remember(self, key: str, css: str) -> None:
        with self._lock:
            self._cache[key] = css
            self._cache.move_to_end(key)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def _store(self, key: str, css: str) -> None:
        self._remember(key, css)
        if self.cache_dir is not None:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            temporary = self.cache_dir / f".{key}.{os.getpid()}.tmp"
            temporary.write_text(css, encoding="utf-8")
            temporary.replace(self.cache_dir / f"{key}.css")

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    # -- compiling -----------------------------------------------------------------------------

    def _finish(self, program: ScssProgram, key: str, answer: dict, started: float) -> CompiledCss:
        if not answer["ok"]:
            raise error_from_libsass(answer["message"], program, answer.get("cwd"))
        css = answer["css"]
        self._store(key, css)
        with self._lock:
            self.misses += 1
        return CompiledCss(css, key, time.perf_counter() - started, False, program.bundle)

    def compile(self, program: ScssProgram) -> CompiledCss:
        """Compile in this thread (or answer from the cache). Raises ScssError."""
        key = self.key(program)
        hit = self.cached(program, key)
        if hit is not None:
            return hit
        started = time.perf_counter()
        request = _request(program, self.output_style, self.precision)
        answer = _worker.compile_segments(**request)
        return self._finish(program, key, answer, started)

    async def compile_async(self, program: ScssProgram) -> CompiledCss:
        """Compile in the worker, leaving the event loop free. Raises ScssError."""
        key = self.key(program)
        hit = self.cached(program, key)
        if hit is not None:
            return hit
        started = time.perf_counter()
        request = _request(program, self.output_style, self.precision)
        with self._lock:
            if self._threads is None:
                self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scss")
        if self._process is not None:
            call, argument = self._process.compile, request
        else:
            call, argument = (lambda r: _worker.compile_segments(**r)), request
        answer = await asyncio.get_running_loop().run_in_executor(self._threads, call, argument)
        return self._finish(program, key, answer, started)

    def close(self) -> None:
        """Stop the worker process and thread (a later async compile starts new ones)."""
        with self._lock:
            threads, self._threads = self._threads, None
        if threads is not None:
            threads.shutdown(wait=True)
        if self._process is not None:
            self._process.close()


_default_compiler: ScssCompiler | None = None


def default_compiler() -> ScssCompiler:
    """The process-wide compiler (shared cache) the module functions use."""
    global _default_compiler
    if _default_compiler is None:
        _default_compiler = ScssCompiler()
    return _default_compiler


def compile_program(program: ScssProgram) -> CompiledCss:
    """Compile with the shared compiler, synchronously."""
    return default_compiler().compile(program)


async def compile_async(program: ScssProgram) -> CompiledCss:
    """Compile with the shared compiler's worker process, off the event loop."""
    return await default_compiler().compile_async(program)
