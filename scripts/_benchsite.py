"""A synthetic, deterministic marketplace listing plus a docs site of N pages, for `scripts/bench.py`.

Layout of the generated folder (served as-is by `auditor.fixture_server.FixtureServer`):

    /index.html, /store/...        the store's own pages (copied from fixtures/sites)
    /listing/index.html            a store listing (the "strong" fixture's, with its vendor links rewritten)
    /vendor/...                    the vendor's site: policies, support, status, pricing (copied, rewritten)
    /vendor/docs/**.html           N synthetic docs pages, 20-60 KB each, in sections of ~25-45 pages
    /robots.txt

Docs pages look like a static-site-generator's output: a header, a sidebar with every section's index and
the current section's pages, breadcrumbs, an <article> with h1/h2/h3, prose built from a vocabulary of
docs sentences, ordered steps, images with alt text, code blocks, tables, a "Last updated" <time>, a
pager (prev/next) and a footer. Each page links ~10 others in its text, plus its section's sidebar.
A few links are broken on purpose (in-scope docs 404s and out-of-scope 404s). Dates are written as
fixture tokens (`{{date:-N}}`) so the files are byte-identical for one seed; the server fills them in.
"""

from __future__ import annotations

import html
import posixpath
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sites"
VENDOR = "/vendor"
DOCS = f"{VENDOR}/docs"
LISTING_PATH = "/listing/"
#: the vendor pages the listing links as policies (the crawl fetches them as pages)
POLICY_PATHS = ("/vendor/legal/privacy.html", "/vendor/legal/terms.html", "/vendor/security.html",
                "/vendor/status.html", "/vendor/support.html")

# ------------------------------------------------------------------ vocabulary

PRODUCT = "Ledgerline"
OBJECTS = ["invoices", "payments", "customers", "companies", "deals", "line items", "credit memos", "tax rates",
           "products", "estimates", "refunds", "custom fields", "currencies", "contacts", "pipelines",
           "subscriptions", "discounts", "sales receipts", "vendors", "bills", "journal entries", "price books"]
SETTINGS = ["Sync direction", "Field mapping", "Conflict rule", "Invoice trigger", "Default tax code",
            "Rounding mode", "Deal pipeline filter", "Payment terms", "Currency source", "Retry policy",
            "Archive behaviour", "Owner assignment", "Webhook signing secret", "Sandbox mode", "Notification digest"]
ROLES = ["admins", "super admins", "sales reps", "finance managers", "account owners", "billing contacts",
         "workspace owners", "read-only users"]
TIMES = ["every 15 minutes", "within a few seconds", "overnight", "once an hour", "at the end of each day",
         "as soon as the deal closes", "after the next full sync", "within two minutes"]
PLACES = ["the Settings page", "the Ledgerline card", "the sync history", "the admin console",
          "the field mapping screen", "the HubSpot sidebar", "the QuickBooks Online audit log", "the activity feed"]
ADJ = ["new", "existing", "archived", "draft", "overdue", "partially paid", "linked", "unlinked", "duplicate",
       "custom", "multi-currency", "recurring"]
