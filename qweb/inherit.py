"""Odoo view inheritance: apply `<xpath>`, `<field>` and element specs to an arch (spec §7.3)."""

from __future__ import annotations

import copy
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from lxml import etree
from markupsafe import escape

from .errors import QWebError
from .source import ORIGIN_ATTR, describe_element, origin_of, stamp_origin

__all__ = [
    "PYTHON_EXPRESSION_ATTRIBUTES",
    "InheritanceError",
    "apply_inheritance_specs",
    "locate_node",
]

#: Attributes whose value is a Python expression: `add`/`remove` join them with `and`/`or`.
#: (`decoration-*` attributes are Python expressions too.)
PYTHON_EXPRESSION_ATTRIBUTES = frozenset(
    {"t-if", "t-elif", "invisible", "readonly", "required", "column_invisible"}
)

# Root elements whose children are the specs (`<data>` nested anywhere is one too).
_SPEC_CONTAINERS = frozenset({"data", "t", "odoo", "openerp", "templates", "template"})
_ATTRIBUTE_SPEC_KEYS = frozenset({"name", "add", "remove", "separator"})
_TRAILING_LINE_INDENT = re.compile(r"\n[ \t]*\Z")
_ANCHOR_TARGET = "qweb-inherit-anchor"

ErrorHandler = Callable[["InheritanceError"], object]


class InheritanceError(QWebError, ValueError):
    """A spec that cannot be applied; located at the spec element (file, line, start tag)."""

    def __init__(
        self, message: str, spec: etree._Element | None = None, code="invalid-position", **where
    ):
        if spec is not None:
            file, line = origin_of(spec)
            where.setdefault("file", file)
            where.setdefault("line", line)
            where.setdefault("element", describe_element(spec))
        super().__init__(message, code=code, **where)


# --------------------------------------------------------------------------------------------
# Locating the target of a spec
# --------------------------------------------------------------------------------------------


def _hasclass(context, *names: str) -> bool:
    """XPath `hasclass('a', 'b')`: the context element's class list holds every name."""
    classes = set((context.context_node.get("class") or "").split())
    return all(name in classes for name in names)


_XPATH_EXTENSIONS = {(None, "hasclass"): _hasclass}


def locate_node(arch: etree._Element, spec: etree._Element) -> etree._Element | None:
    """The first element of `arch` (root included) that `spec` designates, or None.

    `<xpath expr>` evaluates XPath 1.0 (Clark `{uri}tag` names, `hasclass()`) with the root as
    context; `<field name>` matches on the name only; any other tag matches an element with that
    tag and every spec attribute except `position`.
    """
    if spec.tag == "xpath":
        return _locate_by_xpath(arch, spec)
    if spec.tag == "field":
        name = spec.get("name")
        return next((node for node in arch.iter("field") if node.get("name") == name), None)
    wanted = [
        (attr, value)
        for attr, value in spec.attrib.items()
        if attr not in ("position", ORIGIN_ATTR)
    ]
    for node in arch.iter(spec.tag):
        if all(node.get(attr) == value for attr, value in wanted):
            return node
    return None


def _locate_by_xpath(arch: etree._Element, spec: etree._Element) -> etree._Element | None:
    expr = spec.get("expr")
    if expr is None:
        raise InheritanceError("Missing 'expr' attribute on <xpath> spec", spec, "invalid-xpath")
    try:
        found = etree.ETXPath(expr, extensions=_XPATH_EXTENSIONS)(arch)
    except etree.XPathSyntaxError as error:
        raise InheritanceError(
            f"Invalid Expression while parsing xpath {expr!r}", spec, "invalid-xpath", cause=error
        ) from error
    except etree.XPathError as error:
        raise InheritanceError(
            f"Cannot evaluate xpath {expr!r}: {error}", spec, "invalid-xpath", cause=error
        ) from error
    if not isinstance(found, list):
        raise InheritanceError(
            f"The xpath {expr!r} does not select an element", spec, "invalid-xpath"
        )
    for item in found:
        if isinstance(item, etree._Element) and isinstance(item.tag, str):
            return item
    if found:
        raise InheritanceError(
            f"The xpath {expr!r} does not select an element", spec, "invalid-xpath"
        )
    return None


def _not_located(spec: etree._Element) -> InheritanceError:
    attrs = "".join(
        f' {name}="{escape(value)}"'
        for name, value in spec.attrib.items()
        if name not in ("position", ORIGIN_ATTR)
    )
    return InheritanceError(
        f"Element '<{spec.tag}{attrs}>' cannot be located in parent view", spec, "xpath-not-found"
    )


