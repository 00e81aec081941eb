from django.db import migrations, models
from django.utils import timezone

# The notes the tracking page always showed: reasons for a rejection, a referral or a pause.
# Notes on other moves were written as internal ones and stay so.
SHOWN_BEFORE = ["rejected", "referred", "on_hold"]
RESPONSE_FIELDS = [
    "respond_by",
    "decide_by",
    "first_response_at",
    "first_response_days",
    "decided_at",
    "decision_days",
]


def mark_provider_notes(apps, schema_editor):
    StateChange = apps.get_model("helprequests", "StateChange")
    StateChange.objects.filter(to_state__in=SHOWN_BEFORE).exclude(note="").update(
        note_for_provider=True
    )


def backfill_response_times(apps, schema_editor):
    """Requests from before the response-time fields get them from their history (the same
    derivation the services use: ``timing`` imports no models)."""
    from sportloket.helprequests import timing

    HelpRequest = apps.get_model("helprequests", "HelpRequest")
    today = timezone.localdate()
    batch = []
    requests = HelpRequest.objects.select_related("loket").prefetch_related(
        "state_changes", "messages"
    )
    for request in requests.iterator(chunk_size=1000):
        moves = [
            timing.Move(c.at, c.from_state, c.to_state, c.by_provider)
            for c in sorted(request.state_changes.all(), key=lambda c: (c.at, c.pk))
        ]
        values = timing.response_times(
            submitted_at=request.submitted_at,
            moves=moves,
            desk_messages=[m.created_at for m in request.messages.all() if not m.from_provider],
            first_response_days=request.loket.first_response_days,
            resolution_days=request.loket.resolution_days,
            today=today,
        )
        for field, value in values.items():
            setattr(request, field, value)
        batch.append(request)
        if len(batch) == 1000:
            HelpRequest.objects.bulk_update(batch, RESPONSE_FIELDS)
            batch = []
    HelpRequest.objects.bulk_update(batch, RESPONSE_FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("helprequests", "0006_response_times"),
    ]

    operations = [
        migrations.AddField(
            model_name="statechange",
            name="note_for_provider",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_provider_notes, migrations.RunPython.noop),
        migrations.RunPython(backfill_response_times, migrations.RunPython.noop),
    ]
