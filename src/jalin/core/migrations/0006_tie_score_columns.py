"""Tie scores keep their figures as columns (the domain's STORED_FIELDS), not as JSON, and
each owner's profile keeps the rhythm model's fit. Scores stored before are dropped: the next
rescore (every command that shows the day's list runs one) writes them again."""

from django.db import migrations, models


def drop_scores(apps, schema_editor):
    apps.get_model("core", "TieScore").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0005_tie_scores")]

    operations = [
        migrations.RunPython(drop_scores, migrations.RunPython.noop),
        migrations.RemoveField(model_name="tiescore", name="figures"),
        migrations.AddField(
            model_name="profile",
            name="rhythm_fit",
            field=models.JSONField(blank=True, default=dict),
        ),
        *[
            migrations.AddField(model_name="tiescore", name=name, field=field)
            for name, field in [
                ("layer_source", models.CharField(default="", max_length=16)),
                ("status_reason", models.CharField(default="", max_length=24)),
                ("ratio", models.FloatField(blank=True, null=True)),
                ("cadence_source", models.CharField(default="", max_length=8)),
                ("days_since_contact", models.IntegerField(blank=True, null=True)),
                ("mutuality", models.FloatField(blank=True, null=True)),
                ("initiations_mine", models.PositiveIntegerField(default=0)),
                ("initiations_theirs", models.PositiveIntegerField(default=0)),
                ("share_theirs", models.FloatField(default=0.5)),
                ("you_carry", models.BooleanField(default=False)),
                ("balance", models.FloatField(default=0.0)),
                ("favours_given", models.PositiveIntegerField(default=0)),
                ("favours_received", models.PositiveIntegerField(default=0)),
                ("asks_only_index", models.FloatField(blank=True, null=True)),
                ("asks_after_silence", models.PositiveIntegerField(default=0)),
                ("my_initiations", models.PositiveIntegerField(default=0)),
                ("usual_channel", models.CharField(blank=True, max_length=16, null=True)),
                ("intensity", models.FloatField(default=0.0)),
                ("recency", models.FloatField(default=0.0)),
                ("duration", models.FloatField(default=0.0)),
                ("services", models.FloatField(default=0.0)),
                ("closeness", models.FloatField(blank=True, null=True)),
                ("closeness_implied", models.FloatField(blank=True, null=True)),
                ("overlap", models.FloatField(blank=True, null=True)),
                ("reciprocity_factor", models.FloatField(default=1.0)),
                ("stopped", models.FloatField(default=0.0)),
            ]
        ],
        *[
            migrations.AlterField(
                model_name="tiescore", name=name, field=models.CharField(max_length=length)
            )
            for name, length in [("layer_source", 16), ("status_reason", 24), ("cadence_source", 8)]
        ],
    ]
