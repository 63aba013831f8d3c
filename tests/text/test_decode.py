from __future__ import annotations

import random

import pytest
from hypothesis import given, strategies as st

from borderledger.errors import InputError
from borderledger.text.decode import decode_text

SENTENCE = "José was flown from Texas to the Darién camp in Panamá, según the ministry."


def test_utf8_passes_through():
    assert decode_text(SENTENCE.encode("utf-8")) == (SENTENCE, "utf-8")


def test_latin1_is_recognised():
    text, enc = decode_text((SENTENCE * 3).encode("latin-1"))
    assert text == SENTENCE * 3
    assert enc != "utf-8"


def test_utf16_with_bom():
    text, enc = decode_text(SENTENCE.encode("utf-16"))
    assert (text, enc) == (SENTENCE, "utf-16")


def test_utf8_bom_is_dropped():
    assert decode_text(b"\xef\xbb\xbf" + SENTENCE.encode())[0] == SENTENCE


def test_binary_garbage_is_refused():
    data = random.Random(7).randbytes(4096)
    with pytest.raises(InputError, match="binary"):
        decode_text(data)


@pytest.mark.parametrize("data", [b"", b"   \n\t "])
def test_empty_is_refused(data):
    with pytest.raises(InputError, match="empty"):
        decode_text(data)


@given(st.text(min_size=1).filter(lambda s: s.strip() and "\x00" not in s))
def test_any_utf8_text_round_trips_or_is_refused_cleanly(s):
    try:
        text, _ = decode_text(s.encode("utf-8"))
    except InputError:
        return  # control-heavy strings may be judged binary; that is a clean refusal
    assert text == s
