"""Compiles a combined template (an lxml tree) into a Python render function, once.

The generated code is plain Python: one function per template plus one per call body, cache or
nocache block. Rendering calls it with the values dict, the render context and the `append` of
the output list; it never walks the lxml tree. Each directive has one `_directive_*` method;
directives run in Odoo's order (spec §1), wrappers (`t-foreach`, `t-if`, ...) wrap the rest.
"""

from __future__ import annotations

import bisect
import copy
import itertools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from lxml import etree

from .errors import QWebError
from .expr import EXPRESSION_GLOBALS, ExpressionError, compile_expression, compile_format
from .runtime import RUNTIME_GLOBALS, VOID_ELEMENTS, format_attrs
from .source import ORIGIN_ATTR, describe_element, element_path, origin_of

# Whitespace rules of spec §4.5 (Odoo 16+): a trailing "newline + indent" is technical layout.
TRAILING_LAYOUT = re.compile(r"\n[ \t]*$")
LEADING_NEWLINE = re.compile(r"^[ \t]*\n")
TEMPLATE_START = re.compile(r"^(\n[ \t]*)+(\n[ \t])")
VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
CALL_SLOT = "0"
LOOP_META = "# qweb:loop-meta"
_META_TARGET = re.compile(r"values\[('[A-Za-z_][A-Za-z0-9_]*')\] = ")

# Never output, never an error (translation extractor and documentation attributes).
IGNORED_DIRECTIVES = frozenset({"t-translation", "t-ignore", "t-title"})
# Owl (web client) directives found in templates shared with the JavaScript side: the Python
# renderer ignores them with a warning instead of failing the template.
OWL_DIRECTIVES = frozenset(
    {
        "t-key",
        "t-tag",
        "t-ref",
        "t-component",
        "t-props",
        "t-slot",
        "t-model",
        "t-portal",
        "t-transition",
        "t-translation-context",
        "t-slot-scope",
        "t-custom",
    }
)
OWL_PREFIXES = ("t-on-", "t-custom-")
KNOWN_DIRECTIVES = frozenset(
    {
        "t-if",
        "t-elif",
        "t-else",
        "t-foreach",
        "t-as",
        "t-set",
        "t-value",
        "t-valuef",
        "t-valuef.translate",
        "t-out",
        "t-esc",
        "t-raw",
        "t-field",
        "t-call",
        "t-call-assets",
        "t-css",
        "t-js",
        "t-lang",
        "t-options",
        "t-att",
        "t-cache",
        "t-nocache",
        "t-groups",
        "t-debug",
        "t-snippet",
        "t-snippet-call",
        "t-thumbnail",
        "t-install",
        "t-args",
        "t-name",
        "t-inherit",
        "t-inherit-mode",
        "t-autoprefix",
    }
)
KNOWN_PREFIXES = ("t-att-", "t-attf-", "t-options-", "t-nocache-", "t-argf-")
FIELD_FORBIDDEN_TAGS = frozenset("table tbody thead tfoot tr td li ul ol dl dt dd".split())
OUTPUT_DIRECTIVES = ("t-out", "t-field", "t-esc", "t-raw")
# The order in which directives of one element run (spec §1).
DIRECTIVE_ORDER = (
    "elif",
    "else",
    "debug",
    "nocache",
    "cache",
    "groups",
    "foreach",
    "if",
    "call-assets",
    "snippet",
    "options",
    "att",
    "out",
    "tag-open",
    "call",
    "set",
    "content",
    "tag-close",
)


@dataclass(frozen=True)
class CompileOptions:
    """Choices that change the generated code (part of the compiled-template cache key)."""

    legacy_whitespace: bool = False  # Odoo <= 15 output: no §4.5 whitespace rules
    preserve_comments: bool = False
    attribute_hook: Callable[[str, dict, bool], dict] | None = None


@dataclass(frozen=True)
class ElementInfo:
    """What an error message needs to point at one template element."""

    file: str | None
    line: int | None
    element: str
    path: str


@dataclass
class CompiledTemplate:
    name: str
    render: Callable
    source: str
    file: str | None
    _marks: list[tuple[int, ElementInfo]] = field(default_factory=list, repr=False)
    warnings: list[str] = field(default_factory=list)

    def element_at(self, lineno: int) -> ElementInfo | None:
        """The template element whose generated code contains line `lineno`."""
        index = bisect.bisect_right(self._marks, lineno, key=lambda mark: mark[0]) - 1
        return self._marks[index][1] if index >= 0 else None


