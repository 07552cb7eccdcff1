"""The printed attendance list (a PDF with a signature column) and attendance entered from it after the
meeting: the list is read back with pypdf, as a printer would have it."""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from tandem.audit.models import AuditEvent
from tandem.gatherings import services
from tandem.gatherings.models import Invitation
from tandem.gatherings.tests.helpers import a_meeting, invited
from tandem.intake.sheet import BOLD
from tandem.lib.testing.pages import table_rows, text

pytestmark = pytest.mark.django_db

ARABIC = "أمينة الحسن"
SWEDISH = "Åsa Öberg-Ängström"
HEADINGS = ["Namn", "Roll", "Närvarande", "Underskrift"]  # the Swedish staff's list
ROLES = {"Adept", "Mentor", "Arbetsgrupp", "Gäst"}


@pytest.fixture
def meeting(program, mentorships, coordinator, now):
    gathering = a_meeting(program, now=now)
    invited(gathering, now=now)  # Amira, Eva, Bashir, Johan and Karin (the coordinator)
    return gathering


@pytest.fixture
def staff(client: Client, coordinator) -> Client:
    client.force_login(coordinator)
    return client


def url(program, name: str, gathering, **extra) -> str:
    return reverse(f"gatherings:{name}", kwargs={"pk": program.pk, "gathering": gathering.pk, **extra})


def printed(response) -> list[list[str]]:
    """Each page's lines of text as pypdf reads them, Arabic letters back in their plain forms (the PDF
    draws them joined: presentation forms)."""
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return [
        [unicodedata.normalize("NFKC", line).strip() for line in page.extract_text().splitlines()]
        for page in reader.pages
    ]


def rows_of(lines: list[str]) -> list[tuple[str, str]]:
    """The (name, role) rows under the column headings of one page (the empty rows have no text)."""
    start = lines.index(HEADINGS[-1]) + 1
    assert lines[start - len(HEADINGS) : start] == HEADINGS, lines[:8]
    body = lines[start:]
    rows = list(zip(body[::2], body[1::2], strict=True))
    assert all(role in ROLES for _name, role in rows), rows
    return rows


def heading_positions(response) -> dict[str, float]:
    """Where each column heading of the first page starts (x, in points)."""
    found: dict[str, float] = {}

    def visit(text_, cm, tm, font, size):
        if text_.strip() in HEADINGS:
            found[text_.strip()] = tm[4] * cm[0] + cm[4]

    PdfReader(io.BytesIO(response.content)).pages[0].extract_text(visitor_text=visit)
    return found


def test_the_printed_list_has_a_signature_column_and_a_row_for_each_person_expected(
    staff, program, meeting, coordinator, now
):
    for name, email, role in ((ARABIC, "amina@example.org", "mentee"), (SWEDISH, "asa@example.se", "mentor")):
        Invitation.objects.create(gathering=meeting, name=name, email=email, role=role, invited_at=now)
    johan = Invitation.objects.get(gathering=meeting, name="Johan Ek")
    services.answer_invitation(johan, answer="no", note="Bortrest", now=now)
    services.add_walk_in(meeting, name="Nadia Karim", email="", by=coordinator, now=now)
    expected = {
        person.name: str(person.get_role_display())
        for person in Invitation.objects.filter(gathering=meeting).exclude(answer="no")
    }

    (page,) = printed(staff.get(url(program, "pdf", meeting)))

    rows = rows_of(page)
    assert Counter(name for name, _role in rows) == Counter(list(expected))  # each once, nobody else
    assert dict(rows) == expected
    assert ARABIC in dict(rows) and SWEDISH in dict(rows)  # joined Arabic letters read back as written
    assert "Johan Ek" not in page  # he said no: not on the door's list
    assert page[0] == "Uppstartsträff" and "Folkets hus, Järntorget 1, Göteborg" in page[1]
    x = heading_positions(staff.get(url(program, "pdf", meeting)))
    assert sorted(x, key=x.get) == HEADINGS
    for left, right in zip(HEADINGS, HEADINGS[1:], strict=False):  # no heading runs into the next one
        assert x[left] + stringWidth(left, BOLD, 9) < x[right], (left, right, x)


