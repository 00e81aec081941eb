"""Decisions, their ranked options and the desks' matching weights move from the catalogue's app
(offerings) to an app of their own. Their tables stay as they are (db_table), with their
constraints, indexes and the database's triggers (decisions.db); only Django's state moves, and
the content types are renamed so that the audit trail and permissions keep pointing at them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["decision", "decisionoption", "matchingweights"]


def rename_content_types(apps, schema_editor, *, source="offerings", target="decisions"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    # A database migrated before the move has the old ones; a new one has neither yet.
    ContentType.objects.filter(app_label=source, model__in=MOVED).exclude(
        model__in=ContentType.objects.filter(app_label=target).values("model")
    ).update(app_label=target)


def rename_back(apps, schema_editor):
    rename_content_types(apps, schema_editor, source="decisions", target="offerings")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0007_reference_data_and_themes'),
        ('helprequests', '0009_theme_to_core'),
        ('offerings', '0005_decision_option_count'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Decision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rationale', models.TextField(verbose_name='rationale')),
                        ('public_summary', models.CharField(blank=True, help_text='Why this support, in one or two sentences without names of people.', max_length=300, verbose_name='summary for the public register')),
                        ('deviation_reason', models.TextField(blank=True, help_text='Required when the chosen offering is not the one ranked first.', verbose_name='why not the top-ranked offering')),
                        ('amount_cents', models.PositiveIntegerField(default=0, verbose_name='amount to commit (cents)')),
                        ('decided_at', models.DateTimeField(verbose_name='decided at')),
                        ('weights', models.JSONField(default=dict)),
                        ('idempotency_key', models.CharField(blank=True, default='', max_length=64)),
                        ('option_count', models.PositiveSmallIntegerField(default=0, editable=False)),
                        ('decided_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('help_request', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='helprequests.helprequest')),
                        ('loket', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='core.loket')),
                        ('supersedes', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='superseded_by', to='decisions.decision')),
                    ],
                    options={
                        'verbose_name': 'decision',
                        'verbose_name_plural': 'decisions',
                        'db_table': 'offerings_decision',
                        'ordering': ['-decided_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='DecisionOption',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rank', models.PositiveSmallIntegerField()),
                        ('score', models.DecimalField(decimal_places=2, max_digits=6)),
                        ('explanation', models.JSONField(default=list)),
                        ('chosen', models.BooleanField(default=False)),
                        ('decision', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='options', to='decisions.decision')),
                        ('offering', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='offerings.offering')),
                    ],
                    options={
                        'db_table': 'offerings_decisionoption',
                        'ordering': ['decision', 'rank'],
                    },
                ),
                migrations.CreateModel(
                    name='MatchingWeights',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('theme', models.PositiveSmallIntegerField(default=10, verbose_name='theme fit')),
                        ('provider_kind', models.PositiveSmallIntegerField(default=5, verbose_name='kind of provider')),
                        ('sport', models.PositiveSmallIntegerField(default=5, verbose_name='sport')),
                        ('scope', models.PositiveSmallIntegerField(default=3, verbose_name='scope and region')),
                        ('capacity', models.PositiveSmallIntegerField(default=4, verbose_name='capacity left')),
                        ('money', models.PositiveSmallIntegerField(default=4, verbose_name='money available')),
                        ('supporter', models.PositiveSmallIntegerField(default=4, verbose_name='qualified supporter')),
                        ('rating', models.PositiveSmallIntegerField(default=3, verbose_name='past ratings')),
                        ('novelty', models.PositiveSmallIntegerField(default=2, verbose_name='not received before')),
                        ('loket', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='matching_weights', to='core.loket')),
                    ],
                    options={
                        'verbose_name': 'matching weights',
                        'verbose_name_plural': 'matching weights',
                        'db_table': 'offerings_matchingweights',
                    },
                ),
                migrations.AddIndex(
                    model_name='decision',
                    index=models.Index(fields=['loket', 'decided_at'], name='offerings_decisions_desk'),
                ),
                migrations.AddConstraint(
                    model_name='decision',
                    constraint=models.CheckConstraint(condition=models.Q(('rationale', ''), _negated=True), name='offerings_decision_rationale', violation_error_message='A decision needs a rationale.'),
                ),
                migrations.AddConstraint(
                    model_name='decision',
                    constraint=models.UniqueConstraint(condition=models.Q(('idempotency_key', ''), _negated=True), fields=('help_request', 'idempotency_key'), name='offerings_decision_once_per_key'),
                ),
                migrations.AddIndex(
                    model_name='decisionoption',
                    index=models.Index(condition=models.Q(('chosen', True)), fields=['offering', 'decision'], name='offerings_option_chosen'),
                ),
                migrations.AddConstraint(
                    model_name='decisionoption',
                    constraint=models.UniqueConstraint(fields=('decision', 'rank'), name='offerings_option_rank'),
                ),
                migrations.AddConstraint(
                    model_name='decisionoption',
                    constraint=models.UniqueConstraint(fields=('decision', 'offering'), name='offerings_option_once'),
                ),
                migrations.AddConstraint(
                    model_name='matchingweights',
                    constraint=models.CheckConstraint(condition=models.Q(('capacity__lte', 10), ('money__lte', 10), ('novelty__lte', 10), ('provider_kind__lte', 10), ('rating__lte', 10), ('scope__lte', 10), ('sport__lte', 10), ('supporter__lte', 10), ('theme__lte', 10)), name='offerings_weights_0_to_10', violation_error_message='Weights run from 0 to 10.'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types, rename_back),
    ]
