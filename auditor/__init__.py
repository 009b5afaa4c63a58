"""listing-auditor: audit an app-marketplace listing and its docs for launch readiness."""

__version__ = "0.1.0"