# --------------------------------------------------------------------------------------------
# Applying specs
# --------------------------------------------------------------------------------------------


def apply_inheritance_specs(
    arch: etree._Element,
    specs: etree._Element | Iterable[etree._Element],
    *,
    on_error: ErrorHandler | None = None,
) -> etree._Element:
    """Apply `specs` to `arch` in place and return the (possibly replaced) root.

    `specs` is a container (`<data>`, `<t>`, `<odoo>`, ...) whose children are the specs, a
    single spec element, or a list of spec elements. Specs run in document order; nested `<data>`
    elements queue their children after the current ones. The specs themselves are left intact.
    Without `on_error` the first failing spec raises `InheritanceError`; with it, the failing spec
    is skipped, reported through `on_error`, and the remaining specs still apply.
    """
    root = arch
    queue = deque(_top_level_specs(specs))
    while queue:
        spec = queue.popleft()
        if not isinstance(spec.tag, str):
            continue  # comments and processing instructions
        if spec.tag == "data":
            queue.extend(spec)
            continue
        try:
            root = _apply_spec(root, spec)
        except InheritanceError as error:
            if on_error is None:
                raise
            on_error(error)
    return root


def _top_level_specs(specs) -> list[etree._Element]:
    if isinstance(specs, etree._Element):
        if isinstance(specs.tag, str) and specs.tag in _SPEC_CONTAINERS:
            return list(specs)
        return [specs]
    return list(specs)


def _apply_spec(root: etree._Element, spec: etree._Element) -> etree._Element:
    target = locate_node(root, spec)
    if target is None:
        raise _not_located(spec)
    position = spec.get("position", "inside")
    if position == "attributes":
        _set_attributes(target, spec)
        return root
    apply_position = _POSITIONS.get(position)
    if apply_position is None:
        raise InheritanceError(f"Invalid position attribute: '{position}'", spec)
    try:
        return apply_position(_SpecRun(root, spec), target)
    except (ValueError, TypeError) as error:
        if isinstance(error, InheritanceError):
            raise
        # lxml refusing a tree change, e.g. moving an element inside itself
        raise InheritanceError(f"Cannot apply spec: {error}", spec, cause=error) from error


class _SpecRun:
    """One spec being applied: a private copy of it (the caller's stays intact), its source
    file for stamping inserted nodes, and the arch root it moves nodes within."""

    def __init__(self, root: etree._Element, spec: etree._Element):
        self.root = root
        self.original = spec
        self.file = origin_of(spec)[0]
        self.spec = copy.deepcopy(spec)

    def error(self, message: str, node: etree._Element | None = None) -> InheritanceError:
        """An error at `node` (default: the spec), in the spec's file."""
        error = InheritanceError(message, self.original if node is None else node)
        return error.located(file=self.file)

    def check_moves(self) -> None:
        """Fail before touching the arch when a `position="move"` child is unusable."""
        for child in self.spec:
            if _is_move(child):
                self._check_move(child)

    def _check_move(self, move: etree._Element) -> etree._Element:
        if len(move):
            text = etree.tostring(move, encoding="unicode", with_tail=False)
            raise self.error(f"Invalid specification for moved nodes: '{text}'", move)
        node = locate_node(self.root, move)
        if node is None:
            raise _not_located(move).located(file=self.file)
        if node is self.root:
            raise self.error("The root element cannot be moved", move)
        return node

    def take_moved(self, move: etree._Element) -> etree._Element:
        """Detach the node a move element designates (its tail stays behind); it takes the
        move element's tail and keeps its own source file."""
        node = self._check_move(move)
        file = origin_of(node)[0]
        _remove_keeping_tail(node)
        if file and ORIGIN_ATTR not in node.attrib:
            stamp_origin(node, file)
        node.tail = move.tail
        return node

    def content(self) -> Iterator[etree._Element]:
        """The spec's children ready to insert, one at a time (a move locates its node after
        the previous children are in place): moves resolved, new elements stamped."""
        for child in list(self.spec):
            if _is_move(child):
                yield self.take_moved(child)
            else:
                self.stamp(child)
                yield child

    def stamp(self, node: etree._Element) -> None:
        if isinstance(node.tag, str) and ORIGIN_ATTR not in node.attrib:
            stamp_origin(node, self.file)


