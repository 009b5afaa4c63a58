"""Primitives for store rule packs: a store's published requirements as a small declarative table.

Each primitive returns a `Rule` body (a check function plus the thresholds it reads), so a pack is a
list of `rule(...)` rows and `pack(store, rows)` turns it into checks that apply on that store only.
Thresholds, the source URL and the date it was read stay data, shown by `explain` and docs/rules.md.

Primitives: text length (`max_chars`, `length_within` for character and word bounds, `items_max_chars`), counts
(`count_between`, `present`), images (`image_size` with alternatives, caps and squareness, `alt_text`), links
(`linked` with HTTPS and not-a-homepage options, `linked_any`, `url_length`, `link_on_own_domain`, `link_not_to`,
`link_leads_to`), linked-page content (`page_covers`), wording (`no_terms`, `no_pattern`, `has_pattern`, `mentions`,
`max_repeats`, `no_compound`, `exact_spelling`, `not_leading_with`), the demo `video`, and `confirm` for what only
the vendor can know. A rule that forbids wording is not applicable to an empty field, never a pass.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any
from urllib.parse import urlparse

from auditor.judge.check import Category, Check, CheckFunction, Outcome
from auditor.marketplaces import StoreProfile
from auditor.model import Evidence, Finding, Image, Level, Links, Severity
from checks._docs import BROKEN_STATUSES, follow, link_state
from checks._listing import counted_noun, store_screenshots
from checks._text import excerpt, host_of, is_loopback, join, on_hosts, terms_in, word_counts

#: listing fields the text primitives can read, by the name a rule uses
TEXT_FIELDS: Mapping[str, Callable[[Evidence], str | None]] = {
    "name": lambda ev: ev.listing.name,
    "tagline": lambda ev: ev.listing.tagline,
    "description": lambda ev: ev.listing.description,
    "features": lambda ev: " · ".join(ev.listing.features) or None,
    "developer": lambda ev: ev.listing.developer,
}
#: listing fields the count primitives can read
COUNTED: Mapping[str, Callable[[Evidence], Sequence[Any]]] = {
    "screenshots": store_screenshots,
    "categories": lambda ev: ev.listing.categories,
    "features": lambda ev: ev.listing.features,
    "pricing_plans": lambda ev: ev.listing.pricing_plans,
    "languages": lambda ev: ev.listing.languages,
}
#: listing fields the `present` primitive can read (text or lists); "pricing" is the plans or the pricing text
PRESENT: Mapping[str, Callable[[Evidence], Any]] = {
    "video": lambda ev: ev.listing.video,
    "data_access": lambda ev: ev.listing.data_access,
    "pricing": lambda ev: ev.listing.pricing_plans or ev.listing.pricing_text,
    "editions": lambda ev: ev.listing.editions,
    "languages": lambda ev: ev.listing.languages,
    "categories": lambda ev: ev.listing.categories,
    "features": lambda ev: ev.listing.features,
    "screenshots": lambda ev: ev.listing.screenshots,
    **TEXT_FIELDS,
}
#: the vendor link roles of `Links`, in declaration order
LINK_ROLES: tuple[str, ...] = tuple(f.name for f in dataclass_fields(Links))
#: the placeholder a pattern may use for the listing's own name (escaped when substituted)
NAME = "{name}"
#: words never counted as keywords by `max_repeats`
STOPWORDS = (
    "the", "and", "for", "you", "your", "with", "that", "this", "these", "those", "are", "was", "were", "will", "can",
    "from", "into", "our", "their", "them", "they", "its", "has", "have", "had", "not", "but", "all", "any", "each",
    "every", "more", "most", "other", "some", "such", "than", "then", "too", "very", "just", "also", "when", "where",
    "which", "who", "what", "how", "why", "while", "about", "after", "before", "between", "both", "here", "there",
    "only", "own", "same", "should", "would", "could", "does", "over", "under", "out", "once", "because", "until",
    "through", "may", "might", "must", "per", "via", "use", "uses", "using", "like", "make", "makes", "need", "needs",
    "without", "within", "across", "onto", "even", "much", "many", "well", "been", "being",
)


@dataclass(frozen=True)
class Body:
    """What a primitive builds: the function and the thresholds it reads."""

    run: CheckFunction
    thresholds: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """One row of a store's table."""

    id: str
    title: str
    failure_title: str
    rationale: str
    fix: str
    body: Body
    source: str
    verified: str
    category: Category = "packaging"
    weight: float = 1.0
    severity: Severity = "medium"
    #: a store's published rule is a requirement; what the store only recommends is a recommendation
    level: Level = "requirement"
    #: the fault this rule tests, shared with the cross-store checks that test it too (charged once)
    family: str | None = None


