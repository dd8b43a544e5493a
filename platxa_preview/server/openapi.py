"""The HTTP API described as OpenAPI 3.1 (served at /api/openapi.json)."""

from __future__ import annotations

_JSON = "application/json"


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {_JSON: {"schema": schema}}}


_ERROR = _json({"$ref": "#/components/schemas/Error"}, "error")
_SESSION_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}

OPENAPI = {
    "openapi": "3.1.0",
    "info": {
        "title": "platxa-preview",
        "version": "1",
        "description": "Live preview sessions of Odoo website themes.",
    },
    "paths": {
        "/api/sessions": {
            "post": {
                "summary": "Create a preview session",
                "requestBody": {
                    "content": {_JSON: {"schema": {"$ref": "#/components/schemas/SessionCreate"}}}
                },
                "responses": {
                    "201": _json({"$ref": "#/components/schemas/SessionLinks"}, "created"),
                    "400": _ERROR,
                    "413": _ERROR,
                },
            }
        },
        "/api/sessions/{id}": {
            "parameters": [_SESSION_ID],
            "get": {
                "summary": "Session status",
                "responses": {
                    "200": _json({"$ref": "#/components/schemas/Session"}, "the session"),
                    "404": _ERROR,
                },
            },
            "delete": {
                "summary": "Destroy the session",
                "responses": {"204": {"description": "deleted"}, "404": _ERROR},
            },
        },
        "/api/sessions/{id}/tokens": {
            "parameters": [_SESSION_ID],
            "put": {
                "summary": "Replace the design tokens",
                "requestBody": {"content": {_JSON: {"schema": {"type": "object"}}}},
                "responses": {
                    "200": _json(
                        {"type": "object", "properties": {"version": {"type": "integer"}}},
                        "applied",
                    ),
                    "400": _ERROR,
                    "404": _ERROR,
                    "413": _ERROR,
                },
            },
        },
        "/api/sessions/{id}/pages": {
            "parameters": [_SESSION_ID],
            "post": {
                "summary": "Add or update a page (a page config)",
                "requestBody": {
                    "content": {_JSON: {"schema": {"$ref": "#/components/schemas/PageUpdate"}}}
                },
                "responses": {
                    "200": _json({"type": "object"}, "applied"),
                    "400": _ERROR,
                    "404": _ERROR,
                    "413": _ERROR,
                },
            },
        },
        "/preview/{id}/{page}": {
            "get": {
                "summary": "The rendered page with the live client",
                "parameters": [
                    _SESSION_ID,
                    {"name": "page", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {"description": "HTML", "content": {"text/html": {}}},
                    "404": _ERROR,
                },
            },
        },
        "/health": {
            "get": {"summary": "Liveness", "responses": {"200": _json({"type": "object"}, "alive")}}
        },
        "/ready": {
            "get": {
                "summary": "Readiness",
                "responses": {
                    "200": _json({"type": "object"}, "ready"),
                    "503": _json({"type": "object"}, "not ready"),
                },
            }
        },
        "/api/stats": {
            "get": {
                "summary": "Sessions, viewers, updates and latency percentiles",
                "responses": {"200": _json({"type": "object"}, "stats")},
            }
        },
    },
    "components": {
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error", "status"],
                "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
            },
            "SessionCreate": {
                "type": "object",
                "properties": {
                    "theme": {"type": "string"},
                    "tokens": {"type": "object"},
                    "pages": {"type": "object", "additionalProperties": {"type": "object"}},
                },
            },
            "SessionLinks": {
                "type": "object",
                "required": ["id", "preview_url", "ws_url"],
                "properties": {
                    "id": {"type": "string"},
                    "preview_url": {"type": "string"},
                    "ws_url": {"type": "string"},
                },
            },
            "Session": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "theme": {"type": ["string", "null"]},
                    "tokens": {"type": ["object", "null"]},
                    "pages": {"type": "array", "items": {"type": "string"}},
                    "viewers": {"type": "integer"},
                    "version": {"type": "integer"},
                    "created": {"type": "number"},
                    "last_activity": {"type": "number"},
                },
            },
            "PageUpdate": {
                "type": "object",
                "required": ["page_id", "content"],
                "properties": {"page_id": {"type": "string"}, "content": {"type": "object"}},
            },
        }
    },
}