SENTENCES = [
    "{P} copies {obj} from HubSpot to QuickBooks Online {time}.",
    "When you change {setting_l}, {P} applies the new rule to {adj} {obj} only.",
    "Only {role} can change {setting_l}; other users see it as read-only.",
    "If a sync fails, {P} retries it three times and then lists it in {place}.",
    "You can see every change to {obj} in {place}, with the user who made it and the time.",
    "{Obj} that were created before you installed {P} are not linked until you run a full sync.",
    "Ask one of your {role} to review {setting_l} before you turn on the sync for {adj} {obj}.",
    "The {setting} setting decides what happens when both sides change the same record.",
    "We recommend testing the mapping on a sandbox company before you sync {adj} {obj}.",
    "{P} never deletes {obj} in QuickBooks Online; it marks them as inactive instead.",
    "Large accounts with more than {n} {obj} may take longer on the first sync.",
    "Most teams leave {setting_l} at its default and only change it after the first month.",
    "A red badge on {place} means at least one record needs your attention.",
    "HubSpot limits apps to {n} API calls every ten seconds, so {P} batches its requests.",
    "Changes in QuickBooks Online reach HubSpot {time}, and you can also click Sync now.",
    "To undo a mapping, remove the row on the field mapping screen and save; past records keep their values.",
    "{Role} receive an email digest of failed syncs {time}.",
    "Each {adj_s} record is linked once, so later updates go to the same record and never create duplicates.",
    "The sync history keeps {n} days of events; export it as CSV if you need a longer record.",
    "If your company uses more than one currency, turn on multi-currency in QuickBooks Online first.",
    "{P} reads {obj} with the permissions you approved at install, and nothing else.",
    "You can limit the sync to one pipeline, which is useful when only part of the team bills through QuickBooks.",
    "When a record cannot be matched, {P} creates a new one and notes the reason in {place}.",
    "Open {place} to check the status of the last {n} syncs.",
    "Property names that start with ledgerline_ are reserved; do not rename them in HubSpot.",
    "Disconnecting QuickBooks Online stops the sync immediately but keeps the data already copied.",
    "Numbers are rounded the way QuickBooks Online rounds them, so totals match to the cent.",
    "Tax is calculated by QuickBooks Online from the customer's address, not by HubSpot.",
    "You do not need a developer to set this up; it takes about {mins} minutes.",
    "Before you start, make sure you are a super admin in HubSpot and an admin in QuickBooks Online.",
    "The default rule is that the most recent change wins, measured to the second.",
    "Webhook deliveries are signed, and {P} rejects any request whose signature does not match.",
    "Support can see your sync history only while you have granted access from the Settings page.",
    "For {adj} {obj}, the mapping uses the fields you chose on {place}.",
]
H2 = ["Before you begin", "How it works", "Set it up", "Choose your rules", "What changes in HubSpot",
      "What changes in QuickBooks Online", "Limits", "Examples", "Common questions", "Troubleshooting",
      "Permissions needed", "Test the configuration", "Turn it off", "Related settings", "Known issues",
      "Best practices", "Data that is synced", "Data that is not synced", "Reporting", "Next steps"]
H3 = ["For admins", "For sales reps", "For the finance team", "In the sandbox", "On large accounts",
      "With multiple currencies", "When a record is archived", "When both sides change", "Default values",
      "Custom properties", "Error messages", "Timing"]
SECTIONS = [
    ("setup", "Install and set up"), ("configuration", "Configure the sync"), ("guides", "Guides"),
    ("invoices", "Invoices"), ("payments", "Payments"), ("customers", "Customers and companies"),
    ("products", "Products and services"), ("tax", "Tax"), ("currencies", "Currencies"),
    ("automation", "Automation"), ("workflows", "HubSpot workflows"), ("reporting", "Reporting"),
    ("admin", "Administration"), ("users", "Users and permissions"), ("security", "Security and privacy"),
    ("api", "API reference"), ("webhooks", "Webhooks"), ("integrations", "Other integrations"),
    ("migration", "Migrate from another tool"), ("billing", "Your Ledgerline plan"),
    ("sandbox", "Sandbox and testing"), ("notifications", "Notifications"), ("data", "Data and sync history"),
    ("mobile", "Mobile"), ("errors", "Error reference"), ("best-practices", "Best practices"),
    ("recipes", "Recipes"), ("accounting", "Accounting basics"), ("partners", "For partners"),
    ("enterprise", "Enterprise"), ("releases", "Release notes archive"), ("how-to", "How-to articles"),
]
VERBS = ["sync", "map", "link", "archive", "import", "export", "match", "review", "filter", "merge", "retry",
         "audit", "schedule", "approve", "refund", "void", "reconcile", "tag", "split", "restore"]
#: the top-level pages (in /vendor/docs/) the copied vendor pages link to: they must exist
TOP_PAGES = [("index.html", "Overview"), ("getting-started.html", "Getting started"),
             ("permissions.html", "Permissions and data access"), ("troubleshooting.html", "Troubleshooting"),
             ("faq.html", "FAQ"), ("glossary.html", "Glossary"), ("uninstall.html", "Disconnect and uninstall"),
             ("changelog.html", "Changelog")]
CODE = [
    ("bash", "curl -X POST https://api.ledgerline.example/v2/syncs \\\n"
             "  -H \"Authorization: Bearer $LEDGERLINE_TOKEN\" \\\n"
             "  -H \"Content-Type: application/json\" \\\n  -d '{\"object\": \"{obj1}\", \"mode\": \"full\"}'"),
    ("json", "{\n  \"event\": \"{obj1}.updated\",\n  \"id\": \"evt_{n}\",\n  \"attempt\": 1,\n  \"data\": {\n"
             "    \"hubspot_id\": \"{n}\",\n    \"quickbooks_id\": \"{n}\",\n    \"status\": \"synced\"\n  }\n}"),
    ("python", "import hmac, hashlib\n\ndef verify(secret: bytes, body: bytes, signature: str) -> bool:\n"
               "    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()\n"
               "    return hmac.compare_digest(expected, signature)"),
    ("text", "ledgerline_invoice_number    string\nledgerline_invoice_status    enumeration\n"
             "ledgerline_balance_due       number\nledgerline_due_date          date"),
]
DOC_IMAGES = ["field-mapping.png", "invoice-timeline.png", "multi-currency.png", "sync-settings.png"] + [
    f"setup-step-{i}.png" for i in range(1, 9)]


