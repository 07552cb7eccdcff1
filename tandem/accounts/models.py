"""Staff accounts, organisations and who belongs to which."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who works with programs: staff of an organisation or of a partner."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the Django admin"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    session_generation = models.PositiveIntegerField(
        default=0, help_text="Raised to end every session the person has open (see get_session_auth_hash)."
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django ends a session whose stored hash no longer matches this one (as after a new password).
        Raising `session_generation` changes it too: `end_all_sessions` signs the person out everywhere,
        e.g. when an admin resets their second factor because the phone was lost (with a session open)."""
        if not self.session_generation:  # as Django's own, so sessions from before this field stay valid
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "tandem.accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def end_all_sessions(self) -> None:
        """Sign the person out of every browser they are signed in on (at their next request)."""
        User.objects.filter(pk=self.pk).update(session_generation=models.F("session_generation") + 1)
        self.refresh_from_db(fields=["session_generation"])


class Organisation(models.Model):
    """A union, municipality, NGO or employer that runs programs, or partners in them."""

    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    members = models.ManyToManyField(User, through="Membership", related_name="organisations")
    # The sender of every e-mail sent on the organisation's behalf (outbox.services.prepare_email).
    email_sender_name = models.CharField(
        _("sender name in e-mails"),
        max_length=100,
        blank=True,
        help_text=_(
            "Shown as the sender of every e-mail Tandem sends for you. Empty: the organisation's name."
        ),
    )
    reply_to_email = models.EmailField(
        _("reply-to address"),
        blank=True,
        help_text=_("Where answers to Tandem's e-mails go, e.g. the program office's shared address."),
    )
    # The accessibility statement (tillgänglighetsredogörelse): whom to tell about a barrier.
    accessibility_email = models.EmailField(_("e-mail for reporting accessibility barriers"), blank=True)
    accessibility_phone = models.CharField(
        _("phone for reporting accessibility barriers"), max_length=40, blank=True
    )
    accessibility_reviewed_on = models.DateField(
        _("accessibility statement last reviewed"),
        null=True,
        blank=True,
        help_text=_("The date you last checked the statement against the service."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def sender_name(self) -> str:
        return self.email_sender_name or self.name

    @property
    def barrier_contact_email(self) -> str:
        """Where to report an accessibility barrier: the statement's own address, else the reply-to."""
        return self.accessibility_email or self.reply_to_email


class Membership(models.Model):
    """A person's place in an organisation; admins manage colleagues and see every program."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    is_admin = models.BooleanField(_("organisation admin"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_membership"),
        ]
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


def _new_token() -> str:
    """Kept for migration 0001, which names it."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """How an invitation link's token is stored: its SHA-256, so that the table alone opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def _unknown_token_hash() -> str:
    """The hash of a token nobody knows (an invitation made without `new_token` has no usable link)."""
    return hash_token(secrets.token_urlsafe(32))


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self, now=None) -> InvitationQuerySet:
        now = now or timezone.now()
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)

    def by_token(self, token: str) -> InvitationQuerySet:
        return self.filter(token_hash=hash_token(token or ""))


class Invitation(models.Model):
    """An e-mailed invitation to join an organisation as staff."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    is_admin = models.BooleanField(_("organisation admin"), default=False)
    language = models.CharField(
        _("language of the invitation"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    token_hash = models.CharField(max_length=64, unique=True, default=_unknown_token_hash, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation #{self.pk}"

    # The link's token in the clear: only on the instance that just made it (`new_token`), never stored.
    token = ""

    def new_token(self) -> str:
        """A new link for this invitation (an earlier link stops working once this is saved)."""
        self.token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(self.token)
        return self.token

    @staticmethod
    def default_expiry(now=None):
        return (now or timezone.now()) + timedelta(days=settings.INVITATION_VALID_DAYS)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now

    def status(self, now=None) -> str:
        """ "accepted", "revoked", "expired" or "open"."""
        if self.accepted_at is not None:
            return "accepted"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= (now or timezone.now()):
            return "expired"
        return "open"
