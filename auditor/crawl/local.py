"""Docs on disk: a folder of built HTML or Markdown sources, read without a server.

Markdown is rendered with markdown-it (CommonMark plus tables). Links between local files are checked
against the disk: a link to a missing file is broken; web links are not fetched in a local audit.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from auditor.markup import parse
from auditor.model import LinkStatus, Page
from auditor.urls import normalise, resolve

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
_SKIP_DIRS = {"node_modules", ".git", "__pycache__", ".venv", "_build"}


def load_docs_folder(folder: Path, max_pages: int) -> tuple[list[Page], list[LinkStatus], list[str]]:
    """Every HTML and Markdown file under `folder` as a docs Page, the local links' outcomes, and warnings."""
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in HTML_SUFFIXES + MARKDOWN_SUFFIXES
                   and p.is_file() and not _SKIP_DIRS & set(p.relative_to(folder).parts[:-1])
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    warnings = []
    if len(files) > max_pages:
        warnings.append(f"read the first {max_pages} of {len(files)} docs files (--max-pages)")
        files = files[:max_pages]
    pages = [read_page(path) for path in files]
    return pages, check_local_links(pages, folder), warnings


def read_page(path: Path) -> Page:
    """One file as a fetched Page (Markdown rendered to HTML); an unreadable file is a Page with an error."""
    url = normalise(path.resolve().as_uri())
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return Page(url=url, kind="docs", depth=1, error=f"cannot read: {exc.strerror or exc}", fetched_via="file")
    body = render_markdown(text, path.stem) if path.suffix.lower() in MARKDOWN_SUFFIXES else text
    return Page(url=url, kind="docs", depth=1, final_url=url, status=200, content_type="text/html", html=body,
                fetched_via="file", bytes=len(text.encode("utf-8")))


def render_markdown(text: str, fallback_title: str) -> str:
    """A Markdown source as an HTML page whose <title> is its first heading."""
    tokens = MarkdownIt("commonmark").enable("table")
    body = tokens.render(text)
    title = next((line.lstrip("#").strip() for line in text.splitlines() if line.startswith("# ")), fallback_title)
    return (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head>"
            f"<body><main>{body}</main></body></html>")


def check_local_links(pages: list[Page], root: Path) -> list[LinkStatus]:
    """file:// links that are not pages: ok when the file exists, broken when it does not; web links skipped.

    A root-relative link ("/guide/setup.html") is resolved against the folder, the root of a built site.
    """
    known = {p.url for p in pages}
    outcomes: dict[str, LinkStatus] = {}
    site_root = root.resolve().as_uri() + "/"
    for page in pages:
        for url in _links(page, site_root):
            if url in known:
                continue
            status = outcomes.get(url) or _outcome(url)
            if page.url not in status.sources:
                status.sources.append(page.url)
            outcomes[url] = status
    return list(outcomes.values())


def _links(page: Page, site_root: str) -> list[str]:
    tree = parse(page.html)
    hrefs = [(a.attributes.get("href") or "").strip() for a in tree.css("a[href]")]
    return [normalise(resolve(site_root, href[1:]) if href.startswith("/") and not href.startswith("//")
                      else resolve(page.url, href))
            for href in hrefs if href and not href.startswith(("#", "mailto:", "tel:", "javascript:", "data:"))]


def _outcome(url: str) -> LinkStatus:
    parts = urlsplit(url)
    if parts.scheme != "file":
        return LinkStatus(url, "skipped", detail="web links are not fetched in a local audit")
    exists = Path(unquote(parts.path)).exists()
    return LinkStatus(url, "ok" if exists else "broken", detail=None if exists else "no such file")
