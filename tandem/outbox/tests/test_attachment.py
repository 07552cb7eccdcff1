"""A message may carry one text attachment (a calendar invitation), stored with it and delivered as is."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.outbox.services import deliver_due, prepare_email, queue_prepared

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


def test_a_calendar_attachment_reaches_the_smtp_server(smtp_server, program):
    message = prepare_email(to=["adept@example.org"], subject="Inbjudan", text="Välkommen!", program=program)
    message.attach_text("meeting.ics", ICS, "text/calendar; method=REQUEST")
    queue_prepared([message])

    assert deliver_due(now=timezone.now()).sent == 1

    [received] = smtp_server.messages
    [attachment] = list(received.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    assert attachment.get_filename() == "meeting.ics"
    assert attachment.get_content().replace("\r\n", "\n") == ICS.replace("\r\n", "\n")
    assert received.get_body(("plain",)).get_content().strip() == "Välkommen!"


def test_only_text_attachments_are_carried(program):
    message = prepare_email(to=["adept@example.org"], subject="x", text="y", program=program)
    with pytest.raises(ValueError):
        message.attach_text("cv.pdf", "%PDF", "application/pdf")
