"""Score trends as small inline SVG: a line chart for the report, sparklines for the portfolio. No script: the
markup is built from numbers we compute, and every text in it (a date, a verdict) is escaped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from markupsafe import Markup, escape

from auditor.history.trends import PortfolioTrends
from auditor.model import AlertDelivery, Report, TrendPoint

LINE = "#3b5bdb"
GRID = "#ced4da"
MUTED = "#868e96"
#: the verdict lines drawn on the chart: ready from 85, needs-work from 60
THRESHOLDS = (60, 85)


@dataclass(frozen=True)
class ReportTrend:
    """What the report's score-history partial (`_trend.html.j2`) shows."""

    chart: Markup
    audits: int
    first: str
    previous: TrendPoint | None
    #: score points since the previous audit; None when either was not scored
    change: float | None
    #: why this audit is worse than the previous one (empty: it is not)
    alert: list[str]
    deliveries: list[AlertDelivery]
    warnings: list[str]


@dataclass(frozen=True)
class CategoryTrend:
    """One line of the portfolio's trends: a category (or the overall score) over the runs."""

    id: str
    title: str
    chart: Markup
    first: float | None
    last: float | None
    change: float | None


@dataclass(frozen=True)
class PortfolioTrendView:
    """What the portfolio's trend partials show: a sparkline per listing, the portfolio's trend per category."""

    sparklines: Mapping[str, Markup] = field(default_factory=dict)
    overall: CategoryTrend | None = None
    categories: Sequence[CategoryTrend] = ()
    #: the runs (days) the category trends cover
    runs: int = 0

    def sparkline(self, key: str) -> Markup | None:
        """The listing's sparkline, or None when the history has no audit of it."""
        return self.sparklines.get(key)


def report_trend(report: Report) -> ReportTrend | None:
    """The report's trend context, or None when the audit ran without `--history`."""
    m = report.monitoring
    if m is None:
        return None
    points = m.trend
    previous = m.previous
    change = None
    if previous is not None and previous.score is not None and report.verdict != "unavailable":
        change = round(report.score - previous.score, 1)
    return ReportTrend(chart=line_chart(points), audits=len(points), first=points[0].at[:10] if points else "",
                       previous=previous, change=change, alert=list(m.alert), deliveries=list(m.deliveries),
                       warnings=list(m.warnings))