def _is_move(node) -> bool:
    return isinstance(node.tag, str) and node.get("position") == "move"


# ---- inside / after / before ---------------------------------------------------------------


def _insert_inside(run: _SpecRun, target: etree._Element) -> etree._Element:
    run.check_moves()
    anchor = _anchor()
    target.append(anchor)
    _insert_before_anchor(run, anchor)
    _remove_keeping_tail(anchor)
    return run.root


def _insert_after(run: _SpecRun, target: etree._Element) -> etree._Element:
    _require_parent(run, target, "after")
    run.check_moves()
    # The target's tail moves behind the inserted block.
    anchor = _anchor()
    tail, target.tail = target.tail, None
    target.addnext(anchor)
    anchor.tail = tail
    _insert_before_anchor(run, anchor)
    _remove_keeping_tail(anchor)
    return run.root


def _insert_before(run: _SpecRun, target: etree._Element) -> etree._Element:
    _require_parent(run, target, "before")
    run.check_moves()
    _insert_before_anchor(run, target)
    return run.root


def _insert_before_anchor(run: _SpecRun, anchor: etree._Element) -> None:
    """Insert the spec's text and children right before `anchor`, keeping indentation tidy.

    The whitespace that ended the text before the insertion point is removed; if it ended with a
    newline and indentation, that newline and indentation goes after the inserted block instead.
    """
    spec = run.spec
    previous = anchor.getprevious()
    if previous is None:
        parent = anchor.getparent()
        indent = _line_indent(parent.text)
        parent.text = (parent.text or "").rstrip() + (spec.text or "") or spec.text
    else:
        indent = _line_indent(previous.tail)
        previous.tail = (previous.tail or "").rstrip() + (spec.text or "")
    if len(spec):
        last = spec[-1]
        last.tail = (last.tail or "").rstrip() + indent
    for node in run.content():
        anchor.addprevious(node)


def _line_indent(text: str | None) -> str:
    match = _TRAILING_LINE_INDENT.search(text) if text else None
    return match.group(0) if match else ""


def _require_parent(run: _SpecRun, target: etree._Element, position: str) -> None:
    if target.getparent() is None or target is run.root:
        raise run.error(f"Cannot insert content {position} the root element")


# ---- replace -------------------------------------------------------------------------------


def _replace(run: _SpecRun, target: etree._Element) -> etree._Element:
    mode = run.spec.get("mode", "outer")
    if mode == "inner":
        return _replace_inner(run, target)
    if mode != "outer":
        raise run.error(f"Invalid mode attribute: '{mode}'")
    if target is run.root or target.getparent() is None:
        return _replace_root(run, target)
    run.check_moves()
    _insert_target_copies(run, target)
    for node in run.content():
        target.addprevious(node)
    target.getparent().remove(target)  # its tail goes with it
    return run.root


def _insert_target_copies(run: _SpecRun, target: etree._Element) -> None:
    """`$0` in the spec stands for the replaced element: each element whose text is exactly
    `$0` gets a copy of the target instead of that text."""
    holders = [node for node in run.spec.iterdescendants() if node.text == "$0"]
    if not holders:
        return
    file = origin_of(target)[0]
    for holder in holders:
        holder.text = ""
        duplicate = copy.deepcopy(target)
        if file and ORIGIN_ATTR not in duplicate.attrib:
            stamp_origin(duplicate, file)
        holder.append(duplicate)


def _replace_root(run: _SpecRun, target: etree._Element) -> etree._Element:
    """The first element of the spec becomes the new root; it keeps the old root's `t-name`,
    and a comment just before it in the spec becomes its first child."""
    leading_comment = None
    new_root = None
    for child in run.spec:
        if isinstance(child.tag, str):
            new_root = child
            break
        if child.tag is etree.Comment:
            leading_comment = child
    if new_root is None:
        raise run.error("The root element cannot be removed: the replacement has no element")
    _insert_target_copies(run, target)
    new_root = copy.deepcopy(new_root)
    new_root.tail = None
    template_name = target.get("t-name")
    if template_name:
        new_root.set("t-name", template_name)
    run.stamp(new_root)
    if leading_comment is not None:
        comment = copy.deepcopy(leading_comment)
        comment.tail, new_root.text = new_root.text, None
        new_root.insert(0, comment)
    return new_root


