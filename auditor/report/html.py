"""The HTML report: one self-contained file, every scraped string escaped, nothing loaded from outside."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from auditor.model import Report

#: the only things the report may load: inline styles and images embedded as data: URIs
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
    "frame-src 'none'"
)
_SAFE_SCREENSHOT = re.compile(r"^data:image/(jpeg|png);base64,[A-Za-z0-9+/=]+$")
_SAFE_HREF = re.compile(r"^https?://[^\s\"'<>`]+$", re.IGNORECASE)


def render(report: Report) -> str:
    """The report as one HTML document."""
    env = _environment()
    return env.get_template("report.html.j2").render(r=report, css=stylesheet(), csp=CONTENT_SECURITY_POLICY)


def stylesheet(name: str = "report.css") -> Markup:
    """One of our own stylesheets from report_templates, ready to inline in a <style> element."""
    css = resources.files("report_templates").joinpath(name).read_text(encoding="utf-8")
    if "<" in css:  # it is inlined unescaped; our own stylesheet never needs a "<"
        raise ValueError(f"{name} must not contain '<'")
    return Markup(css)


def safe_href(url: object) -> str | None:
    """The URL when it is a plain http(s) URL fit for an href; None for javascript:, data: and the like."""
    return url if isinstance(url, str) and _SAFE_HREF.match(url.strip()) else None


def safe_screenshot(data_uri: object) -> str | None:
    """Our own JPEG/PNG data URI, or None for anything else."""
    return data_uri if isinstance(data_uri, str) and _SAFE_SCREENSHOT.match(data_uri) else None


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """The report templates' environment, one per process: compiling report.html.j2 takes ~0.07 s, and a
    batch renders a report per listing (and the portfolio) with it. Nothing changes it after it is built."""
    env = Environment(
        loader=PackageLoader("report_templates", ""),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = safe_href
    env.filters["safe_screenshot"] = safe_screenshot
    env.filters["pct"] = lambda v: "–" if v is None else f"{v:.0f}"
    return env