class _Function:
    """One generated Python function: code lines plus the static text not yet written out."""

    def __init__(self, name: str, params: str):
        self.name = name
        self.lines = [f"def {name}({params}):"]
        self.level = 1
        self.text: list[str] = []
        self.marks: list[tuple[int, ElementInfo]] = []

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.level + line)

    def add_text(self, text: str) -> None:
        self.text.append(text)

    def rstrip_text(self) -> str:
        """Remove a trailing newline + indent from the last pending text and return it."""
        if not self.text:
            return ""
        match = TRAILING_LAYOUT.search(self.text[-1])
        if not match:
            return ""
        self.text[-1] = self.text[-1][: match.start()]
        return match.group(0)

    def flush(self, rstrip: bool = False) -> None:
        if rstrip:
            self.rstrip_text()
        text = "".join(self.text)
        self.text.clear()
        if text:
            self.emit(f"a({text!r})")

    @contextmanager
    def block(self, header: str) -> Iterator[None]:
        self.emit(header)
        self.level += 1
        size = len(self.lines)
        yield
        if len(self.lines) == size:
            self.emit("pass")
        self.level -= 1


class _Element:
    """An element being compiled: its directives not yet handled, in document order."""

    def __init__(self, el: etree._Element, tag: str | None):
        self.el = el
        self.tag = tag  # None for <t>
        self.pending = {k: v for k, v in el.attrib.items() if k != ORIGIN_ATTR}
        self.steps = iter(DIRECTIVE_ORDER)
        self.else_valid = False
        self.options_var: str | None = None
        self.attrs_code: list[str] | None = None  # statements building `attrs`, or None
        self.attrs_text: str = ""  # attributes known at compile time, when attrs_code is None
        self.dynamic_inline: list[tuple[str, str]] = []  # (name, code) written one by one
        self.content_consumed = False

    def has(self, name: str) -> bool:
        return name in self.pending

    def pop(self, name: str, default=None):
        return self.pending.pop(name, default)

    def with_prefix(self, prefix: str) -> list[str]:
        return [name for name in self.pending if name.startswith(prefix)]