def _replace_inner(run: _SpecRun, target: etree._Element) -> etree._Element:
    """Keep the target's tag and attributes; its text and children become the spec's.

    The old children stay in place until the new content is in, so moves can reuse them."""
    run.check_moves()
    anchor = _anchor()
    target.insert(0, anchor)
    target.text = None
    _insert_before_anchor(run, anchor)
    while anchor.getnext() is not None:
        target.remove(anchor.getnext())
    target.remove(anchor)
    return run.root


# ---- attributes ----------------------------------------------------------------------------


def _set_attributes(target: etree._Element, spec: etree._Element) -> None:
    """Apply every `<attribute>` child; all are checked before the target changes."""
    changes = [_read_attribute_spec(spec, child) for child in spec.iter("attribute")]
    for name, compute in changes:
        value = compute(target.get(name, ""))
        if value:
            try:
                target.set(name, value)
            except ValueError as error:
                raise InheritanceError(
                    f"Invalid attribute name {name!r}", spec, "invalid-attribute-spec", cause=error
                ) from error
        elif name in target.attrib:
            del target.attrib[name]


def _read_attribute_spec(spec: etree._Element, child: etree._Element):
    unknown = [
        key
        for key in child.attrib
        if key not in _ATTRIBUTE_SPEC_KEYS and not key.startswith("data-oe-")
    ]
    if unknown:
        names = ", ".join(repr(key) for key in unknown)
        raise InheritanceError(
            f"Invalid attributes {names} in element <attribute>", spec, "invalid-attribute-spec"
        )
    name = child.get("name")
    if not name:
        raise InheritanceError("Element <attribute> needs a 'name'", spec, "invalid-attribute-spec")
    add = child.get("add") or ""
    remove = child.get("remove") or ""
    if not (add or remove):
        text = child.text or ""
        return name, lambda _current: text
    if child.text:
        raise InheritanceError(
            f"Element <attribute> with 'add' or 'remove' cannot contain text {child.text!r}",
            spec,
            "invalid-attribute-spec",
        )
    separator = child.get("separator")
    if name in PYTHON_EXPRESSION_ATTRIBUTES or name.startswith("decoration-"):
        operator = separator.strip() if separator is not None else None
        if operator not in ("and", "or"):
            raise InheritanceError(
                f"Invalid separator {operator!r} for python expression {name!r}; "
                "valid values are 'and' and 'or'",
                spec,
                "invalid-attribute-spec",
            )
        return name, lambda current: _edit_expression(current, operator, add, remove)
    return name, lambda current: _edit_list(current, separator, add, remove)


def _edit_list(current: str, separator: str | None, add: str, remove: str) -> str:
    """Split on the separator (`,` by default; a single space means any whitespace), drop the
    removed items, append the added ones (duplicates kept) and join again."""
    if separator is None:
        separator = ","
    split_on = None if separator == " " else separator
    removed = {item.strip() for item in remove.split(split_on)}
    kept = [item for item in (s.strip() for s in current.split(split_on)) if item]
    kept = [item for item in kept if item not in removed]
    added = [item for item in (s.strip() for s in add.split(split_on)) if item]
    return (split_on or " ").join(kept + added)


def _edit_expression(current: str, operator: str, add: str, remove: str) -> str:
    """Remove a term from / add a term to a Python condition joined with `and`/`or`."""
    value = current
    if remove:
        if re.fullmatch(rf"\(*{re.escape(remove)}\)*", value):
            value = ""
        else:
            for pattern in (
                f"({remove}) {operator} ",
                f" {operator} ({remove})",
                f"{remove} {operator} ",
                f" {operator} {remove}",
            ):
                index = value.find(pattern)
                if index != -1:
                    value = value[:index] + value[index + len(pattern) :]
                    break
    if add:
        value = f"({value}) {operator} ({add})" if value else add
    return value


# ---- helpers -------------------------------------------------------------------------------


def _anchor() -> etree._Element:
    # A processing instruction: invisible to element XPaths and tag searches made by moves.
    return etree.ProcessingInstruction(_ANCHOR_TARGET)


def _remove_keeping_tail(node: etree._Element) -> None:
    """Detach `node`; its tail text joins the text before it."""
    tail, node.tail = node.tail, None
    previous = node.getprevious()
    parent = node.getparent()
    if tail is not None:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "").rstrip() + tail
    parent.remove(node)


_POSITIONS = {
    "inside": _insert_inside,
    "after": _insert_after,
    "before": _insert_before,
    "replace": _replace,
}
