"""The live-update protocol: every WebSocket message, defined and validated in one place.

Messages are JSON objects with a `type`. Client → server messages are validated by
`parse_client_message`, which raises `ProtocolError` with a message a person understands.
Server → client messages are built by the `*_message` functions; each carries the session's
`version` (monotonic, +1 per change) and `epoch` (the server instance), so a client that
reconnects can say what it has seen and be brought up to date. See docs/protocol.md.
"""

from __future__ import annotations

import json
from typing import Any

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 2 * 1024 * 1024  # a page config or token set is far smaller
MAX_ID_LENGTH = 128

CLIENT_TYPES = ("hello", "token_update", "page_update", "section_update")
SERVER_TYPES = ("css_update", "section_update", "dom_update", "reload", "error", "status")
CSS_LAYERS = ("tokens", "theme")  # instant custom properties, then the compiled SCSS


class ProtocolError(ValueError):
    """A client message that cannot be used; the reply is an `error` message."""


def _require(message: dict, field: str, kind: type | tuple, what: str) -> Any:
    if field not in message:
        raise ProtocolError(f"{message['type']}: missing field {field!r} ({what})")
    value = message[field]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ProtocolError(f"{message['type']}: field {field!r} must be {what}")
    return value


def _identifier(message: dict, field: str) -> str:
    value = _require(message, field, str, "a string")
    if not value or len(value) > MAX_ID_LENGTH:
        raise ProtocolError(
            f"{message['type']}: field {field!r} must be 1 to {MAX_ID_LENGTH} characters"
        )
    return value


def parse_client_message(raw: str | bytes) -> dict:
    """Decode and validate one client → server message; returns it normalised."""
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"message too large ({len(raw)} bytes, at most {MAX_MESSAGE_BYTES})")
    try:
        message = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise ProtocolError(f"message is not valid JSON: {error}") from None
    if not isinstance(message, dict):
        raise ProtocolError("message must be a JSON object")
    kind = message.get("type")
    if kind not in CLIENT_TYPES:
        raise ProtocolError(
            f"unknown message type {kind!r}; expected one of {', '.join(CLIENT_TYPES)}"
        )
    if kind == "hello":
        version = message.get("version", 0)
        if not isinstance(version, int) or isinstance(version, bool) or version < 0:
            raise ProtocolError("hello: field 'version' must be a whole number >= 0")
        epoch = message.get("epoch")
        if epoch is not None and not isinstance(epoch, str):
            raise ProtocolError("hello: field 'epoch' must be a string")
        page_id = message.get("page_id")
        if page_id is not None and (not isinstance(page_id, str) or len(page_id) > MAX_ID_LENGTH):
            raise ProtocolError("hello: field 'page_id' must be a string")
        return {"type": kind, "version": version, "epoch": epoch, "page_id": page_id}
    if kind == "token_update":
        tokens = _require(message, "tokens", dict, "a token object")
        return {"type": kind, "tokens": tokens}
    if kind == "page_update":
        page_id = _identifier(message, "page_id")
        content = _require(message, "content", dict, "a page config object")
        return {"type": kind, "page_id": page_id, "content": content}
    page_id = _identifier(message, "page_id")
    section_id = _identifier(message, "section_id")
    content = _require(message, "content", dict, "a section config object")
    return {"type": kind, "page_id": page_id, "section_id": section_id, "content": content}


# -- server → client ----------------------------------------------------------------------------


def css_update_message(layer: str, css: str, *, version: int, epoch: str) -> dict:
    if layer not in CSS_LAYERS:
        raise ValueError(f"unknown CSS layer {layer!r}")
    return {"type": "css_update", "layer": layer, "css": css, "version": version, "epoch": epoch}


def section_update_message(
    page_id: str, section_id: str, html: str, *, version: int, epoch: str
) -> dict:
    return {
        "type": "section_update",
        "page_id": page_id,
        "section_id": section_id,
        "html": html,
        "version": version,
        "epoch": epoch,
    }


def dom_update_message(page_id: str, html: str, *, version: int, epoch: str) -> dict:
    """`html` is the page's whole `#wrapwrap` element, to be morphed into place."""
    return {
        "type": "dom_update",
        "page_id": page_id,
        "html": html,
        "version": version,
        "epoch": epoch,
    }


def reload_message(*, version: int, epoch: str) -> dict:
    return {"type": "reload", "version": version, "epoch": epoch}


def error_message(
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    code: str | None = None,
    version: int | None = None,
    epoch: str | None = None,
) -> dict:
    """A problem to show in the overlay (or the reply to a bad client message)."""
    return {
        "type": "error",
        "file": file,
        "line": line,
        "message": message,
        "code": code,
        "version": version,
        "epoch": epoch,
    }


def status_message(*, version: int, epoch: str, **state: Any) -> dict:
    """Session state: viewers, theme, the errors currently shown (empty clears the overlay)."""
    return {
        "type": "status",
        "version": version,
        "epoch": epoch,
        "protocol": PROTOCOL_VERSION,
        **state,
    }


def encode(message: dict) -> str:
    if message.get("type") not in SERVER_TYPES:
        raise ValueError(f"not a server message: {message.get('type')!r}")
    return json.dumps(message, separators=(",", ":"))