def pack(store: StoreProfile, rules: Sequence[Rule]) -> list[Check]:
    """The checks of one store's pack; they run only on listings of that store and their ids carry its prefix."""
    wrong = [r.id for r in rules if not r.id.startswith(store.rule_prefix) or not store.rule_prefix]
    if wrong:
        raise ValueError(f"{store.id} rule pack: ids {', '.join(wrong)} do not start with {store.rule_prefix!r}")
    return [Check(id=r.id, category=r.category, title=r.title, failure_title=r.failure_title, rationale=r.rationale,
                  fix=r.fix, run=r.body.run, weight=r.weight, severity=r.severity,
                  thresholds=r.body.thresholds, marketplaces=(store.id,), sources=(r.source,), verified=r.verified,
                  level=r.level, family=r.family)
            for r in rules]


# ---------------------------------------------------------------- primitives


def max_chars(field_name: str, limit: int, *, required: bool = True) -> Body:
    """The field is present (when required) and at most `limit` characters."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        value = (TEXT_FIELDS[th["field"]](ev) or "").strip()
        if not value:
            return (Outcome.failed if th["required"] else Outcome.not_applicable)(
                f"The listing shows no {th['field']}.")
        evidence = [Finding(f"{th['field']}: {len(value)} characters", url=ev.listing.url, excerpt=value[:160])]
        if len(value) > th["max_chars"]:
            return Outcome.failed(f"The {th['field']} is {len(value)} characters; the store allows {th['max_chars']}.",
                                  evidence)
        return Outcome.passed(f"The {th['field']} is {len(value)} characters (at most {th['max_chars']}).", evidence)
    return Body(run, {"field": field_name, "max_chars": limit, "required": required})


def count_between(field_name: str, low: int, high: int | None = None) -> Body:
    """The listing has between `low` and `high` items of a list field (screenshots, categories, ...)."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        count = len(COUNTED[th["field"]](ev))
        noun = counted_noun(ev, th["field"])  # "desktop screenshots" where the store counts one surface
        if count == 0 and th["min"] == 0:
            return Outcome.not_applicable(f"The listing shows no {noun}, so the store's cap does not apply.")
        wanted = f"{th['min']}-{th['max']}" if th["max"] is not None else f"{th['min']} or more"
        evidence = [Finding(f"{count} {noun}", url=ev.listing.url)]
        if count < th["min"] or (th["max"] is not None and count > th["max"]):
            return Outcome.failed(f"The listing has {count} {noun}; the store wants {wanted}.", evidence)
        return Outcome.passed(f"The listing has {count} {noun} ({wanted} wanted).", evidence)
    return Body(run, {"field": field_name, "min": low, "max": high})


