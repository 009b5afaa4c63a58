"""The listing's pictures: its screenshots (one entry per distinct image), its icon and its video.

A gallery is found by structure, not by class name: pictures repeated as siblings of one container,
carousels and slides (`aria-roledescription`, a region labelled "Media"), pictures whose alt text says
"screenshot" in any vocabulary language, and schema.org `screenshot`. A thumbnail, its full-size copy and
the CDN's size variants (`?width=`, `=w640-h400`, `_800x`) are one image. Icons, logos, avatars, badges,
decorations, other listings' cards and videos are never screenshots.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlunsplit

from bs4 import Tag

from auditor.extract.page import ListingPage, label_of, text_of
from auditor.extract.structured import as_list
from auditor.extract.structured import text_of as data_text
from auditor.model import Image
from auditor.urls import parse_url, resolve
from auditor.vocab import words

#: query parameters that choose a size, crop, quality or format of one image
_SIZE_PARAMS = frozenset({"width", "w", "height", "h", "size", "s", "quality", "q", "format", "fm", "fit", "crop",
                          "dpr", "auto", "resize", "scale", "maxwidth", "maxheight", "max-w", "max-h", "v"})
#: Google-style size suffix after the last "=" ("=w640-h400-rw", "=s180", "=h310")
_GOOGLE_SIZE = re.compile(r"=(?:[a-z]{1,4}\d*)(?:-[a-z]{1,4}\d*)*$", re.I)
#: size variants in a file name: "_800x.png", "_1600x900@2x.png", "-300x200.jpg", "_small.png", "@2x.png"
_NAME_SIZE = re.compile(r"(?:[_-](?:\d+x\d*|\d*x\d+)(?:_crop_\w+)?|@\dx|_(?:pico|icon|thumb|small|compact|medium|large|"
                        r"grande|original|master))(?=\.\w{3,4}$)", re.I)
#: path segments that only choose a size ("/640x400/", "/w_640,h_400,c_fill/")
_PATH_SIZE = re.compile(r"/(?:\d+x\d+|(?:[whcqf]_[\w.]+,?)+)(?=/)", re.I)
_SIZE_HINTS = (re.compile(r"[=/-]w(\d{2,4})\b"), re.compile(r"[=/-]s(\d{2,4})\b"), re.compile(r"[?&]width=(\d{2,4})"),
               re.compile(r"[_-](\d{2,4})x\d*(?=[._@])"))
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|webp|avif|bmp)(?:$|\?)", re.I)
_VIDEO_HOSTS = re.compile(r"youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|wistia|loom\.com|vidyard", re.I)
#: attributes that hold a lazy-loaded or full-size image URL
_URL_ATTRS = ("src", "data-src", "data-lazy-src", "data-original", "data-full", "data-zoom", "data-large",
              "data-image", "data-img", "data-media-url", "data-bg")
#: attributes that hold some URL: an image only when the URL names an image file
_ANY_URL_ATTRS = ("data-url", "data-href")
_SRCSET_ATTRS = ("srcset", "data-srcset", "data-lazy-srcset")
#: words of an image's address that say which surface it shows, as stores that take desktop, mobile and
#: point-of-sale shots and a promotional image name their upload folders ("/desktop_screenshot/", "/promo/")
MEDIA_KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("promotional", frozenset({"promotional", "promo", "marquee", "hero", "banner", "featured", "feature_image"})),
    ("mobile", frozenset({"mobile", "phone", "iphone", "android", "smartphone", "handheld"})),
    ("tablet", frozenset({"tablet", "ipad"})),
    ("pos", frozenset({"pos"})),
    ("desktop", frozenset({"desktop", "web", "laptop"})),
)
_TOKEN = re.compile(r"[a-z]+")
#: smaller than this (px, declared or stated in the URL) is an icon or a thumbnail strip of other apps
MIN_SIDE = 150
#: distinct images a row of pictures needs to be a gallery when nothing on the page calls it one
MIN_GALLERY = 3


@dataclass
class Picture:
    """One picture element of the page and what is known about it."""

    tag: Tag
    url: str
    identity: str
    width: int | None
    height: int | None
    alt: str
    #: every URL the element offers (src, srcset variants, lazy attributes)
    variants: list[str] = field(default_factory=list)


def identity(url: str) -> str:
    """The image a URL shows, whatever size, crop or format variant of it the URL asks for."""
    parts = parse_url(url)
    if parts is None:
        return url
    path = _NAME_SIZE.sub("", _PATH_SIZE.sub("", parts.path))
    last = path.rsplit("/", 1)[-1]
    if "=" in last:  # Google's image servers put the size after "=" in the path
        path = path[: len(path) - len(last)] + _GOOGLE_SIZE.sub("", last)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if k.lower() not in _SIZE_PARAMS])
    host = (parts.hostname or "").lower()
    # image CDNs spread one image over numbered hosts (lh3/lh4, g0/g1, www): the path is the image
    host = re.sub(r"^(?:lh\d|g\d|www|ssl|cdn\d*|img\d*|i\d)\.", "", host)
    return urlunsplit(("", host, path, query, "")).lstrip("/")


def size_hint(url: str) -> int | None:
    """The width (or side) a URL asks its image server for, if it says ("=w640-h400", "?width=1600", "_800x")."""
    for pattern in _SIZE_HINTS:
        match = pattern.search(url)
        if match:
            return int(match.group(1))
    return None


# ------------------------------------------------------------ pictures of the page


def pictures(page: ListingPage) -> list[Picture]:
    """Every picture in the vendor's content, with its best URL, in document order."""
    found: list[Picture] = []
    for tag in page.content.find_all(True):
        if tag.name in ("img", "source"):
            picture = _picture(tag, page.url)
        elif tag.name == "a" and _IMAGE_FILE.search(str(tag.get("href") or "")) and not tag.find("img"):
            picture = _picture(tag, page.url, extra=[str(tag["href"])])
        elif any(a in tag.attrs for a in (*_URL_ATTRS[1:], *_ANY_URL_ATTRS)) or \
                "background-image" in str(tag.get("style") or ""):
            picture = _picture(tag, page.url)
        else:
            continue
        if picture is not None:
            found.append(picture)
    return found


