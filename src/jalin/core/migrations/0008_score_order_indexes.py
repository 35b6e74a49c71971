"""Indexes that hand today's list and the weekly plan their rows in order, and each score's
plan bound, filled for the scores already stored (priority + 0.01 × strength, as
``jalin.domain.plan.value_bound`` then computed)."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def fill_plan_bounds(apps, schema_editor):
    scores = apps.get_model("core", "TieScore")
    scores.objects.update(plan_bound=F("priority") + F("strength") * 0.01)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_participation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="tiescore",
            name="plan_bound",
            field=models.FloatField(default=0.0),
        ),
        migrations.RunPython(fill_plan_bounds, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["owner", "birthday_month", "birthday_day"], name="person_birthday"
            ),
        ),
        migrations.AddIndex(
            model_name="tiescore",
            index=models.Index(
                fields=["owner", "-priority", "person", "status"], name="score_urgency"
            ),
        ),
        migrations.AddIndex(
            model_name="tiescore",
            index=models.Index(
                fields=["owner", "-plan_bound", "person", "status"], name="score_plan"
            ),
        ),
    ]