def image_size(field_name: str, width: int, height: int, *, exact: bool = False,
               alternatives: Sequence[tuple[int, int]] = (), max_width: int | None = None,
               max_height: int | None = None, square: bool = False) -> Body:
    """Each image of `field_name` ("screenshots" or "icon") is at least (or exactly) width x height.

    `alternatives` are other exact sizes the store accepts (640x400 besides 1280x800); `max_width`/`max_height`
    cap a minimum-size rule (Slack: 512 to 2000 px); `square` also wants width == height."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        images: list[Image] = list(ev.listing.screenshots) if th["field"] == "screenshots" else \
            [ev.listing.icon] if ev.listing.icon else []
        if not images:
            return Outcome.failed(f"The listing has no {th['field']}.")
        sized = [i for i in images if i.width and i.height]
        rule = _size_rule(th)
        if not sized:
            return Outcome.not_applicable(f"The page does not state the size of the {th['field']}; check them against "
                                          f"{rule} before you submit.")
        def fits(i: Image) -> bool:
            if th["exact"]:
                return (i.width, i.height) in [(th["width"], th["height"]), *map(tuple, th["alternatives"])]
            return bool(i.width >= th["width"] and i.height >= th["height"]
                        and (th["max_width"] is None or i.width <= th["max_width"])
                        and (th["max_height"] is None or i.height <= th["max_height"])
                        and (not th["square"] or i.width == i.height))
        wrong = [i for i in sized if not fits(i)]
        findings = [Finding(f"{i.width}×{i.height}, {rule} wanted", url=i.url) for i in wrong]
        return Outcome.partial(1 - len(wrong) / len(sized),
                               f"{len(sized) - len(wrong)} of {len(sized)} {th['field']} "
                               f"are {rule}"
                               + (f" ({len(images) - len(sized)} of unknown size)" if len(sized) < len(images) else "")
                               + ".",
                               findings)
    return Body(run, {"field": field_name, "width": width, "height": height, "exact": exact,
                      "alternatives": tuple(tuple(a) for a in alternatives), "max_width": max_width,
                      "max_height": max_height, "square": square})


def _size_rule(th: Mapping[str, Any]) -> str:
    """The size rule in words: "exactly 1280×800 or 640×400 px", "512×512 to 2000×2000 px, square"."""
    if th["exact"]:
        sizes = [(th["width"], th["height"]), *th["alternatives"]]
        return "exactly " + " or ".join(f"{w}×{h}" for w, h in sizes) + " px"
    text = f"at least {th['width']}×{th['height']}"
    if th["max_width"] is not None or th["max_height"] is not None:
        text = f"{th['width']}×{th['height']} to {th['max_width'] or '…'}×{th['max_height'] or '…'}"
    return text + " px" + (", square" if th["square"] else "")


def alt_text(field_name: str = "screenshots") -> Body:
    """Every image of `field_name` carries alt text (not applicable when there are none; count rules report that)."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        images = list(ev.listing.screenshots)
        if not images:
            return Outcome.not_applicable(f"The listing has no {th['field']}.")
        bare = [i for i in images if not (i.alt or "").strip()]
        findings = [Finding(f"No alt text on {i.url}", url=i.url) for i in bare]
        return Outcome.partial(1 - len(bare) / len(images),
                               f"{len(images) - len(bare)} of {len(images)} {th['field']} have alt text.", findings)
    return Body(run, {"field": field_name})


def linked(role: str, *, https: bool = False, min_path_depth: int = 0) -> Body:
    """The listing links the vendor's `role` page (privacy, terms, support, setup, ...) and it is not broken.

    `https` also wants an https:// URL; `min_path_depth` wants that many path segments, so a homepage
    (https://acme.example/) does not count as, say, a setup guide."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        url = getattr(ev.listing.links, th["role"])
        if not url:
            return Outcome.failed(f"The listing links no {th['role']} page of the vendor's own.",
                                  [Finding(f"No {th['role']} link", url=ev.listing.url)])
        # a local fixture or preview on loopback is served over plain HTTP: HTTPS is judged on public URLs only
        if th["https"] and not url.lower().startswith("https://") and not is_loopback(url):
            return Outcome.failed(f"The {th['role']} link is not an HTTPS URL.",
                                  [Finding(f"{th['role']} link not on HTTPS", url=url)])
        depth = len([part for part in urlparse(url).path.split("/") if part])
        if url.lower().startswith(("http://", "https://")) and depth < th["min_path_depth"]:
            return Outcome.failed(f"The {th['role']} link points to a site's home page, not a page of its own.",
                                  [Finding(f"{th['role']} link is a home page", url=url)])
        state = link_state(ev, url, th["broken_statuses"])
        if state == "broken":
            return Outcome.failed(f"The {th['role']} link is broken.", [Finding(f"Broken {th['role']} link", url=url)])
        return Outcome.passed(f"The listing links its {th['role']} page ({state}).",
                              [Finding(f"{th['role']} page", url=url)])
    return Body(run, {"role": role, "https": https, "min_path_depth": min_path_depth,
                      "broken_statuses": BROKEN_STATUSES})


def linked_any(roles: Sequence[str]) -> Body:
    """The listing links at least one of `roles` (e.g. setup guide or docs) and the first one found is not broken."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        found = [(role, url) for role in th["roles"] if (url := getattr(ev.listing.links, role))]
        if not found:
            return Outcome.failed(f"The listing links none of: {join(th['roles'])}.",
                                  [Finding(f"No {' or '.join(th['roles'])} link", url=ev.listing.url)])
        states = {role: link_state(ev, url, th["broken_statuses"]) for role, url in found}
        usable = [(role, url) for role, url in found if states[role] != "broken"]
        if not usable:
            return Outcome.failed(f"The {join(r for r, _ in found)} link is broken.",
                                  [Finding(f"Broken {role} link", url=url) for role, url in found])
        role, url = usable[0]
        return Outcome.passed(f"The listing links its {role} page ({states[role]}).",
                              [Finding(f"{role} page", url=url)])
    return Body(run, {"roles": tuple(roles), "broken_statuses": BROKEN_STATUSES})


