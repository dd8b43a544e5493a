"""Render values for previews: what a page expects from Odoo's request, website and company."""

from __future__ import annotations

import datetime


def demo_values() -> dict:
    """The values the demo pages use; later issues extend this into a full demo environment."""
    return {
        "website_name": "Platxa Demo",
        "title": "Platxa Demo",
        "year": datetime.date.today().year,
        "menu": [
            {"name": "Home", "url": "/"},
            {"name": "Features", "url": "/#features"},
            {"name": "Contact", "url": "/#contact"},
        ],
        "features": [
            {"title": "Faithful", "text": "Odoo's QWeb rules, whitespace and escaping included."},
            {
                "title": "Fast",
                "text": "Templates compile to Python once and render in microseconds.",
            },
            {"title": "Safe", "text": "Template expressions run in a sandbox with hard limits."},
        ],
    }
