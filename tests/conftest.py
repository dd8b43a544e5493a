"""Shared test fixtures: where the shared corpus is, and a fresh engine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import qweb

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


def corpus_path(*parts: str) -> Path:
    """A path inside ../shared/corpus; skip (never in CI) when the corpus is absent."""
    path = CORPUS.joinpath(*parts)
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the shared corpus is missing at {CORPUS} (CI must have it)")
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return path


@pytest.fixture
def engine() -> qweb.Engine:
    return qweb.Engine()


def render_xml(xml: str, values=None, *, name: str = "test.t", engine=None, **options) -> str:
    """Load one template written as `<t t-name=...>` XML and render it."""
    engine = engine or qweb.Engine()
    engine.load(f'<templates><t t-name="{name}">{xml}</t></templates>')
    return str(engine.render(name, values or {}, **options))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests using the browser run after all others (their order otherwise kept).

    Playwright's sync API keeps its event loop marked as running in the main thread while the
    browser is open (see tests/browser/conftest.py): a tornado.testing or asyncio.run test after
    the first browser test would fail to start its own loop.
    """
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))
