"""Decisions, their options and the matching weights moved to the decisions app (decisions.0001);
their tables stay, only Django's state changes."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('funds', '0002_decision_in_decisions'),
        ('offerings', '0005_decision_option_count'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='decisionoption',
                    name='decision',
                ),
                migrations.RemoveField(
                    model_name='decisionoption',
                    name='offering',
                ),
                migrations.RemoveField(
                    model_name='matchingweights',
                    name='loket',
                ),
                migrations.DeleteModel(
                    name='Decision',
                ),
                migrations.DeleteModel(
                    name='DecisionOption',
                ),
                migrations.DeleteModel(
                    name='MatchingWeights',
                ),
            ],
            database_operations=[],
        ),
    ]
