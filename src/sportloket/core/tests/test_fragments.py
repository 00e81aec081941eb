"""Pieces rendered once per process (core.fragments): kept per key and language, rendered again
for a new key, and never more of them than the store holds."""

import pytest
from django import forms
from django.http import QueryDict
from django.utils import translation

from sportloket.core.fragments import LONGEST_KEPT_INPUT, RenderedOnce, form_fields
from sportloket.core.models import Municipality


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


class ColourForm(forms.Form):
    colour = forms.ChoiceField(choices=[("", "Any"), ("red", "Red")], required=False)
    q = forms.CharField(required=False, max_length=5)


def counting_renders(monkeypatch):
    renders = []
    original = ColourForm.render

    def render(self, *args, **kwargs):
        renders.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ColourForm, "render", render)
    return renders


def test_a_forms_fields_are_kept_per_what_was_asked_and_per_choice(monkeypatch):
    store, renders = RenderedOnce(), counting_renders(monkeypatch)
    first = form_fields(store, "colours", ColourForm(QueryDict("colour=red")))
    assert 'value="red" selected' in first
    assert form_fields(store, "colours", ColourForm(QueryDict("colour=red"))) == first
    assert len(renders) == 1
    form_fields(store, "colours", ColourForm(QueryDict("")))  # other filters: another key
    assert len(renders) == 2
    renamed = ColourForm(QueryDict("colour=red"))
    renamed.fields["colour"].choices = [("", "Any"), ("red", "Rood")]
    assert ">Rood<" in form_fields(store, "colours", renamed)  # a choice changed: another key
    assert len(renders) == 3


def test_a_forms_errors_come_with_what_was_typed(monkeypatch):
    store, _renders = RenderedOnce(), counting_renders(monkeypatch)
    html = form_fields(store, "colours", ColourForm(QueryDict("q=toolong")))
    assert "toolong" in html and "errorlist" in html
    assert form_fields(store, "colours", ColourForm(QueryDict("q=ok"))).count("errorlist") == 0


def test_long_input_is_rendered_each_time_and_not_kept(monkeypatch):
    store, renders = RenderedOnce(), counting_renders(monkeypatch)
    long_query = QueryDict("", mutable=True)
    long_query["q"] = "x" * (LONGEST_KEPT_INPUT + 1)
    form_fields(store, "colours", ColourForm(long_query))
    form_fields(store, "colours", ColourForm(long_query))
    assert len(renders) == 2 and len(store) == 0


@pytest.mark.django_db
def test_a_models_choices_are_read_once_for_the_key_and_the_rendering(django_assert_num_queries):
    class PlaceForm(forms.Form):
        municipality = forms.ModelChoiceField(
            queryset=Municipality.objects.filter(code__in=["GM0321", "GM0344"]).order_by("name")
        )

    with django_assert_num_queries(1):
        html = form_fields(RenderedOnce(), "places", PlaceForm())
    assert ">Houten<" in html and ">Utrecht<" in html


def test_forms_that_start_from_other_values_are_kept_apart():
    store = RenderedOnce()
    red = form_fields(store, "colours", ColourForm(initial={"colour": "red"}))
    anything = form_fields(store, "colours", ColourForm())
    assert 'value="red" selected' in red
    assert 'value="red" selected' not in anything
