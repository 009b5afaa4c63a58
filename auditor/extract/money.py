"""Prices and pricing plans as pages write them: the currency before or after the number, in symbols or ISO
codes, "Free" in any vocabulary language.

Plans come from schema.org offers first, then from the page's pricing section: cards repeated as siblings,
each with a name and a price. A single price ("$6.99 Buy", "Price: Free") is one plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import Tag

from auditor.extract.numbers import amount
from auditor.extract.page import ListingPage, text_of
from auditor.extract.structured import as_list
from auditor.extract.structured import text_of as data_text
from auditor.model import PricingPlan
from auditor.vocab import words

SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "円": "JPY", "₹": "INR", "₩": "KRW",
           "R$": "BRL", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "kr": "SEK", "zł": "PLN", "₽": "RUB",
           "CHF": "CHF", "Fr.": "CHF"}
CODES = ("USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "INR", "BRL", "SEK", "NOK", "DKK", "PLN", "CZK", "NZD",
         "MXN", "SGD", "HKD", "KRW", "CNY", "ZAR")
_CURRENCY = r"(?:US\$|AU\$|CA\$|A\$|C\$|R\$|[$€£¥₹₩₽]|\b(?:" + "|".join(CODES) + r")\b|Fr\.|円|zł)"
_NUMBER = r"\d[\d.,\u00a0\u202f']*(?:[.,]–|[.,]-)?"
#: "$49", "€ 19,99", "USD 49", "CHF 15.–" / "19 €", "1,200円", "49 USD"
PRICE_BEFORE = re.compile(rf"(?P<cur>{_CURRENCY})\s?(?P<n>\d{_NUMBER[2:]})")
PRICE_AFTER = re.compile(rf"(?P<n>{_NUMBER})\s?(?P<cur>{_CURRENCY})")
_PRICING_HEADING = re.compile(
    r"^(?:pricing|prices|plans|plans? (?:&|and) pricing|pricing (?:&|and) plans|pricing plans|price|preise|tarife|"
    r"preise und tarife|preis|prix|tarifs|formules|precios|planes|precios y planes|precio|preços|planos|preço|"
    r"planos e preços|prezzi|piani|prezzo|prezzi e piani|prijzen|abonnementen|prijs|料金|価格|プラン|料金プラン)"
    r"\s*[:：]?\s*$", re.I)


_FREE_ALONE = re.compile(r"^(?:free|kostenlos|gratis|grátis|gratuit|gratuite|gratuito|gratuita|無料)"
                         r"(?:\s+(?:to install|plan|forever|version|zu installieren|à installer))?[.!]?$", re.I)


@dataclass(frozen=True)
class Price:
    """A price found in text: its amount (0 for free) and ISO currency, and the text it was read from."""

    amount: float | None
    currency: str | None
    text: str


def find_price(text: str) -> Price | None:
    """The first price in `text`, or a free price when it says "Free" in any vocabulary language."""
    # a currency written before its number is the common form; "50-50 $50" is "$50", not "50 $"
    match = PRICE_BEFORE.search(text) or PRICE_AFTER.search(text)
    free = words("free").search(text)
    if match and (free is None or match.start() <= free.start() or amount(match.group("n")) == 0):
        symbol = match.group("cur").strip()
        number = match.group("n")
        currency = SYMBOLS.get(symbol, symbol.upper() if symbol.upper() in CODES else None)
        return Price(amount(number), currency, match.group(0).strip())
    if free is not None:
        return Price(0.0, None, free.group(0))
    return None


def offers(page: ListingPage, app: dict) -> list[PricingPlan]:
    """Plans from schema.org offers (nested offers flattened)."""
    found: list[dict] = []
    for offer in as_list(app.get("offers")):
        if isinstance(offer, dict) and offer.get("offers"):
            found += [o for o in as_list(offer["offers"]) if isinstance(o, dict)]
        elif isinstance(offer, dict):
            found.append(offer)
    plans = []
    for offer in found:
        raw = offer.get("price") if offer.get("price") is not None else offer.get("lowPrice")
        value = amount(str(raw)) if raw is not None else None
        currency = data_text(offer.get("priceCurrency"))
        shown = "Free" if value == 0 else (f"{currency or ''} {value:g}".strip() if value is not None else None)
        plans.append(PricingPlan(name=data_text(offer.get("name")) or ("Free" if value == 0 else "Plan"), price=shown,
                                 amount=value, currency=currency))
    return plans


def pricing_sections(page: ListingPage) -> list[Tag]:
    """The sections under headings that say "Pricing" (or "Preise", "Tarifs", "料金", ...), in page order."""
    found: list[Tag] = []
    for heading, text, rank in page.headings():
        if rank < 2 or len(text) > 40 or not _PRICING_HEADING.search(text):
            continue
        for section in page.section_content(heading):
            if not any(section in f.descendants or section is f for f in found):
                found.append(section)
    return found


def plan_cards(section: Tag) -> list[PricingPlan]:
    """The plans of a pricing section: sibling cards that each show a name and one price (or "Free"); a section
    with one price and no cards is one plan."""
    best: list[Tag] = []
    for container in [section, *section.find_all(True)]:
        cards = [c for c in container.find_all(True, recursive=False) if _is_card(c)]
        if len(cards) >= 2 and len(cards) > len(best):
            best = cards
    if not best:
        price = _stated_price(_after_heading(section))
        if price is None:
            return []
        best = [section]
    plans = []
    for card in best:
        text = _after_heading(card) if card is section else (text_of(card) or "")
        price = find_price(text)
        plans.append(PricingPlan(name=_card_name(card, price) if card is not section else _first_line(text, price),
                                 price=price.text if price else None, amount=price.amount if price else None,
                                 currency=price.currency if price else None))
    return plans


def _stated_price(text: str) -> Price | None:
    """The one price a pricing section without cards states: a price, or "Free" on its own ("Free to install"),
    not a sentence that mentions free ("Free and paid plans" is a pricing model, not a plan)."""
    for line in text.split("\n")[:8]:
        if PRICE_BEFORE.search(line) or PRICE_AFTER.search(line):
            return find_price(line)
        if _FREE_ALONE.match(line.strip()):
            return find_price(line)
    return None


def _is_card(tag: Tag) -> bool:
    """A card holds a few lines of its own (a name, a price, what the plan includes), the price near its top."""
    text = text_of(tag) or ""
    lines = [line for line in tag.get_text("\n", strip=True).split("\n") if line.strip()]
    return 0 < len(text) <= 1500 and len(lines) >= 2 and find_price(text[:200]) is not None


def _after_heading(section: Tag) -> str:
    """The section's text without its pricing heading."""
    lines = [" ".join(line.split()) for line in section.get_text("\n", strip=True).split("\n") if line.strip()]
    if lines and _PRICING_HEADING.search(lines[0]) and len(lines[0]) <= 40:
        lines = lines[1:]
    return "\n".join(lines)