def url_length(limits: int | Mapping[str, int]) -> Body:
    """Every vendor link is at most `limits` characters (one number for every role, or a number per role)."""
    per_role = dict.fromkeys(LINK_ROLES, limits) if isinstance(limits, int) else dict(limits)

    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        urls = {role: url for role in th["max_chars"] if (url := getattr(ev.listing.links, role))}
        if not urls:
            return Outcome.not_applicable("The listing links none of the vendor pages whose URL length the store caps.")
        limit = th["max_chars"]
        long = {role: url for role, url in urls.items() if len(url) > limit[role]}
        if long:
            over = join(f"{role} ({len(url)} > {limit[role]})" for role, url in long.items())
            return Outcome.failed(f"{len(long)} link(s) are longer than the store accepts: {over}.",
                                  [Finding(f"{role} URL is {len(url)} characters (limit {limit[role]})", url=url)
                                   for role, url in long.items()])
        return Outcome.passed(f"All {len(urls)} vendor links are within the store's URL length limit.")
    return Body(run, {"max_chars": per_role})


def _site(url: str) -> str:
    """The registrable part of a URL's host ("docs.acme.co.uk" -> "acme.co.uk"), by a two-level-suffix rule of thumb."""
    labels = host_of(url).split(".")
    keep = (3 if len(labels) >= 3 and len(labels[-1]) == 2
            and labels[-2] in ("co", "com", "org", "net", "ac", "gov", "edu") else 2)
    return ".".join(labels[-keep:])


def link_on_own_domain(role: str, reference_roles: Sequence[str] = ("website", "docs", "support", "privacy")) -> Body:
    """The `role` link is HTTPS and on the vendor's own domain (that of its website, else of its other links)."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        url = getattr(ev.listing.links, th["role"])
        if not url:
            return Outcome.failed(f"The listing links no {th['role']} page.",
                                  [Finding(f"No {th['role']} link", url=ev.listing.url)])
        if not url.lower().startswith("https://"):
            return Outcome.failed(f"The {th['role']} link is not an HTTPS URL.",
                                  [Finding(f"{th['role']} link not on HTTPS", url=url)])
        reference = next((ref for r in th["reference_roles"] if r != th["role"]
                          and (ref := getattr(ev.listing.links, r)) and ref.lower().startswith("http")), None)
        if reference is None:
            return Outcome.passed(f"The {th['role']} link is on HTTPS (no other vendor link to compare its domain "
                                  "with).",
                                  [Finding(f"{th['role']} page", url=url)])
        if _site(url) != _site(reference):
            return Outcome.failed(f"The {th['role']} page is on {host_of(url)}, not on the vendor's own domain "
                                  f"{_site(reference)}.",
                                  [Finding(f"{th['role']} on another domain", url=url)])
        return Outcome.passed(f"The {th['role']} page is on the vendor's own domain over HTTPS.",
                              [Finding(f"{th['role']} page", url=url)])
    return Body(run, {"role": role, "reference_roles": tuple(reference_roles)})


def link_not_to(roles: Sequence[str], hosts: Sequence[str], extensions: Sequence[str] = ()) -> Body:
    """The `roles` links lead to web pages of their own, not to `hosts` (code repositories, social profiles, cloud
    documents) or to files ending in `extensions` (.pdf, .docx)."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        urls = {role: url for role in th["roles"] if (url := getattr(ev.listing.links, role))}
        if not urls:
            return Outcome.not_applicable(f"The listing links none of: {join(th['roles'])}.")
        bad = {role: url for role, url in urls.items()
               if on_hosts(url, th["hosts"]) or urlparse(url).path.lower().endswith(tuple(th["extensions"]))}
        if bad:
            return Outcome.failed(f"The {join(bad)} link leads to a file, repository or hosted document, not a web "
                                  "page.",
                                  [Finding(f"{role} link is not a page of its own", url=url)
                                   for role, url in bad.items()])
        return Outcome.passed(f"The {join(urls)} link(s) lead to web pages of their own.")
    return Body(run, {"roles": tuple(roles), "hosts": tuple(hosts), "extensions": tuple(extensions)})


