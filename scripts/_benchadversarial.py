"""Adversarial sites for `scripts/bench.py`: the shapes that made one check or one crawl step slow.

Each site starts from `_benchsite.build_site` (the store, the strong listing, the vendor's policy pages) and
replaces its docs with one hard case:

    no-topic      1,000 pages of realistic prose about something else: every topic search reads every page
    large-pages   ten pages of 1-4.9 MB (the crawl's default cap is 5 MB)
    deep-nesting  a docs page whose content sits 50,000 elements deep
    many-links    twenty pages with 3,000 links each (in-site variants and other hosts)
    non-english   300 docs pages in German, French and Japanese
    long-listing  a listing whose description is 3 MB long

The docs hub (/vendor/docs/index.html) links every page, so a crawl reaches all of them at depth 2.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from _benchsite import DOCS, LISTING_PATH, POLICY_PATHS, _esc, build_site, empty_folder

# prose about a logistics business: nothing a listing's docs checks look for (install, permissions, pricing...)
OFF_TOPIC = [
    "The {place} warehouse received {n} pallets of {goods} on {day}, two more than planned.",
    "Drivers on the {place} route reported light traffic and delivered every order before noon.",
    "The {place} team moved the {goods} racks closer to the loading bay to shorten picking walks.",
    "{Day}'s shift swapped two forklifts for the electric ones that arrived last month.",
    "A customer in {place} asked for {goods} in larger cartons, which the team will trial next quarter.",
    "Returns of {goods} fell to {n} units, mostly cartons crushed in transit from the coast.",
    "The cold room in {place} held its temperature all week after the door seals were replaced.",
    "Staff in {place} finished the first-aid refresher, and {n} people signed up for the next one.",
    "The canteen in {place} now serves soup on {day}s, which the night shift asked for in the survey.",
    "Rain slowed the yard work on {day}, so the {goods} shipment left the dock an hour late.",
    "The regional manager visited {place} and walked the new layout with the shift leads.",
    "Energy use at {place} dropped after the roof lights were switched to motion sensors.",
]
PLACES = ["Rotterdam", "Leeds", "Lyon", "Poznan", "Valencia", "Bremen", "Turin", "Ghent", "Porto", "Aarhus"]
GOODS = ["garden furniture", "bicycle parts", "ceramic tiles", "paper towels", "tinned tomatoes", "office chairs",
         "paint tins", "cable drums", "bottled water", "flat-pack shelving"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

# docs prose in three languages (the vocabulary's terms appear, as they would in translated docs)
FOREIGN = {
    "de": ["Installieren Sie die App über den Marktplatz und melden Sie sich mit einem Administratorkonto an.",
           "Die Synchronisierung überträgt Rechnungen alle fünfzehn Minuten in beide Richtungen.",
           "Unter Einstellungen legen Sie fest, welche Felder übertragen werden und wer sie ändern darf.",
           "Wenn eine Synchronisierung fehlschlägt, versucht die App es dreimal und meldet den Fehler.",
           "Der Support antwortet werktags innerhalb von vier Stunden auf jede Anfrage.",
           "Beim Deinstallieren bleiben alle bereits übertragenen Daten in beiden Systemen erhalten."],
    "fr": ["Installez l'application depuis la place de marché avec un compte administrateur.",
           "La synchronisation copie les factures toutes les quinze minutes dans les deux sens.",
           "Dans les paramètres, choisissez les champs copiés et les personnes qui peuvent les modifier.",
           "En cas d'échec, l'application réessaie trois fois puis affiche l'erreur dans l'historique.",
           "Notre équipe d'assistance répond en moins de quatre heures les jours ouvrés.",
           "La désinstallation conserve les données déjà copiées dans les deux systèmes."],
    "ja": ["管理者アカウントでマーケットプレイスからアプリをインストールしてください。",
           "同期は十五分ごとに請求書を双方向にコピーします。",
           "設定画面で、コピーする項目と変更できるユーザーを選びます。",
           "同期に失敗した場合、アプリは三回再試行してから履歴にエラーを表示します。",
           "サポートチームは営業日の四時間以内に回答します。",
           "アンインストールしても、コピー済みのデータは両方のシステムに残ります。"],
}


@dataclass(frozen=True)
class AdversarialSite:
    """A written site: where its listing is and how many pages a crawl should read."""

    listing: str
    pages: int  # docs and policy pages the audit fetches, plus the listing
    deep_page: str | None = None  # the path of the deeply nested page (deep-nesting only)


@dataclass(frozen=True)
class Adversary:
    """One hard case: its row label, what it holds, and how to write it."""

    name: str
    what: str
    build: Callable[[Path, int], AdversarialSite]


class Prose:
    """Seeded sentences from a list of templates."""

    def __init__(self, seed: str, templates: list[str]) -> None:
        self.rng = random.Random(seed)
        self.templates = templates

    def sentence(self) -> str:
        r = self.rng
        day = r.choice(DAYS)
        return r.choice(self.templates).format(place=r.choice(PLACES), goods=r.choice(GOODS), day=day, Day=day,
                                               n=r.randint(3, 400))

    def paragraphs(self, size: int) -> Iterator[str]:
        """`<p>` elements until about `size` characters are written."""
        written = 0
        while written < size:
            text = "<p>" + _esc(" ".join(self.sentence() for _ in range(self.rng.randint(3, 6)))) + "</p>"
            written += len(text) + 1
            yield text


def _page(title: str, body: str, lang: str = "en") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{_esc(title)}</title>\n'
            f'</head>\n<body>\n<header><a href="{DOCS}/index.html">Docs</a></header>\n<main>\n<article>\n'
            f"<h1>{_esc(title)}</h1>\n{body}\n</article>\n</main>\n"
            '<footer><a href="/vendor/legal/privacy.html">Privacy</a></footer>\n</body>\n</html>\n')


def _docs(root: Path, pages: list[tuple[str, str, str]], lang: str = "en") -> None:
    """Replace the docs with `pages` (path under the docs, title, body HTML) and a hub linking them all."""
    docs = root / DOCS.lstrip("/")
    empty_folder(docs)
    for rel, title, body in pages:
        out = docs / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(_page(title, body, lang), encoding="utf-8")
    hub = "<ul>\n" + "\n".join(f'<li><a href="{DOCS}/{rel}">{_esc(t)}</a></li>' for rel, t, _ in pages) + "\n</ul>"
    (docs / "index.html").write_text(_page("Documentation", hub, lang), encoding="utf-8")


def _site(docs: int, deep: str | None = None) -> AdversarialSite:
    # the hub, the docs and the policy pages, plus the listing
    return AdversarialSite(LISTING_PATH, docs + 1 + len(POLICY_PATHS) + 1, deep)


def no_topic(root: Path, seed: int) -> AdversarialSite:
    """1,000 pages of 20-60 KB about a logistics business."""
    build_site(root, 1, seed)
    pages = []
    for i in range(1000):
        prose = Prose(f"{seed}:no-topic:{i}", OFF_TOPIC)
        size = prose.rng.randint(20_000, 60_000)
        body = "\n".join(f"<h2>Week {i % 52 + 1}, part {k}</h2>\n{p}" if k % 6 == 0 else p
                         for k, p in enumerate(prose.paragraphs(size)))
        pages.append((f"notes/week-{i}.html", f"Operations note {i + 1}", body))
    _docs(root, pages)
    return _site(len(pages))


def large_pages(root: Path, seed: int) -> AdversarialSite:
    """Ten pages from 1 MB to 4.9 MB (under the crawl's 5 MB cap)."""
    build_site(root, 1, seed)
    pages = []
    for i, megabytes in enumerate((1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.3, 4.6, 4.9)):
        prose = Prose(f"{seed}:large:{i}", OFF_TOPIC)
        pages.append((f"archive/report-{i}.html", f"Archived report {i + 1}",
                      "\n".join(prose.paragraphs(int(megabytes * 1_000_000) - 600))))
    _docs(root, pages)
    return _site(len(pages))


def deep_nesting(root: Path, seed: int, depth: int = 50_000) -> AdversarialSite:
    """One page whose text and links sit `depth` elements deep, beside ten ordinary pages."""
    build_site(root, 1, seed)
    prose = Prose(f"{seed}:deep", OFF_TOPIC)
    pages = [(f"notes/note-{i}.html", f"Note {i + 1}", "\n".join(prose.paragraphs(20_000))) for i in range(10)]
    inner = "\n".join(prose.paragraphs(5_000)) + f'<a href="{DOCS}/notes/note-0.html">Back to the first note</a>'
    pages.append(("deep.html", "A deeply nested page", "<div>" * depth + inner + "</div>" * depth))
    _docs(root, pages)
    return _site(len(pages), f"{DOCS}/deep.html")


def many_links(root: Path, seed: int, per_page: int = 3_000) -> AdversarialSite:
    """Twenty pages, each with `per_page` links: to each other (with queries and fragments) and to other hosts."""
    build_site(root, 1, seed)
    rng = random.Random(f"{seed}:links")
    pages = []
    for i in range(20):
        links = []
        for k in range(per_page):
            j = rng.randrange(20)
            if k % 3 == 2:
                links.append(f'<a href="https://partner-{k % 400}.example/item/{k}">Partner item {k}</a>')
            else:
                links.append(f'<a href="{DOCS}/catalogue/page-{j}.html?sort={k % 7}#row-{k}">Catalogue row {k}</a>')
        pages.append((f"catalogue/page-{i}.html", f"Catalogue page {i + 1}",
                      "<ul>" + "".join(f"<li>{a}</li>" for a in links) + "</ul>"))
    _docs(root, pages)
    return _site(len(pages))


def non_english(root: Path, seed: int) -> AdversarialSite:
    """300 docs pages, a third each in German, French and Japanese."""
    build_site(root, 1, seed)
    pages = []
    for i in range(300):
        lang = ("de", "fr", "ja")[i % 3]
        prose = Prose(f"{seed}:{lang}:{i}", FOREIGN[lang])
        size = prose.rng.randint(20_000, 40_000)
        pages.append((f"{lang}/page-{i}.html", f"{lang.upper()} {i + 1}", "\n".join(prose.paragraphs(size))))
    _docs(root, pages, lang="mul")
    return _site(len(pages))


def long_listing(root: Path, seed: int, size: int = 3_000_000) -> AdversarialSite:
    """The bench site of 20 docs pages, its listing's description grown to `size` characters."""
    build_site(root, 20, seed)
    listing = root / LISTING_PATH.strip("/") / "index.html"
    text = listing.read_text(encoding="utf-8")
    prose = Prose(f"{seed}:description", OFF_TOPIC)
    description = "\n".join(prose.paragraphs(size))
    marker = 'id="overview-h">Overview</h2>'
    at = text.index(marker) + len(marker)
    listing.write_text(text[:at] + "\n" + description + text[at:], encoding="utf-8")
    return AdversarialSite(LISTING_PATH, 20 + 1 + len(POLICY_PATHS))


ADVERSARIES = (
    Adversary("no-topic", "1,000 pages of 20-60 KB matching no topic", no_topic),
    Adversary("large-pages", "10 pages of 1-4.9 MB", large_pages),
    Adversary("deep-nesting", "a page nested 50,000 deep", deep_nesting),
    Adversary("many-links", "20 pages with 3,000 links each", many_links),
    Adversary("non-english", "300 pages in German, French and Japanese", non_english),
    Adversary("long-listing", "a listing with a 3 MB description", long_listing),
)
