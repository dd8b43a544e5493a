"""The public entry point: load templates, then render them by name."""

from __future__ import annotations

import datetime
import os
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from lxml import etree
from markupsafe import Markup

from .compile import CompiledTemplate, CompileOptions, TemplateCompiler
from .errors import QWebError
from .fields import LANGUAGES, ConversionContext, ConverterRegistry, default_converters
from .runtime import RenderContext
from .views import ViewRegistry

MAX_CALL_DEPTH = 50  # nested t-calls; deeper means a template calls itself without end


def _no_groups(spec: str) -> bool:
    """Default `groups` policy: an anonymous visitor, member of no group (`!group` is true)."""
    names = [name.strip() for name in spec.split(",") if name.strip()]
    positive = [name for name in names if not name.startswith("!")]
    return not positive


class Engine:
    """A set of templates (with Odoo view inheritance) and the hooks used to render them.

    Hooks: `has_groups(spec) -> bool` for `groups=`, `assets(bundle, **flags) -> [(tag, attrs)]`
    for `t-call-assets`, `attribute_hook(tag, attrs, is_static) -> attrs` to post-process
    attributes, `converters` for `t-field` and widgets, `on_inheritance_error(error)` to skip
    and report a failing inheritance spec instead of failing the template.
    """

    def __init__(
        self,
        *,
        converters: ConverterRegistry | None = None,
        has_groups: Callable[[str], bool] = _no_groups,
        assets: Callable[..., list] | None = None,
        attribute_hook: Callable[[str, dict, bool], dict] | None = None,
        on_inheritance_error: Callable[[QWebError], None] | None = None,
        legacy_whitespace: bool = False,
        preserve_comments: bool = False,
        inherit_branding: bool = False,
        default_values: Mapping[str, Any] | None = None,
    ):
        self.views = ViewRegistry()
        self.converters = converters or default_converters
        self.has_groups = has_groups
        self.assets = assets
        self.attribute_hook = attribute_hook
        self.on_inheritance_error = on_inheritance_error
        self.inherit_branding = inherit_branding
        self.default_values = dict(default_values or {})
        self.compile_options = CompileOptions(
            legacy_whitespace=legacy_whitespace,
            preserve_comments=preserve_comments,
            attribute_hook=attribute_hook,
        )
        self._compiled: dict[str, CompiledTemplate] = {}
        self._by_code_name: dict[str, CompiledTemplate] = {}

    # -- templates ------------------------------------------------------------------------

    def load(self, source, *, module: str | None = None, file: str | None = None) -> list[str]:
        """Load templates from a file path, an XML string or an lxml element.

        Accepts `<templates>` files with `<t t-name>` children and Odoo data files (`<odoo>`,
        `<openerp>`, `<data>` with `<template>` and `ir.ui.view` records). Returns the keys of
        the views loaded.
        """
        if module is None:
            module = module_of_path(source)
        views = self.views.load(source, module=module, file=file)
        self._compiled.clear()  # inheritance can change any combined template
        return [view.key for view in views]

    def __contains__(self, name: str) -> bool:
        return name in self.views

    def compile(self, name: str) -> CompiledTemplate:
        """The compiled form of a template (combined with its inheriting views), cached."""
        compiled = self._compiled.get(name)
        if compiled is None:
            arch = self.views.combined_arch(name, on_error=self.on_inheritance_error)
            compiled = TemplateCompiler(name, arch, self.compile_options).compile()
            self._compiled[name] = compiled
            self._by_code_name[f"<qweb:{name}>"] = compiled
        return compiled

    def check_template(self, name: str) -> tuple[list[QWebError], list[str]]:
        """Every compile problem of a template (not just the first), and its warnings.

        Inheritance specs that fail are reported through `on_inheritance_error` if set,
        else the first one is returned as the only error.
        """
        try:
            arch = self.views.combined_arch(name, on_error=self.on_inheritance_error)
        except QWebError as error:
            return [error], []
        compiler = TemplateCompiler(name, arch, self.compile_options, collect_errors=True)
        try:
            compiled = compiler.compile()
        except QWebError as error:
            return [*compiler.errors, error], compiler.warnings
        return list(compiler.errors), compiled.warnings

    def compile_element(self, element: etree._Element, name: str = "<element>"):
        """Compile a parsed element directly (not cached)."""
        compiled = TemplateCompiler(name, element, self.compile_options).compile()
        self._by_code_name[f"<qweb:{name}>"] = compiled
        return compiled

    # -- rendering ------------------------------------------------------------------------

    def render(
        self,
        template: str | etree._Element,
        values: Mapping[str, Any] | None = None,
        *,
        tz: str | datetime.tzinfo | None = None,
        lang: str | None = None,
        raise_if_not_found: bool = True,
    ) -> Markup:
        """Render a template by name (or an lxml element) with `values`; returns Markup.

        `tz` (default: the machine's local zone) and `lang` (default en_US) are used by date,
        datetime and number widgets.
        """
        render_values = {"true": True, "false": False, **self.default_values}
        if values:
            _check_values(values)
            render_values.update(values)
        try:
            if isinstance(template, etree._Element):
                compiled = self.compile_element(template)
            else:
                if not raise_if_not_found and template not in self.views:
                    return Markup("")
                compiled = self.compile(template)
        except QWebError:
            raise
        render_values.setdefault("xmlid", compiled.name)
        ctx = RenderContext(
            engine=self,
            root_values=dict(render_values),
            tz=_timezone(tz),
            lang=LANGUAGES.get(lang or "en_US") or LANGUAGES["en_US"],
            has_groups=self.has_groups,
            assets=self.assets,
            inherit_branding=self.inherit_branding,
            attribute_hook=self.attribute_hook,
        )
        ctx.call_stack.append(compiled.name)
        out: list[str] = []
        try:
            compiled.render(render_values, ctx, out.append)
        except Exception as error:
            raise self._render_error(error, compiled) from None
        return Markup("".join(out))

    def _call(self, name: str, values: dict, ctx: RenderContext, append, options) -> None:
        """A t-call at render time: find (and compile) the callee, render it into `append`."""
        if ctx.depth >= MAX_CALL_DEPTH:
            chain = " -> ".join(ctx.call_stack[-5:])
            raise QWebError(
                f"Qweb template infinite recursion (more than {MAX_CALL_DEPTH} nested "
                f"t-call; last calls: {chain} -> {name})"
            )
        if name.isdigit():
            raise QWebError(f"Template {name!r}: view ids are not available outside Odoo")
        if name not in self.views:
            raise QWebError(f"t-call: template {name!r} not found", code="unknown-template")
        compiled = self.compile(name)
        saved_lang = ctx.lang
        if options and options.get("lang"):
            ctx.lang = LANGUAGES.get(options["lang"], ctx.lang)
        ctx.depth += 1
        ctx.call_stack.append(name)
        try:
            compiled.render(values, ctx, append)
        finally:
            ctx.depth -= 1
            ctx.call_stack.pop()
            ctx.lang = saved_lang

    def _conversion_context(self, ctx: RenderContext) -> ConversionContext:
        return ConversionContext(tz=ctx.tz, lang=ctx.lang)

    def _widget(self, value, expression: str, tag, options: Mapping, ctx: RenderContext):
        """`t-out` with `t-options`: a converter renders the value (spec §3.12)."""
        options = dict(options)
        widget = options.get("widget")
        content = self.converters.convert_value(value, options, self._conversion_context(ctx))
        attrs = {"data-oe-type": widget, "data-oe-expression": expression}
        # As in Odoo, a widget's element is shown even when the converter returned nothing.
        return attrs, Markup("") if content is None else content, ctx.inherit_branding

    def _field(self, record, field_name: str, expression: str, tag, options, ctx):
        """`t-field` on a plain record (dict or object); branding attributes only on demand."""
        options = dict(options)
        content = self.converters.convert_field(
            record, field_name, options, self._conversion_context(ctx)
        )
        attrs = {}
        if ctx.inherit_branding:
            attrs = {
                "data-oe-model": _record_model(record),
                "data-oe-id": _record_id(record),
                "data-oe-field": field_name,
                "data-oe-type": options.get("widget") or "",
                "data-oe-expression": expression,
            }
        return attrs, content, ctx.inherit_branding

    def _render_error(self, error: Exception, compiled: CompiledTemplate) -> QWebError:
        """Point a render failure at the template element whose code raised it."""
        chain = []
        located = None
        traceback = error.__traceback__
        while traceback is not None:
            code_name = traceback.tb_frame.f_code.co_filename
            template = self._by_code_name.get(code_name)
            if template is not None:
                info = template.element_at(traceback.tb_lineno)
                chain.append(template.name)
                located = (template, info)
            traceback = traceback.tb_next
        if isinstance(error, QWebError):
            wrapped = error
        else:
            wrapped = QWebError(
                f"Error while rendering the template: {type(error).__name__}: {error}",
                cause=error,
                code="render-error",
            )
        if located is not None:
            template, info = located
            wrapped.located(
                template=template.name,
                file=info.file if info else template.file,
                line=info.line if info else None,
                element=info.element if info else None,
                path=info.path if info else None,
            )
        else:
            wrapped.located(template=compiled.name, file=compiled.file)
        if len(chain) > 1 and not getattr(wrapped, "call_chain", None):
            wrapped.call_chain = _dedupe(chain)
        return wrapped


