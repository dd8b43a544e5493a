"""A preview session's model: a theme, design tokens and pages, and the smallest change for viewers.

`Preview` holds one theme site (`ThemeSite`), the current tokens and the page configs added to
the session. Every update returns the protocol messages that bring an open page up to date,
choosing the smallest correct one: a CSS swap for a token change (instant custom properties
first; the compiled SCSS follows from the server), a `section_update` for each section whose
HTML changed when the rest of the page did not, a `dom_update` of `#wrapwrap` otherwise, and a
`reload` only when the document head changed. Server, notebook widget and CLI all use it; none of
them renders on its own.
"""

from __future__ import annotations

import copy
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from lxml import html as lxml_html

import qweb

from . import protocol
from .environment import demo_environment
from .pages import PageConfigError, SectionLibrary, UnknownSectionType, validate_page_config
from .site import HOMEPAGE, ThemeSite
from .tokens import TokenError, TokenSet, instant_css, load_tokens

SECTION_ATTR = "data-section-id"
TOKENS_STYLE_ID = "platxa-tokens"
THEME_STYLE_ID = "platxa-theme-css"


class UpdateError(ValueError):
    """An update that cannot be applied (bad tokens, bad page config, unknown page)."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        code: str | None = None,
    ):
        super().__init__(message)
        self.message, self.file, self.line, self.code = message, file, line, code


@dataclass
class PageState:
    """The last good rendering of one page, split the way updates are computed."""

    html: str  # the whole document as served (with data-section-id on sections)
    head: str  # the document head without the live layers: a change here needs a reload
    frame: str  # #wrapwrap with each section replaced by a placeholder
    wrapwrap: str  # the outer HTML of #wrapwrap
    sections: dict[str, str] = field(default_factory=dict)  # id -> outer HTML, in order


class Preview:
    """One theme + tokens + page configs; turns each update into messages for viewers."""

    def __init__(
        self,
        site_factory: Callable[[], ThemeSite],
        *,
        tokens: TokenSet | Mapping | None = None,
        pages: Mapping[str, Mapping] | None = None,
        epoch: str | None = None,
        rewrite_urls: Callable[[str], str] | None = None,
    ):
        self._site_factory = site_factory
        # The server points static URLs at content-hashed copies; applied to every rendering,
        # so pages and updates always agree.
        self._rewrite_urls = rewrite_urls
        self.site = site_factory()
        self.epoch = epoch or uuid.uuid4().hex[:12]
        self.version = 0
        self.tokens: TokenSet | None = None
        self.token_css = ""
        self.theme_css = ""  # the compiled SCSS, when the server has it
        self.pages: dict[str, dict] = {}
        self.errors: list[dict] = []  # problems currently shown (the overlay)
        self._states: dict[str, PageState] = {}
        self._lock = threading.RLock()  # the server's file watcher and handlers share it
        if tokens is not None:
            self._set_tokens(tokens)
        for page_id, content in (pages or {}).items():
            self._set_page(page_id, content)

    # -- reading ----------------------------------------------------------------------------

    @property
    def theme(self) -> str | None:
        return self.site.theme

    def page_ids(self) -> list[str]:
        return [HOMEPAGE, *(page for page in self.pages if page != HOMEPAGE)]

    def document(self, page_id: str, *, layers: bool = True) -> str:
        """The page as served: rendered, with the current theme and token CSS layers
        (`layers=False`: their <style> elements left empty, for a client that fills them)."""
        with self._lock:
            state = self._states.get(page_id) or self._render_state(page_id)
            self._states[page_id] = state
            if not layers:
                return with_css_layers(state.html, "", "")
            return with_css_layers(state.html, self.theme_css, self.token_css)

    def snapshot(self, page_id: str | None) -> list[dict]:
        """Everything a reconnecting viewer needs: the CSS layers and the whole page."""
        with self._lock:
            messages = [
                protocol.css_update_message("tokens", self.token_css, **self._stamp()),
                protocol.css_update_message("theme", self.theme_css, **self._stamp()),
            ]
            if page_id in self.page_ids():
                state = self._states.get(page_id) or self._render_state(page_id)
                self._states[page_id] = state
                messages.append(
                    protocol.dom_update_message(page_id, state.wrapwrap, **self._stamp())
                )
            messages.append(self.status())
            return messages

    def status(self, **extra: Any) -> dict:
        return protocol.status_message(
            theme=self.theme,
            errors=list(self.errors),
            pages=self.page_ids(),
            **extra,
            **self._stamp(),
        )

    def _stamp(self) -> dict:
        return {"version": self.version, "epoch": self.epoch}

    # -- updates ----------------------------------------------------------------------------

    def update_tokens(self, tokens: TokenSet | Mapping) -> list[dict]:
        """New design tokens: the instant CSS layer goes out at once."""
        with self._lock:
            self._set_tokens(tokens)
            self.version += 1
            return [protocol.css_update_message("tokens", self.token_css, **self._stamp())]

    def update_theme_css(self, css: str) -> list[dict]:
        """The compiled SCSS arrived (it replaces what the instant layer approximated)."""
        with self._lock:
            if css == self.theme_css:
                return []
            self.theme_css = css
            self.version += 1
            return [protocol.css_update_message("theme", css, **self._stamp())]

    def report_error(self, error: Exception) -> list[dict]:
        """A problem found outside an update (a failed SCSS compile): show it in the overlay."""
        with self._lock:
            return self._fail(error)

    def clear_errors(self) -> list[dict]:
        with self._lock:
            if not self.errors:
                return []
            self.errors = []
            return [self.status()]

    def update_page(self, page_id: str, content: Mapping) -> list[dict]:
        with self._lock:
            self._set_page(page_id, content)
            return self._rerender([page_id])

    def update_section(self, page_id: str, section_id: str, content: Mapping) -> list[dict]:
        with self._lock:
            config = self.pages.get(page_id)
            if config is None:
                raise UpdateError(
                    f"no page {page_id!r} in this session; pages: {', '.join(self.pages) or 'none'}"
                )
            sections = config.get("sections", [])
            index = next((i for i, s in enumerate(sections) if s.get("id") == section_id), None)
            if index is None:
                raise UpdateError(f"page {page_id!r} has no section {section_id!r}")
            changed = copy.deepcopy(config)
            changed["sections"][index] = {**dict(content), "id": section_id}
            self._set_page(page_id, changed)
            return self._rerender([page_id])

    def reload_files(
        self, paths: Iterable[Path] = (), site: ThemeSite | qweb.QWebError | None = None
    ) -> list[dict]:
        """Template or data files changed on disk: use the reloaded theme (`site`, when the
        caller loaded it once for several sessions; else loaded here) and update open pages."""
        with self._lock:
            try:
                if isinstance(site, qweb.QWebError):
                    raise site
                site = site or self._site_factory()
            except qweb.QWebError as error:
                return self._fail(error)
            broken = [
                d for d in site.site.diagnostics if d.severity == "error" and d.code == "xml-syntax"
            ]
            if broken:  # keep the last good theme on screen until the file parses again
                return self._fail(
                    UpdateError(
                        broken[0].message,
                        file=broken[0].file,
                        line=broken[0].line,
                        code=broken[0].code,
                    )
                )
            self.site = site
            return self._rerender(list(self._states) or [HOMEPAGE])

    # -- internals --------------------------------------------------------------------------

    def _set_tokens(self, tokens: TokenSet | Mapping) -> None:
        try:
            token_set = tokens if isinstance(tokens, TokenSet) else load_tokens(tokens)
        except TokenError as error:
            raise UpdateError(str(error), code="invalid-tokens") from None
        self.tokens = token_set
        self.token_css = instant_css(token_set)

    def _set_page(self, page_id: str, content: Mapping) -> None:
        if not page_id or len(page_id) > protocol.MAX_ID_LENGTH:
            raise UpdateError("page_id must be 1 to 128 characters")
        try:
            validate_page_config(content, self._library())
        except (PageConfigError, UnknownSectionType) as error:
            raise UpdateError(f"page {page_id!r}: {error}", code="invalid-page") from None
        self.pages[page_id] = copy.deepcopy(dict(content))

    def _library(self) -> SectionLibrary:
        themes = [self.theme] if self.theme else []
        return SectionLibrary.for_engine(self.site.engine, themes)

    def _rerender(self, page_ids: list[str]) -> list[dict]:
        messages: list[dict] = []
        for page_id in page_ids:
            old = self._states.get(page_id)
            try:
                new = self._render_state(page_id)
            except (qweb.QWebError, UpdateError, PageConfigError, UnknownSectionType) as error:
                return messages + self._fail(error)
            self._states[page_id] = new
            if old is None:
                continue  # nobody has this page open in its current form yet
            messages.extend(self._difference(page_id, old, new))
        if self.errors:  # fixed: a status with no errors clears the overlay
            self.errors = []
            messages.append(self.status())
        return messages

    def _difference(self, page_id: str, old: PageState, new: PageState) -> list[dict]:
        if old.head != new.head:
            self.version += 1
            return [protocol.reload_message(**self._stamp())]
        if old.frame == new.frame and list(old.sections) == list(new.sections):
            changed = [sid for sid, html in new.sections.items() if old.sections[sid] != html]
            messages = []
            for section_id in changed:
                self.version += 1
                messages.append(
                    protocol.section_update_message(
                        page_id, section_id, new.sections[section_id], **self._stamp()
                    )
                )
            return messages
        self.version += 1
        return [protocol.dom_update_message(page_id, new.wrapwrap, **self._stamp())]

    def _fail(self, error: Exception) -> list[dict]:
        """Keep the last good page; show the problem (file and line) in the overlay."""
        problem = protocol.error_message(
            getattr(error, "message", None) or str(error),
            file=getattr(error, "file", None),
            line=getattr(error, "line", None),
            code=getattr(error, "code", None),
            **self._next_stamp(),
        )
        self.errors = [problem]
        return [problem]

    def _next_stamp(self) -> dict:
        self.version += 1
        return self._stamp()

    def _render_state(self, page_id: str) -> PageState:
        site = self.site
        if page_id in self.pages:
            environment = demo_environment(None, engine=site.engine, url="/")
            html = site.render_page_config(self.pages[page_id], environment)
        elif page_id == HOMEPAGE or page_id.startswith("/"):
            html = site.render(page_id).html
        else:
            raise UpdateError(f"no page {page_id!r}; pages: {', '.join(self.page_ids())}")
        if self._rewrite_urls is not None:
            html = self._rewrite_urls(html)
        return split_page(html)


def with_css_layers(html: str, theme_css: str, token_css: str) -> str:
    """Put the theme CSS, then the token CSS (which overrides it), at the end of the head."""
    styles = (
        f'<style id="{THEME_STYLE_ID}">{_style_text(theme_css)}</style>'
        f'<style id="{TOKENS_STYLE_ID}">{_style_text(token_css)}</style>'
    )
    position = html.find("</head>")
    return html[:position] + styles + html[position:] if position >= 0 else styles + html


def _style_text(css: str) -> str:
    # CSS never legitimately contains "</style"; refusing it keeps the page's markup intact.
    return css.replace("</style", "<\\/style")


def split_page(html: str) -> PageState:
    """Parse a rendered page: mark its sections and cut it into the parts updates compare."""
    document = lxml_html.document_fromstring(html)
    head = document.find("head")
    if head is None:
        head = etree.SubElement(document, "head")
        document.insert(0, head)
    head_html = lxml_html.tostring(head, encoding="unicode")
    wrapwrap = document.get_element_by_id("wrapwrap", None)
    if wrapwrap is None:
        body = document.find("body")
        wrapwrap = etree.SubElement(body, "div", id="wrapwrap")
    sections: dict[str, str] = {}
    wrap = wrapwrap.get_element_by_id("wrap", None)
    frame = copy.deepcopy(wrapwrap)
    if wrap is not None:
        for index, element in enumerate(child for child in wrap if isinstance(child.tag, str)):
            section_id = element.get(SECTION_ATTR) or f"s{index + 1}-{_kind(element)}"
            element.set(SECTION_ATTR, section_id)
            sections[section_id] = lxml_html.tostring(element, encoding="unicode")
        frame_wrap = frame.get_element_by_id("wrap", None)
        for child in list(frame_wrap):
            frame_wrap.remove(child)
    page = lxml_html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")
    return PageState(
        html=page,
        head=head_html,
        frame=lxml_html.tostring(frame, encoding="unicode"),
        wrapwrap=lxml_html.tostring(wrapwrap, encoding="unicode"),
        sections=sections,
    )


def _kind(element) -> str:
    """A readable id part: the snippet class (s_banner) or the tag."""
    for name in (element.get("class") or "").split():
        if name.startswith("s_"):
            return name
    return element.tag
