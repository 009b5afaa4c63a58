"""Docs pages: outline, main text without chrome, steps, images and alt, dates, readability."""

from __future__ import annotations

from auditor.extract.dates import first_date_in, parse_date
from auditor.extract.docs import extract_doc
from auditor.model import Page

DOC = """<!doctype html><html><head><title>Set up Acme for HubSpot</title>
<meta property="article:modified_time" content="2026-10-02T09:00:00Z"></head><body>
<header><a href="/">Acme docs</a></header><nav><a href="/a">Sidebar link</a> lots of navigation words here</nav>
<main><h1>Set up Acme for HubSpot</h1>
<p>Before you begin, you need a HubSpot Super Admin account. Setting up takes about ten minutes.
Follow the steps below in order. Each step shows what you will see on screen.</p>
<h2>Install</h2><ol><li>Open the HubSpot App Marketplace.</li><li>Click <b>Install app</b>.</li>\
<li>Approve the scopes.</li></ol>
<img src="/img/step1.png" alt="The install button"><img src="/img/step2.png"><img src="/img/deco.png" alt="">
<h4>Skipped a level</h4><a href="../faq.html">FAQ</a>
</main><footer>Copyright Acme</footer></body></html>"""


def page(html: str, url: str = "https://docs.acme.example/setup/hubspot") -> Page:
    return Page(url=url, kind="docs", depth=1, status=200, html=html, final_url=url)


def test_outline_text_steps_images_and_links_come_from_the_main_content():
    doc = extract_doc(page(DOC), role="setup")
    assert doc.title == "Set up Acme for HubSpot" and doc.role == "setup"
    assert [(h.level, h.text) for h in doc.headings] == [(1, "Set up Acme for HubSpot"), (2, "Install"),
                                                         (4, "Skipped a level")]
    assert doc.steps == ["Open the HubSpot App Marketplace.", "Click Install app.", "Approve the scopes."]
    assert "Sidebar link" not in doc.text and "Copyright" not in doc.text
    assert [i.alt for i in doc.images] == ["The install button", None, ""]
    assert doc.images[0].url == "https://docs.acme.example/img/step1.png"
    assert doc.links == ["https://docs.acme.example/faq.html"]
    assert doc.updated == "2026-10-02"
    assert doc.reading_grade is not None and doc.reading_grade < 12
    assert doc.reading_ease is not None and doc.reading_ease > 40


def test_visible_last_updated_lines_are_read_when_there_is_no_meta():
    html = "<main><h1>FAQ</h1><p>Last updated: March 3, 2024</p><p>Short.</p></main>"
    doc = extract_doc(page(html))
    assert doc.updated == "2024-03-03"
    assert doc.reading_grade is None, "too few words for a meaningful readability score"


def test_dates_in_the_forms_pages_write_them():
    assert parse_date("2026-11-20T10:00:00Z") == "2026-11-20"
    assert parse_date("November 20, 2026") == "2026-11-20"
    assert parse_date("20 Nov 2026") == "2026-11-20"
    assert parse_date("Sept. 3, 2025") == "2025-09-03"
    assert parse_date("next Tuesday") is None
    assert first_date_in("Version 2.3 — released Jan 5, 2026 with fixes") == "2026-01-05"


def test_september_dates_parse():
    assert parse_date("September 11, 2026") == "2026-09-11"
    assert parse_date("Sept 11, 2026") == "2026-09-11"
    assert first_date_in("Released on September 3, 2025.") == "2025-09-03"


def test_textstat_needs_no_network():
    """textstat >= 0.7.9 downloads NLTK data on first use; the pinned one must work with no socket at all."""
    import subprocess
    import sys

    code = ("import socket\n"
            "def refuse(*a, **k): raise OSError('network disabled for this test')\n"
            "socket.socket = refuse; socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
            "import textstat\n"
            "print(textstat.flesch_kincaid_grade('The auditor reads every page. It scores the setup guide.'))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout.strip()) < 10


def test_readability_of_a_long_page_is_estimated_from_its_first_thousand_words():
    easy = "The app syncs deals. You pick a stage. It makes the invoice. " * 120      # ~1,300 easy words
    hard = ("Notwithstanding organisational considerations, interoperability necessitates comprehensive "
            "configuration. ") * 200
    doc = extract_doc(page(f"<main><h1>Guide</h1><p>{easy}</p><p>{hard}</p></main>"))
    assert doc.word_count > 2000
    assert doc.reading_grade is not None and doc.reading_grade < 6, "the sample is the easy first part"
