"""qweb: Odoo 17/18 QWeb templates rendered with lxml, compiled to Python, sandboxed.

import qweb
engine = qweb.Engine()
engine.load("views/templates.xml")
html = engine.render("module.template_id", {"values": 1})
"""

from .engine import Engine
from .errors import QWebError

__all__ = ["Engine", "QWebError"]
