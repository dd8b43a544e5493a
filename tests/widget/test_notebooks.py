"""The example notebooks (notebooks/) run top to bottom in a real kernel, with no error."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tests.conftest import CORPUS

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def run(name: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},  # run where the notebook is
    )
    client.execute()
    return notebook


def outputs(notebook) -> str:
    return json.dumps([cell.get("outputs", []) for cell in notebook.cells])


def widget_models(notebook, name: str) -> list[dict]:
    state = notebook.metadata["widgets"][WIDGET_STATE]["state"]
    return [
        model["state"]
        for model in state.values()
        if model["state"].get("_anywidget_id", "").endswith(name)
    ]


def test_notebooks_are_all_tested():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == [
        "live_html.ipynb",
        "tune_tokens.ipynb",
        "validate_theme.ipynb",
    ]


def test_tune_tokens_notebook():
    notebook = run("tune_tokens.ipynb")
    text = outputs(notebook)
    assert "application/vnd.jupyter.widget-view+json" in text
    previews = widget_models(notebook, "ThemePreview")
    assert len(previews) == 5  # demo, corpus theme, three in the grid
    assert all("Content-Security-Policy" in p["_document"] for p in previews)
    assert "#c2410c" in previews[0]["_token_css"]
    if CORPUS.is_dir():
        assert "theme: theme_clean" in text
    else:
        assert "The shared corpus is not at" in text


def test_validate_theme_notebook():
    notebook = run("validate_theme.ipynb")
    text = outputs(notebook)
    assert "xml-syntax" in text and "sections.xml" in text
    assert "syntax errors left: []" in text


def test_live_html_notebook():
    notebook = run("live_html.ipynb")
    [live] = widget_models(notebook, "LiveHTML")
    assert "All five steps ran." in live["html"]
