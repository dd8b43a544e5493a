"""Write small Odoo modules for the loader tests."""

from __future__ import annotations

import textwrap
from pathlib import Path


def write_module(
    addons: Path, name: str, manifest: dict | str, files: dict[str, str] | None = None
) -> Path:
    """Create `addons/name` with a manifest (a dict, or the manifest text as written) and files."""
    folder = addons / name
    folder.mkdir(parents=True, exist_ok=True)
    text = manifest if isinstance(manifest, str) else _manifest_text(manifest)
    (folder / "__manifest__.py").write_text(textwrap.dedent(text), encoding="utf-8")
    for relative, content in (files or {}).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip(), encoding="utf-8")
    return folder


def _manifest_text(manifest: dict) -> str:
    """One key per line, one list item per line: tests can point at lines."""
    lines = ["{"]
    for key, value in manifest.items():
        if isinstance(value, list):
            lines.append(f"    {key!r}: [")
            lines.extend(f"        {item!r}," for item in value)
            lines.append("    ],")
        else:
            lines.append(f"    {key!r}: {value!r},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line of `path` containing `text`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")
