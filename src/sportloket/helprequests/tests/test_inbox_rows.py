"""The inbox's rows written in Python (``views.inbox_rows.rows_html``): every value escaped,
the box to tick only for the bulk actions, ticked when chosen."""

from sportloket.helprequests.views.inbox_rows import InboxRow, rows_html


def row(**changes) -> InboxRow:
    values = {
        "pk": 7,
        "url": "/d/requests/7/",
        "question": "Hulp bij <script>alert(1)</script>",
        "overdue": True,
        "urgent": False,
        "organisation": 'Club "De Ster" & co',
        "place": "Houten",
        "themes": "Geld",
        "assignees": "–",
        "state": "Nieuw",
        "received": "7 dec. 2026",
        "due": "–",
        "ticked": False,
    }
    return InboxRow(**(values | changes))


def test_every_value_is_escaped():
    html = rows_html([row()], tickable=False)

    assert "<script>" not in html
    assert "Hulp bij &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'Club &quot;De Ster&quot; &amp; co <span class="muted">(Houten)</span>' in html
    assert '<a href="/d/requests/7/">' in html
    assert 'class="badge badge--warning">te laat</span>' in html
    assert "dringend" not in html


def test_the_box_to_tick_is_there_for_the_bulk_actions_only_and_keeps_the_choice():
    assert "checkbox" not in rows_html([row()], tickable=False)

    html = rows_html([row(), row(pk=8, ticked=True)], tickable=True)

    assert html.count('type="checkbox"') == 2
    assert 'value="7" id="bulk-requests-7" form="inbox-bulk">' in html
    assert 'value="8" id="bulk-requests-8" form="inbox-bulk" checked>' in html
    assert '<label for="bulk-requests-8" class="visually-hidden">' in html
