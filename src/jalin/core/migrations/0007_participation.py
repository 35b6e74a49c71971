"""The people of an interaction get a model of their own, ``Participation``, on the table
the many-to-many field always had, with what the relationship model reads beside each row:
the owner, the interaction's time as an epoch second, and its packed shape. Existing rows are
filled from their interactions."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    from jalin.core.participation import refresh

    Interaction = apps.get_model("core", "Interaction")
    ids = list(Interaction.objects.values_list("pk", flat=True))
    refresh(ids, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_tie_score_columns"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Participation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "interaction",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="core.interaction",
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, to="core.person"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "core_interaction_participants",
                        "unique_together": {("interaction", "person")},
                    },
                ),
                migrations.AlterField(
                    model_name="interaction",
                    name="participants",
                    field=models.ManyToManyField(
                        related_name="interactions", through="core.Participation", to="core.person"
                    ),
                ),
            ]
        ),
        migrations.AddField(
            model_name="participation",
            name="owner",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="participation", name="at", field=models.BigIntegerField(default=0)
        ),
        migrations.AddField(
            model_name="participation", name="shape", field=models.BigIntegerField(default=0)
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="participation",
            name="owner",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddIndex(
            model_name="participation",
            index=models.Index(
                fields=["owner", "person", "at", "shape"], name="participation_history"
            ),
        ),
    ]
