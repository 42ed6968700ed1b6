from django.db import migrations


def load(apps, schema_editor):
    from renda.core.workdays import package_calendar_rows

    CalendarDay = apps.get_model("core", "CalendarDay")
    existing = set(CalendarDay.objects.values_list("date", flat=True))
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(date=day, kind=kind, name=name, source="package")
            for day, kind, name in package_calendar_rows()
            if day not in existing
        ],
        batch_size=500,
    )


def unload(apps, schema_editor):
    apps.get_model("core", "CalendarDay").objects.filter(source="package").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