def _picture(tag: Tag, base: str, extra: list[str] | None = None) -> Picture | None:
    urls = list(extra or [])
    for attr in _URL_ATTRS:
        value = tag.get(attr)
        if isinstance(value, str) and value.strip():
            urls.append(value.strip())
    for attr in _ANY_URL_ATTRS:
        value = tag.get(attr)
        if isinstance(value, str) and _IMAGE_FILE.search(value):
            urls.append(value.strip())
    for attr in _SRCSET_ATTRS:
        value = tag.get(attr)
        if isinstance(value, str):
            urls += [c.strip().split()[0] for c in value.split(",") if c.strip()]
    style = str(tag.get("style") or "")
    urls += re.findall(r"background-image\s*:\s*url\(['\"]?([^'\")]+)", style)
    if tag.name == "source":  # a <picture>'s sources belong to its <img>
        return None
    if tag.name == "img" and isinstance(tag.parent, Tag) and tag.parent.name == "picture":
        for source in tag.parent.find_all("source"):
            srcset = source.get("srcset")
            if isinstance(srcset, str):
                urls += [c.strip().split()[0] for c in srcset.split(",") if c.strip()]
    absolute = [resolve(base, u) for u in urls if not u.startswith("data:")]
    absolute = [u for u in absolute if u.startswith(("http://", "https://"))]
    if not absolute:
        return None
    best = max(absolute, key=lambda u: size_hint(u) or 0)
    alt = " ".join(str(tag.get("alt") or "").split()) or label_of(tag)
    return Picture(tag, best, identity(best), _int(tag.get("width")), _int(tag.get("height")), alt, absolute)


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip().removesuffix("px"))
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------ what a picture is


def is_decoration(picture: Picture) -> bool:
    """True for a picture that is never a screenshot: an icon, logo, avatar, badge, arrow or other furniture."""
    tag = picture.tag
    if not picture.alt and any(_hidden(t) for t in (tag, *[p for p in tag.parents if isinstance(p, Tag)][:3])):
        return True  # hidden from assistive technology and undescribed: decoration
    parts = parse_url(picture.url)
    path = parts.path.lower() if parts is not None else picture.url.lower()
    if path.endswith(".svg"):
        return True
    if words("not_screenshot", "url_words").found(re.sub(r"[^a-z0-9]+", " ", path)):
        return True
    alt = picture.alt
    if alt and len(alt.split()) <= 6 and words("not_screenshot").found(alt) and not words("screenshot").found(alt):
        return True
    side = max(filter(None, (picture.width, picture.height, size_hint(picture.url))), default=None)
    return side is not None and side < MIN_SIDE


