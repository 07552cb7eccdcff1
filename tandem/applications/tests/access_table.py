"""Who gets which status on the recruitment URLs (walked by tandem/lib/tests/test_permissions.py).

Staff pages follow the program: editors may use them, read-only viewers get 403, everyone else 404.
The CV download is 404 for anyone who may not see the program, signed in or not. The applicant's pages
are open to all; the rows use requests that answer 200 (or 405), because the table reads any 302 for
an anonymous visitor as "sent to the log-in page".
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.applications.models import Application, ApplicationForm
from tandem.applications.services import create_default_form
from tandem.lib.testing.access import PROGRAM_CHANGE, PROGRAM_EDIT_PAGE, Row, program_kwargs, statuses
from tandem.programs.tests.access_table import viewer_sees_people

OPEN_TO_ALL = statuses(
    admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=200, anonymous=200
)
METHOD_NOT_ALLOWED = statuses(
    admin=405, coordinator=405, partner_coordinator=405, viewer=405, outsider=405, anonymous=405
)
# A CV is for those who work with the applicants: viewers see figures and pseudonymised lists only.
CV_DOWNLOAD = statuses(
    admin=200, coordinator=200, partner_coordinator=200, viewer=403, outsider=404, anonymous=404
)
# ... unless a coordinator granted the viewer the people (`ProgramRole.sees_people`).
CV_DOWNLOAD_GRANTED = statuses(
    admin=200, coordinator=200, partner_coordinator=200, viewer=200, outsider=404, anonymous=404
)
CV_NAME = "cv/00000000000000000000000000000000.pdf"


def add_form(world: dict[str, Any]) -> None:
    form = create_default_form(world["program"], "mentee", now=timezone.now())
    form.is_published = True
    form.save()
    world["form"] = form


def add_closed_form(world: dict[str, Any]) -> None:
    world["form"] = create_default_form(world["program"], "mentee", now=timezone.now())


def add_place_offer(world: dict[str, Any]) -> None:
    """The cast's program copied from an earlier one, whose waitlisted applicant has an offer."""
    from tandem.applications.models import PlaceOffer
    from tandem.programs.models import Program

    add_form(world)
    earlier = Program.objects.create(organisation=world["program"].organisation, name="Förra omgången")
    world["program"].copied_from = earlier
    world["program"].save(update_fields=["copied_from"])
    waitlisted = Application.objects.create(
        program=earlier, role="mentee", first_name="Amal", last_name="Said", email="amal@example.org"
    )
    world["offer"] = PlaceOffer.objects.create(application=waitlisted, program=world["program"])


def add_application(world: dict[str, Any]) -> None:
    """An application with a CV file in private storage."""
    from django.conf import settings

    add_form(world)
    path = settings.PRIVATE_STORAGE_DIR / CV_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    world["application"] = Application.objects.create(
        program=world["program"],
        role="mentee",
        form=world["form"],
        first_name="Amira",
        last_name="Haddad",
        email="amira@example.org",
        cv=CV_NAME,
        cv_original_name="cv.pdf",
    )


def add_application_viewer_sees_people(world: dict[str, Any]) -> None:
    add_application(world)
    viewer_sees_people(world)


def form_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["form"].pk}


def question_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["form"].questions.get(builtin="phone").pk}


def public_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"slug": world["form"].slug, "lang": "sv"}


def _form(world: dict[str, Any]) -> ApplicationForm:
    return world["form"]


ROWS = [
    # --- Coordinators' pages ---
    Row("applications:form_list", PROGRAM_EDIT_PAGE, program_kwargs),
    Row(
        "applications:form_create",
        PROGRAM_CHANGE,
        program_kwargs,
        method="POST",
        data=lambda w: {"role": "mentor"},
    ),
    Row("applications:form_settings", PROGRAM_EDIT_PAGE, form_kwargs, setup=add_form),
    Row(
        "applications:form_address_limit",
        PROGRAM_CHANGE,
        form_kwargs,
        method="POST",
        data=lambda w: {"reset": "1"},
        setup=add_form,
    ),
    Row("applications:questions", PROGRAM_EDIT_PAGE, form_kwargs, setup=add_form),
    Row(
        "applications:question_add",
        PROGRAM_CHANGE,
        form_kwargs,
        method="POST",
        data=lambda w: {"custom_type": "short_text", "label": "Körkort?", "page": "custom"},
        setup=add_form,
    ),
    Row(
        "applications:builtin_add",
        PROGRAM_CHANGE,
        form_kwargs,
        method="POST",
        data=lambda w: {"key": "gender"},
        setup=add_form,
    ),
    Row("applications:question_edit", PROGRAM_EDIT_PAGE, question_kwargs, setup=add_form),
    Row(
        "applications:question_move",
        PROGRAM_CHANGE,
        question_kwargs,
        method="POST",
        data=lambda w: {"direction": "up"},
        setup=add_form,
    ),
    Row("applications:question_remove", PROGRAM_CHANGE, question_kwargs, method="POST", setup=add_form),
    Row("applications:translations", PROGRAM_EDIT_PAGE, form_kwargs, setup=add_form),
    Row(
        "applications:translation_edit",
        PROGRAM_EDIT_PAGE,
        lambda w: {"pk": w["form"].pk, "lang": "en"},
        setup=add_form,
    ),
    Row("applications:consent", PROGRAM_EDIT_PAGE, form_kwargs, setup=add_form),
    Row("applications:cv", CV_DOWNLOAD, lambda w: {"pk": w["application"].pk}, setup=add_application),
    Row(
        "applications:cv",
        CV_DOWNLOAD_GRANTED,
        lambda w: {"pk": w["application"].pk},
        setup=add_application_viewer_sees_people,
        note="a coordinator granted the viewer the people",
    ),
    # --- The applicant's pages (no log-in) ---
    Row(
        "apply:start",
        METHOD_NOT_ALLOWED,
        lambda w: {"slug": w["form"].slug},
        method="POST",
        setup=add_form,
        note="GET redirects to the landing page in the browser's language",
    ),
    Row("apply:landing", OPEN_TO_ALL, public_kwargs, setup=add_form),
    Row("apply:step", OPEN_TO_ALL, lambda w: {**public_kwargs(w), "page": "contact"}, setup=add_form),
    Row("apply:summary", OPEN_TO_ALL, public_kwargs, setup=add_closed_form, note="a closed form says so"),
    Row(
        "apply:sent",
        METHOD_NOT_ALLOWED,
        public_kwargs,
        method="POST",
        setup=add_form,
        note="GET without a sent application redirects to the landing page",
    ),
    Row(
        "apply:occupations",
        OPEN_TO_ALL,
        public_kwargs,
        query="field=occupation_wanted&occupation_wanted_query=revisor",
        setup=add_form,
    ),
    Row(
        "apply:withdraw",
        OPEN_TO_ALL,
        lambda w: {"token": w["application"].withdraw_token},
        setup=add_application,
    ),
    Row("apply:offer", OPEN_TO_ALL, lambda w: {"token": w["offer"].token}, setup=add_place_offer),
    Row("applications:place_offers", PROGRAM_EDIT_PAGE, program_kwargs, setup=add_place_offer),
    Row(
        "applications:place_offers",
        PROGRAM_CHANGE,
        program_kwargs,
        method="POST",
        setup=add_place_offer,
        note="the program does not recruit: nothing is sent, the page says why",
    ),
]