def test_a_long_list_repeats_the_headings_on_every_page_and_keeps_each_name_once(
    staff, program, meeting, now
):
    Invitation.objects.bulk_create(
        Invitation(gathering=meeting, name=f"Deltagare {n:02d}", email=f"d{n}@example.org", role="mentee")
        for n in range(40)
    )
    long_arabic = "عبد الرحمن بن محمد بن عبد الله الحسيني القحطاني الدوسري العتيبي"
    Invitation.objects.create(gathering=meeting, name=long_arabic, email="long@example.org", role="mentee")

    pages = printed(staff.get(url(program, "pdf", meeting)))

    assert len(pages) >= 2
    rows = [row for page in pages for row in rows_of(page)]  # rows_of finds the headings on each page
    names = [name for name, _role in rows]
    assert len(names) == meeting.invitations.count() == 46 and len(set(names)) == 46
    # A name too long for its column is cut at its end, so an Arabic name keeps its beginning.
    # A name too long for its column is cut at its end, so an Arabic name keeps its beginning, and
    # "الله" prints as its letters (the font has no glyph for the ligature).
    (cut,) = [name for name in names if "عبد الرحمن" in name]
    assert "..." in cut and "\x00" not in cut
    shown = cut.replace("...", "").strip()
    assert long_arabic.startswith(shown) and "عبد الله" in shown and len(shown) < len(long_arabic)


def test_attendance_is_entered_after_the_meeting_from_the_printed_list(
    staff, program, meeting, coordinator, now, time_machine
):
    people = {person.name: person for person in meeting.invitations.all()}
    services.answer_invitation(people["Amira Haddad"], answer="yes", note="", now=now)
    services.answer_invitation(people["Eva Berg"], answer="yes", note="", now=now)
    services.answer_invitation(people["Johan Ek"], answer="no", note="", now=now)
    the_day_after = meeting.ends_at + timedelta(days=1)
    time_machine.move_to(the_day_after)
    staff.force_login(coordinator)  # a new working day, a new log-in
    detail = staff.get(url(program, "detail", meeting))
    assert "Närvarande: 0" in text(detail)
    assert url(program, "check_in", meeting) in detail.text  # "Enter who came from the printed list"
    assert "Ange vilka som kom från den utskrivna listan" in text(detail)
    (sheet,) = printed(staff.get(url(program, "pdf", meeting)))
    on_paper = dict(rows_of(sheet))

    # Signed on paper: Amira (said yes) and Bashir (never answered); Nadia wrote herself in on an empty
    # row; Eva said yes but did not come.
    for name in ("Amira Haddad", "Bashir Rahimi"):
        assert name in on_paper
        found = staff.get(url(program, "check_in", meeting) + "?" + urlencode({"q": name}))
        assert "Mötet är över" in text(found)
        (person,) = found.context["people"]
        response = staff.post(url(program, "check_in_one", meeting, invitation=person.pk), {"q": name})
        assert response.status_code == 302
    staff.post(url(program, "walk_in", meeting), {"name": "Nadia Karim", "email": ""})
    # A wrong tick is taken back.
    staff.post(url(program, "check_in_one", meeting, invitation=people["Eva Berg"].pk))
    staff.post(url(program, "check_in_one", meeting, invitation=people["Eva Berg"].pk), {"undo": "1"})

    present = Invitation.objects.filter(gathering=meeting, checked_in_at__isnull=False)
    assert sorted(present.values_list("name", flat=True)) == ["Amira Haddad", "Bashir Rahimi", "Nadia Karim"]
    assert all(p.checked_in_at >= meeting.ends_at and p.checked_in_by == coordinator for p in present)
    assert "3 närvarande av 5 inbjudna" in text(staff.get(url(program, "check_in", meeting)))
    figures = text(staff.get(url(program, "detail", meeting)))
    for figure in ("Inbjudna: 5", "Ja: 2", "Nej: 1", "Inget svar: 2", "Närvarande: 3 (1 oanmäld)"):
        assert figure in figures
    health = table_rows(staff.get(reverse("health:program", args=[program.pk])), "gathering-figures")
    (row,) = [cells for cells in health if cells[0].startswith("Uppstartsträff")]
    assert row[1:] == ["5", "2", "1", "0", "2", "3 (1 oanmäld)"]
    assert AuditEvent.objects.filter(action="gathering.checked_in").count() == 3
