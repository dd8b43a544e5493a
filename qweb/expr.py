"""Template expressions: compile restricted Python to code that reads `values`; the only sandbox.

Everything that decides what a template expression may do lives in this module:

* `compile_expression` parses an expression, refuses what is not allowed (statements, dunder
  names, frame/code internals, lambda defaults, unknown syntax) and rewrites free names into
  lookups in the render's `values` dict (spec §5.2). The result is Python *source* that the
  template compiler embeds in its generated functions.
* `compile_format` turns `{{ expr }}` / `#{ expr }` format strings into such source (spec §3.7).
* `EXPRESSION_GLOBALS` is what the generated code must run with: the safe builtins as
  `__builtins__` plus the `_expr_*` helpers the rewritten code calls.

The rewrite only wraps what needs wrapping, so common expressions stay plain Python:
`a.b + c` becomes `values['a'].b + values.get('c')`. Operations that could allocate or compute
without bound from a short expression (`**`, `*`, `<<`, `%`, `str.format`, padding, `join`,
`range`, `bytes(n)`, `round`) go through helpers that estimate the result size *before*
computing it and raise `SandboxError` when it exceeds the limits below.

What the sandbox does not do: bound the total work of an expression. Nested loops over
bounded ranges, or growing a value by repeated doubling (`reduce(lambda a, _: a + a, ...)`,
`lst.extend(lst)` in a comprehension), are still possible; a host that renders untrusted
templates must also limit render time and memory (process limits, a watchdog).
"""

from __future__ import annotations

import _string  # the stdlib helper `string.Formatter` itself uses to split field names
import array
import ast
import collections
import functools
import math
import operator
import re
import string
import warnings
from collections.abc import Callable
from typing import Any

from markupsafe import EscapeFormatter, Markup

__all__ = [
    "EXPRESSION_GLOBALS",
    "GUARDED_METHOD_NAMES",
    "MAX_FORMAT_WIDTH",
    "MAX_INT_BITS",
    "MAX_RANGE_LENGTH",
    "MAX_SEQUENCE_LENGTH",
    "SAFE_BUILTINS",
    "SAFE_BUILTIN_NAMES",
    "UNSAFE_ATTRIBUTES",
    "ExpressionError",
    "SandboxError",
    "compile_expression",
    "compile_format",
]

# --------------------------------------------------------------------------------------------
# Limits. Each is far above what a page template needs and far below what hurts a server:
# every guarded operation is refused in microseconds, before anything is allocated.

#: Largest integer (in bits) that `**`, `*` and `<<` may produce: about 30,000 decimal digits.
#: Python already refuses to print ints above 4,300 digits, so nothing legitimate needs more,
#: and arithmetic on numbers this size stays in the microsecond range.
MAX_INT_BITS = 100_000

#: Largest str/bytes/list/tuple (in items) that repetition (`'x' * n`, `[0] * n`), padding
#: (`ljust`, `rjust`, `center`, `zfill`, `expandtabs`), `join`, `replace`, `translate`,
#: `bytes(n)`, `int.to_bytes` and `sum(lists, [])` may produce. A million characters is
#: a few hundred printed pages; a million-item list is 8 MB of pointers.
MAX_SEQUENCE_LENGTH = 1_000_000

#: Largest `range()` / `xrange()` (in items). Iterating a million items already takes a
#: noticeable fraction of a second; `list(range(n))` allocates 8 bytes per item.
MAX_RANGE_LENGTH = 1_000_000

#: Largest number in a format specification (`f'{x:>N}'`, `'{:.N}'.format(x)`,
#: `'%Nd' % x`, `'%*d' % (N, x)`): widths and precisions. Layouts need two or three digits;
#: ten thousand keeps float formatting (which computes every requested digit) cheap.
MAX_FORMAT_WIDTH = 10_000

# --------------------------------------------------------------------------------------------
# Errors


class ExpressionError(Exception):
    """Bad template expression, refused at compile time.

    `.message` is the human text, `.expression` the source of the offending expression,
    `.refused` is True when the sandbox refused it (rather than it not being valid Python).
    """

    def __init__(self, message: str, expression: str, *, refused: bool = False):
        super().__init__(message)
        self.message = message
        self.expression = expression
        self.refused = refused

    def __str__(self) -> str:
        return self.message


class SandboxError(Exception):
    """A template expression tried, at render time, something the sandbox forbids.

    Raised by the `_expr_*` helpers: results over the size limits, forbidden attributes
    reached through `str.format` fields.
    """


# --------------------------------------------------------------------------------------------
# Names and attributes

