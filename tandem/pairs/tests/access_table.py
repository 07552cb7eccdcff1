"""Who gets what from the matching and pairs pages (walked by tandem/lib/tests/test_permissions.py).

Editors' changes redirect (302), viewers may look but not change (403), outsiders see nothing (404).
The answer page belongs to whoever holds the link, signed in or not.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.lib.testing.access import (
    LINK_HOLDERS,
    PEOPLE_PAGE,
    PROGRAM_CHANGE,
    PROGRAM_EDIT_PAGE,
    PROGRAM_PAGE,
    Row,
    link_rows,
    program_kwargs,
)
from tandem.matching.criteria import CRITERIA
from tandem.pairs import services
from tandem.pairs.models import PairConstraint
from tandem.pairs.publishing import publish_run
from tandem.pairs.tests.people import build_cohort


def with_run(world: dict[str, Any]) -> None:
    world["people"] = build_cohort(world["program"])
    world["run"] = services.start_run(world["program"], by=world["admin"], now=timezone.now())
    world["pairs"] = {p.mentee.first_name: p for p in world["run"].proposed_pairs.select_related("mentee")}


def with_two_runs(world: dict[str, Any]) -> None:
    with_run(world)
    world["run"] = services.start_run(world["program"], by=world["admin"], now=timezone.now())


def with_forbid(world: dict[str, Any]) -> None:
    with_run(world)
    people = world["people"]
    world["forbid"] = PairConstraint.objects.create(
        program=world["program"], mentee=people["fatima"], mentor=people["eva"], kind="forbid"
    )


def with_published_pair(world: dict[str, Any]) -> None:
    with_run(world)
    world["published"] = publish_run(world["run"], by=world["admin"], now=timezone.now())[0]


def run_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["program"].pk, "run": world["run"].number}


def proposed_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {**run_kwargs(world), "proposed": world["pairs"]["Bashir"].pk}


def unmatched_kwargs(world: dict[str, Any]) -> dict[str, Any]:
    return {**run_kwargs(world), "unmatched": world["run"].unmatched.get().pk}


def settings_data(world: dict[str, Any]) -> dict[str, Any]:
    return {
        "preset": "general",
        **{f"weight_{name}": "1" for name in CRITERIA},
        "rule_exclusions": "on",
        "answer_days": "7",
        "reminder_days": "2",
    }


ROWS = [
    Row("pairs:matching", PROGRAM_PAGE, kwargs=program_kwargs),
    Row("pairs:matching", PROGRAM_CHANGE, kwargs=program_kwargs, method="POST", data=settings_data),
    Row("pairs:capacities", PEOPLE_PAGE, kwargs=program_kwargs, setup=with_run),
    Row(
        "pairs:capacities",
        PROGRAM_CHANGE,
        kwargs=program_kwargs,
        method="POST",
        setup=with_run,
        data=lambda world: {
            f"capacity_{world['people']['eva'].pk}": "2",
            f"capacity_{world['people']['johan'].pk}": "1",
            f"capacity_{world['people']['sara'].pk}": "1",
        },
    ),
    Row("pairs:run_start", PROGRAM_CHANGE, kwargs=program_kwargs, method="POST", setup=with_run),
    Row(
        "pairs:allow",
        PROGRAM_CHANGE,
        kwargs=lambda world: {"pk": world["program"].pk, "constraint": world["forbid"].pk},
        method="POST",
        setup=with_forbid,
    ),
    Row("pairs:proposal", PEOPLE_PAGE, kwargs=run_kwargs, setup=with_run),
    Row("pairs:compare", PEOPLE_PAGE, kwargs=run_kwargs, setup=with_two_runs),
    Row("pairs:publish", PROGRAM_EDIT_PAGE, kwargs=run_kwargs, setup=with_run),
    Row("pairs:publish", PROGRAM_CHANGE, kwargs=run_kwargs, method="POST", setup=with_run),
    Row(
        "pairs:swap",
        PROGRAM_CHANGE,
        kwargs=run_kwargs,
        method="POST",
        setup=with_run,
        data=lambda world: {"first": world["pairs"]["Amira"].pk, "second": world["pairs"]["Daniel"].pk},
    ),
    Row(
        "pairs:pick",
        PROGRAM_CHANGE,
        kwargs=run_kwargs,
        method="POST",
        setup=with_run,
        data=lambda world: {"mentee": world["people"]["fatima"].pk, "mentor": world["people"]["sara"].pk},
    ),
    Row("pairs:lock", PROGRAM_CHANGE, kwargs=proposed_kwargs, method="POST", setup=with_run),
    Row("pairs:unlock", PROGRAM_CHANGE, kwargs=proposed_kwargs, method="POST", setup=with_run),
    Row("pairs:forbid", PROGRAM_CHANGE, kwargs=proposed_kwargs, method="POST", setup=with_run),
    Row("pairs:waitlist", PROGRAM_CHANGE, kwargs=unmatched_kwargs, method="POST", setup=with_run),
    Row("pairs:pair_list", PEOPLE_PAGE, kwargs=program_kwargs, setup=with_published_pair),
    Row(
        "pairs:dissolve",
        PROGRAM_EDIT_PAGE,
        kwargs=lambda world: {"pk": world["program"].pk, "pair": world["published"].pk},
        setup=with_published_pair,
    ),
    Row(
        "pairs:dissolve",
        PROGRAM_CHANGE,
        kwargs=lambda world: {"pk": world["program"].pk, "pair": world["published"].pk},
        method="POST",
        setup=with_published_pair,
        data=lambda world: {"reason": "Adepten har fått jobb i en annan stad."},
    ),
    *link_rows(
        "pair_answer:answer",
        kwargs=lambda world: {"token": world["published"].mentee_token},
        post_kwargs=lambda world: {"token": world["published"].mentor_token},
        setup=with_published_pair,
        data=lambda world: {"answer": "maybe"},
        posted=LINK_HOLDERS,
        note="an answer that is neither yes nor no shows the page again (a real answer redirects to it)",
    ),
]