def page_covers(role: str, topics: Mapping[str, str]) -> Body:
    """The page the listing links as `role` covers every topic; each topic is a regex (case-insensitive) looked for in
    the page's title, headings, URL and text. Not applicable when the page could not be read."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        followed = follow(ev, getattr(ev.listing.links, th["role"]), f"{th['role']} page", th["broken_statuses"])
        if followed.stop is not None:
            return followed.stop
        page = followed.page
        if page is None:
            return Outcome.unverified(f"The {th['role']} page was not crawled, so its content is unverified.")
        text = f"{page.outline} \n {page.text}"
        missing = [topic for topic, rx in th["topics"].items() if not re.search(rx, text, re.IGNORECASE)]
        covered = len(th["topics"]) - len(missing)
        if missing:
            return Outcome.partial(covered / len(th["topics"]),
                                   f"The {th['role']} page does not cover: {join(missing)}.",
                                   [Finding(f"Not covered: {topic}", url=page.url) for topic in missing])
        return Outcome.passed(f"The {th['role']} page covers {join(th['topics'])}.",
                              [Finding(f"{th['role']} page", url=page.url)])
    return Body(run, {"role": role, "topics": dict(topics), "broken_statuses": BROKEN_STATUSES})


def link_leads_to(expected: Mapping[str, Sequence[str]]) -> Body:
    """Each linked page is what its link says: the privacy link's page is titled as a privacy policy, not a support
    page. Reads titles, headings and URLs of the crawled pages; not applicable when none was crawled."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        pages = {role: page for role in th["expected"]
                 if (page := ev.doc(getattr(ev.listing.links, role))) is not None}
        if not pages:
            return Outcome.unverified("None of the linked policy or support pages was crawled, so their content is "
                                      "unverified.")
        wrong = {role: page for role, page in pages.items()
                 if not terms_in(page.outline, th["expected"][role], page.outline_index)}
        if wrong:
            return Outcome.failed(f"The {join(wrong)} link leads to a page that is not about it.",
                                   [Finding(f"The {role} link leads to \"{page.title or page.url}\"", url=page.url)
                                    for role, page in wrong.items()])
        return Outcome.passed(f"The {join(pages)} links lead to the right pages.")
    return Body(run, {"expected": {role: tuple(terms) for role, terms in expected.items()}})


def no_terms(fields: Sequence[str], terms: Sequence[str]) -> Body:
    """None of `terms` (banned words, claims, trademarks) appears in the listed fields, as whole words."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        if not _any_text(ev, th["fields"]):
            return Outcome.not_applicable(f"The listing shows no {join(th['fields'])}.")
        findings = []
        for name in th["fields"]:
            text = TEXT_FIELDS[name](ev) or ""
            findings += [Finding(f"\"{term}\" in the {name}", url=ev.listing.url, excerpt=excerpt(text, term))
                         for term in terms_in(text, th["terms"])]
        if findings:
            found = join(sorted({f.message.split('"')[1] for f in findings}))
            return Outcome.failed(f"The store does not allow {found} in the {join(th['fields'])}.", findings)
        return Outcome.passed(f"None of the store's banned terms appear in the {join(th['fields'])}.")
    return Body(run, {"fields": tuple(fields), "terms": tuple(terms)})


def _named(pattern: str, ev: Evidence) -> str:
    """`pattern` with the listing's name (escaped) in place of {name}; a never-matching group when there is no name."""
    name = (ev.listing.name or "").strip()
    return pattern.replace(NAME, re.escape(name) if name else "(?!)")


