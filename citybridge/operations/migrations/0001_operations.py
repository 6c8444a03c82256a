from django.core.management import call_command
from django.db import migrations, models
import django.utils.timezone


def cache_table(apps, schema_editor) -> None:
    # CITYBRIDGE_CACHE_URL=db:// keeps the shared cache in this table: made here, so
    # `citybridge migrate` is all a deployment runs (it does nothing for other caches).
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []

    operations = [
        migrations.CreateModel(
            name="Heartbeat",
            fields=[
                ("name", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("seen_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.CreateModel(
            name="Duty",
            fields=[
                ("name", models.CharField(max_length=50, primary_key=True, serialize=False)),
                ("due_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"verbose_name_plural": "duties"},
        ),
        migrations.CreateModel(
            name="ScheduledRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("duty", models.CharField(max_length=50)),
                ("started_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                ("outcome", models.CharField(choices=[("running", "Running"), ("done", "Done"), ("failed", "Failed")], default="running", max_length=10)),
                ("summary", models.TextField(blank=True)),
            ],
            options={
                "ordering": ["-started_at"],
                "indexes": [models.Index(fields=["duty", "-started_at"], name="run_duty_started")],
            },
        ),
        migrations.RunPython(cache_table, migrations.RunPython.noop),
    ]
