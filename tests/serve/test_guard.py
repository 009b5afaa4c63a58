"""What the server agrees to audit: web addresses only, the operator's hosts and stores, never a private network
unless the operator allows it."""

from __future__ import annotations

import pytest

from auditor.errors import UsageError
from auditor.serve.guard import Guard, Refused

ADDRESSES = {"apps.example.com": ("93.184.216.34",), "intranet.example.com": ("10.1.2.3",),
             "metadata.example.com": ("169.254.169.254",), "mixed.example.com": ("93.184.216.34", "192.168.0.7")}


def guard(**options) -> Guard:
    return Guard(resolver=lambda host: ADDRESSES.get(host, ()), **options)


def test_a_public_listing_is_accepted_with_the_defaults_and_normalised():
    request = guard().check({"target": " HTTPS://Apps.Example.com/apps/x "})
    assert (request.target, request.profile, request.marketplace) == ("https://apps.example.com/apps/x",
                                                                       "distribution", "auto")


@pytest.mark.parametrize("target", ["http://127.0.0.1:8000/", "http://localhost/", "http://[::1]/x",
                                    "http://10.0.0.1/", "http://intranet.example.com/", "http://metadata.example.com/",
                                    "http://mixed.example.com/", "http://app.localhost/"])
def test_a_target_in_a_private_network_is_refused(target):
    with pytest.raises(Refused, match="private address not allowed"):
        guard().check({"target": target})


def test_the_operator_can_allow_private_targets_or_name_the_hosts():
    assert guard(allow_private=True).check({"target": "http://10.0.0.1/"}).target == "http://10.0.0.1/"
    hosts = guard(allow_hosts=frozenset({"127.0.0.1"}))
    assert hosts.check({"target": "http://127.0.0.1:9/x"}).target == "http://127.0.0.1:9/x"
    with pytest.raises(Refused, match="host not allowed: apps.example.com"):
        hosts.check({"target": "https://apps.example.com/"})


def test_only_the_allowed_stores_are_audited():
    only_slack = guard(marketplaces=frozenset({"slack"}))  # the default, auto, is not allowed: slack stands in
    assert only_slack.check({"target": "https://apps.example.com/"}).marketplace == "slack"
    with pytest.raises(Refused, match="only listings of slack"):
        only_slack.check({"target": "https://apps.example.com/", "marketplace": "shopify"})
    assert only_slack.choices == ("slack",)
    assert guard().choices[0] == "auto"


@pytest.mark.parametrize(("fields", "message"), [
    ({}, "give a target"),
    ({"target": 42}, "give a target"),
    ({"target": "ftp://apps.example.com/"}, "not a web address"),
    ({"target": "http://apps.example.com:99999/"}, "port"),
    ({"target": "https://apps.example.com/", "profile": "fastest"}, "unknown profile"),
    ({"target": "https://apps.example.com/", "marketplace": "nowhere"}, "unknown marketplace"),
    ({"target": "https://apps.example.com/", "profile": ["workflow"]}, "profile must be a string"),
])
def test_bad_input_is_a_usage_error_with_the_reason(fields, message):
    with pytest.raises(UsageError, match=message):
        guard().check(fields)