def _hidden(tag: Tag) -> bool:
    return str(tag.get("aria-hidden") or "").lower() == "true" or str(tag.get("role") or "") == "presentation"


def is_video(picture: Picture) -> bool:
    """True when the picture is a video's poster or thumbnail (a gallery's video slide)."""
    chain = [picture.tag, *[p for p in picture.tag.parents if isinstance(p, Tag)][:4]]
    for tag in chain:
        for name, value in tag.attrs.items():
            if "video" in name.lower() and str(value).lower() in ("true", "1", "video"):
                return True
        if _VIDEO_HOSTS.search(str(tag.get("href") or "")):
            return True
        label = label_of(tag)
        if label and len(label.split()) <= 5 and words("video").found(label) and not words("screenshot").found(label):
            return True
        if tag is not picture.tag and tag.find(["iframe", "video"]) and len(tag.find_all("img")) <= 1:
            return True
    # "Play video" names a video; "Trimming a video clip on the timeline" describes a screenshot
    alt = picture.alt
    return len(alt.split()) <= 4 and words("video").found(alt) and not words("screenshot").found(alt)


def _semantic(picture: Picture) -> bool:
    """True when the page says the picture is a screenshot or a gallery slide (alt, label, carousel roles)."""
    if words("screenshot").found(picture.alt):
        return True
    for tag in [picture.tag, *[p for p in picture.tag.parents if isinstance(p, Tag)][:8]]:
        label = label_of(tag)
        role = str(tag.get("aria-roledescription") or "").lower()
        if role in ("slide", "carousel") or words("screenshot").found(label) or \
                (label and len(label) <= 60 and words("gallery").found(label)):
            return True
    return False


# ------------------------------------------------------------ the gallery


def screenshots(page: ListingPage, icon: Image | None = None) -> list[Image]:
    """The listing's screenshots: distinct images of its galleries, semantic singles and schema.org's list."""
    candidates = [p for p in pictures(page) if not is_decoration(p) and not page.links_elsewhere(p.tag)]
    icon_identity = identity(icon.url) if icon is not None else None
    candidates = [p for p in candidates if p.identity != icon_identity]
    kept: dict[str, list[Picture]] = {}
    for group in _galleries(candidates):
        media = [p for p in group if not is_video(p)]
        for picture in media:
            kept.setdefault(picture.identity, []).append(picture)
    for picture in candidates:
        if picture.identity not in kept and _semantic(picture) and not is_video(picture):
            kept.setdefault(picture.identity, []).append(picture)
    images = [_image(variants) for variants in kept.values()]
    seen = {identity(i.url) for i in images}
    for declared in _declared(page):
        if identity(declared.url) not in seen and identity(declared.url) != icon_identity:
            seen.add(identity(declared.url))
            images.append(declared)
    return images


def _galleries(candidates: list[Picture]) -> Iterator[list[Picture]]:
    """Groups of pictures repeated as siblings of one container, each group a gallery of the listing."""
    by_container: dict[int, tuple[Tag, list[Picture]]] = {}
    for picture in candidates:
        container = _container(picture, candidates)
        if container is not None:
            by_container.setdefault(id(container), (container, []))[1].append(picture)
    for container, group in by_container.values():
        semantic = any(_semantic(p) for p in group)
        if len({p.identity for p in group}) < (2 if semantic else MIN_GALLERY):
            continue  # two pictures side by side (an icon beside a banner) are not yet a gallery
        if _is_prose(container, group) and not any(_semantic(p) for p in group):
            continue  # pictures inside the description's prose illustrate the text
        yield group


def _container(picture: Picture, candidates: list[Picture]) -> Tag | None:
    """The nearest ancestor that holds another candidate picture of a different image, if any."""
    others = {id(p.tag) for p in candidates if p.identity != picture.identity}
    for parent in picture.tag.parents:
        if not isinstance(parent, Tag) or parent.name in ("body", "html"):
            return None
        if any(id(t) in others for t in parent.find_all(True)):
            return parent
    return None


