"""The live preview server (Tornado): REST API, WebSocket updates, static files, editor page."""

from .app import PreviewServer, ServerConfig, bind_first_free_port

__all__ = ["PreviewServer", "ServerConfig", "bind_first_free_port"]
