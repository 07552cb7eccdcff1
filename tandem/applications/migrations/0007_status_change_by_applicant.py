from django.db import migrations, models
from django.db.models import Q


def mark_the_applicants_own_steps(apps, schema_editor):
    """Until now an empty `by` meant the applicant. Of those steps, only two were theirs: the web form
    they sent (a first "received" step of a web application) and a withdrawal through their link. The
    rest (the demo's acceptances, a decision whose staff account is gone) were staff's."""
    StatusChange = apps.get_model("applications", "StatusChange")
    StatusChange.objects.filter(by__isnull=True).filter(
        Q(reason_code="withdrawn_by_applicant")
        | Q(from_status="", to_status="received", application__channel="web")
    ).update(by_applicant=True)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0006_special_categories"),
    ]

    operations = [
        migrations.AddField(
            model_name="statuschange",
            name="by_applicant",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_the_applicants_own_steps, migrations.RunPython.noop),
    ]
