"""platxa-preview: a live, faithful preview of Odoo website themes without running Odoo."""

__version__ = "0.1.0"