#: Attributes that expose interpreter internals (frames, code objects, generator and
#: coroutine state, tracebacks, closures, the MRO) or their Python 2 spellings. Together with
#: the ban on every name containing `__`, these are the roads from a value to the globals or
#: builtins of some function, i.e. out of the sandbox.
UNSAFE_ATTRIBUTES = frozenset(
    {
        # frames
        "f_back",
        "f_builtins",
        "f_code",
        "f_globals",
        "f_lasti",
        "f_lineno",
        "f_locals",
        "f_trace",
        "f_trace_lines",
        "f_trace_opcodes",
        # code objects
        "co_code",
        "_co_code_adaptive",
        "co_consts",
        "co_filename",
        "co_lines",
        "co_names",
        "co_positions",
        "co_varnames",
        # generators, coroutines, async generators
        "gi_code",
        "gi_frame",
        "gi_running",
        "gi_suspended",
        "gi_yieldfrom",
        "cr_await",
        "cr_code",
        "cr_frame",
        "cr_origin",
        "cr_running",
        "cr_suspended",
        "ag_await",
        "ag_code",
        "ag_frame",
        "ag_running",
        # tracebacks
        "tb_frame",
        "tb_lasti",
        "tb_lineno",
        "tb_next",
        # functions, methods, cells (Python 2 names; Python 3 ones contain `__`)
        "cell_contents",
        "func_closure",
        "func_code",
        "func_defaults",
        "func_dict",
        "func_globals",
        "im_class",
        "im_func",
        "im_self",
        # classes
        "mro",
    }
)


def _is_forbidden_name(name: str) -> bool:
    return "__" in name


def _is_forbidden_attribute(name: str) -> bool:
    return "__" in name or name in UNSAFE_ATTRIBUTES


# --------------------------------------------------------------------------------------------
# Runtime guards for numbers and sequences


def _refuse(message: str) -> SandboxError:
    return SandboxError(f"Sandbox limit: {message}")


# Types whose `*` with an int repeats their content.
_REPEATABLE_TYPES = (str, bytes, bytearray, list, tuple, collections.deque, array.array)


def _check_repetition(length: int, count: int) -> None:
    if count > 0 and length * count > MAX_SEQUENCE_LENGTH:
        raise _refuse(
            f"repeating a sequence of {length} items {count} times would exceed "
            f"{MAX_SEQUENCE_LENGTH} items"
        )


def _expr_mul(left: Any, right: Any) -> Any:
    """`left * right`, refusing huge integers and huge repetitions."""
    if type(left) is float or type(right) is float:  # the common cases first
        return left * right
    if type(left) is int and type(right) is int:
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise _refuse(f"integer product would exceed {MAX_INT_BITS} bits")
        return left * right
    if isinstance(left, int):
        if isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise _refuse(f"integer product would exceed {MAX_INT_BITS} bits")
        elif isinstance(right, _REPEATABLE_TYPES):
            _check_repetition(len(right), left)
    elif isinstance(right, int) and isinstance(left, _REPEATABLE_TYPES):
        _check_repetition(len(left), right)
    return left * right


def _expr_pow(base: Any, exponent: Any) -> Any:
    """`base ** exponent`, refusing results estimated above `MAX_INT_BITS`."""
    if (
        type(base) is int
        and type(exponent) is int
        and exponent >= 0
        and base.bit_length() * exponent <= MAX_INT_BITS  # an upper bound: surely small
    ):
        return base**exponent
    if isinstance(exponent, int) and not isinstance(base, (float, complex)):
        if isinstance(base, int):
            # |base| >= 2 gives at least one bit per unit of exponent; below that bound
            # the float estimate of the result's size is exact enough.
            if (
                exponent > 1
                and (base > 1 or base < -1)
                and (exponent > MAX_INT_BITS or exponent * math.log2(abs(base)) > MAX_INT_BITS)
            ):
                raise _refuse(f"power would exceed {MAX_INT_BITS} bits")
        elif abs(exponent) > MAX_INT_BITS:
            # exact non-int numbers (Fraction, ...) grow like ints
            raise _refuse(f"exponent {exponent} is too large")
    return base**exponent


def _expr_lshift(value: Any, shift: Any) -> Any:
    """`value << shift`, refusing integers over `MAX_INT_BITS`."""
    if (
        isinstance(value, int)
        and isinstance(shift, int)
        and value
        and shift > 0
        and (shift > MAX_INT_BITS or value.bit_length() + shift > MAX_INT_BITS)
    ):
        raise _refuse(f"shift would exceed {MAX_INT_BITS} bits")
    return value << shift


def _check_format_number(digits: str, where: str) -> None:
    if len(digits) > _WIDTH_DIGITS or int(digits) > MAX_FORMAT_WIDTH:
        raise _refuse(f"width or precision {digits} in {where} exceeds {MAX_FORMAT_WIDTH}")


_WIDTH_DIGITS = len(str(MAX_FORMAT_WIDTH))
# `format()` specs accept any Unicode decimal digits, hence `\d` and not `[0-9]`.
_SPEC_NUMBER = re.compile(r"\d+")


def _check_format_spec(spec: str) -> None:
    """Refuse a format spec with a number (width, precision, strftime width...) too large.

    Every digit run counts, whatever the value's type makes of the spec: this is the
    conservative reading for objects with their own `__format__` (dates, decimals).
    """
    if spec:
        for digits in _SPEC_NUMBER.findall(spec):
            _check_format_number(digits, f"format spec {spec!r}")