def module_of_path(source) -> str | None:
    """The Odoo module a template file belongs to: the nearest folder with a manifest."""
    if isinstance(source, (str, os.PathLike)) and not str(source).lstrip().startswith("<"):
        path = Path(source).resolve()
        for folder in path.parents:
            if (folder / "__manifest__.py").is_file() or (folder / "__openerp__.py").is_file():
                return folder.name
    return None


def _dedupe(names: list[str]) -> list[str]:
    result: list[str] = []
    for name in names:
        if not result or result[-1] != name:
            result.append(name)
    return result


def _check_values(values: Mapping[str, Any]) -> None:
    """Render values must not hand templates a module (spec §5.1) or the reserved `'0'` key."""
    if "0" in values:
        raise QWebError("Render values may not contain the key '0' (it is the t-call body)")
    for key, value in values.items():
        if isinstance(value, types.ModuleType):
            raise QWebError(
                f"Render value {key!r} is a Python module; pass the functions you need instead",
                cause=TypeError(f"module {value.__name__!r} in render values"),
            )


def _timezone(tz: str | datetime.tzinfo | None) -> datetime.tzinfo:
    if tz is None:
        return datetime.datetime.now().astimezone().tzinfo or datetime.timezone.utc
    if isinstance(tz, str):
        try:
            return ZoneInfo(tz)
        except Exception as error:
            raise QWebError(f"Unknown timezone {tz!r}", cause=error) from None
    return tz


def _record_model(record) -> str:
    if isinstance(record, Mapping):
        return str(record.get("_name", ""))
    return str(getattr(record, "_name", type(record).__name__))


def _record_id(record) -> str:
    value = record.get("id") if isinstance(record, Mapping) else getattr(record, "id", "")
    return "" if value is None else str(value)


__all__ = ["MAX_CALL_DEPTH", "Engine"]
