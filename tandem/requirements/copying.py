"""The requirement profiles carried into the copy for the next cohort (registered with
`programs.copying`). A criterion on a custom question is pointed at the copied question by the
applications app once it has copied the forms (`point_at_copied_questions`): the profiles are copied
first, and this app cannot see the questions."""

from __future__ import annotations

from datetime import datetime

from tandem.programs.models import Program
from tandem.reference.choices import CriterionKind
from tandem.requirements.models import Criterion, RequirementProfile


def copy_profiles(source: Program, copy: Program, *, by, now: datetime) -> None:
    for profile in RequirementProfile.objects.filter(program=source).prefetch_related("criteria"):
        new_profile = RequirementProfile.objects.create(program=copy, role=profile.role, created_at=now)
        Criterion.objects.bulk_create(
            Criterion(
                profile=new_profile,
                kind=c.kind,
                importance=c.importance,
                weight=c.weight,
                params=c.params,
                order=c.order,
            )
            for c in profile.criteria.all()
        )


def point_at_copied_questions(copy: Program, copied: dict[int, int]) -> None:
    """Point the copy's criteria on custom questions at the copies of their questions (`copied`: old
    question id → new). A criterion whose question was not copied (it was removed) is dropped: it could
    never be answered in the new program."""
    changed, dropped = [], []
    for criterion in Criterion.objects.filter(profile__program=copy, kind=CriterionKind.CUSTOM_QUESTION):
        new = copied.get(criterion.params.get("question"))
        if new is None:
            dropped.append(criterion.pk)
        else:
            criterion.params = {**criterion.params, "question": new}
            changed.append(criterion)
    Criterion.objects.bulk_update(changed, ["params"])
    Criterion.objects.filter(pk__in=dropped).delete()
