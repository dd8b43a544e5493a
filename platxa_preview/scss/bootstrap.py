"""Finding Bootstrap: its SCSS (5.3.3, the version Odoo ships) for the Odoo pipeline, and its
compiled CSS (from an installed package, never a CDN) for the built-in layer.

Bootstrap's SCSS comes from, in this order: a folder given explicitly (`--bootstrap-scss DIR`),
the Odoo tree on the addons path (`web/static/lib/bootstrap/scss`), or the folder named by the
``PLATXA_BOOTSTRAP_SCSS`` environment variable. :func:`fetch_bootstrap_scss` downloads the npm
package into a cache folder; the tests and the benchmark use it, nothing calls it implicitly.
"""

from __future__ import annotations

import importlib.resources
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

BOOTSTRAP_VERSION = "5.3.3"
ENVIRONMENT_VARIABLE = "PLATXA_BOOTSTRAP_SCSS"
#: where Odoo keeps Bootstrap's SCSS, below the `web` module
ODOO_BOOTSTRAP_SCSS = ("static", "lib", "bootstrap", "scss")
#: the bundle URL prefix of those files (`web/static/lib/bootstrap/scss/_functions.scss`)
ODOO_BOOTSTRAP_URL = "/web/static/lib/bootstrap/scss/"
_REQUIRED = ("_functions.scss", "_variables.scss", "_mixins.scss")
_BANNER_VERSION = re.compile(r"Bootstrap\s+#\{\$file\}\s+v(\d+\.\d+\.\d+)")


class BootstrapNotFound(LookupError):
    """Bootstrap's SCSS (or CSS) is not where it was asked for."""


def is_bootstrap_scss(folder: str | Path) -> bool:
    """Does `folder` hold Bootstrap's SCSS sources (`_functions.scss`, `_variables.scss`...)?"""
    folder = Path(folder)
    return all((folder / name).is_file() for name in _REQUIRED)


def bootstrap_scss_version(folder: str | Path) -> str | None:
    """The version in the banner mixin (`mixins/_banner.scss`), e.g. '5.3.3'; None if unknown."""
    banner = Path(folder) / "mixins" / "_banner.scss"
    try:
        match = _BANNER_VERSION.search(banner.read_text(encoding="utf-8"))
    except OSError:
        return None
    return match.group(1) if match else None


def find_bootstrap_scss(
    explicit: str | Path | None = None, web_module: str | Path | None = None
) -> Path | None:
    """Bootstrap's SCSS folder: `explicit` (must be one), else the Odoo tree's, else the
    environment variable's; None when there is none."""
    if explicit is not None:
        folder = Path(explicit).expanduser()
        if (folder / "scss").is_dir() and not is_bootstrap_scss(folder):
            folder = folder / "scss"  # the npm package folder rather than its scss/
        if not is_bootstrap_scss(folder):
            raise BootstrapNotFound(
                f"{explicit} is not Bootstrap's SCSS folder (no {', '.join(_REQUIRED)})"
            )
        return folder.resolve()
    candidates = []
    if web_module is not None:
        candidates.append(Path(web_module).joinpath(*ODOO_BOOTSTRAP_SCSS))
    if os.environ.get(ENVIRONMENT_VARIABLE):
        candidates.append(Path(os.environ[ENVIRONMENT_VARIABLE]).expanduser())
    for folder in candidates:
        if is_bootstrap_scss(folder):
            return folder.resolve()
    return None


def fetch_bootstrap_scss(cache_dir: str | Path, version: str = BOOTSTRAP_VERSION) -> Path:
    """Bootstrap's SCSS from the npm registry (`npm pack bootstrap@VERSION`), extracted once
    into `cache_dir/bootstrap-VERSION/scss` and reused afterwards.

    Raises FileNotFoundError when npm is not installed and RuntimeError when `npm pack` fails.
    """
    target = Path(cache_dir).resolve() / f"bootstrap-{version}"
    scss = target / "scss"
    if is_bootstrap_scss(scss):
        return scss
    npm = shutil.which("npm")
    if npm is None:
        raise FileNotFoundError("npm is not installed (needed to fetch Bootstrap's SCSS)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        completed = subprocess.run(
            [npm, "pack", f"bootstrap@{version}", "--silent"],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        tarballs = list(Path(work).glob("bootstrap-*.tgz"))
        if completed.returncode != 0 or not tarballs:
            raise RuntimeError(
                f"npm pack bootstrap@{version} failed: {completed.stderr.strip()[-500:]}"
            )
        extracted = Path(work) / "extracted"
        with tarfile.open(tarballs[0]) as archive:
            members = [m for m in archive.getmembers() if m.name.startswith("package/scss/")]
            if hasattr(tarfile, "data_filter"):
                archive.extractall(extracted, members=members, filter="data")
            else:  # pragma: no cover - Python < 3.11.4
                archive.extractall(extracted, members=members)
        if not is_bootstrap_scss(extracted / "package" / "scss"):
            raise RuntimeError(f"bootstrap@{version} from npm has no scss folder")
        staged = Path(work) / "bootstrap"
        staged.mkdir()
        (extracted / "package" / "scss").rename(staged / "scss")
        try:
            staged.rename(target)  # atomic: a concurrent fetch either wins or finds it done
        except OSError:
            if not is_bootstrap_scss(scss):
                raise
    return scss


def bootstrap_css_path() -> Path:
    """Bootstrap 5.3.3's compiled `bootstrap.min.css` from the installed package
    `django-bootstrap-static` (import name `bootstrap`)."""
    relative = ("static", "bootstrap", "css", "bootstrap.min.css")
    try:
        root = importlib.resources.files("bootstrap")
        candidate = root.joinpath(*relative)
        if candidate.is_file():
            return Path(str(candidate))
    except ModuleNotFoundError:
        pass
    raise BootstrapNotFound(
        "Bootstrap's compiled CSS is not installed: pip install 'django-bootstrap-static==5.3.3'"
    )


def font_awesome_folder() -> Path | None:
    """Font Awesome (6, with its v4 shims for Odoo's `fa fa-*` icons) from the same package."""
    try:
        folder = Path(str(importlib.resources.files("fontawesome"))) / "static" / "fontawesome"
    except ModuleNotFoundError:
        return None
    return folder if (folder / "css" / "all.min.css").is_file() else None


def bootstrap_css() -> str:
    """The text of Bootstrap's compiled CSS, without its source-map comment."""
    text = bootstrap_css_path().read_text(encoding="utf-8")
    return re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", text).rstrip() + "\n"