@dataclass
class DocPage:
    """One page of the synthetic docs tree."""

    path: str          # site path, e.g. /vendor/docs/invoices/sync-deals.html
    title: str
    section: int       # index into the site's sections (0 = the top-level pages)
    links: list[int] = field(default_factory=list)   # in-text links to other pages (indices)
    broken: list[str] = field(default_factory=list)  # in-text links that 404


@dataclass
class Site:
    """What was generated: the paths a crawl should fetch as pages."""

    root: Path
    listing: str
    docs: list[str]
    policies: list[str]
    broken_links: list[str]
    bytes_docs: int

    @property
    def page_paths(self) -> list[str]:
        """The listing, every docs page and the policy pages: what the audit fetches with a body."""
        return [self.listing, *self.docs, *self.policies]


# ------------------------------------------------------------------ text

class Writer:
    """Seeded prose from the vocabulary above."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        r = self.rng
        obj = r.choice(OBJECTS)
        setting = r.choice(SETTINGS)
        role = r.choice(ROLES)
        text = r.choice(SENTENCES).format(
            P=PRODUCT, obj=obj, Obj=obj[0].upper() + obj[1:], setting=setting, setting_l=setting.lower(),
            role=role, Role=role[0].upper() + role[1:], time=r.choice(TIMES), place=r.choice(PLACES),
            adj=r.choice(ADJ), adj_s=r.choice(["synced", "matched", "imported"]),
            n=r.choice([5, 10, 30, 90, 100, 500, 2000, 10000]), mins=r.choice([5, 10, 15, 20]))
        return text[0].upper() + text[1:]

    def paragraph(self, low: int = 3, high: int = 6) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _rel(from_path: str, to_path: str) -> str:
    return posixpath.relpath(to_path, posixpath.dirname(from_path))


def _docs_style() -> str:
    source = (FIXTURES / "strong" / "docs" / "getting-started.html").read_text(encoding="utf-8")
    match = re.search(r"<style>.*?</style>", source, re.S)
    return match.group(0) if match else "<style>body{font-family:sans-serif}</style>"


# ------------------------------------------------------------------ structure

def _plan(n: int, rng: random.Random) -> tuple[list[tuple[str, str]], list[DocPage]]:
    """Sections and pages: the top-level pages, then sections of ~25-45 pages each with an index page."""
    top = TOP_PAGES[: min(len(TOP_PAGES), n)]
    pages = [DocPage(f"{DOCS}/{name}", title, 0) for name, title in top]
    rest = n - len(pages)
    n_sections = max(1, min(len(SECTIONS), round(rest / 35))) if rest > 0 else 0
    sections = [("", "Get started")] + SECTIONS[:n_sections]
    # spread the remaining pages over the sections, unevenly like real docs
    weights = [rng.uniform(0.7, 1.3) for _ in range(n_sections)]
    counts = [max(1, int(rest * w / sum(weights))) for w in weights] if n_sections else []
    while counts and sum(counts) < rest:
        counts[rng.randrange(n_sections)] += 1
    while counts and sum(counts) > rest:
        i = max(range(n_sections), key=lambda k: counts[k])
        counts[i] -= 1
    used: set[str] = set()
    for s, ((slug, title), count) in enumerate(zip(SECTIONS[:n_sections], counts, strict=True), start=1):
        for k in range(count):
            if k == 0:
                pages.append(DocPage(f"{DOCS}/{slug}/index.html", title, s))
                continue
            if slug == "setup" and k == 1:
                name, page_title = "hubspot", "Install and set up for HubSpot"
            else:
                while True:
                    verb, obj, adj = rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(ADJ + [""])
                    name = "-".join(p for p in (verb, adj, obj) if p).replace(" ", "-")
                    if f"{slug}/{name}" not in used:
                        break
                page_title = f"{verb.capitalize()} {adj + ' ' if adj else ''}{obj}"
            used.add(f"{slug}/{name}")
            pages.append(DocPage(f"{DOCS}/{slug}/{name}.html", page_title, s))
    return sections, pages[:n]


def _wire(pages: list[DocPage], rng: random.Random) -> list[str]:
    """In-text links: ~10 a page (some in the same section); a few broken ones. Returns the broken URLs."""
    n = len(pages)
    by_section: dict[int, list[int]] = {}
    for i, p in enumerate(pages):
        by_section.setdefault(p.section, []).append(i)
    for i, p in enumerate(pages):
        if n <= 1:
            break
        same = [j for j in by_section[p.section] if j != i]
        wanted = rng.randint(8, 12)
        picks = rng.sample(same, min(len(same), wanted // 2)) if same else []
        while len(picks) < min(wanted, n - 1):
            j = rng.randrange(n)
            if j != i and j not in picks:
                picks.append(j)
        p.links = picks
    broken: list[str] = []
    n_broken = max(2, n // 100)
    for b in range(n_broken):
        page = pages[rng.randrange(n)]
        if b % 3 == 2:  # outside the docs: only link-checked
            target = f"{VENDOR}/blog/{rng.choice(VERBS)}-{rng.choice(OBJECTS).replace(' ', '-')}-{b}.html"
        else:  # inside the docs: crawled, answers 404
            target = posixpath.splitext(page.path)[0] + f"-old-{b}.html"
        page.broken.append(target)
        broken.append(target)
    return broken


# ------------------------------------------------------------------ rendering

def _sidebar(page_index: int, pages: list[DocPage], sections: list[tuple[str, str]],
             by_section: dict[int, list[int]]) -> str:
    me = pages[page_index]
    out = ['<nav class="docs-sidebar" aria-label="Documentation">']
    for s, (_slug, title) in enumerate(sections):
        members = by_section.get(s, [])
        if not members:
            continue
        out.append(f"  <p>{_esc(title)}</p>\n  <ul>")
        shown = members if s == me.section else members[:2] if s == 0 else members[:1]
        for j in shown:
            current = ' aria-current="page"' if j == page_index else ""
            out.append(f'    <li><a href="{pages[j].path}"{current}>{_esc(pages[j].title)}</a></li>')
        out.append("  </ul>")
    out.append("</nav>")
    return "\n".join(out)


def _block(w: Writer, page: DocPage, pages: list[DocPage], link_queue: list[int], broken_queue: list[str],
           counter: list[int]) -> str:
    """One h2 section of an article: paragraphs, and maybe h3s, steps, an image, code, a table, a callout."""
    r = w.rng
    counter[0] += 1
    heading = r.choice(H2)
    anchor = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-") + f"-{counter[0]}"
    parts = [f'<h2 id="{anchor}">{_esc(heading)}</h2>']

    def para() -> str:
        text = _esc(w.paragraph())
        if link_queue and r.random() < 0.45:
            target = pages[link_queue.pop()]
            text += f' See <a href="{_rel(page.path, target.path)}">{_esc(target.title.lower())}</a> for details.'
        elif broken_queue and r.random() < 0.5:
            text += f' The <a href="{broken_queue.pop()}">older version of this page</a> is kept for reference.'
        if r.random() < 0.3:
            prop = "ledgerline_" + r.choice(["invoice_status", "balance_due", "due_date", "payment_status",
                                             "last_sync"])
            text += f" The matching HubSpot property is <code>{prop}</code>."
        return f"<p>{text}</p>"

    for _ in range(r.randint(2, 4)):
        parts.append(para())
    kind = r.random()
    if kind < 0.25:
        steps = [f"<li><strong>{_esc(r.choice(VERBS).capitalize())} the {_esc(r.choice(OBJECTS))}.</strong> "
                 f"{_esc(w.paragraph(1, 3))}</li>" for _ in range(r.randint(3, 7))]
        parts.append('<ol class="steps">\n' + "\n".join(steps) + "\n</ol>")
    elif kind < 0.45:
        img = r.choice(DOC_IMAGES)
        alt = (f"{r.choice(PLACES).capitalize()} showing {r.choice(ADJ)} {r.choice(OBJECTS)} "
               f"and the {r.choice(SETTINGS).lower()} setting")
        parts.append(f'<figure><img src="{VENDOR}/img/docs/{img}" width="1400" height="800" alt="{_esc(alt)}" '
                     f'loading="lazy"><figcaption>{_esc(w.sentence())}</figcaption></figure>')
    elif kind < 0.6:
        lang, code = r.choice(CODE)
        code = code.replace("{obj1}", r.choice(OBJECTS).replace(" ", "_")).replace("{n}", str(r.randint(10000, 99999)))
        parts.append(f'<pre><code class="language-{lang}">{_esc(code)}</code></pre>')
    elif kind < 0.72:
        rows = "\n".join(f"<tr><td>{_esc(r.choice(SETTINGS))}</td>"
                         f"<td>{_esc(r.choice(ADJ))} {_esc(r.choice(OBJECTS))}</td>"
                         f"<td>{_esc(w.sentence())}</td></tr>" for _ in range(r.randint(3, 8)))
        parts.append(f"<table>\n<thead><tr><th>Setting</th><th>Applies to</th><th>What it does</th></tr></thead>\n"
                     f"<tbody>\n{rows}\n</tbody>\n</table>")
    elif kind < 0.82:
        parts.append(f'<div class="callout{" warning" if r.random() < 0.4 else ""}"><p><strong>Note:</strong> '
                     f"{_esc(w.paragraph(1, 2))}</p></div>")
    for _ in range(r.randint(0, 2)):
        parts.append(f"<h3>{_esc(r.choice(H3))}</h3>")
        parts.append(para())
    return "\n".join(parts)


def _render(i: int, pages: list[DocPage], sections: list[tuple[str, str]], by_section: dict[int, list[int]],
            style: str, seed: int) -> str:
    page = pages[i]
    rng = random.Random(f"{seed}:{page.path}")
    w = Writer(rng)
    target = rng.randint(20_500, 57_500)  # the last block and "See also" may add ~2 KB
    age = rng.randint(1, 500)
    section_title = sections[page.section][1]
    crumbs = (f'<a href="{DOCS}/index.html">Docs</a> / <a href="{pages[by_section[page.section][0]].path}">'
              f'{_esc(section_title)}</a> / <span aria-current="page">{_esc(page.title)}</span>')
    description = w.sentence()
    prev_page = pages[i - 1] if i > 0 else None
    next_page = pages[i + 1] if i + 1 < len(pages) else None
    head = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(page.title)} | {PRODUCT} Docs</title>
<meta name="description" content="{_esc(description)}">
<link rel="canonical" href="{page.path}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{PRODUCT} Docs">
<meta property="og:title" content="{_esc(page.title)}">
<meta property="article:modified_time" content="{{{{date:-{age}}}}}">
<meta name="generator" content="{PRODUCT} Docs (bench generator)">
<link rel="icon" href="{VENDOR}/img/icon.png" type="image/png">
{style}
<script type="application/ld+json">
{{"@context":"https://schema.org","@type":"TechArticle","headline":"{_esc(page.title)}","dateModified":"{{{{date:-{age}}}}}","inLanguage":"en"}}
</script>
</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="docs-header">
  <a class="docs-logo" href="{DOCS}/index.html"><span>{PRODUCT} Docs</span></a>
  <form class="docs-search" role="search" action="{DOCS}/index.html" method="get">
    <label class="skip-link" for="docs-q">Search the docs</label>
    <input id="docs-q" type="search" name="q" placeholder="Search docs (press /)">
  </form>
  <nav class="top-links" aria-label="Site">
    <a href="{VENDOR}/index.html">ledgerline.example</a>
    <a href="{VENDOR}/support.html">Support</a>
    <a href="{VENDOR}/status.html">Status</a>
    <a class="cta" href="{VENDOR}/install.html">Install for HubSpot</a>
  </nav>
</header>
<div class="docs-layout">
{_sidebar(i, pages, sections, by_section)}
<div class="docs-main">
<main id="content">
<article>
<nav class="crumbs" aria-label="Breadcrumb">{crumbs}</nav>
<h1>{_esc(page.title)}</h1>
<p class="last-updated">Last updated <time datetime="{{{{date:-{age}}}}}">{{{{date:-{age}:long}}}}</time></p>
<p class="lead">{_esc(w.paragraph(2, 3))}</p>
"""
    pager = ['<nav class="pager" aria-label="Previous and next">']
    if prev_page:
        pager.append(f'<a rel="prev" href="{_rel(page.path, prev_page.path)}"><span>Previous</span>'
                     f'{_esc(prev_page.title)}</a>')
    if next_page:
        pager.append(f'<a rel="next" href="{_rel(page.path, next_page.path)}"><span>Next</span>'
                     f'{_esc(next_page.title)}</a>')
    pager.append("</nav>")
    feedback_buttons = '<button type="button">Yes</button><button type="button">No</button>'
    tail = f"""
<div class="page-feedback">Was this page helpful? {feedback_buttons}</div>
{chr(10).join(pager)}
</article>
</main>
</div>
</div>
<footer class="docs-footer">
  <nav aria-label="Footer">
    <a href="{VENDOR}/legal/privacy.html">Privacy policy</a>
    <a href="{VENDOR}/legal/terms.html">Terms of service</a>
    <a href="{VENDOR}/security.html">Security</a>
    <a href="{VENDOR}/status.html">Status</a>
    <a href="{DOCS}/changelog.html">Changelog</a>
    <a href="https://github.com/ledgerline-example/ledgerline-docs" rel="noopener">Edit these docs on GitHub</a>
  </nav>
  <p>&copy; Ledgerline Inc. Ledgerline is not affiliated with HubSpot or Intuit.</p>
</footer>
</body>
</html>
"""
    link_queue = list(page.links)
    broken_queue = list(page.broken)
    counter = [0]
    body: list[str] = []
    size = len(head) + len(tail)
    while size < target or link_queue or broken_queue:
        block = _block(w, page, pages, link_queue, broken_queue, counter)
        body.append(block)
        size += len(block) + 1
        if size > target:  # links left over go into a "See also" list
            break
    leftovers = [f'<li><a href="{_rel(page.path, pages[j].path)}">{_esc(pages[j].title)}</a></li>' for j in link_queue]
    leftovers += [f'<li><a href="{u}">Archived: {_esc(posixpath.basename(u))}</a></li>' for u in broken_queue]
    if leftovers:
        body.append('<h2 id="see-also">See also</h2>\n<ul>\n' + "\n".join(leftovers) + "\n</ul>")
    return head + "\n".join(body) + tail


