"""Reload previews when theme files change on disk (watchfiles, batched, nothing dropped)."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import PreviewServer

log = logging.getLogger("platxa_preview.server")
STYLE_SUFFIXES = (".scss", ".css")


def watched_folders(server: PreviewServer) -> list[Path]:
    folders: set[Path] = set()
    for session in server.store.sessions.values():
        for module in session.preview.site.site.modules:
            folders.add(Path(module.path))
    return sorted(folders)


async def watch_modules(server: PreviewServer) -> None:
    """Each batch of changes (collected over `watch_debounce_ms`; changes that happen while a
    batch is processed form the next one) reloads the sessions whose modules changed."""
    from watchfiles import awatch

    folders = watched_folders(server)
    if not folders:
        return
    async for changes in awatch(*folders, debounce=server.config.watch_debounce_ms, step=10):
        apply_changes(server, {Path(path) for _change, path in changes})


def apply_changes(server: PreviewServer, paths: set[Path]) -> None:
    import qweb

    reloaded: dict = {}  # theme -> its site loaded once for all its sessions (or the error)
    for session in list(server.store.sessions.values()):
        roots = [Path(module.path) for module in session.preview.site.site.modules]
        mine = {path for path in paths if any(root in path.parents for root in roots)}
        if not mine:
            continue
        started = time.perf_counter()
        theme = session.preview.site.theme
        if theme not in reloaded:
            try:
                reloaded[theme] = server.sites.reload(theme)
            except qweb.QWebError as error:
                reloaded[theme] = error
        messages = session.preview.reload_files(mine, reloaded[theme])
        session.broadcast(messages, server.stats, started)
        if any(path.suffix in STYLE_SUFFIXES for path in mine):
            server.after_token_change(session)
        log.info(
            "%d file(s) changed: %d update(s) for session %s", len(mine), len(messages), session.id
        )
