"""The libsass call, and the worker process that makes it off the caller's GIL.

Run as a script (`python _worker.py`), it reads one JSON request per line on stdin and answers
one JSON line on stdout. It imports nothing of platxa_preview, so it starts fast and never
re-imports the caller's main module (which multiprocessing's spawn would).

The program is compiled as an entry of `@import "platxa-segment-N";` lines whose contents an
importer hands over: libsass then reports each error in its own segment (line numbers in one
concatenated text drift, as libsass miscounts lines after some multi-line selectors), while the
result is the same as compiling the concatenation (top-level imports share one scope).
"""

from __future__ import annotations

import json
import os
import sys

import sass

SEGMENT_PREFIX = "platxa-segment-"


def compile_segments(
    entry: str,
    texts: list[str],
    include_paths: list[str],
    output_style: str,
    precision: int,
) -> dict:
    """{'ok': True, 'css': ...} or {'ok': False, 'message': libsass's message, 'cwd': ...}."""

    def importer(path: str, _previous: str):
        if path.startswith(SEGMENT_PREFIX):
            return [(path, texts[int(path[len(SEGMENT_PREFIX) :])])]
        return None  # libsass resolves the others (Bootstrap's files) in the include paths

    try:
        css = sass.compile(
            string=entry,
            include_paths=include_paths,
            output_style=output_style,
            precision=precision,
            importers=[(0, importer)],
        )
    except sass.CompileError as error:
        return {"ok": False, "message": str(error), "cwd": os.getcwd()}
    return {"ok": True, "css": css}


def serve(stdin=None, stdout=None) -> None:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    for line in stdin:
        request = json.loads(line)
        answer = compile_segments(
            request["entry"],
            request["texts"],
            request["include_paths"],
            request["output_style"],
            request["precision"],
        )
        stdout.write(json.dumps(answer) + "\n")
        stdout.flush()


if __name__ == "__main__":
    serve()
