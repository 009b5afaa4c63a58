"""Link roles and store chrome: the store's own footer privacy link is never the vendor's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract.generic import extract_listing
from auditor.links import harvest, role_of
from auditor.urls import join_url

STORE_PAGE = """<!doctype html><html><body>
<header><a href="/store/privacy">Privacy</a><nav><a href="/docs">Developer docs</a></nav></header>
<main>
  <header class="app-header"><h1>Acme Sync</h1><a href="https://acme.example/">Website</a></header>
  <a href="https://acme.example/install">Install app</a>
  <aside><a href="https://acme.example/help/setup">Setup guide</a>
  <a href="https://acme.example/legal/privacy">Privacy policy</a>
  <a href="https://acme.example/support">Contact support</a></aside>
  <section class="related-apps"><a href="/apps/other">Other app: Help center</a></section>
</main>
<footer><a href="/store/terms">Terms of Service</a><a href="/store/help">Support</a></footer>
</body></html>"""


def test_roles_by_text_then_url_and_calls_to_action_are_not_docs():
    assert role_of("Setup guide", "https://x.example/a") == "setup"
    assert role_of("Read more", "https://x.example/legal/privacy-policy") == "privacy"
    assert role_of("Install app", "https://x.example/install") is None
    assert role_of("Release notes", "https://x.example/x") == "changelog"
    assert role_of("Pricing", "https://x.example/pricing") is None


def test_chrome_is_detected_but_a_header_inside_main_is_content():
    anchors = {a.text: a.in_chrome for a in harvest(STORE_PAGE, "https://store.example/apps/acme")}
    assert anchors["Privacy"] and anchors["Developer docs"] and anchors["Terms of Service"] and anchors["Support"]
    assert anchors["Other app: Help center"]
    assert not anchors["Website"] and not anchors["Privacy policy"] and not anchors["Setup guide"]


def test_the_listing_takes_the_vendor_links_not_the_store_chrome():
    listing = extract_listing(STORE_PAGE, "https://store.example/apps/acme")
    assert listing.name == "Acme Sync"
    assert listing.links.privacy == "https://acme.example/legal/privacy"
    assert listing.links.support == "https://acme.example/support"
    assert listing.links.terms is None, "the store's terms are not the vendor's"
    assert listing.links.docs is None
    assert listing.install_actions == ["Install app"]


def test_an_anchor_to_the_listing_itself_is_never_a_vendor_page():
    page = '<main><a href="#security">Security</a><a href="https://acme.example/security">Security</a></main>'
    listing = extract_listing(page, "https://store.example/apps/acme")
    assert listing.links.security == "https://acme.example/security"
    only_tab = extract_listing('<main><a href="#security">Security &amp; compliance</a></main>', "https://store.example/apps/acme")
    assert only_tab.links.security is None


def test_malformed_hrefs_are_skipped_not_fatal():
    page = ('<main><a href="http://x:99999/">Privacy policy</a><a href="http://[::1">Terms</a>'
            '<a href="https://acme.example/support">Support</a><img class="screenshot" src="http://[::1"></main>')
    listing = extract_listing(page, "https://store.example/apps/acme")
    assert listing.links.privacy is None and listing.links.terms is None
    assert listing.links.support == "https://acme.example/support"


def test_session_and_tracking_parameters_do_not_make_new_pages():
    from auditor.urls import normalise

    assert normalise("https://D.example:443/a;jsessionid=ABC?utm_source=x&page=2&sid=9#top") == "https://d.example/a?page=2"
    assert normalise("http://x:99999/") == "http://x:99999/", "a malformed URL is kept as it is, never raises"


# ---------------------------------------------------------------- the join's fast path

_BASES = ["http://h/a/b.html", "http://h/a/b/c/d.html", "https://h/a/b/c/", "https://docs.example.com/guide/", "http://127.0.0.1:8000/d/x/y.html?q=1#f",
          "http://h", "http://h?q", "http://h/a/../b/c", "http://h/a/./", "https://H/x", "http://h:99999/a",
          "http://[::1]:8000/a/", "ftp://h/a/", "http://h/a/b/..", "http://h/a//b/c"]


@settings(max_examples=3000, deadline=None)
@given(base=st.sampled_from(_BASES),
       href=st.lists(st.sampled_from(list("ab/.:?#%-_~=&@[]\\ \t\n\x00\x0b\x1f\x7féあ") + ["..", "./", "//", "x.html"]),
                     max_size=10).map("".join))
def test_the_fast_join_agrees_with_urljoin_wherever_it_answers(base: str, href: str) -> None:
    from auditor.urls import _join, _simple_join

    fast = _simple_join(base, href.strip())
    assert fast is None or fast == _join(base, href.strip())


@settings(max_examples=3000, deadline=None)
@given(base=st.sampled_from(_BASES + ["http://h/a/b.html?x=1#f", "https://h:8443/a/b/c?q"]),
       href=st.lists(st.sampled_from(list("ab/.:?#%-_~=&@[]\\ \t\n\x00\x0b\x1f\x7féあ") + ["..", "./", "//", "x.html"]),
                     max_size=10).map("".join))
def test_join_url_memoised_by_directory_agrees_with_urljoin_on_the_whole_base(base: str, href: str) -> None:
    """join_url memoises on the base's directory (a docs section's pages share it): never a different answer."""
    from urllib.parse import urljoin

    from auditor.urls import parse_url

    try:
        expected: str | None = urljoin(base, href.strip())
    except ValueError:
        expected = None
    if expected is not None and parse_url(expected) is None:
        expected = None
    assert join_url(base, href) == expected
    assert join_url(base, href) == expected, "the memoised answer is the same"


@pytest.mark.parametrize(("base", "href", "joined"), [
    ("http://h/a/b.html", "/x", "http://h/x"),
    ("http://h/a/b.html", "x.html", "http://h/a/x.html"),
    ("http://h/a/b.html", "../x", "http://h/x"),
    ("http://h/a/b.html", "x/./y/../z", "http://h/a/x/z"),
    ("http://h/a/b/c.html", "../../../x.html#top", "http://h/x.html#top"),
    ("http://h/a/b/c.html", "./../", "http://h/a/"),
    ("http://h", "x", "http://h/x"),
    ("http://h:8000/a/../b/c", "x", "http://h:8000/b/x"),
    ("http://h/a/b.html", "a\tb", "http://h/a/ab"),
    ("http://h/a/b.html", "//cdn.example.com/x", "http://cdn.example.com/x"),
    ("http://h/a/b.html", "?q", "http://h/a/b.html?q"),
    ("http://h/a/", "mailto:a@b.c", "mailto:a@b.c"),
])
def test_join_url_resolves_as_rfc_3986_says(base: str, href: str, joined: str) -> None:
    assert join_url(base, href) == joined


@pytest.mark.parametrize(("link", "listing", "below"), [
    ("https://store.example/apps/skio/reviews?rating=1", "https://store.example/apps/skio", True),
    # another page about the same item: a tab named by the listing's id, not below its URL
    ("https://store.example/detail/aapbdbdomjkk/privacy", "https://store.example/detail/translate/aapbdbdomjkk", True),
    ("https://store.example/detail/other-item/privacy", "https://store.example/detail/translate/aapbdbdomjkk", False),
    ("https://vendor.example/aapbdbdomjkk/privacy", "https://store.example/detail/translate/aapbdbdomjkk", False),
    ("https://store.example/en/help", "https://store.example/apps/en", False),
])
def test_a_view_of_the_listing_itself_is_never_a_vendor_link(link: str, listing: str, below: bool) -> None:
    from auditor.links import is_below

    assert is_below(link, listing) is below


VENDOR_BOX = """<!doctype html><html><body><main><h1>Wordsmith</h1><p>Rewrite anything you type.</p>
<ul><li><div>Developer</div><div><div>Wordsmith Labs Ltd.</div><div>124 Ibn Gabirol St. Tel Aviv 6203854 IL</div>
<a href="https://wordsmith.example">Website</a><details><summary>Email</summary>help@wordsmith.example</details></div>
</li><li><div>Developer</div></li></ul></main></body></html>"""


def test_a_developer_box_names_the_developer_on_its_first_line_and_a_box_of_links_names_nobody() -> None:
    listing = extract_listing(VENDOR_BOX, "https://store.example/detail/wordsmith/abcdefgh")
    assert listing.developer == "Wordsmith Labs Ltd."
    name_and_address = "<div>Wordsmith Labs Ltd.</div><div>124 Ibn Gabirol St. Tel Aviv 6203854 IL</div>"
    links_only = VENDOR_BOX.replace(name_and_address, "")
    assert extract_listing(links_only, "https://store.example/detail/wordsmith/abcdefgh").developer != "Website"


STORE_OWN_APP = """<!doctype html><html><body><main><h1>Mail Helper</h1><p>Sort your inbox.</p>
<ul><li><div>Developer</div><div><div>{developer}</div><a href="https://mail.examplestore.com">Website</a>
<details><summary>Email</summary>mail-helper-team@examplestore.com</details></div></li></ul></main></body></html>"""


def test_an_address_on_the_stores_domain_is_support_only_when_the_vendor_is_the_store() -> None:
    url = "https://apps.examplestore.com/detail/mail-helper/abcdefgh"
    own = extract_listing(STORE_OWN_APP.format(developer="Examplestore LLC"), url)
    other = extract_listing(STORE_OWN_APP.format(developer="Acme Tools Ltd."), url)
    assert own.links.support == "mailto:mail-helper-team@examplestore.com"
    assert other.links.support is None
