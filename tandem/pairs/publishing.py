"""From a proposal to real pairs: publish, the two answers, reminders, and dissolving a pair later.

A pair waits for both answers until its deadline. Both accept: the pair is active and both get each
other's contact details. One declines: the pair is over, both are back in the pool, and the pair is
forbidden for later runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.audit.services import log_action
from tandem.jobs.services import between_chunks
from tandem.outbox.services import held_messages, queue_prepared, release_held
from tandem.pairs import emails
from tandem.pairs.engine_input import available_mentors
from tandem.pairs.models import MatchingRun, MatchingSettings, Pair, PairConstraint
from tandem.pairs.services import MatchingError, check_current, settings_for

Status = Pair.Status
Answer = Pair.Answer
REMINDER_LOOKAHEAD = timedelta(days=31)


class AnswerClosed(Exception):
    """The link cannot take an answer: ``reason`` is "answered", "closed" or "overdue"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def end_of_local_day(moment: datetime) -> datetime:
    """The last second of the day `moment` falls on, here: a deadline people read as a date ("by 9
    December") holds all that day."""
    return timezone.localtime(moment).replace(hour=23, minute=59, second=59, microsecond=0)


PUBLISH_CHUNK = 200  # pairs written per transaction (with their 400 introductions)


class PublicationUndone(Exception):
    """The publication was taken back while it ran (its job was marked interrupted): nothing stays."""


def publish_run(
    run: MatchingRun, *, by, now: datetime, report: Callable[[int, int], None] | None = None
) -> list[Pair]:
    """Create the run's pairs and send both sides their introduction. Publishes once: a second call
    (a double submit) finds the run published and returns no pairs.

    Large runs are published by the worker (`tandem.pairs.jobs`), so the work is cut into short
    transactions: the run is claimed first (marked published, so that nobody publishes it or another
    run meanwhile); every e-mail is rendered before anything else is written; the pairs and their
    e-mails are stored a chunk at a time, the e-mails held; the last transaction releases the e-mails.
    All or nothing: if anything fails on the way, the pairs and held e-mails are deleted and the run is
    unpublished again (`undo_publication`), so nobody hears of a half-published run. `report(done,
    total)` is told how far it has come (in steps: each pair prepared, then each pair written).
    """
    report = report or (lambda done, total: None)
    run, proposals, deadline = _claim(run, by=by, now=now)
    if run is None:
        return []
    try:
        return _publish(run, proposals, deadline, by=by, now=now, report=report)
    except BaseException:
        undo_publication(run)
        raise


def _claim(run: MatchingRun, *, by, now: datetime):
    """Check that the run may be published and mark it published (one short transaction)."""
    with transaction.atomic():
        run = (
            MatchingRun.objects.select_for_update(of=("self",))
            .select_related("program__organisation")
            .get(pk=run.pk)
        )
        if run.published_at is not None:
            return None, [], None
        if not run.is_done:
            raise MatchingError(_("This proposal is not ready yet."))
        check_current(run)
        proposals = list(run.proposed_pairs.select_related("mentee__form", "mentor__form"))
        if not proposals:
            raise MatchingError(_("There are no pairs to publish."))
        check_still_free(run, [(p.mentee_id, p.mentor_id) for p in proposals])
        deadline = end_of_local_day(now + timedelta(days=settings_for(run.program).answer_days))
        run.published_at = now
        run.published_by = by
        run.save(update_fields=["published_at", "published_by"])
    return run, proposals, deadline


def _publish(run: MatchingRun, proposals, deadline: datetime, *, by, now: datetime, report) -> list[Pair]:
    total = 2 * len(proposals)
    pairs = [
        Pair(
            program=run.program,
            run=run,
            mentee=p.mentee,
            mentor=p.mentor,
            score=p.score,
            reasons=p.reasons,
            published_at=now,
            answer_deadline=deadline,
        )
        for p in proposals
    ]
    # Rendering takes the time, so it happens before any write (the answer tokens are made with the pair).
    messages = []
    for done, pair in enumerate(pairs, start=1):
        messages.append([emails.build_introduction(pair, side) for side in Pair.SIDES])
        if done % PUBLISH_CHUNK == 0:
            report(done, total)
    for start in range(0, len(pairs), PUBLISH_CHUNK):
        if start:
            between_chunks()
        with transaction.atomic():
            Pair.objects.bulk_create(pairs[start : start + PUBLISH_CHUNK])
            queue_prepared(
                [message for both in messages[start : start + PUBLISH_CHUNK] for message in both], held=True
            )
            report(len(pairs) + min(start + PUBLISH_CHUNK, len(pairs)), total)
    between_chunks()
    with transaction.atomic():
        still_ours = MatchingRun.objects.select_for_update(of=("self",)).filter(pk=run.pk, published_at=now)
        if not still_ours.exists():
            raise PublicationUndone
        PairConstraint.objects.filter(
            program=run.program, kind=PairConstraint.Kind.LOCK, mentee_id__in=[p.mentee_id for p in proposals]
        ).delete()  # the locks did their work: these mentees now have a pair
        release_held(_introductions(run), now=now)
        log_action(
            "matching.published",
            actor=by,
            program=run.program,
            target=run,
            data={"run": run.number, "pairs": [p.pk for p in pairs], "answer_deadline": deadline.isoformat()},
            now=now,
        )
        report(total, total)
    return pairs


def _introductions(run: MatchingRun):
    return held_messages().filter(program=run.program, kind="pairs/emails/introduction")


def undo_publication(run: MatchingRun) -> None:
    """Take back a publication that did not finish: its pairs, its held introductions, the mark."""
    with transaction.atomic():
        _introductions(run).delete()
        Pair.objects.filter(run=run, status=Status.AWAITING, mentee_answer="", mentor_answer="").delete()
        MatchingRun.objects.filter(pk=run.pk).update(published_at=None, published_by=None)