def _any_text(ev: Evidence, field_names: Sequence[str]) -> bool:
    """True when at least one of the text fields has something to read."""
    return any((TEXT_FIELDS[name](ev) or "").strip() for name in field_names)


def no_pattern(fields: Sequence[str], pattern: str, what: str) -> Body:
    """No match of a regex (statistics, prices, URLs) in the listed fields; `what` names it for the reader.
    The pattern may use {name} for the listing's own name."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        if not _any_text(ev, th["fields"]):
            return Outcome.not_applicable(f"The listing shows no {join(th['fields'])}.")
        rx = re.compile(_named(th["pattern"], ev), re.IGNORECASE)
        findings = [Finding(f"{th['what']} in the {name}: \"{m.group(0).strip()}\"", url=ev.listing.url,
                            excerpt=excerpt(text, m.group(0).strip()))
                    for name in th["fields"] for text in [TEXT_FIELDS[name](ev) or ""] for m in rx.finditer(text)]
        if findings:
            return Outcome.failed(f"{th['what'].capitalize()} in the {join(th['fields'])} ({len(findings)} found); "
                                  "the store does not allow them.", findings)
        return Outcome.passed(f"No {th['what']} in the {join(th['fields'])}.")
    return Body(run, {"fields": tuple(fields), "pattern": pattern, "what": what})


def has_pattern(field_name: str, pattern: str, what: str) -> Body:
    """The field matches a regex the store prescribes ("<Name> is a ..."); {name} stands for the listing's name."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        value = (TEXT_FIELDS[th["field"]](ev) or "").strip()
        if not value:
            return Outcome.failed(f"The listing shows no {th['field']}.")
        if NAME in th["pattern"] and not (ev.listing.name or "").strip():
            return Outcome.not_applicable(f"The listing shows no name to check the {th['field']} against.")
        evidence = [Finding(f"The {th['field']}", url=ev.listing.url, excerpt=value[:160])]
        if re.search(_named(th["pattern"], ev), value, re.IGNORECASE):
            return Outcome.passed(f"The {th['field']} is written as {th['what']}.", evidence)
        return Outcome.failed(f"The {th['field']} is not written as {th['what']}.", evidence)
    return Body(run, {"field": field_name, "pattern": pattern, "what": what})


def mentions(fields: Sequence[str], terms: Sequence[str], what: str) -> Body:
    """The listed fields name at least one of `terms` (whole words): the copy is about `what`."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        text = " \n ".join(t for name in th["fields"] if (t := TEXT_FIELDS[name](ev)))
        if not text.strip():
            return Outcome.failed(f"The listing shows no {join(th['fields'])}.")
        hits = terms_in(text, th["terms"])
        if hits:
            return Outcome.passed(f"The {join(th['fields'])} names {hits[0]}.",
                                  [Finding(f"Mentions \"{hits[0]}\"", url=ev.listing.url,
                                           excerpt=excerpt(text, hits[0]))])
        return Outcome.failed(f"The {join(th['fields'])} never names {th['what']}.",
                              [Finding(f"No mention of {th['what']}", url=ev.listing.url)])
    return Body(run, {"fields": tuple(fields), "terms": tuple(terms), "what": what})


def max_repeats(fields: Sequence[str], limit: int, *, terms: Sequence[str] = (), min_length: int = 4,
                stopwords: Sequence[str] = STOPWORDS) -> Body:
    """No keyword appears more than `limit` times in the listed fields: each of `terms` when given, else every
    word of at least `min_length` letters that is not a stopword or a number."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        text = " \n ".join(t for name in th["fields"] if (t := TEXT_FIELDS[name](ev)))
        if not text.strip():
            return Outcome.not_applicable(f"The listing shows no {join(th['fields'])}.")
        if th["terms"]:
            counts = Counter({t: len(re.findall(rf"(?<![\w-]){re.escape(t)}(?![\w-])", text, re.IGNORECASE))
                              for t in th["terms"]})
        else:
            counts = word_counts(text, th["min_length"], th["stopwords"])
        over = [(w, n) for w, n in counts.most_common() if n > th["max_repeats"]]
        if over:
            return Outcome.failed(f"{join(f'{w!r} ({n}×)' for w, n in over)} repeated more than {th['max_repeats']} "
                                  f"time(s) in the {join(th['fields'])}.",
                                  [Finding(f"\"{w}\" appears {n} times", url=ev.listing.url, excerpt=excerpt(text, w))
                                   for w, n in over])
        top = counts.most_common(1)
        most = f" (most: \"{top[0][0]}\" {top[0][1]}×)" if top and top[0][1] else ""
        return Outcome.passed(f"No keyword repeated more than {th['max_repeats']} time(s) in the "
                              f"{join(th['fields'])}{most}.")
    return Body(run, {"fields": tuple(fields), "max_repeats": limit, "terms": tuple(terms), "min_length": min_length,
                      "stopwords": tuple(stopwords)})