def line_chart(points: Sequence[TrendPoint], width: int = 600, height: int = 180) -> Markup:
    """A line chart of the scores (0-100) over time, with the verdict thresholds and a tooltip per audit."""
    left, right, top, bottom = 34, 14, 10, 24
    plot_w, plot_h = width - left - right, height - top - bottom
    xs = _x_positions(points, plot_w)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-line-chart" viewBox="0 0 {width} {height}" '
             f'width="100%" role="img" aria-label="{escape(_summary(points))}">']
    for value in (0, *THRESHOLDS, 100):
        line_y = top + plot_h * (1 - value / 100)
        dash = ' stroke-dasharray="4 3"' if value in THRESHOLDS else ""
        parts.append(f'<line x1="{left}" y1="{line_y:.1f}" x2="{width - right}" y2="{line_y:.1f}" stroke="{GRID}"'
                     f' stroke-width="1"{dash}/>')
        parts.append(f'<text x="{left - 6}" y="{line_y + 4:.1f}" text-anchor="end" font-size="11" fill="{MUTED}">'
                     f'{value}</text>')
    coords = [(left + x, None if p.score is None else top + plot_h * (1 - _clamp(p.score) / 100))
              for x, p in zip(xs, points, strict=True)]
    parts += _polylines(coords, 2)
    for (x, y), point in zip(coords, points, strict=True):
        tip = f"<title>{escape(_tooltip(point))}</title>"
        if y is None:  # not scored (the listing was unavailable): a cross on the baseline
            base = top + plot_h
            parts.append(f'<path d="M{x - 4:.1f} {base - 4:.1f}l8 8m0 -8l-8 8" stroke="#c92a2a" stroke-width="2">'
                         f"{tip}</path>")
        else:
            last = point is points[-1]
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{4.5 if last else 3}" fill="{LINE}">{tip}</circle>')
    if points:
        # audits of one day are told apart by their time
        cut = slice(0, 10) if points[0].at[:10] != points[-1].at[:10] else slice(0, 16)
        first_label, last_label = (escape(p.at[cut].replace("T", " ")) for p in (points[0], points[-1]))
        parts.append(f'<text x="{left}" y="{height - 6}" font-size="11" fill="{MUTED}">{first_label}</text>')
        if len(points) > 1:
            parts.append(f'<text x="{width - right}" y="{height - 6}" text-anchor="end" font-size="11" '
                         f'fill="{MUTED}">{last_label}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(points: Sequence[TrendPoint], width: int = 96, height: int = 24) -> Markup:
    """A small line of the scores on a fixed 0-100 scale (so sparklines compare across rows), the last one dotted."""
    pad = 3
    xs = _x_positions(points, width - 2 * pad)
    coords = [(pad + x, None if p.score is None else pad + (height - 2 * pad) * (1 - _clamp(p.score) / 100))
              for x, p in zip(xs, points, strict=True)]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-sparkline" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="{escape(_summary(points))}">',
             f"<title>{escape(_summary(points))}</title>", *_polylines(coords, 1.5)]
    last = next(((x, y) for x, y in reversed(coords) if y is not None), None)
    if last is not None:
        parts.append(f'<circle cx="{last[0]:.1f}" cy="{last[1]:.1f}" r="2.5" fill="{LINE}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def category_trend(id_: str, title: str, points: Sequence[TrendPoint]) -> CategoryTrend:
    """A category's (or the overall score's) sparkline, with its first and last values and the change."""
    scored = [p.score for p in points if p.score is not None]
    first, last = (scored[0], scored[-1]) if scored else (None, None)
    change = round(last - first, 1) if first is not None and last is not None and len(scored) > 1 else None
    return CategoryTrend(id_, title, sparkline(points), first, last, change)


# ------------------------------------------------------------ helpers


def _polylines(coords: Sequence[tuple[float, float | None]], stroke: float) -> list[str]:
    """One polyline per run of scored points (an unscored audit breaks the line)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in coords:
        if y is None:
            runs.append([])
        else:
            runs[-1].append((x, y))
    return [f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in run)}" fill="none" stroke="{LINE}" '
            f'stroke-width="{stroke}" stroke-linejoin="round" stroke-linecap="round"/>'
            for run in runs if len(run) > 1]


def _x_positions(points: Sequence[TrendPoint], span: float) -> list[float]:
    """x of each point by its time (evenly spaced when times cannot be read or are all the same)."""
    if len(points) < 2:
        return [span / 2] * len(points)
    times = [_time(p.at) for p in points]
    known = [t for t in times if t is not None]
    if len(known) == len(times) and max(known) > min(known):
        low, high = min(known), max(known)
        return [span * (t - low) / (high - low) for t in known]
    return [span * i / (len(points) - 1) for i in range(len(points))]


def _time(text: str) -> float | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _clamp(score: float) -> float:
    return max(0.0, min(100.0, score))


def _tooltip(point: TrendPoint) -> str:
    score = "not scored" if point.score is None else f"{point.score:.1f}"
    return f"{point.at[:16].replace('T', ' ')} · {score}" + (f" · {point.verdict}" if point.verdict else "")


def _summary(points: Sequence[TrendPoint]) -> str:
    scored = [p for p in points if p.score is not None]
    if not scored:
        return f"{len(points)} audits, none scored"
    if len(points) == 1:
        return f"1 audit: {scored[0].score:.0f}"
    return (f"{len(points)} audits from {points[0].at[:10]} to {points[-1].at[:10]}: "
            f"{scored[0].score:.0f} to {scored[-1].score:.0f}")


def portfolio_trend_view(trends: PortfolioTrends | None, titles: Mapping[str, str]) -> PortfolioTrendView | None:
    """The portfolio's trend context (`titles`: category id -> title), or None when the batch ran without
    `--history`."""
    if trends is None:
        return None
    return PortfolioTrendView(
        sparklines={key: sparkline(points) for key, points in trends.listings.items()},
        overall=category_trend("overall", "Overall score", trends.overall) if trends.overall else None,
        categories=[category_trend(c, titles.get(c, c), trends.categories[c]) for c in titles
                    if c in trends.categories],
        runs=len(trends.overall))
