"""A round's response figures for the coordinators' round page, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from tandem.followup.models import Channel, Invitation, Response, Round


@dataclass(frozen=True)
class RoleFigures:
    role: str
    invited: int
    answered: int
    partial: int

    @property
    def rate(self) -> int | None:
        """Per cent of those invited who sent their answers (None when nobody was invited)."""
        return round(100 * self.answered / self.invited) if self.invited else None


@dataclass(frozen=True)
class RoundFigures:
    roles: list[RoleFigures]
    channels: list[tuple[str, int]]  # (channel label, complete responses), every channel listed
    anonymous: int

    @property
    def invited(self) -> int:
        return sum(r.invited for r in self.roles)

    @property
    def answered(self) -> int:
        return sum(r.answered for r in self.roles)

    @property
    def rate(self) -> int | None:
        return round(100 * self.answered / self.invited) if self.invited else None


def figures_for(round_: Round) -> RoundFigures:
    """Invited and answered by role (2 queries), complete responses by channel (1 query)."""
    invited = dict(
        Invitation.objects.filter(round=round_)
        .values("role")
        .annotate(n=Count("id"))
        .values_list("role", "n")
    )
    by_role = {
        row["role"]: row
        for row in Response.objects.filter(round=round_, invitation__isnull=False)
        .values("role")
        .annotate(
            answered=Count("id", filter=Q(completed_at__isnull=False)),
            partial=Count("id", filter=Q(completed_at__isnull=True)),
        )
    }
    channel_rows = (
        Response.objects.filter(round=round_, completed_at__isnull=False)
        .values("channel")
        .annotate(n=Count("id"), anonymous=Count("id", filter=Q(invitation__isnull=True)))
    )
    per_channel = {row["channel"]: row["n"] for row in channel_rows}
    anonymous = sum(row["anonymous"] for row in channel_rows)
    roles = [
        RoleFigures(
            role,
            invited.get(role, 0),
            by_role.get(role, {}).get("answered", 0),
            by_role.get(role, {}).get("partial", 0),
        )
        for role in ("mentee", "mentor")
    ]
    channels = [(str(label), per_channel.get(value, 0)) for value, label in Channel.choices]
    return RoundFigures(roles, channels, anonymous)


def not_answered(round_: Round):
    """Who has not sent their answers, with their phone number, by name (one query)."""
    return (
        Invitation.objects.filter(round=round_, answered_at__isnull=True)
        .select_related("application", "response")
        .order_by("name", "pk")
    )
