"""The documentation stays true: every diagnostic code is documented in docs/check.md."""

from pathlib import Path

from platxa_preview.diagnostics import CODES

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_diagnostic_code_is_documented():
    text = (DOCS / "check.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if f"| `{code}` |" not in text]
    assert not missing
