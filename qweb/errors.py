"""QWebError: every compile, inheritance and render failure, with where it happened."""

from __future__ import annotations


class QWebError(Exception):
    """A template problem a person can act on.

    Carries the template name, the source file and line, the offending element (serialised
    without its children) and expression, and the underlying cause when there is one.
    """

    def __init__(
        self,
        message: str,
        *,
        template: str | None = None,
        file: str | None = None,
        line: int | None = None,
        element: str | None = None,
        expression: str | None = None,
        path: str | None = None,
        cause: BaseException | None = None,
        code: str = "template-error",
    ):
        super().__init__(message)
        self.message = message
        self.template = template
        self.file = file
        self.line = line
        self.element = element
        self.expression = expression
        self.path = path
        self.cause = cause
        self.code = code  # a stable category for tools (see platxa_preview.diagnostics.CODES)
        if cause is not None:
            self.__cause__ = cause

    def located(self, **where) -> QWebError:
        """Fill in location fields that are still unknown (inner errors know more)."""
        for key, value in where.items():
            if value is not None and getattr(self, key) is None:
                setattr(self, key, value)
        return self

    @property
    def cause_text(self) -> str | None:
        if self.cause is None:
            return None
        return f"{type(self.cause).__name__}: {self.cause}"

    def __str__(self) -> str:
        lines = [self.message]
        if self.cause is not None and str(self.cause) not in self.message:
            lines.append(f"  {self.cause_text}")
        if self.template:
            lines.append(f"Template: {self.template}")
        if self.file or self.line:
            lines.append(f"File: {self.file or '<string>'}, line {self.line or '?'}")
        if self.path:
            lines.append(f"Path: {self.path}")
        if self.element:
            lines.append(f"Element: {self.element}")
        if self.expression is not None and self.expression not in (self.element or ""):
            lines.append(f"Expression: {self.expression}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """A JSON-friendly form (used by `check` and the live server)."""
        return {
            "message": self.message,
            "cause": self.cause_text,
            "template": self.template,
            "file": self.file,
            "line": self.line,
            "element": self.element,
            "expression": self.expression,
            "code": self.code,
        }
