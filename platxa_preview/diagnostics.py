"""Diagnostics: what is wrong with a module, each with a file, line, severity and stable code."""

from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("error", "warning", "info")

# The stable codes (documented in docs/check.md). Tools match on these, never on messages.
CODES = {
    "xml-syntax": "the XML file does not parse",
    "manifest-invalid": "the manifest is not a Python dict literal, or a key has the wrong type",
    "manifest-missing": "a module folder has no __manifest__.py",
    "missing-dependency": "a module named in `depends` is not on the addons path",
    "missing-data-file": "a file named in the manifest's `data` does not exist",
    "unknown-directive": "a t-* attribute that QWeb does not know",
    "misplaced-directive": "a directive missing its partner, or where it cannot be",
    "expression-syntax": "a template expression that does not compile",
    "forbidden-name": "an expression reaching for something the sandbox refuses",
    "template-error": "any other template compile error",
    "unknown-template": "a t-call to a template that does not exist",
    "unknown-inherit-id": "inherit_id names a view that does not exist",
    "xpath-not-found": "an inheritance spec whose target is not in the parent view",
    "invalid-position": "an inheritance spec with an invalid position or mode",
    "invalid-attribute-spec": "an <attribute> spec that is malformed",
    "invalid-xpath": "an xpath expression that does not compile",
    "duplicate-id": "the same XML id defined twice",
    "render-error": "the page failed while rendering",
    "ignored-function": "a <function> call that a preview cannot run",
    "unknown-snippet": "a snippet named by the manifest that no module defines",
    "unknown-module": "a module asked for is not on the addons path",
    "missing-asset-file": "an asset path of the manifest or an <asset> record matches no file",
    "scss-error": "a SCSS file does not compile, or imports a file Odoo refuses",
    "scss-version-gap": "SCSS files from different Odoo versions, bridged to compile together",
}


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    code: str
    message: str
    file: str | None = None
    line: int | None = None
    module: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code!r}")

    def to_dict(self) -> dict:
        return asdict(self)

    def format(self) -> str:
        """`file:line: severity [code] message`, the shape editors and CI logs understand."""
        where = self.file or "<unknown>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.severity} [{self.code}] {self.message}"


class Diagnostics(list):
    """A list of Diagnostic with helpers to add and filter."""

    def add(self, severity: str, code: str, message: str, *, file=None, line=None, module=None):
        diagnostic = Diagnostic(severity, code, message, file, line, module)
        self.append(diagnostic)
        return diagnostic

    def error(self, code: str, message: str, **where) -> Diagnostic:
        return self.add("error", code, message, **where)

    def warning(self, code: str, message: str, **where) -> Diagnostic:
        return self.add("warning", code, message, **where)

    def info(self, code: str, message: str, **where) -> Diagnostic:
        return self.add("info", code, message, **where)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == "error"]

    def with_code(self, code: str) -> list[Diagnostic]:
        return [d for d in self if d.code == code]