def _is_prose(container: Tag, group: list[Picture]) -> bool:
    """True when the container is running text with pictures in it (a README-like description)."""
    paragraphs = [p for p in container.find_all(["p", "li"]) if len(text_of(p) or "") > 80]
    return len(paragraphs) >= 2 and sum(len(text_of(p) or "") for p in paragraphs) > 400 * max(1, len(group) // 4)


def media_kind(url: str) -> str | None:
    """The surface an image shows as its address names it ("desktop", "mobile", ...; see MEDIA_KINDS), or None.
    Only the path's folders are read: a file name is the vendor's to choose and says nothing the store decided."""
    parts = parse_url(url)
    folders = parts.path.lower().split("/")[:-1] if parts is not None else []
    tokens = {t for folder in folders for t in (folder, *_TOKEN.findall(folder))}
    return next((kind for kind, names in MEDIA_KINDS if tokens & names), None)


def _image(variants: list[Picture]) -> Image:
    best = max(variants, key=lambda p: (p.width or size_hint(p.url) or 0))
    alt = next((p.alt for p in variants if p.alt), None)
    return Image(url=best.url, width=best.width, height=best.height, alt=alt, kind=media_kind(best.url))


def _declared(page: ListingPage) -> list[Image]:
    """schema.org `screenshot` entries of the app's node."""
    app = page.data.first(frozenset({"SoftwareApplication", "WebApplication", "MobileApplication"}))
    images = []
    for value in as_list(app.get("screenshot")):
        url = (value.get("url") or value.get("contentUrl")) if isinstance(value, dict) else value
        if isinstance(url, str) and url.strip():
            size = value if isinstance(value, dict) else {}
            address = resolve(page.url, url.strip())
            images.append(Image(address, _int(size.get("width")), _int(size.get("height")),
                                data_text(size.get("caption")), media_kind(address)))
    return images


# ------------------------------------------------------------ icon and video


def icon(page: ListingPage, name: str | None) -> Image | None:
    """The listing's own icon: the picture beside its title that is called an icon or logo or named after the
    app, else schema.org's image or logo."""
    if page.h1 is not None:
        scope: Tag | None = page.h1
        for _ in range(4):
            scope = scope.parent if scope is not None else None
            if not isinstance(scope, Tag):
                break
            for picture in (p for p in pictures_in(scope, page.url) if not page.in_card(p.tag)):
                said = f"{picture.alt} {picture.url.split('?', 1)[0]}"
                side = picture.width or size_hint(picture.url)
                named = bool(name and picture.alt.strip().casefold() in (name.casefold(), f"{name} icon".casefold())
                             and (side is None or side <= 512))
                if named or (words("not_screenshot").found(said)
                             and re.search(r"icon|logo|アイコン|ロゴ|icône|icono|ícone|icona", said, re.I)):
                    return Image(picture.url, picture.width, picture.height, picture.alt or None)
    app = page.data.first(frozenset({"SoftwareApplication", "WebApplication", "MobileApplication", "Product"}))
    declared = app.get("image") or app.get("logo")
    if isinstance(declared, list):
        declared = declared[0] if declared else None
    if isinstance(declared, dict):
        url = data_text(declared.get("url") or declared.get("contentUrl"))
        return Image(resolve(page.url, url), _int(declared.get("width")), _int(declared.get("height"))) if url else None
    url = data_text(declared)
    return Image(resolve(page.url, url)) if url else None


def pictures_in(root: Tag, base: str) -> list[Picture]:
    """The <img> pictures under one element."""
    return [p for p in (_picture(t, base) for t in root.find_all("img")) if p is not None]


def video(page: ListingPage) -> str | None:
    """The listing's demo video: an embedded player or a video link in its content, else schema.org's."""
    for tag in page.content.find_all(["iframe", "video", "source", "a", "div", "button", "li"]):
        for attr in ("src", "data-src", "href", "data-video-url", "data-url", "data-href"):
            value = tag.get(attr)
            if not isinstance(value, str) or not value.strip():
                continue
            if _VIDEO_HOSTS.search(value) or (tag.name in ("video", "source") and attr == "src"):
                return resolve(page.url, value.strip())
    app = page.data.first(frozenset({"SoftwareApplication", "WebApplication", "MobileApplication", "Product"}))
    found = app.get("video")
    if isinstance(found, list):
        found = found[0] if found else None
    if isinstance(found, dict):
        return data_text(found.get("embedUrl") or found.get("contentUrl"))
    return None