def _scan_printf(template: str) -> tuple[int, ...]:
    """Check a `%`-format string; return the argument positions that give a `*` width.

    Literal widths and precisions over the limit are refused here. The scan follows the
    interpreter's parser (ASCII digits, nested parentheses in mapping keys, bare `%%`).
    """
    stars: list[int] = []
    position = 0
    end = len(template)
    index = template.find("%")
    while index != -1:
        index += 1
        if index < end and template[index] == "%":
            index = template.find("%", index + 1)
            continue
        if index < end and template[index] == "(":
            depth = 1
            index += 1
            while index < end and depth:
                if template[index] == "(":
                    depth += 1
                elif template[index] == ")":
                    depth -= 1
                index += 1
        while index < end and template[index] in "-+ #0":
            index += 1
        for part in ("width", "precision"):
            if part == "precision":
                if index < end and template[index] == ".":
                    index += 1
                else:
                    break
            if index < end and template[index] == "*":
                stars.append(position)
                position += 1
                index += 1
            else:
                start = index
                while index < end and "0" <= template[index] <= "9":
                    index += 1
                if index > start:
                    _check_format_number(template[start:index], "%-format string")
        while index < end and template[index] in "hlL":
            index += 1
        position += 1
        index = template.find("%", index + 1)
    return tuple(stars)


_scan_printf_cached = functools.lru_cache(maxsize=1024)(_scan_printf)


def _expr_mod(left: Any, right: Any) -> Any:
    """`left % right`, refusing `%`-formatting with huge widths or precisions."""
    if type(left) is int or type(left) is float:
        return left % right
    if isinstance(left, (str, bytes, bytearray)):
        template = left if isinstance(left, str) else bytes(left).decode("latin-1")
        stars = _scan_printf_cached(template) if len(template) <= 500 else _scan_printf(template)
        if stars:
            arguments = right if isinstance(right, tuple) else (right,)
            for position in stars:
                if position < len(arguments):
                    width = arguments[position]
                    if isinstance(width, int) and abs(width) > MAX_FORMAT_WIDTH:
                        raise _refuse(f"'*' width {width} exceeds {MAX_FORMAT_WIDTH}")
    return left % right


# --------------------------------------------------------------------------------------------
# str.format / format_map: fields name attributes, which the formatter reads with getattr().
# Field names are literal text of the format string, so the string is checked first and then
# formatted natively (exact `str.format` / `Markup.format` semantics). Only when a spec is
# itself computed from an argument (`'{0:{1}}'`) does formatting go through a checking
# `string.Formatter`, because the width is known only while formatting.


def _check_format_fields(template: str, depth: int = 2) -> bool:
    """Refuse forbidden attributes and huge literal specs in a format string.

    Returns whether every spec is literal (the string may then be formatted natively). A
    malformed string is left to the native call, which fails where the scan stopped.
    """
    static = True
    try:
        for _literal, field_name, spec, _conversion in _string.formatter_parser(template):
            if field_name is None:
                continue
            _first, rest = _string.formatter_field_name_split(field_name)
            for is_attribute, key in rest:
                if is_attribute and _is_forbidden_attribute(key):
                    raise SandboxError(
                        f"Access to forbidden name {key!r} in format field {field_name!r}"
                    )
            if spec and "{" in spec:
                static = False
                if depth > 1:
                    _check_format_fields(spec, depth - 1)
            else:
                _check_format_spec(spec)
    except ValueError:
        pass
    return static


_check_format_fields_cached = functools.lru_cache(maxsize=1024)(_check_format_fields)


