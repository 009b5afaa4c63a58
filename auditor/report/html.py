"""The HTML report: one self-contained file, every scraped string escaped, nothing loaded from outside."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources

from markupsafe import Markup

from auditor.judge.scoring import READY_AT
from auditor.model import Box, Image, Report
from auditor.report.capture import Capture, capture
from auditor.report.templates import environment
from auditor.report.trend import report_trend

#: the only things the report may load: inline styles and images embedded as data: URIs
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
    "frame-src 'none'"
)


@dataclass
class Fault:
    """A finding of a check that needs work, about one picture of the gallery."""

    check: str
    message: str


@dataclass
class GalleryImage:
    """One screenshot of the listing as the report draws it: cut from the capture where it shows there (else a
    frame in its proportions), with what faults it."""

    image: Image
    faults: list[Fault] = field(default_factory=list)
    #: its box in the report's capture; None when the report has no capture or the capture does not show it
    crop: Box | None = None

    @property
    def view_box(self) -> str | None:
        """The SVG viewBox that shows it in the capture ("x y width height"), or None."""
        return " ".join(f"{v:g}" for v in (self.crop.x, self.crop.y, self.crop.width, self.crop.height)) \
            if self.crop else None

    @property
    def size(self) -> str:
        """`1600×900 px`, or "size not known"."""
        return f"{self.image.width}×{self.image.height} px" if self.image.width and self.image.height \
            else "size not known"

    @property
    def ratio(self) -> str:
        """The CSS aspect-ratio of its frame: its crop's, else its own (16 / 9 when the size is not known), kept
        between 1 / 3 and 3."""
        width, height = (self.crop.width, self.crop.height) if self.crop else \
            (self.image.width, self.image.height) if self.image.width and self.image.height else (16, 9)
        return f"{max(1 / 3, min(3.0, width / height)):.3f}"


def gallery(report: Report, shot: Capture | None = None) -> list[GalleryImage]:
    """The listing's screenshots, each with the findings (of checks that warn or fail) whose URL is that image's,
    and its crop of `shot` (the report's capture) where its box lies within it."""
    shots = [GalleryImage(image, crop=_within(image.box, shot)) for image in report.listing.screenshots]
    by_url = {shot.image.url: shot for shot in shots}
    for check in report.checks:
        if check.status in ("warn", "fail", "error"):
            for finding in check.findings:
                if finding.url in by_url:
                    by_url[finding.url].faults.append(Fault(check.id, finding.message))
    return shots


def render(report: Report) -> str:
    """The report as one HTML document."""
    shot = capture(report.screenshot)
    return environment().get_template("report.html.j2").render(
        r=report, css=stylesheet(), csp=CONTENT_SECURITY_POLICY, capture=shot, gallery=gallery(report, shot),
        ready_at=READY_AT, crawl_seconds=_crawl_seconds(report.crawl), trend=report_trend(report))


def _within(box: Box | None, shot: Capture | None) -> Box | None:
    """`box` cut to the capture's bounds; None without either, or when too little of it lies within (a crop of
    a sliver would show the page around it)."""
    if box is None or shot is None:
        return None
    x, y = max(0.0, box.x), max(0.0, box.y)
    width, height = min(box.x + box.width, shot.width) - x, min(box.y + box.height, shot.height) - y
    return Box(x, y, width, height) if width >= box.width * 0.9 and height > 0 and height >= min(box.height, 48) \
        else None


def _crawl_seconds(crawl: dict[str, object]) -> float | None:
    """How long the crawl took, from its start and end stamps; None when either is missing."""
    try:
        return (datetime.fromisoformat(str(crawl["finished_at"])) - datetime.fromisoformat(str(crawl["started_at"])))\
            .total_seconds()
    except (KeyError, ValueError, TypeError):
        return None


def stylesheet(name: str = "report.css") -> Markup:
    """One of our own stylesheets from report_templates, ready to inline in a <style> element."""
    css = resources.files("report_templates").joinpath(name).read_text(encoding="utf-8")
    if "<" in css:  # it is inlined unescaped; our own stylesheet never needs a "<"
        raise ValueError(f"{name} must not contain '<'")
    return Markup(css)