def no_compound(field_name: str, stem: str, allowed: Sequence[str] = ()) -> Body:
    """No word of the field contains `stem` ("Hub": "AcmeHub", "HubSync", "Acme Hub"), except the `allowed` words."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        value = (TEXT_FIELDS[th["field"]](ev) or "").strip()
        if not value:
            return Outcome.not_applicable(f"The listing shows no {th['field']}.")
        allowed_words = {a.lower() for a in th["allowed"]}
        tokens = [t for t in re.findall(r"[\w'’]+", value) if th["stem"].lower() in t.lower()]
        bad = [t for t in tokens if re.sub(r"['’]s$", "", t).lower() not in allowed_words]
        if bad:
            return Outcome.failed(f"The {th['field']} combines \"{th['stem']}\" with other words: {join(bad)}.",
                                  [Finding(f"\"{t}\" in the {th['field']}", url=ev.listing.url, excerpt=value)
                                   for t in bad])
        return Outcome.passed(f"The {th['field']} does not build words on \"{th['stem']}\".")
    return Body(run, {"field": field_name, "stem": stem, "allowed": tuple(allowed)})


def exact_spelling(fields: Sequence[str], spelling: str) -> Body:
    """Every mention of a brand in the fields is spelt exactly `spelling` ("HubSpot", not "Hubspot" or "Hub Spot").
    Mentions inside URLs and e-mail addresses are left alone."""
    parts = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", spelling) or [spelling]
    pattern = r"(?<![\w/.@-])" + r"[\s-]?".join(re.escape(p) for p in parts) + r"(?![\w]|\.[a-z])"

    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        if not _any_text(ev, th["fields"]):
            return Outcome.not_applicable(f"The listing shows no {join(th['fields'])}.")
        findings = [Finding(f"\"{m.group(0)}\" in the {name}", url=ev.listing.url, excerpt=excerpt(text, m.group(0)))
                    for name in th["fields"] for text in [TEXT_FIELDS[name](ev) or ""]
                    for m in re.finditer(th["pattern"], text, re.IGNORECASE) if m.group(0) != th["spelling"]]
        if findings:
            return Outcome.failed(f"{len(findings)} mention(s) not spelt \"{th['spelling']}\" in the "
                                  f"{join(th['fields'])}.", findings)
        return Outcome.passed(f"Every mention in the {join(th['fields'])} is spelt \"{th['spelling']}\".")
    return Body(run, {"fields": tuple(fields), "spelling": spelling, "pattern": pattern})


def not_leading_with(field_name: str, terms: Sequence[str]) -> Body:
    """The field does not start with a platform's trademark ("HubSpot Sync by Acme" is out, "Acme for HubSpot" in)."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        value = (TEXT_FIELDS[th["field"]](ev) or "").strip()
        if not value:
            return Outcome.not_applicable(f"The listing shows no {th['field']}.")
        leading = next((t for t in th["terms"] if re.match(rf"{re.escape(t)}\b", value, re.IGNORECASE)), None)
        developer = ev.listing.developer or ""
        if leading and re.search(rf"\b{re.escape(leading)}\b", developer, re.IGNORECASE):
            return Outcome.not_applicable(f"The store itself publishes the app ({developer}): its trademark is its "
                                          "own.")
        if leading:
            return Outcome.failed(f"The {th['field']} starts with the store's trademark \"{leading}\".",
                                  [Finding(f"Leads with \"{leading}\"", url=ev.listing.url, excerpt=value)])
        return Outcome.passed(f"The {th['field']} leads with the vendor's own brand.")
    return Body(run, {"field": field_name, "terms": tuple(terms)})


