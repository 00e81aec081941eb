"""Pieces rendered once per process (core.fragments): kept per key and language, rendered again
for a new key, and never more of them than the store holds."""

from django.utils import translation

from sportloket.core.fragments import RenderedOnce


def counting(text):
    calls = []

    def render():
        calls.append(1)
        return f"{text} {len(calls)}"

    return render, calls


def test_a_piece_is_rendered_once_per_key():
    store = RenderedOnce()
    render, calls = counting("piece")
    assert store.get(("a", 1), render) == "piece 1"
    assert store.get(("a", 1), render) == "piece 1"
    assert len(calls) == 1
    assert store.get(("a", 2), render) == "piece 2"  # another key: rendered anew
    assert len(calls) == 2


def test_each_language_has_its_own_piece():
    store = RenderedOnce()
    with translation.override("nl"):
        assert store.get(("form",), lambda: "Uw vraag") == "Uw vraag"
    with translation.override("en"):
        assert store.get(("form",), lambda: "Your question") == "Your question"
        assert store.get(("form",), lambda: "other") == "Your question"
    with translation.override("nl"):
        assert store.get(("form",), lambda: "other") == "Uw vraag"


def test_the_least_recently_used_piece_goes_first():
    store = RenderedOnce(size=2)
    store.get(("a",), lambda: "a")
    store.get(("b",), lambda: "b")
    store.get(("a",), lambda: "not again")  # a is used again: b is now the oldest
    store.get(("c",), lambda: "c")
    assert len(store) == 2
    assert store.get(("a",), lambda: "a again") == "a"
    assert store.get(("b",), lambda: "b again") == "b again"
    store.clear()
    assert len(store) == 0