# ------------------------------------------------------------------ the site

def _copy_rewritten(src: Path, dst: Path) -> None:
    text = src.read_text(encoding="utf-8").replace("/strong/", f"{VENDOR}/")
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(text, encoding="utf-8")


def empty_folder(root: Path) -> None:
    """Make `root` an empty folder, removing whatever an earlier run left there."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)


def build_site(root: Path, n_docs: int, seed: int = 1) -> Site:
    """Write a listing and an `n_docs`-page docs site into `root` (which is emptied first)."""
    if n_docs < 1:
        raise ValueError("n_docs must be at least 1")
    empty_folder(root)
    rng = random.Random(seed)
    strong = FIXTURES / "strong"
    # the store's pages and the vendor's non-docs pages, from the bundled fixtures
    shutil.copytree(FIXTURES / "store", root / "store")
    shutil.copy(FIXTURES / "index.html", root / "index.html")
    shutil.copytree(strong / "img", root / "vendor" / "img")
    for rel in ("index.html", "install.html", "pricing.html", "security.html", "status.html", "support.html",
                "legal/privacy.html", "legal/terms.html"):
        _copy_rewritten(strong / rel, root / "vendor" / rel)
    listing = (strong / "listing" / "index.html").read_text(encoding="utf-8").replace("/strong/", f"{VENDOR}/")
    listing = listing.replace('href="/clientside/listing/"', 'href="/store/categories.html#developer-tools"')
    listing = listing.replace('href="/weak/listing/"', 'href="/store/categories.html#sales"')
    listing = listing.replace(f'"{VENDOR}/listing/"', f'"{LISTING_PATH}"')
    (root / "listing").mkdir()
    (root / "listing" / "index.html").write_text(listing, encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")

    sections, pages = _plan(n_docs, rng)
    broken = _wire(pages, rng)
    by_section: dict[int, list[int]] = {}
    for i, p in enumerate(pages):
        by_section.setdefault(p.section, []).append(i)
    style = _docs_style()
    total = 0
    for i, page in enumerate(pages):
        text = _render(i, pages, sections, by_section, style, seed)
        out = root / page.path.lstrip("/")
        out.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        out.write_bytes(data)
        total += len(data)
    return Site(root=root, listing=LISTING_PATH, docs=[p.path for p in pages], policies=list(POLICY_PATHS),
                broken_links=broken, bytes_docs=total)


if __name__ == "__main__":  # python scripts/_benchsite.py DIR N: write a site to look at
    import sys

    site = build_site(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100)
    print(f"{len(site.docs)} docs pages, {site.bytes_docs / len(site.docs) / 1024:.1f} KB average, "
          f"{len(site.broken_links)} broken links, listing at {site.listing}")
