"""The CC list rule (core.tickets.cc): what is stored, what is refused with a message naming it."""

from __future__ import annotations

import pytest

from core.errors import ValidationError
from core.tickets.cc import CC_MAX, cc_addresses, clean_cc, parse_cc, split_entries
from server.mail.compose import valid_address


def test_plain_lists_are_normalised_deduplicated_and_joined():
    assert clean_cc("Ann@Example.ORG; bob@example.org,\n ann@example.org , ") == "Ann@example.org, bob@example.org"
    assert clean_cc("") is None and clean_cc("  , ;\n") is None and clean_cc(None) is None


def test_display_names_and_commas_inside_quotes():
    typed = '"Smith, Ann" <ann@example.org>, Bob Jones <BOB@Example.org>, <carl@example.org>'
    assert split_entries(typed) == ['"Smith, Ann" <ann@example.org>', "Bob Jones <BOB@Example.org>",
                                    "<carl@example.org>"]
    assert parse_cc(typed) == ["ann@example.org", "BOB@example.org", "carl@example.org"]


@pytest.mark.parametrize("hostile, named", [
    ("ann@example.org\r\nBcc: evil@example.net", "Bcc: evil@example.net"),
    ("ann@example.org\nX-Injected: yes", "X-Injected: yes"),
    ('"Ann <x@y>" ann@example.org', '"Ann <x@y>" ann@example.org'),
    ("undisclosed-recipients:;", "undisclosed-recipients:"),
    ("ann@exa mple.org", "ann@exa mple.org"),
    ("ann(comment)@example.org", "ann(comment)@example.org"),
    ("no-at-sign", "no-at-sign"),
    ("ann@example.org\x00", "ann@example.org"),
    ("jörg@example.org", "jörg@example.org"),
])
def test_hostile_entries_are_refused_naming_them(hostile, named):
    with pytest.raises(ValidationError) as err:
        clean_cc(hostile)
    assert err.value.field == "cc"
    assert f"\u201c{named.strip()}" in str(err.value) and "not a usable mail address" in str(err.value)
    assert "\r" not in str(err.value) and "\n" not in str(err.value) and "\x00" not in str(err.value)


def test_at_most_twenty_addresses():
    twenty = ", ".join(f"user{i}@example.org" for i in range(CC_MAX))
    assert len(parse_cc(twenty)) == CC_MAX
    assert len(parse_cc(twenty + ", USER0@example.org")) == CC_MAX   # a duplicate is not a 21st
    with pytest.raises(ValidationError, match="at most 20 addresses \\(21 given\\)"):
        clean_cc(twenty + ", user20@example.org")


def test_international_domains_are_stored_in_their_ascii_form():
    assert clean_cc("ann@Bücher.example, bob@xn--bcher-kva.example") == \
        "ann@xn--bcher-kva.example, bob@xn--bcher-kva.example"
    with pytest.raises(ValidationError, match="not a usable"):
        clean_cc("ann@" + "ü" * 70 + ".example")   # a label too long even encoded


def test_a_very_long_address_and_non_text_are_refused():
    with pytest.raises(ValidationError, match="not a usable"):
        clean_cc("a" * 250 + "@example.org")
    with pytest.raises(ValidationError, match="must be text"):
        clean_cc(["ann@example.org"])


def test_the_mail_rule_is_the_same_on_both_sides():
    for address in ("ann@example.org", "o'neil+tag@sub.example.org"):
        assert valid_address(address) == address and parse_cc(address) == [address]
    assert valid_address("Ann <ann@example.org>") is None   # the server's mail takes bare addresses only
    for bad in ("ann@-example.org", "a\r\nb@example.org", "ann@example..org"):
        assert valid_address(bad) is None
        with pytest.raises(ValidationError):
            parse_cc(bad)


def test_stored_values_are_read_leniently_for_sending():
    # Written before the rule (by hand, in the database): the usable ones are still copied.
    assert cc_addresses("ann@example.org, not an address, BOB@Example.org, ann@EXAMPLE.org") == \
        ["ann@example.org", "BOB@example.org"]
    assert cc_addresses(None) == [] and cc_addresses("x\r\nBcc: evil@example.net") == []