def length_within(field_name: str, *, min_chars: int | None = None, max_chars: int | None = None,
                  min_words: int | None = None, max_words: int | None = None, required: bool = True) -> Body:
    """The field is present (when required) and within character and/or word bounds (e.g. Slack's 175-4000
    characters, its 10-word short description, Microsoft's 500 words)."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        value = " ".join((TEXT_FIELDS[th["field"]](ev) or "").split())
        if not value:
            return (Outcome.failed if th["required"] else Outcome.not_applicable)(
                f"The listing shows no {th['field']}.")
        chars, count = len(value), len(value.split())
        evidence = [Finding(f"{th['field']}: {chars} characters, {count} words", url=ev.listing.url,
                            excerpt=value[:160])]
        problems = [msg for bad, msg in (
            (th["min_chars"] is not None and chars < th["min_chars"], f"{chars} characters, under {th['min_chars']}"),
            (th["max_chars"] is not None and chars > th["max_chars"], f"{chars} characters, over {th['max_chars']}"),
            (th["min_words"] is not None and count < th["min_words"], f"{count} words, under {th['min_words']}"),
            (th["max_words"] is not None and count > th["max_words"], f"{count} words, over {th['max_words']}"),
        ) if bad]
        if problems:
            return Outcome.failed(f"The {th['field']} is {' and '.join(problems)}.", evidence)
        return Outcome.passed(f"The {th['field']} is {chars} characters and {count} words, within the store's "
                              "limits.", evidence)
    return Body(run, {"field": field_name, "min_chars": min_chars, "max_chars": max_chars, "min_words": min_words,
                      "max_words": max_words, "required": required})


def items_max_chars(field_name: str, limit: int) -> Body:
    """Each item of a list field (the feature list) is at most `limit` characters."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        items = [" ".join(str(i).split()) for i in COUNTED[th["field"]](ev)]
        if not items:
            return Outcome.not_applicable(f"The listing shows no {th['field']}.")
        long = [i for i in items if len(i) > th["max_chars"]]
        findings = [Finding(f"{len(i)} characters", url=ev.listing.url, excerpt=i[:160]) for i in long]
        return Outcome.partial(1 - len(long) / len(items),
                               f"{len(items) - len(long)} of {len(items)} {th['field']} are at "
                               f"most {th['max_chars']} characters.", findings)
    return Body(run, {"field": field_name, "max_chars": limit})


def present(field_name: str, what: str) -> Body:
    """The listing shows `field_name` (video, pricing, editions, data access, ...); `what` names it for the reader."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        value = PRESENT[th["field"]](ev)
        if isinstance(value, str):
            value = value.strip()
        if not value:
            return Outcome.failed(f"The listing shows no {th['what']}.",
                                  [Finding(f"No {th['what']}", url=ev.listing.url)])
        return Outcome.passed(f"The listing shows its {th['what']}.")
    return Body(run, {"field": field_name, "what": what})


def video(hosts: Sequence[str] = (), banned: Sequence[str] = ()) -> Body:
    """The listing has a demo video, hosted on one of `hosts` (any host when empty), whose URL matches none of the
    `banned` regexes (a playlist or channel instead of one video)."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        url = (ev.listing.video or "").strip()
        if not url:
            return Outcome.failed("The listing has no demo video.", [Finding("No video", url=ev.listing.url)])
        if th["hosts"] and not on_hosts(url, th["hosts"]):
            return Outcome.failed(f"The video is on {host_of(url) or url}, not on {join(th['hosts'])}.",
                                  [Finding("Video host", url=url)])
        bad = next((rx for rx in th["banned"] if re.search(rx, url, re.IGNORECASE)), None)
        if bad:
            return Outcome.failed("The video link is a playlist or channel, not one video.",
                                  [Finding("Not a single video", url=url)])
        return Outcome.passed("The listing has a demo video.", [Finding("Video", url=url)])
    return Body(run, {"hosts": tuple(hosts), "banned": tuple(banned)})


def confirm(item: str) -> Body:
    """A requirement only the vendor can know: shown in "confirm before you submit", never scored."""
    def run(ev: Evidence, th: Mapping[str, Any]) -> Outcome:
        return Outcome.confirm(th["item"])
    return Body(run, {"item": item})
