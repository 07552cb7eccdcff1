"""Every field of every Tandem model that may hold personal data is declared, one way or the other."""

from __future__ import annotations

from django.db import models
from django.test.utils import isolate_apps

from tandem.privacy import registry


def test_every_text_file_json_and_date_field_is_declared():
    missing = registry.undeclared_fields()
    assert not missing, (
        "declare these fields in the app's personal_data.py (personal, with a treatment, or not_personal): "
        f"{missing}"
    )


def test_no_declaration_names_a_field_the_model_does_not_have():
    assert registry.unknown_names() == {}


@isolate_apps("tandem.privacy")
def test_the_check_sees_a_new_personal_field():
    class Passport(models.Model):
        number = models.CharField(max_length=20)
        born_on = models.DateField()
        scan = models.FileField()
        created_at = models.DateTimeField()
        count = models.IntegerField()

        class Meta:
            app_label = "privacy"

        def __str__(self) -> str:
            return self.number

    assert registry.checked_fields(Passport) == ["number", "born_on", "scan"]


def test_person_rows_are_found_for_every_personal_declaration():
    for declaration in registry.person_declarations():
        assert declaration.person or declaration.by_email or declaration.program_wide, declaration.model
        assert declaration.purpose, f"{declaration.model}: say why it is kept (the record of processing)"