class TemplateCompiler:
    """Turns one combined template arch into a `CompiledTemplate`."""

    def __init__(
        self,
        name: str,
        root: etree._Element,
        options: CompileOptions | None = None,
        *,
        collect_errors: bool = False,
    ):
        self.name = name
        # With collect_errors (used by `check`), an element that fails to compile is reported
        # in `self.errors` and left out, so one pass finds every problem of a template.
        self.errors: list[QWebError] | None = [] if collect_errors else None
        self.root = root
        self.options = options or CompileOptions()
        self.functions: list[_Function] = []
        self.names = itertools.count(1)
        self.warnings: list[str] = []
        self.nsmap: dict = {}
        self.w: _Function = self._new_function("render", "values, ctx, a")

    # -- driver ---------------------------------------------------------------------------

    def compile(self) -> CompiledTemplate:
        root = copy.deepcopy(self.root)
        root.attrib.pop("t-name", None)
        file, _ = origin_of(self.root)
        if root.text and not self.options.legacy_whitespace:
            root.text = TEMPLATE_START.sub(r"\2", root.text, count=1)
        self._node(root)
        self.w.flush(rstrip=not self.options.legacy_whitespace)
        source, marks = self._assemble()
        namespace = {**EXPRESSION_GLOBALS, **RUNTIME_GLOBALS}
        try:
            code = compile(source, f"<qweb:{self.name}>", "exec")
        except SyntaxError as error:  # a bug in the compiler, not in the template
            raise QWebError(
                f"Internal error compiling template {self.name!r}: {error}", template=self.name
            ) from error
        exec(code, namespace)  # the source is generated here from validated expressions
        return CompiledTemplate(self.name, namespace["render"], source, file, marks, self.warnings)

    def _assemble(self) -> tuple[str, list[tuple[int, ElementInfo]]]:
        lines: list[str] = []
        marks: list[tuple[int, ElementInfo]] = []
        for function in reversed(self.functions):  # helpers first, `render` last
            if len(function.lines) == 1:
                function.emit("pass")
            offset = len(lines)
            marks.extend((offset + index + 1, info) for index, info in function.marks)
            lines.extend(function.lines)
            lines.append("")
        marks.sort(key=lambda mark: mark[0])
        return "\n".join(_drop_unread_loop_meta(lines)), marks

    def _new_function(self, prefix: str, params: str) -> _Function:
        name = prefix if prefix == "render" else f"_{prefix}_{next(self.names)}"
        function = _Function(name, params)
        self.functions.append(function)
        return function

    @contextmanager
    def _writing_to(self, function: _Function) -> Iterator[_Function]:
        saved = self.w
        self.w = function
        try:
            yield function
        finally:
            self.w = saved

    def _mark(self, el: etree._Element) -> None:
        file, line = origin_of(el)
        info = ElementInfo(file, line, describe_element(el), element_path(el))
        self.w.marks.append((len(self.w.lines), info))

    def _error(
        self, el, message: str, *, expression=None, cause=None, code="misplaced-directive"
    ) -> QWebError:
        file, line = origin_of(el)
        return QWebError(
            message,
            code=code,
            template=self.name,
            file=file,
            line=line,
            element=describe_element(el),
            expression=expression,
            path=element_path(el),
            cause=cause,
        )

    def _expr(self, el, source: str, *, strict: bool = False) -> str:
        try:
            return compile_expression(source, strict=strict)
        except ExpressionError as error:
            raise self._expression_error(el, error, source) from None

    def _expression_error(self, el, error: ExpressionError, source: str) -> QWebError:
        code = "forbidden-name" if error.refused else "expression-syntax"
        return self._error(el, error.message, expression=source, cause=error, code=code)

    def _format(self, el, source: str) -> str:
        try:
            return compile_format(source)
        except ExpressionError as error:
            raise self._expression_error(el, error, source) from None

    def _var(self, prefix: str) -> str:
        return f"_{prefix}{next(self.names)}"

    @property
    def modern(self) -> bool:
        return not self.options.legacy_whitespace

    # -- nodes ----------------------------------------------------------------------------

    def _node(self, el: etree._Element) -> None:
        if self._is_static(el):
            self._static(el)
        else:
            self._dynamic(el)

    def _dynamic(self, el: etree._Element, *, else_valid: bool = False) -> None:
        """Compile an element with directives (`else_valid` when it continues a t-if chain)."""
        if self.errors is None:
            self._compile_dynamic(el, else_valid)
            return
        writer, functions, nsmap = self.w, len(self.functions), self.nsmap
        lines, level, text, marks = (
            len(writer.lines),
            writer.level,
            list(writer.text),
            len(writer.marks),
        )
        try:
            self._compile_dynamic(el, else_valid)
        except QWebError as error:
            self.errors.append(error)
            self.w, self.nsmap = writer, nsmap
            del writer.lines[lines:], writer.marks[marks:]
            writer.level, writer.text = level, text
            # Still look inside the element (and its else-branches) for more problems; the
            # code compiled for them is thrown away.
            scratch = _Function("_scratch", "values, ctx, a")
            with self._writing_to(scratch):
                self._content(el)
                if "t-if" in el.attrib or "t-elif" in el.attrib:
                    branch = el.getnext()
                    while branch is not None and not isinstance(branch.tag, str):
                        branch = branch.getnext()
                    if branch is not None and ({"t-elif", "t-else"} & set(branch.attrib)):
                        self._node_as_branch(branch)
            del self.functions[functions:]
            self.nsmap = nsmap

    def _compile_dynamic(self, el: etree._Element, else_valid: bool) -> None:
        self._mark(el)
        state = _Element(el, None if self._local_tag(el) == "t" else self._tag_name(el))
        state.else_valid = else_valid
        self._check(state)
        try:
            self._directives(state)
        except QWebError:
            raise
        except (ValueError, KeyError, SyntaxError, TypeError) as error:
            raise self._error(el, str(error), cause=error, code="template-error") from None

    def _is_static(self, el: etree._Element) -> bool:
        if self._local_tag(el) == "t" or "groups" in el.attrib:
            return False
        return not any(name.startswith("t-") for name in el.attrib)

    @staticmethod
    def _local_tag(el: etree._Element) -> str:
        return etree.QName(el).localname if el.tag.startswith("{") else el.tag

    def _tag_name(self, el: etree._Element) -> str:
        local = self._local_tag(el)
        return f"{el.prefix}:{local}" if el.prefix else local

    def _static_attributes(self, el: etree._Element) -> dict:
        """Namespace declarations new on this element, then its plain attributes."""
        attrs = {}
        if el.nsmap:
            for prefix, uri in el.nsmap.items():
                if self.nsmap.get(prefix) != uri:
                    attrs["xmlns" if prefix is None else f"xmlns:{prefix}"] = uri
        prefixes = {uri: prefix for prefix, uri in {**self.nsmap, **el.nsmap}.items()}
        for name, value in el.attrib.items():
            if name == ORIGIN_ATTR or name.startswith("t-") or name == "groups":
                continue
            name = name.removesuffix(".translate")
            if name.startswith("{"):
                qname = etree.QName(name)
                prefix = prefixes.get(qname.namespace)
                name = f"{prefix}:{qname.localname}" if prefix else qname.localname
            attrs[name] = value
        return attrs

    def _static(self, el: etree._Element) -> None:
        tag = self._tag_name(el)
        attrs = self._static_attributes(el)
        if self.options.attribute_hook:
            attrs = self.options.attribute_hook(tag, attrs, True)

        self.w.add_text(f"<{tag}{format_attrs(attrs)}{'/>' if tag in VOID_ELEMENTS else '>'}")
        self._content(el)
        if tag not in VOID_ELEMENTS:
            self.w.add_text(f"</{tag}>")

    def _content(self, el: etree._Element) -> None:
        """Text, children and tails of an element (the 'inner content')."""
        saved_nsmap = self.nsmap
        if el.nsmap:
            self.nsmap = {**self.nsmap, **el.nsmap}
        if el.text is not None:
            self.w.add_text(el.text)
        for child in list(el):
            if isinstance(child, etree._Comment):
                if self.options.preserve_comments:
                    self.w.add_text(f"<!--{child.text}-->")
            elif isinstance(child, etree._ProcessingInstruction):
                if self.options.preserve_comments:
                    self.w.add_text(f"<?{child.target} {child.text}?>")
            elif isinstance(child, etree._Entity):
                self.w.add_text(child.text or "")
            elif child.get("__qweb_skip__") is None:
                self._node(child)
            # else: a t-elif/t-else branch, already compiled by its t-if (its tail still counts)
            if child.tail is not None:
                self.w.add_text(child.tail)
        self.nsmap = saved_nsmap

    # -- validation -----------------------------------------------------------------------

    def _check(self, state: _Element) -> None:
        """Unknown and misplaced directives are compile errors (Owl ones only warn)."""
        el = state.el
        for name in list(state.pending):
            if not name.startswith("t-"):
                continue
            if name in IGNORED_DIRECTIVES:
                state.pop(name)
            elif name in OWL_DIRECTIVES or name.startswith(OWL_PREFIXES):
                state.pop(name)
                self.warnings.append(
                    f"{self.name}: ignored web-client directive {name} on {describe_element(el)}"
                )
            elif name not in KNOWN_DIRECTIVES and not name.startswith(KNOWN_PREFIXES):
                raise self._error(el, f"Unknown directive {name!r}", code="unknown-directive")
        has = state.has
        outputs = [name for name in OUTPUT_DIRECTIVES if has(name)]
        if len(outputs) > 1:
            raise self._error(el, f"Only one output directive per element, found {outputs}")
        if has("t-as") and not has("t-foreach"):
            raise self._error(el, "t-as must be on the same node as t-foreach")
        if has("t-foreach") and not has("t-as"):
            raise self._error(el, "KeyError: 't-as' (t-foreach needs t-as)")
        for name in ("t-value", "t-valuef", "t-valuef.translate"):
            if has(name) and not has("t-set"):
                raise self._error(el, f"{name} must be on the same node as t-set")
        if has("t-lang") and not has("t-call"):
            raise self._error(el, "t-lang is only available on the same node as t-call")
        consumers = ("t-call", "t-out", "t-esc", "t-raw", "t-field", "t-snippet-call")
        if (has("t-options") or state.with_prefix("t-options-")) and not any(map(has, consumers)):
            raise self._error(
                el,
                "t-options must be on the same node as a directive that consumes it "
                "(t-out, t-field, t-call)",
            )
        if state.with_prefix("t-nocache-") and not has("t-nocache"):
            raise self._error(el, "t-nocache-* must be on the same node as t-nocache")
        for name in ("t-css", "t-js", "t-autoprefix"):
            if has(name) and not has("t-call-assets"):
                raise self._error(el, f"{name} only goes with t-call-assets")
        if has("t-thumbnail") and not (has("t-snippet") or has("t-install")):
            raise self._error(el, "t-thumbnail only goes with t-snippet or t-install")
        if (has("t-args") or state.with_prefix("t-argf-")) and not (
            has("t-call") or has("t-snippet-call")
        ):
            raise self._error(el, "t-args and t-argf-* only go with t-call")
        if has("t-field"):
            expression = state.pending["t-field"]
            if state.tag is None:
                raise self._error(el, "t-field can not be used on a t element")
            if self._local_tag(el) in FIELD_FORBIDDEN_TAGS:
                raise self._error(
                    el, f"QWeb widgets do not work correctly on {state.tag!r} elements"
                )
            if "." not in expression:
                raise self._error(el, "t-field must have at least a dot like 'record.field_name'")
        if has("t-call-assets") and len(el):
            raise self._error(el, "t-call-assets cannot contain children nodes")

    # -- directives -----------------------------------------------------------------------

    def _directives(self, state: _Element) -> None:
        """Run the element's remaining directives in order; wrappers recurse into the rest."""
        for step in state.steps:
            handler = getattr(self, f"_directive_{step.replace('-', '_')}")
            if handler(state):
                return  # the handler compiled the rest of the chain itself
        leftovers = [name for name in state.pending if name.startswith("t-")]
        if leftovers:
            raise self._error(state.el, f"Directives with no effect here: {', '.join(leftovers)}")

    def _directive_elif(self, state: _Element) -> bool:
        if (state.has("t-elif") or state.has("t-else")) and not state.else_valid:
            raise self._error(
                state.el, "t-elif directive must be preceded by t-if or t-elif directive"
            )
        return False

    def _directive_else(self, state: _Element) -> bool:
        state.pop("t-else")
        return False

    def _directive_debug(self, state: _Element) -> bool:
        if state.has("t-debug"):
            state.pop("t-debug")
            self.warnings.append(f"{self.name}: t-debug ignored (no debugger in previews)")
        return False

    def _directive_nocache(self, state: _Element) -> bool:
        if not state.has("t-nocache"):
            return False
        state.pop("t-nocache")
        captured = []
        for name in state.with_prefix("t-nocache-"):
            varname = name[len("t-nocache-") :]
            if not VARNAME.match(varname):
                raise self._error(
                    state.el,
                    f"The varname {varname!r} can only contain "
                    "alphanumeric characters and underscores",
                )
            captured.append((varname, self._expr(state.el, state.pop(name))))
        self.w.flush()
        body = self._new_function("nocache", "values, ctx, a")
        with self._writing_to(body):
            self._directives(state)
            body.flush()
        # Inside a t-cache block the part is rendered from the root values (as it would be
        # when the cached block is replayed); elsewhere it renders like any element.
        with self.w.block("if values.get('__qweb_in_cache'):"):
            self.w.emit("_nv = dict(ctx.root_values)")
            for varname, code in captured:
                self.w.emit(f"_nv[{varname!r}] = _rt_nocache_value({varname!r}, {code})")
            self.w.emit(f"{body.name}(_nv, ctx, a)")
        with self.w.block("else:"):
            self.w.emit(f"{body.name}(values, ctx, a)")
        return True

    def _directive_cache(self, state: _Element) -> bool:
        if not state.has("t-cache"):
            return False
        key = self._expr(state.el, state.pop("t-cache"))
        self.w.flush()
        body = self._new_function("cache", "values, ctx, a")
        with self._writing_to(body):
            self._directives(state)
            body.flush()
        # Previews never memoise (their data changes all the time), but the block keeps
        # Odoo's scoping: it renders on a copy, so its t-set values stay inside.
        del key  # compiled for validation only: nothing is memoised
        self.w.emit(f"{body.name}({{**values, '__qweb_in_cache': True}}, ctx, a)")
        return True

    def _directive_groups(self, state: _Element) -> bool:
        spec = state.pop("t-groups", state.pop("groups"))
        if spec is None:
            return False
        strip = self.w.rstrip_text() if self.modern else ""
        self.w.flush()
        with self.w.block(f"if ctx.has_groups({spec!r}):"):
            if strip and state.tag is not None:
                self.w.add_text(strip)
            self._directives(state)
            self.w.flush(rstrip=self.modern)
        return True

    def _directive_foreach(self, state: _Element) -> bool:
        if not state.has("t-foreach"):
            return False
        source = state.pop("t-foreach")
        name = state.pop("t-as")
        if not name:
            raise self._error(state.el, "KeyError: 't-as'")
        if not VARNAME.match(name):
            raise self._error(
                state.el,
                f"The varname {name!r} can only contain alphanumeric characters and underscores",
            )
        if state.tag is None and self.modern:
            self.w.rstrip_text()
        self.w.flush()
        items, size, pairs, index, item = (self._var(v) for v in ("it", "sz", "kv", "i", "x"))
        if source.isdigit():
            self.w.emit(f"{items}, {size}, {pairs} = _rt_foreach(None, {int(source)})")
        else:
            self.w.emit(f"{items}, {size}, {pairs} = _rt_foreach({self._expr(state.el, source)})")
        meta = f"  {LOOP_META}"  # lines a post-pass may drop when nothing reads them
        self.w.emit(f"if {size} is not None: values[{name + '_size'!r}] = {size}{meta}")
        with self.w.block(f"for {index}, {item} in enumerate({items}):"):
            w = self.w
            w.emit(f"values[{name + '_index'!r}] = {index}{meta}")
            with w.block(f"if {pairs}:"):
                w.emit(f"values[{name!r}], values[{name + '_value'!r}] = {item}")
            with w.block("else:"):
                w.emit(f"values[{name!r}] = {item}")
                w.emit(f"values[{name + '_value'!r}] = {item}{meta}")
            w.emit(f"values[{name + '_first'!r}] = {index} == 0{meta}")
            w.emit(
                f"if {size} is not None: values[{name + '_last'!r}] = {index} + 1 == {size}{meta}"
            )
            w.emit(f"values[{name + '_odd'!r}] = {index} % 2{meta}")
            w.emit(f"values[{name + '_even'!r}] = not {index} % 2{meta}")
            w.emit(f"values[{name + '_parity'!r}] = 'odd' if {index} % 2 else 'even'{meta}")
            self._directives(state)
            self.w.flush(rstrip=self.modern)
        return True

    def _directive_if(self, state: _Element) -> bool:
        source = state.pop("t-if")
        if source is None:
            source = state.pop("t-elif")
        if source is None:
            return False
        if not source.strip():
            raise self._error(state.el, "t-if or t-elif expression should not be empty")
        el = state.el
        strip = self.w.rstrip_text() if self.modern else ""
        if state.tag is None and el.text and LEADING_NEWLINE.search(el.text):
            strip = ""  # the <t> content brings its own line break
        self.w.flush()
        with self.w.block(f"if {self._expr(el, source)}:"):
            if strip:
                self.w.add_text(strip)
            self._directives(state)
            self.w.flush(rstrip=self.modern)
        branch = self._next_branch(el)
        if branch is not None:
            with self.w.block("else:"):
                if strip:
                    self.w.add_text(strip)
                self._node_as_branch(branch)
                self.w.flush(rstrip=self.modern)
        return True

    def _next_branch(self, el: etree._Element) -> etree._Element | None:
        """The t-elif/t-else element that continues this t-if chain, if any."""
        sibling = el.getnext()
        comments = []
        while isinstance(sibling, (etree._Comment, etree._ProcessingInstruction)):
            comments.append(sibling)
            sibling = sibling.getnext()
        if sibling is None or not isinstance(sibling.tag, str):
            return None
        if "t-elif" not in sibling.attrib and "t-else" not in sibling.attrib:
            return None
        if el.tail and not el.tail.isspace():
            raise self._error(
                sibling, "Unexpected non-whitespace characters between t-if and t-else directives"
            )
        for comment in comments:
            comment.getparent().remove(comment)
        el.tail = None
        return sibling

    def _node_as_branch(self, el: etree._Element) -> None:
        self._dynamic(el, else_valid=True)
        el.set("__qweb_skip__", "1")  # its parent must not compile it a second time

    def _directive_call_assets(self, state: _Element) -> bool:
        if not state.has("t-call-assets"):
            return False
        bundle = state.pop("t-call-assets")
        css = _flag(state.pop("t-css"), True)
        js = _flag(state.pop("t-js"), True)
        defer = _flag(state.pop("defer_load"), False)
        lazy = _flag(state.pop("lazy_load"), False)
        autoprefix = _flag(state.pop("t-autoprefix"), False)
        media = state.pop("media")
        self.w.flush()
        with self.w.block("if ctx.assets is not None:"):
            self.w.emit(
                f"a(_rt_assets(ctx.assets({bundle!r}, css={css}, js={js}, defer_load={defer}, "
                f"lazy_load={lazy}, media={media!r}, autoprefix={autoprefix}, "
                "debug=values.get('debug'))))"
            )
        return False

    def _directive_snippet(self, state: _Element) -> bool:
        """Website builder directives (documented in docs/qweb.md)."""
        if state.has("t-install"):
            # A snippet whose module is not installed: the editor shows an install button.
            # A preview has nothing to show for it.
            state.pop("t-install")
            state.pop("t-thumbnail")
            state.pending.pop("string", None)
            state.pending.clear()
            return True
        if state.has("t-snippet"):
            key = state.pop("t-snippet")
            thumbnail = state.pop("t-thumbnail") or ""
            label = state.pending.pop("string", None) or ""
            self.w.flush()
            attrs = {
                "name": label,
                "data-oe-type": "snippet",
                "data-oe-snippet-key": key,
                "data-oe-thumbnail": thumbnail,
            }

            self.w.add_text(f"<div{format_attrs(attrs)}>")
            self._emit_call(state, repr(key))
            self.w.add_text("</div>")
            state.pending = {k: v for k, v in state.pending.items() if not k.startswith("t-")}
            return True
        if state.has("t-snippet-call"):
            # Renders the snippet in place, like t-call; `string` is its label in the editor.
            state.pending.pop("string", None)
            state.pending["t-call"] = state.pop("t-snippet-call")
        return False

    def _directive_options(self, state: _Element) -> bool:
        if state.has("t-lang"):
            state.pending["t-options-lang"] = state.pop("t-lang")
        parts = []
        base = state.pop("t-options")
        if base is not None:
            parts.append(f"**{self._expr(state.el, base)}")
        for name in state.with_prefix("t-options-"):
            parts.append(f"{name[len('t-options-') :]!r}: {self._expr(state.el, state.pop(name))}")
        if parts:
            self.w.flush()
            state.options_var = self._var("opts")
            self.w.emit(f"{state.options_var} = {{{', '.join(parts)}}}")
        return False

    def _directive_att(self, state: _Element) -> bool:
        """Collect the element's attributes: static first, then dynamic in document order."""
        el = state.el
        if state.tag is None:
            # Attributes of a <t> are never output (spec §2); dynamic ones are dropped too.
            for name in state.with_prefix("t-att"):
                state.pop(name)
                self.warnings.append(f"{self.name}: {name} on a <t> has no effect")
            return False
        static = self._static_attributes(el)
        for name in list(state.pending):
            if not name.startswith("t-") and name != "groups":
                state.pop(name)
        dynamic = []
        for name in list(state.pending):
            if name.startswith("t-attf-"):
                dynamic.append(
                    (name[7:].removesuffix(".translate"), self._format(el, state.pop(name)))
                )
            elif name.startswith("t-att-"):
                dynamic.append((name[6:], self._expr(el, state.pop(name))))
            elif name == "t-att":
                dynamic.append((None, self._expr(el, state.pop(name))))
        names = [name for name, _ in dynamic]
        needs_dict = (
            None in names
            or len(set(names)) != len(names)
            or set(names) & set(static)
            or self.options.attribute_hook is not None
            or state.has("t-field")
            or state.options_var is not None
        )
        if not needs_dict:
            # Fast path: each attribute written directly, no dict built at render time.

            state.attrs_text = format_attrs(static)
            state.attrs_code = None
            state.dynamic_inline = [
                (name, f"_rt_href({code})" if name == "href" else code) for name, code in dynamic
            ]
            return False
        lines = [f"attrs = {static!r}"]
        for name, code in dynamic:
            if name is None:
                lines.append(f"_rt_merge_att(attrs, {code})")
            else:
                lines.append(f"attrs[{name!r}] = {code}")
        state.attrs_code = lines
        return False

    def _emit_tag_open(self, state: _Element, extra_attrs: str | None = None) -> None:
        """Write the open tag; `extra_attrs` names a dict merged last (widget attributes)."""
        tag = state.tag
        close = "/>" if tag in VOID_ELEMENTS else ">"
        w = self.w
        if state.attrs_code is None and extra_attrs is None:
            w.add_text(f"<{tag}{state.attrs_text}")
            for name, code in state.dynamic_inline:
                w.flush()
                w.emit(f"a(_rt_attr({name!r}, {code}))")
            w.add_text(close)
            return
        w.add_text(f"<{tag}")
        w.flush()
        for line in state.attrs_code or ["attrs = {}"]:
            w.emit(line)
        if extra_attrs:
            w.emit(f"attrs.update({extra_attrs})")
        w.emit("if 'href' in attrs: attrs['href'] = _rt_href(attrs['href'])")
        if self.options.attribute_hook is not None:
            w.emit(f"attrs = ctx.attribute_hook({tag!r}, attrs, False)")
        w.emit("a(_rt_attrs(attrs))")
        w.add_text(close)

    def _emit_tag_close(self, state: _Element) -> None:
        if state.tag is not None and state.tag not in VOID_ELEMENTS:
            self.w.add_text(f"</{state.tag}>")

    def _directive_out(self, state: _Element) -> bool:
        kind = next((name for name in OUTPUT_DIRECTIVES if state.has(name)), None)
        if kind is None:
            return False
        source = state.pop(kind)
        el = state.el
        options = state.options_var
        self.w.flush()
        w = self.w
        if source == CALL_SLOT and options is None:
            # The call-body slot: the tag always renders, the default body is ignored.
            if state.tag is not None:
                self._emit_tag_open(state)
            w.flush()
            w.emit(f"a(values.get({CALL_SLOT}, ''))")
            self._emit_tag_close(state)
            self._finish_output(state)
            return True
        content = self._var("c")
        extra = None
        force = None
        if kind == "t-field":
            record, field_name = source.rsplit(".", 1)
            record_code = self._expr(el, record, strict=True)
            extra, force = self._var("fa"), self._var("fd")
            w.emit(
                f"{extra}, {content}, {force} = ctx.engine._field({record_code}, {field_name!r}, "
                f"{source!r}, {state.tag!r}, {options or '{}'}, ctx)"
            )
        else:
            value = (
                f"values.get({CALL_SLOT}, '')" if source == CALL_SLOT else self._expr(el, source)
            )
            if source == CALL_SLOT:
                value = f"Markup({value})"
            if options is not None:
                extra, force = self._var("wa"), self._var("fd")
                w.emit(
                    f"{extra}, {content}, {force} = ctx.engine._widget({value}, {source!r}, "
                    f"{state.tag!r}, {options}, ctx)"
                )
            else:
                w.emit(f"{content} = {value}")
            if kind == "t-raw":
                w.emit(
                    f"if {content} is not None and {content} is not False: "
                    f"{content} = Markup({content})"
                )
        with w.block(f"if {content} is not None and {content} is not False:"):
            if state.tag is not None:
                self._emit_tag_open(state, extra)
            w.flush()
            w.emit(f"a(_rt_escape({content}))")
            self._emit_tag_close(state)
            w.flush()
        has_body = el.text is not None or len(el)
        if has_body:
            with w.block("else:"):
                if state.tag is not None:
                    self._emit_tag_open(state, extra)
                self._content(el)
                self._emit_tag_close(state)
                w.flush()
        elif force is not None and state.tag is not None:
            with w.block(f"elif {force}:"):
                self._emit_tag_open(state, extra)
                self._emit_tag_close(state)
                w.flush()
        self._finish_output(state)
        return True

    def _finish_output(self, state: _Element) -> None:
        """After an output directive nothing else of the element may remain."""
        state.content_consumed = True
        leftovers = [name for name in state.pending if name.startswith("t-")]
        if leftovers:
            raise self._error(
                state.el, f"{', '.join(leftovers)} cannot be combined with an output directive"
            )

    def _directive_tag_open(self, state: _Element) -> bool:
        if state.tag is not None:
            self._emit_tag_open(state)
        return False

    def _directive_call(self, state: _Element) -> bool:
        if not state.has("t-call"):
            return False
        name = state.pop("t-call")
        self.w.flush(rstrip=state.tag is None and self.modern)
        self._emit_call(state, self._format(state.el, name))
        state.content_consumed = True
        return False

    def _emit_call(self, state: _Element, name_code: str) -> None:
        """Call another template with a copy of the values and this element's body as `0`."""
        el = state.el
        w = self.w
        values = self._var("cv")
        w.flush()
        w.emit(f"{values} = values.copy()")
        # Odoo 19 call parameters: plain attributes of <t t-call> are expressions,
        # NAME.f="..." and t-argf-NAME="..." are format strings, t-args="{...}" a dict.
        if state.tag is None:
            for attr in list(state.pending):
                if attr.startswith("t-argf-"):
                    code = self._format(el, state.pop(attr))
                    w.emit(f"{values}[{attr[len('t-argf-') :]!r}] = {code}")
                elif attr == "t-args":
                    w.emit(f"{values}.update({self._expr(el, state.pop(attr))})")
                elif not attr.startswith("t-") and attr != "groups":
                    source = state.pop(attr)
                    if attr.endswith(".f"):
                        code = self._format(el, source)
                        attr = attr[:-2]
                    else:
                        code = self._expr(el, source)
                    w.emit(f"{values}[{attr!r}] = {code}")
        body = self._new_function("body", "values, ctx, a")
        with self._writing_to(body):
            self._content(el)
            body.add_text("")  # Odoo keeps the body's trailing layout (the strip sees '')
            body.flush(rstrip=self.modern)
        out = self._var("body")
        w.emit(f"{out} = []")
        w.emit(f"{body.name}({values}, ctx, {out}.append)")
        w.emit(f"{values}[0] = Markup(''.join({out}))")
        w.emit(f"ctx.engine._call({name_code}, {values}, ctx, a, {state.options_var or 'None'})")

    def _directive_set(self, state: _Element) -> bool:
        if not state.has("t-set"):
            return False
        el = state.el
        name = state.pop("t-set")
        self.w.flush(rstrip=state.tag is None and self.modern)
        if name == "":
            raise self._error(el, "KeyError: 't-set' (t-set needs a variable name)")
        if name != CALL_SLOT and name[0] != "{" and not VARNAME.match(name):
            raise self._error(
                el, "The varname can only contain alphanumeric characters and underscores"
            )
        value_attrs = [n for n in ("t-value", "t-valuef", "t-valuef.translate") if state.has(n)]
        w = self.w
        if value_attrs or name[0] == "{":
            if name == CALL_SLOT:
                raise self._error(el, 't-set="0" should not be set from t-value or t-valuef')
            state.content_consumed = True
            if state.has("t-value"):
                code = self._expr(el, state.pop("t-value") or "None")
                w.emit(f"values[{name!r}] = {code}")
            elif value_attrs:
                code = self._format(el, state.pop(value_attrs[0]))
                w.emit(f"values[{name!r}] = {code}")
            else:
                w.emit(f"values.update({self._expr(el, name)})")
            for extra in value_attrs[1:]:
                state.pop(extra)
            return False
        # No value: the body, rendered now with the current values, becomes Markup.
        state.content_consumed = True
        out = self._var("set")
        w.emit(f"{out} = []")
        saved = self.w.text
        self.w.text = []
        outer = self._var("a")
        w.emit(f"{outer}, a = a, {out}.append")
        self._content(el)
        self.w.flush()
        w.emit(f"a = {outer}")
        self.w.text = saved
        w.emit(f"values[{name!r}] = Markup(''.join({out}))")
        return False

    def _directive_content(self, state: _Element) -> bool:
        if not state.content_consumed:
            self._content(state.el)
        return False

    def _directive_tag_close(self, state: _Element) -> bool:
        self._emit_tag_close(state)
        return False


def _drop_unread_loop_meta(lines: list[str]) -> list[str]:
    """Skip writing loop variables (`x_index`, `x_odd`...) that nothing can read.

    Only when the template calls no other template (a callee, or a t-nocache part, could read
    any name); then a name is read only if this template's own code mentions it. The lines are
    replaced by `pass`, so line numbers (used for error locations) do not move.
    """
    source = "\n".join(lines)
    if "ctx.engine._call(" in source or "ctx.root_values" in source:
        return lines
    result = []
    for line in lines:
        if line.endswith(LOOP_META):
            target = _META_TARGET.search(line)
            name = target.group(1) if target else None
            if name and source.count(name) == 1:  # only this assignment mentions it
                indent = line[: len(line) - len(line.lstrip())]
                line = f"{indent}pass"
        result.append(line)
    return result


def _flag(value: str | None, default: bool) -> bool:
    """Boolean attributes of t-call-assets: true/false/1/0, any case."""
    if value is None:
        return default
    lowered = value.lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    return default
