"""Every protocol message: the client ones validated, the server ones well-formed."""

from __future__ import annotations

import json

import pytest

from platxa_preview import protocol

VALID = [
    ({"type": "hello"}, {"type": "hello", "version": 0, "epoch": None, "page_id": None}),
    ({"type": "hello", "version": 7, "epoch": "e1", "page_id": "homepage"},
     {"type": "hello", "version": 7, "epoch": "e1", "page_id": "homepage"}),
    ({"type": "token_update", "tokens": {"colors": {}}},
     {"type": "token_update", "tokens": {"colors": {}}}),
    ({"type": "page_update", "page_id": "p", "content": {"sections": []}},
     {"type": "page_update", "page_id": "p", "content": {"sections": []}}),
    ({"type": "section_update", "page_id": "p", "section_id": "s", "content": {"type": "hero"}},
     {"type": "section_update", "page_id": "p", "section_id": "s",
      "content": {"type": "hero"}}),
]  # fmt: skip


@pytest.mark.parametrize(("message", "parsed"), VALID)
def test_valid_client_messages(message, parsed):
    assert protocol.parse_client_message(json.dumps(message)) == parsed


INVALID = [
    ("{", "not valid JSON"),
    (b"\xff\xfe", "not valid JSON"),
    ("[1]", "must be a JSON object"),
    ('{"type": "nope"}', "unknown message type 'nope'"),
    ("{}", "unknown message type None"),
    ('{"type": "hello", "version": -1}', "whole number"),
    ('{"type": "hello", "version": true}', "whole number"),
    ('{"type": "hello", "version": "3"}', "whole number"),
    ('{"type": "hello", "epoch": 5}', "'epoch' must be a string"),
    ('{"type": "hello", "page_id": 5}', "'page_id' must be a string"),
    ('{"type": "token_update"}', "missing field 'tokens'"),
    ('{"type": "token_update", "tokens": []}', "'tokens' must be a token object"),
    ('{"type": "page_update", "content": {}}', "missing field 'page_id'"),
    ('{"type": "page_update", "page_id": "", "content": {}}', "1 to 128 characters"),
    ('{"type": "page_update", "page_id": 3, "content": {}}', "'page_id' must be a string"),
    ('{"type": "page_update", "page_id": "p", "content": "x"}', "page config object"),
    ('{"type": "section_update", "page_id": "p", "content": {}}', "missing field 'section_id'"),
    ('{"type": "section_update", "page_id": "p", "section_id": "' + "x" * 200
     + '", "content": {}}', "1 to 128 characters"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "message"), INVALID)
def test_invalid_client_messages_say_what_is_wrong(raw, message):
    with pytest.raises(protocol.ProtocolError) as info:
        protocol.parse_client_message(raw)
    assert message in str(info.value)


def test_oversized_messages_are_refused_before_parsing():
    raw = '{"type": "hello", "x": "' + "a" * protocol.MAX_MESSAGE_BYTES + '"}'
    with pytest.raises(protocol.ProtocolError) as info:
        protocol.parse_client_message(raw)
    assert "too large" in str(info.value)


def test_server_messages_carry_version_and_epoch():
    stamp = {"version": 4, "epoch": "e"}
    messages = [
        protocol.css_update_message("tokens", ":root{}", **stamp),
        protocol.section_update_message("p", "s", "<section></section>", **stamp),
        protocol.dom_update_message("p", '<div id="wrapwrap"></div>', **stamp),
        protocol.reload_message(**stamp),
        protocol.error_message("broken", file="a.xml", line=3, code="xml-syntax", **stamp),
        protocol.status_message(errors=[], **stamp),
    ]
    assert [m["type"] for m in messages] == list(protocol.SERVER_TYPES)
    for message in messages:
        assert message["version"] == 4 and message["epoch"] == "e"
        assert json.loads(protocol.encode(message)) == message
    with pytest.raises(ValueError):
        protocol.css_update_message("fonts", "", **stamp)
    with pytest.raises(ValueError):
        protocol.encode({"type": "hello"})
