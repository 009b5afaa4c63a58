"""Small inline SVG charts for the reports: built here as escaped markup (no script), each an image with a title
that says in words what it shows (role="img", <title>).

Colours are presentation attributes, so a chart reads without any stylesheet; a class on each shape lets a
stylesheet recolour it (dark mode).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

#: the fill of each state (the report's --good, --mid, --bad and --neutral)
COLOURS = {"healthy": "#0a7a3c", "at-risk": "#8a5300", "failing": "#b71c1c", None: "#586170"}
_WIDTH = 320
_LABEL = 120
_VALUE = 34
_ROW = 18


@dataclass(frozen=True)
class Bar:
    """One bar of a score chart: a 0-100 value, its state, and an optional marker (another 0-100 value)."""

    label: str
    value: float | None
    state: str | None
    marker: float | None = None
    #: what a reader hovering the bar sees: the bar's values in words
    detail: str = ""


def state_strip(counts: Sequence[tuple[str | None, int]], labels: Mapping[str | None, str], title: str) -> Markup:
    """One stacked bar, a segment per (state, count) in proportion to the count, with the counts written under it."""
    total = sum(n for _, n in counts)
    parts = []
    x = 0.0
    for state, count in counts:
        if not count:
            continue
        width = _WIDTH * count / total
        parts.append(f'<rect class="{_class(state)}" x="{x:.1f}" y="0" width="{width:.1f}" height="14" '
                     f'fill="{COLOURS.get(state, COLOURS[None])}"><title>{escape(labels[state])}: {count}'
                     "</title></rect>")
        x += width
    legend = " · ".join(f"{labels[s]} {n}" for s, n in counts if n) or "no listings"
    body = "".join(parts) or f'<rect x="0" y="0" width="{_WIDTH}" height="14" fill="none" stroke="{COLOURS[None]}"/>'
    return _svg(f"{title}: {legend}", 32, body + _text(0, 28, legend, "start"))


def score_bars(bars: Sequence[Bar], title: str) -> Markup:
    """A horizontal bar per item (0-100), coloured by its state, with a tick at its marker."""
    span = _WIDTH - _LABEL - _VALUE
    rows = []
    for i, bar in enumerate(bars):
        y = i * _ROW
        rows.append(_text(0, y + 12, _short(bar.label), "start"))
        rows.append(f'<rect x="{_LABEL}" y="{y + 3}" width="{span}" height="11" fill="#dde1e8" class="or-track"/>')
        if bar.value is not None:
            rows.append(f'<rect class="{_class(bar.state)}" x="{_LABEL}" y="{y + 3}" '
                        f'width="{span * max(0.0, min(bar.value, 100.0)) / 100:.1f}" height="11" '
                        f'fill="{COLOURS.get(bar.state, COLOURS[None])}"><title>{escape(bar.detail)}</title></rect>')
        if bar.marker is not None:
            x = _LABEL + span * max(0.0, min(bar.marker, 100.0)) / 100
            rows.append(f'<line class="or-marker" x1="{x:.1f}" x2="{x:.1f}" y1="{y + 1}" y2="{y + 16}" '
                        'stroke="#1d2433" stroke-width="2"/>')
        shown = "–" if bar.value is None else f"{bar.value:.0f}"
        rows.append(_text(_WIDTH, y + 12, shown, "end"))
    summary = "; ".join(f"{b.label}: {b.detail}" for b in bars) or "no listings"
    return _svg(f"{title}. {summary}", max(_ROW, _ROW * len(bars)), "".join(rows))


def _svg(title: str, height: int, body: str) -> Markup:
    return Markup(f'<svg class="or-chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {_WIDTH} {height}" '
                  f'width="{_WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
                  f"<title>{escape(title)}</title>{body}</svg>")


def _text(x: float, y: float, text: str, anchor: str) -> str:
    return (f'<text class="or-label" x="{x}" y="{y}" text-anchor="{anchor}" font-size="11" fill="#545d6e">'
            f"{escape(text)}</text>")


def _short(text: str, limit: int = 19) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _class(state: str | None) -> str:
    return f"or-{state or 'none'}"