def _first_line(text: str, price: Price | None) -> str:
    first = text.split("\n", 1)[0].strip()
    return first[:60] if first and (price is None or first != price.text) else ("Free" if price and price.amount == 0
                                                                               else "Plan")


def _card_name(card: Tag, price: Price | None) -> str:
    heading = card.find(["h2", "h3", "h4", "h5", "h6", "strong", "b"])
    if heading is not None and text_of(heading) and (price is None or price.text not in (text_of(heading) or "")):
        return text_of(heading) or "Plan"
    lines = [line.strip() for line in card.get_text("\n").split("\n") if line.strip()]
    return lines[0][:60] if lines else "Plan"


def single_price(page: ListingPage) -> PricingPlan | None:
    """A listing that shows one price beside its install button ("$6.99 Buy", "Price: Free") as one plan."""
    for line in page.lines[:80]:
        if len(line) > 40:
            continue
        price = find_price(line)
        if price is None:
            continue
        labelled = re.match(r"^(?:pric(?:e|es|ing)|preis|preise|prix|tarifs?|precios?|preços?|prezzi|prezzo|prijs|"
                            r"prijzen|価格|料金)\s*[:：]", line, re.I)
        buying = words("cta").found(line)
        if labelled or (buying and price.amount and price.currency):
            return PricingPlan(name="Free" if price.amount == 0 else "Price", price=price.text, amount=price.amount,
                               currency=price.currency)
    return None
