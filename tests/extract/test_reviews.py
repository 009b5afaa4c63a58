"""The vendor's reply under a review, found by its marker or by the line that heads it, in several languages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from auditor.extract.reviews import vendor_reply

CASES = [
    # a marked reply block whose first line names the vendor and the day (Shopify's layout)
    ('<div data-merchant-review><p>Chargebacks fell within a month.</p><div id="review-reply-481052"><div><div>'
     'Signifyd replied December 16, 2025</div></div><div data-reply-id="481052"><p>Thank you for the kind words!</p>'
     '</div></div></div>', "Thank you for the kind words!"),
    # a heading line and the reply as mixed text, no marker at all
    ('<div><p>Setup took a week.</p><div><strong>Developer response</strong> Sorry, we shipped a wizard since.'
     '</div></div>', "Sorry, we shipped a wizard since."),
    ('<div><p>Die Synchronisierung bricht ab.</p><section><h4>Antwort des Entwicklers</h4>'
     '<p>Danke, Version 2.1 behebt das.</p></section></div>', "Danke, Version 2.1 behebt das."),
    ('<div><p>La synchro duplique les contacts.</p><aside><span>Acme a répondu le 3 mai 2025</span>'
     '<p>Corrigé dans la version 4.2, merci !</p></aside></div>', "Corrigé dans la version 4.2, merci !"),
    ('<div><p>設定が難しい。</p><div><span>開発者からの返信</span><p>ガイドを更新しました。</p></div></div>',
     "ガイドを更新しました。"),
]


@pytest.mark.parametrize(("html", "want"), CASES)
def test_a_reply_is_read_without_its_heading(html: str, want: str) -> None:
    block = BeautifulSoup(html, "html.parser").find()
    assert block is not None
    assert vendor_reply(block)[1] == want


def test_a_review_that_only_mentions_replying_has_no_reply() -> None:
    block = BeautifulSoup("<div><p>Support never replied to my three e-mails about the broken sync, so after two "
                          "weeks we gave up and uninstalled it.</p></div>", "html.parser").find()
    assert block is not None
    assert vendor_reply(block) == (None, None)