class _SandboxedFormatter(string.Formatter):
    """`str.format` semantics, refusing forbidden attributes in fields and huge specs."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, Any]:
        first, rest = _string.formatter_field_name_split(field_name)
        value = self.get_value(first, args, kwargs)
        for is_attribute, key in rest:
            if is_attribute:
                if _is_forbidden_attribute(key):
                    raise SandboxError(
                        f"Access to forbidden name {key!r} in format field {field_name!r}"
                    )
                value = getattr(value, key)
            else:
                value = value[key]
        return value, first

    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_format_spec(format_spec)
        return super().format_field(value, format_spec)


class _SandboxedEscapeFormatter(_SandboxedFormatter, EscapeFormatter):
    """`Markup.format` semantics (arguments escaped) with the same checks."""


_PLAIN_FORMATTER = _SandboxedFormatter()


def _format_string(owner: type, name: str, template: Any, args: tuple, kwargs: dict) -> Any:
    """`owner.format(template, ...)` / `owner.format_map(template, mapping)`, checked."""
    text = str(template)
    static = _check_format_fields_cached(text) if len(text) <= 500 else _check_format_fields(text)
    if static:
        return getattr(owner, name)(template, *args, **kwargs)
    if name == "format_map":
        if len(args) != 1 or kwargs:
            return getattr(owner, name)(template, *args, **kwargs)  # the interpreter's error
        args, kwargs = (), args[0]
    if issubclass(owner, Markup):
        formatter = _SandboxedEscapeFormatter(owner.escape)
        return owner(formatter.vformat(template, args, kwargs))
    return _PLAIN_FORMATTER.vformat(template, args, kwargs)


# --------------------------------------------------------------------------------------------
# Methods whose result can be far larger than their receiver and arguments. Calls (and bare
# attribute reads) of these names are routed through `_expr_call_method` / `_expr_attr`,
# which check the receiver's type at run time: other objects (a record's `format` field, a
# date's `replace`) are used untouched.


def _guard_padding(owner: type, name: str, target: Any, args: tuple, kwargs: dict) -> Any:
    width = args[0] if args else kwargs.get("width")
    if isinstance(width, int) and width > MAX_SEQUENCE_LENGTH:
        raise _refuse(f"{name}() width {width} exceeds {MAX_SEQUENCE_LENGTH}")
    return getattr(owner, name)(target, *args, **kwargs)


def _guard_expandtabs(owner: type, name: str, target: Any, args: tuple, kwargs: dict) -> Any:
    tabsize = args[0] if args else kwargs.get("tabsize", 8)
    if isinstance(tabsize, int) and tabsize > 1:
        tabs = target.count("\t" if isinstance(target, str) else b"\t")
        if len(target) + tabs * (tabsize - 1) > MAX_SEQUENCE_LENGTH:
            raise _refuse(f"expandtabs({tabsize}) result would exceed {MAX_SEQUENCE_LENGTH}")
    return getattr(owner, name)(target, *args, **kwargs)


def _guard_replace(owner: type, name: str, target: Any, args: tuple, kwargs: dict) -> Any:
    if len(args) >= 2:
        old, new = args[0], args[1]
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        try:
            growth = len(new) - len(old)
            occurrences = target.count(old) if old else len(target) + 1
        except TypeError:
            growth = 0  # wrong argument types: the call below raises the usual error
        if growth > 0:
            if isinstance(count, int) and count >= 0:
                occurrences = min(occurrences, count)
            if len(target) + occurrences * growth > MAX_SEQUENCE_LENGTH:
                raise _refuse(f"replace() result would exceed {MAX_SEQUENCE_LENGTH}")
    return getattr(owner, name)(target, *args, **kwargs)


def _guard_join(owner: type, name: str, target: Any, args: tuple, kwargs: dict) -> Any:
    if len(args) != 1 or kwargs:
        return getattr(owner, name)(target, *args, **kwargs)  # the interpreter's error
    parts = args[0]
    if type(parts) is not list and type(parts) is not tuple:
        parts = list(parts)  # iterated twice below
    total = len(target) * len(parts)  # separators, one too many: an upper bound is enough
    try:
        for part in parts:
            total += len(part)
    except TypeError:
        total = 0  # an unsized part: join() raises the usual error
    if total > MAX_SEQUENCE_LENGTH:
        raise _refuse(f"join() result would exceed {MAX_SEQUENCE_LENGTH}")
    return getattr(owner, name)(target, parts)


def _guard_translate(owner: type, name: str, target: Any, args: tuple, kwargs: dict) -> Any:
    table = args[0] if args else None
    if isinstance(table, dict):
        replacements = table.values()
    elif isinstance(table, (list, tuple)):
        replacements = table
    else:
        replacements = ()
    longest = max((len(item) for item in replacements if isinstance(item, str)), default=1)
    if len(target) * longest > MAX_SEQUENCE_LENGTH:
        raise _refuse(f"translate() result would exceed {MAX_SEQUENCE_LENGTH}")
    return getattr(owner, name)(target, *args, **kwargs)


def _guard_to_bytes(owner: type, name: str, target: Any, args: tuple, kwargs: dict) -> Any:
    length = args[0] if args else kwargs.get("length", 1)
    if isinstance(length, int) and length > MAX_SEQUENCE_LENGTH:
        raise _refuse(f"to_bytes() length {length} exceeds {MAX_SEQUENCE_LENGTH}")
    return getattr(owner, name)(target, *args, **kwargs)


_BYTE_STRINGS = (str, bytes, bytearray)
_MethodGuard = Callable[[type, str, Any, tuple, dict], Any]
_METHOD_GUARDS: dict[str, tuple[tuple[type, ...], _MethodGuard]] = {
    "format": ((str,), _format_string),
    "format_map": ((str,), _format_string),
    "ljust": (_BYTE_STRINGS, _guard_padding),
    "rjust": (_BYTE_STRINGS, _guard_padding),
    "center": (_BYTE_STRINGS, _guard_padding),
    "zfill": (_BYTE_STRINGS, _guard_padding),
    "expandtabs": (_BYTE_STRINGS, _guard_expandtabs),
    "replace": (_BYTE_STRINGS, _guard_replace),
    "join": (_BYTE_STRINGS, _guard_join),
    "translate": ((str,), _guard_translate),
    "to_bytes": ((int,), _guard_to_bytes),
}

#: Method names the compiler routes through `_expr_call_method` / `_expr_attr`.
GUARDED_METHOD_NAMES = frozenset(_METHOD_GUARDS)


def _expr_call_method(receiver: Any, name: str, /, *args: Any, **kwargs: Any) -> Any:
    """`receiver.name(*args, **kwargs)` for a name in `GUARDED_METHOD_NAMES`."""
    types, guard = _METHOD_GUARDS[name]
    if isinstance(receiver, types):
        return guard(type(receiver), name, receiver, args, kwargs)
    if isinstance(receiver, type):
        owner = _REAL_TYPES.get(receiver, receiver)
        if issubclass(owner, types):  # unbound: `str.ljust(s, n)`, `map(''.join, ...)`
            if not args or not isinstance(args[0], types):
                raise TypeError(
                    f"{owner.__name__}.{name}() needs a {owner.__name__} as first argument"
                )
            return guard(owner, name, args[0], args[1:], kwargs)
    return getattr(receiver, name)(*args, **kwargs)


def _expr_attr(receiver: Any, name: str) -> Any:
    """`receiver.name` for a name in `GUARDED_METHOD_NAMES`, not called on the spot."""
    types = _METHOD_GUARDS[name][0]
    if isinstance(receiver, types) or (
        isinstance(receiver, type) and issubclass(_REAL_TYPES.get(receiver, receiver), types)
    ):

        def guarded_method(*args: Any, **kwargs: Any) -> Any:
            return _expr_call_method(receiver, name, *args, **kwargs)

        # a closure rather than functools.partial: no attribute leads to the helper itself
        return guarded_method
    return getattr(receiver, name)


# --------------------------------------------------------------------------------------------
# f-strings and format strings


def _expr_format_value(value: Any, spec: str) -> str:
    """An f-string field with a computed spec: `f'{value:{spec}}'`."""
    _check_format_spec(spec)
    return format(value, spec)


def _expr_to_text(value: Any) -> str:
    """A format-string placeholder value (spec §3.7): None/False -> '', bytes decoded."""
    if type(value) is str:
        return value
    if value is None or value is False:
        return ""
    if isinstance(value, bytes):
        return value.decode()
    return str(value)


# --------------------------------------------------------------------------------------------
# Safe builtins


class _GuardedTypeMeta(type):
    """Stand-in for a builtin type whose constructor is size-checked.

    `isinstance(x, bytes)` and class attributes (`bytes.fromhex`) behave as with the real
    type; calling goes through the checking constructor. The real type is kept outside the
    class (in `_REAL_TYPES`) so no attribute leads to the unchecked constructor.
    """

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, _REAL_TYPES[cls])

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, _REAL_TYPES[cls])

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return _CONSTRUCTORS[cls](*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        real = _REAL_TYPES.get(cls)
        if real is None:  # only while the class itself is being created
            raise AttributeError(name)
        return getattr(real, name)

    def __repr__(cls) -> str:
        return repr(_REAL_TYPES[cls])


def _safe_bytes(*args: Any, **kwargs: Any) -> bytes:
    source = args[0] if args else kwargs.get("source")
    if not isinstance(source, (str, bytes, bytearray, memoryview)) and hasattr(
        type(source), "__index__"
    ):
        size = operator.index(source)
        if size > MAX_SEQUENCE_LENGTH:
            raise _refuse(f"bytes({size}) exceeds {MAX_SEQUENCE_LENGTH} bytes")
    return bytes(*args, **kwargs)


def _safe_range(*args: Any) -> range:
    result = range(*args)
    try:
        length = len(result)
    except OverflowError:
        length = MAX_RANGE_LENGTH + 1
    if length > MAX_RANGE_LENGTH:
        raise _refuse(f"range of more than {MAX_RANGE_LENGTH} items")
    return result


class _SafeBytes(metaclass=_GuardedTypeMeta):
    pass


class _SafeRange(metaclass=_GuardedTypeMeta):
    pass


_REAL_TYPES: dict[Any, type] = {_SafeBytes: bytes, _SafeRange: range}
_CONSTRUCTORS: dict[Any, Callable[..., Any]] = {_SafeBytes: _safe_bytes, _SafeRange: _safe_range}


def _safe_round(number: Any, ndigits: Any = None) -> Any:
    if ndigits is None:
        return round(number)
    if isinstance(ndigits, int) and not isinstance(number, float):
        if isinstance(number, int):
            # CPython computes 10 ** -ndigits: answer without it when the result is surely 0
            # (10 ** k > 2 * abs(number) once k * log2(10) exceeds its bit length plus one)
            digits, bits = -ndigits, number.bit_length() + 1
            if ndigits < 0 and (digits > bits or digits * math.log2(10) > bits):
                return 0
        elif abs(ndigits) > MAX_INT_BITS:
            raise _refuse(f"round() to {ndigits} digits")
    return round(number, ndigits)


def _safe_sum(iterable: Any, /, start: Any = 0) -> Any:
    if isinstance(start, (list, tuple)):  # concatenation: bound the result like join()
        items = list(iterable)
        try:
            total = len(start) + sum(map(len, items))
        except TypeError:
            total = 0
        if total > MAX_SEQUENCE_LENGTH:
            raise _refuse(f"sum() result would exceed {MAX_SEQUENCE_LENGTH} items")
        iterable = items
    return sum(iterable, start)


#: The `__builtins__` of generated template code (spec §5.2). No eval/exec/open/getattr/
#: setattr/type/globals/vars/__import__/compile: nothing that reaches code, files or
#: attributes by a computed name.
SAFE_BUILTINS: dict[str, Any] = {
    "abs": abs,
    "all": all,
    "any": any,
    "bool": bool,
    "bytes": _SafeBytes,
    "chr": chr,
    "dict": dict,
    "divmod": divmod,
    "enumerate": enumerate,
    "Exception": Exception,
    "filter": filter,
    "float": float,
    "int": int,
    "isinstance": isinstance,
    "len": len,
    "list": list,
    "map": map,
    "max": max,
    "min": min,
    "ord": ord,
    "range": _SafeRange,
    "reduce": functools.reduce,
    "repr": repr,
    "round": _safe_round,
    "set": set,
    "sorted": sorted,
    "str": str,
    "sum": _safe_sum,
    "tuple": tuple,
    "unicode": str,
    "xrange": _SafeRange,
    "zip": zip,
}

#: Free names left as is: they resolve to `SAFE_BUILTINS` and win over template variables.
SAFE_BUILTIN_NAMES = frozenset(SAFE_BUILTINS)

#: Globals of generated template code: the safe builtins and the helpers rewritten
#: expressions call. Template code must not bind these names (nor `values`) itself.
EXPRESSION_GLOBALS: dict[str, Any] = {
    "__builtins__": SAFE_BUILTINS,
    "_expr_ascii": ascii,
    "_expr_attr": _expr_attr,
    "_expr_call_method": _expr_call_method,
    "_expr_format": format,
    "_expr_format_value": _expr_format_value,
    "_expr_lshift": _expr_lshift,
    "_expr_mod": _expr_mod,
    "_expr_mul": _expr_mul,
    "_expr_pow": _expr_pow,
    "_expr_repr": repr,
    "_expr_str": str,
    "_expr_to_text": _expr_to_text,
}

# --------------------------------------------------------------------------------------------
# Compile time: validation

# Every AST node type an expression may contain; anything else is refused by name.
_ALLOWED_NODES = frozenset(
    {
        ast.Expression,
        # values and containers
        ast.Constant,
        ast.Name,
        ast.List,
        ast.Tuple,
        ast.Set,
        ast.Dict,
        ast.Starred,
        ast.JoinedStr,
        ast.FormattedValue,
        # access and calls
        ast.Attribute,
        ast.Subscript,
        ast.Slice,
        ast.Call,
        ast.keyword,
        # operators
        ast.BoolOp,
        ast.And,
        ast.Or,
        ast.BinOp,
        ast.Add,
        ast.Sub,
        ast.Mult,
        ast.MatMult,
        ast.Div,
        ast.FloorDiv,
        ast.Mod,
        ast.Pow,
        ast.LShift,
        ast.RShift,
        ast.BitOr,
        ast.BitXor,
        ast.BitAnd,
        ast.UnaryOp,
        ast.Not,
        ast.Invert,
        ast.UAdd,
        ast.USub,
        ast.Compare,
        ast.Eq,
        ast.NotEq,
        ast.Lt,
        ast.LtE,
        ast.Gt,
        ast.GtE,
        ast.Is,
        ast.IsNot,
        ast.In,
        ast.NotIn,
        ast.IfExp,
        # functions and comprehensions
        ast.Lambda,
        ast.arguments,
        ast.arg,
        ast.ListComp,
        ast.SetComp,
        ast.DictComp,
        ast.GeneratorExp,
        ast.comprehension,
        # contexts (Store only occurs in comprehension targets, checked below)
        ast.Load,
        ast.Store,
    }
)

_NODE_DESCRIPTIONS = {
    ast.NamedExpr: "Assignment expressions (:=) are",
    ast.Await: "'await' is",
    ast.Yield: "'yield' is",
    ast.YieldFrom: "'yield from' is",
}


def _shorten(source: str, limit: int = 200) -> str:
    """The expression as quoted in messages, cut to a readable length."""
    return repr(source if len(source) <= limit else source[:limit] + "...")


def _forbidden_name_error(name: str, source: str) -> ExpressionError:
    return ExpressionError(
        f"Access to forbidden name {name!r} ({_shorten(source)})", source, refused=True
    )


def _check_target(target: ast.expr, source: str) -> None:
    """A comprehension target binds names only: `for x.attr in ...` would write attributes."""
    if isinstance(target, ast.Name):
        return
    if isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            _check_target(element, source)
        return
    if isinstance(target, ast.Starred):
        _check_target(target.value, source)
        return
    target_source = ast.unparse(target)
    raise ExpressionError(
        f"Comprehension targets must be plain names, not {target_source!r} ({_shorten(source)})",
        source,
    )


def _check_tree(tree: ast.AST, source: str) -> None:
    """Refuse anything not on the whitelist; the rewrite below assumes a checked tree."""
    # report the first problem in reading order (where a node ends: `a.b` ends at `b`)
    nodes = sorted(
        ast.walk(tree),
        key=lambda node: (getattr(node, "end_lineno", 0), getattr(node, "end_col_offset", 0)),
    )
    for node in nodes:
        kind = type(node)
        if kind not in _ALLOWED_NODES:
            what = _NODE_DESCRIPTIONS.get(kind, f"{kind.__name__!r} is")
            raise ExpressionError(
                f"{what} not allowed in template expressions ({_shorten(source)})",
                source,
                refused=True,
            )
        if kind is ast.Name:
            if _is_forbidden_name(node.id):
                raise _forbidden_name_error(node.id, source)
        elif kind is ast.Attribute:
            if _is_forbidden_attribute(node.attr):
                raise _forbidden_name_error(node.attr, source)
        elif kind is ast.keyword or kind is ast.arg:
            if node.arg is not None and _is_forbidden_name(node.arg):
                raise _forbidden_name_error(node.arg, source)
        elif kind is ast.Lambda:
            parameters = node.args
            if parameters.defaults or any(parameters.kw_defaults):
                raise ExpressionError(
                    f"Lambda default values are not supported ({_shorten(source)})", source
                )
            if (
                parameters.posonlyargs
                or parameters.kwonlyargs
                or parameters.vararg
                or parameters.kwarg
            ):
                raise ExpressionError(
                    f"Lambda parameters must be plain positional names ({_shorten(source)})", source
                )
        elif kind is ast.comprehension:
            if node.is_async:
                raise ExpressionError(
                    f"'async for' is not allowed in template expressions ({_shorten(source)})",
                    source,
                )
            _check_target(node.target, source)


# --------------------------------------------------------------------------------------------
# Compile time: rewrite


def _local_name(name: str) -> str:
    """The name a lambda parameter or comprehension target gets in the generated code.

    Locals may not hide `values` or a helper, so those few are renamed (injectively: every
    renamed name starts with `_expr_`, which is itself renamed).
    """
    if name == "values" or name.startswith("_expr_"):
        return "_expr_local_" + name
    return name


def _helper(name: str, *args: ast.expr, keywords: list[ast.keyword] | None = None) -> ast.Call:
    return ast.Call(ast.Name(name, ast.Load()), list(args), keywords or [])


def _target_names(target: ast.expr) -> set[str]:
    return {node.id for node in ast.walk(target) if isinstance(node, ast.Name)}


def _is_number_constant(node: ast.expr, types: tuple[type, ...]) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) in types


class _ExpressionRewriter(ast.NodeTransformer):
    """Rewrites a checked expression tree into code that reads `values` (spec §5.2)."""

    def __init__(self, source: str, strict: bool):
        self.source = source
        self.strict = strict
        self.scopes: list[set[str]] = []

    def _is_local(self, name: str) -> bool:
        return any(name in scope for scope in self.scopes)

    def _is_free(self, name: str) -> bool:
        return not self._is_local(name) and name not in SAFE_BUILTIN_NAMES

    def _lookup(self, name: str, strict: bool) -> ast.expr:
        values = ast.Name("values", ast.Load())
        if strict:
            return ast.Subscript(values, ast.Constant(name), ast.Load())
        return ast.Call(ast.Attribute(values, "get", ast.Load()), [ast.Constant(name)], [])

    # names and attributes

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if isinstance(node.ctx, ast.Store) or self._is_local(node.id):
            return ast.Name(_local_name(node.id), node.ctx)
        if node.id in SAFE_BUILTIN_NAMES:
            return node
        return self._lookup(node.id, self.strict)

    def _receiver(self, node: ast.Attribute) -> ast.expr:
        """The object of `x.attr`: a free `x` directly before `.` is a strict lookup."""
        value = node.value
        if isinstance(value, ast.Name) and self._is_free(value.id):
            return self._lookup(value.id, strict=True)
        return self.visit(value)

    def visit_Attribute(self, node: ast.Attribute) -> ast.expr:
        receiver = self._receiver(node)
        if node.attr in GUARDED_METHOD_NAMES:
            return _helper("_expr_attr", receiver, ast.Constant(node.attr))
        return ast.Attribute(receiver, node.attr, ast.Load())

    def visit_Call(self, node: ast.Call) -> ast.expr:
        args = [self.visit(arg) for arg in node.args]
        keywords = [
            ast.keyword(keyword.arg, self.visit(keyword.value)) for keyword in node.keywords
        ]
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in GUARDED_METHOD_NAMES:
            receiver = self._receiver(func)
            return _helper(
                "_expr_call_method", receiver, ast.Constant(func.attr), *args, keywords=keywords
            )
        return ast.Call(self.visit(func), args, keywords)

    # operators that can compute without bound

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        left = self.visit(node.left)
        right = self.visit(node.right)
        helper = self._binop_helper(node.op, left, right)
        if helper is None:
            return ast.BinOp(left, node.op, right)
        return _helper(helper, left, right)

    def _binop_helper(self, op: ast.operator, left: ast.expr, right: ast.expr) -> str | None:
        inexact = (float, complex)
        if isinstance(op, (ast.Mult, ast.Pow)):
            # a float operand makes the result a float: no repetition, no big integer
            if _is_number_constant(left, inexact) or _is_number_constant(right, inexact):
                return None
            return "_expr_mul" if isinstance(op, ast.Mult) else "_expr_pow"
        if isinstance(op, ast.LShift):
            return "_expr_lshift"
        if isinstance(op, ast.Mod):
            if _is_number_constant(left, (int, float, complex)):
                return None
            if isinstance(left, ast.Constant) and isinstance(left.value, (str, bytes)):
                template = left.value
                if isinstance(template, bytes):
                    template = template.decode("latin-1")
                try:
                    stars = _scan_printf(template)
                except SandboxError as error:
                    raise ExpressionError(
                        f"{error} ({_shorten(self.source)})", self.source
                    ) from None
                return "_expr_mod" if stars else None
            return "_expr_mod"
        return None

    # scopes

    def visit_Lambda(self, node: ast.Lambda) -> ast.expr:
        names = {parameter.arg for parameter in node.args.args}
        parameters = ast.arguments(
            posonlyargs=[],
            args=[ast.arg(_local_name(parameter.arg)) for parameter in node.args.args],
            vararg=None,
            kwonlyargs=[],
            kw_defaults=[],
            kwarg=None,
            defaults=[],
        )
        self.scopes.append(names)
        try:
            body = self.visit(node.body)
        finally:
            self.scopes.pop()
        return ast.Lambda(parameters, body)

    def _visit_comprehension(self, node: ast.expr, fields: tuple[str, ...]) -> ast.expr:
        generators = node.generators
        # Python evaluates the first iterable in the enclosing scope, everything else in the
        # comprehension's own scope, where every target is local.
        first_iterable = self.visit(generators[0].iter)
        self.scopes.append(set().union(*(_target_names(g.target) for g in generators)))
        try:
            for index, generator in enumerate(generators):
                generator.target = self.visit(generator.target)
                generator.iter = first_iterable if index == 0 else self.visit(generator.iter)
                generator.ifs = [self.visit(condition) for condition in generator.ifs]
            for field in fields:
                setattr(node, field, self.visit(getattr(node, field)))
        finally:
            self.scopes.pop()
        return node

    def visit_ListComp(self, node: ast.ListComp) -> ast.expr:
        return self._visit_comprehension(node, ("elt",))

    def visit_SetComp(self, node: ast.SetComp) -> ast.expr:
        return self._visit_comprehension(node, ("elt",))

    def visit_GeneratorExp(self, node: ast.GeneratorExp) -> ast.expr:
        return self._visit_comprehension(node, ("elt",))

    def visit_DictComp(self, node: ast.DictComp) -> ast.expr:
        return self._visit_comprehension(node, ("key", "value"))

    # f-strings: rebuilt from `format()` calls, so generated code never nests quotes in
    # f-strings (which Python < 3.12 cannot always unparse) and specs can be checked

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.expr:
        parts = [
            part if isinstance(part, ast.Constant) else self._formatted_value(part)
            for part in node.values
        ]
        if not parts:
            return ast.Constant("")
        if len(parts) == 1:
            return parts[0]
        join = ast.Attribute(ast.Constant(""), "join", ast.Load())
        return ast.Call(join, [ast.Tuple(parts, ast.Load())], [])

    def _formatted_value(self, node: ast.FormattedValue) -> ast.expr:
        value = self.visit(node.value)
        conversion = {ord("s"): "_expr_str", ord("r"): "_expr_repr", ord("a"): "_expr_ascii"}
        if node.conversion in conversion:
            value = _helper(conversion[node.conversion], value)
        if node.format_spec is None:
            return value if node.conversion in conversion else _helper("_expr_format", value)
        spec = self.visit(node.format_spec)
        if isinstance(spec, ast.Constant):
            try:
                _check_format_spec(spec.value)
            except SandboxError as error:
                raise ExpressionError(f"{error} ({_shorten(self.source)})", self.source) from None
            return _helper("_expr_format", value, spec)
        return _helper("_expr_format_value", value, spec)


# --------------------------------------------------------------------------------------------
# Public entry points


@functools.lru_cache(maxsize=4096)
def compile_expression(source: str, *, strict: bool = False) -> str:
    """Validate a template expression; return Python source evaluating it against `values`.

    Free names become `values.get('x')`, or `values['x']` when directly followed by `.` or
    when `strict` (the record part of `t-field`). The result is a parenthesised expression
    to run with `EXPRESSION_GLOBALS` and a local `values` dict. Raises `ExpressionError`.
    """
    if not source.strip():
        raise ExpressionError("Can not compile expression: empty expression", source)
    try:
        # parentheses make multi-line expressions valid; the newline ends a trailing comment
        tree = ast.parse("(" + source + "\n)", mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError) as error:
        reason = getattr(error, "msg", None) or str(error) or type(error).__name__
        raise ExpressionError(
            f"Can not compile expression: {_shorten(source)} ({reason})", source
        ) from error
    _check_tree(tree, source)
    try:
        body = _ExpressionRewriter(source, strict).visit(tree.body)
        code = "(" + ast.unparse(ast.fix_missing_locations(body)) + ")"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "'int' object is not callable" hints
            compile(code, "<expression>", "eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError) as error:
        reason = getattr(error, "msg", None) or str(error) or type(error).__name__
        raise ExpressionError(
            f"Can not compile expression: {_shorten(source)} ({reason})", source
        ) from error
    return code


# `#{expr}` (ruby style) or `{{expr}}` (jinja style); non-greedy and without DOTALL, like
# Odoo: the expression ends at the first `}` resp. `}}` and cannot span lines.
_PLACEHOLDER = re.compile(r"#\{(.+?)\}|\{\{(.+?)\}\}")


@functools.lru_cache(maxsize=4096)
def compile_format(template: str) -> str:
    """Compile a format string with `{{ expr }}` / `#{ expr }` placeholders (spec §3.7).

    Returns Python source of an expression giving a plain `str`: literal text kept as is,
    each placeholder converted by `_expr_to_text`. Raises `ExpressionError`.
    """
    literals: list[str] = []
    fields: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        literals.append(template[position : match.start()])
        expression = match.group(1) if match.group(1) is not None else match.group(2)
        fields.append(f"_expr_to_text({compile_expression(expression)})")
        position = match.end()
    if not fields:
        return repr(template)
    literals.append(template[position:])
    if len(fields) == 1 and not literals[0] and not literals[1]:
        return fields[0]
    # one %-format is the fastest way to join a few strings; the template is a constant
    # made only of `%%` and `%s`, so it needs no sandbox check
    pattern = "%s".join(literal.replace("%", "%%") for literal in literals)
    return f"({pattern!r} % ({', '.join(fields)},))"