def check_still_free(run: MatchingRun, proposals: list[tuple[int, int]]) -> None:
    """Nobody in the proposal (its (mentee id, mentor id) pairs) may have got a pair since the run
    (e.g. from another published run)."""
    if Pair.objects.live().filter(mentee_id__in=[mentee for mentee, _mentor in proposals]).exists():
        raise MatchingError(_("Some mentees in this proposal already have a pair. Run the matching again."))
    wanted = Counter(mentor for _mentee, mentor in proposals)
    free = dict(available_mentors(run.program).filter(pk__in=list(wanted)).values_list("pk", "free"))
    if any(free.get(mentor_id, 0) < count for mentor_id, count in wanted.items()):
        raise MatchingError(
            _("Some mentors in this proposal have no free place any more. Run the matching again.")
        )


def answer_introduction(pair: Pair, side: str, *, accept: bool, reason: str = "", now: datetime) -> Pair:
    """Record one side's answer through their link. Raises AnswerClosed when it cannot be taken."""
    with transaction.atomic():
        pair = (
            Pair.objects.select_for_update(of=("self",))
            .select_related("program__organisation", "mentee__form", "mentor__form")
            .get(pk=pair.pk)
        )
        if pair.answer_of(side):
            raise AnswerClosed("answered")
        if pair.status != Status.AWAITING:
            raise AnswerClosed("closed")
        if now >= pair.answer_deadline:
            raise AnswerClosed("overdue")
        setattr(pair, f"{side}_answer", Answer.ACCEPT if accept else Answer.DECLINE)
        setattr(pair, f"{side}_answered_at", now)
        if not accept:
            setattr(pair, f"{side}_decline_reason", reason.strip())
            _decline(pair, side)
        elif all(pair.answer_of(s) == Answer.ACCEPT for s in Pair.SIDES):
            pair.status = Status.ACTIVE
            for s in Pair.SIDES:
                emails.send_pair_confirmed(pair, s)
        pair.save()
        log_action(
            "pair.accepted" if accept else "pair.declined",
            program=pair.program,
            target=pair,
            data={"pair": pair.pk, "side": side, "status": pair.status, "with_reason": bool(reason.strip())},
            now=now,
        )
    return pair


def _decline(pair: Pair, side: str) -> None:
    """The pair is over: both return to the pool, the pair is never proposed again, the other is told."""
    pair.status = Status.DECLINED
    PairConstraint.objects.update_or_create(
        program=pair.program,
        mentee=pair.mentee,
        mentor=pair.mentor,
        defaults={"kind": PairConstraint.Kind.FORBID, "created_by": None},
    )
    emails.send_pair_cancelled(pair, pair.other_side(side))


def send_due_reminders(*, now: datetime) -> int:
    """Remind, once per pair, those who have not answered when the deadline is the program's
    reminder days away. Returns how many e-mails were queued."""
    sent = 0
    due = Pair.objects.filter(
        status=Status.AWAITING,
        reminded_at__isnull=True,
        answer_deadline__gt=now,
        answer_deadline__lte=now + REMINDER_LOOKAHEAD,
    ).values_list("pk", "program_id", "answer_deadline")
    days_by_program: dict[int, int] = {}
    for pk, program_id, deadline in due:
        if program_id not in days_by_program:
            days_by_program[program_id] = _reminder_days(program_id)
        days = days_by_program[program_id]
        if days and now >= deadline - timedelta(days=days):
            sent += _remind(pk, now=now)
    return sent


def _reminder_days(program_id: int) -> int:
    found = (
        MatchingSettings.objects.filter(program_id=program_id).values_list("reminder_days", flat=True).first()
    )
    return MatchingSettings._meta.get_field("reminder_days").default if found is None else found


def _remind(pk: int, *, now: datetime) -> int:
    with transaction.atomic():
        pair = (
            Pair.objects.select_for_update(of=("self",))
            .select_related("program__organisation", "mentee__form", "mentor__form")
            .filter(pk=pk, status=Status.AWAITING, reminded_at__isnull=True)
            .first()
        )
        if pair is None:  # another worker reminded it, or it was answered, in the meantime
            return 0
        for side in pair.waiting_for:
            emails.send_reminder(pair, side)
        pair.reminded_at = now
        pair.save(update_fields=["reminded_at"])
        return len(pair.waiting_for)


def dissolve_pair(pair: Pair, *, reason: str, by, now: datetime, forbid: bool = False) -> Pair:
    """End a pair (waiting or active) with the coordinator's reason; both return to the pool.
    With ``forbid``, later runs never propose the two together again (re-matching)."""
    with transaction.atomic():
        pair = (
            Pair.objects.select_for_update(of=("self",))
            .select_related("program__organisation")
            .get(pk=pair.pk)
        )
        if not pair.is_live:
            raise MatchingError(_("This pair has already ended."))
        pair.status = Status.DISSOLVED
        pair.dissolved_at = now
        pair.dissolved_by = by
        pair.dissolve_reason = reason.strip()
        pair.save(update_fields=["status", "dissolved_at", "dissolved_by", "dissolve_reason"])
        if forbid:
            PairConstraint.objects.update_or_create(
                program=pair.program,
                mentee_id=pair.mentee_id,
                mentor_id=pair.mentor_id,
                defaults={"kind": PairConstraint.Kind.FORBID, "created_by": by, "created_at": now},
            )
        log_action(
            "pair.dissolved",
            actor=by,
            program=pair.program,
            target=pair,
            data={"pair": pair.pk, "rematch": forbid},
            now=now,
        )
    return pair
