"""Users, plans, teams, and what members keep: favorites, personal notes,
search history, API keys. Also the rows that meter code page views and API use.

Codes are referred to by (system, code) rather than by a foreign key: a code
page outlives any one release, and a favorite must survive a new import.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower


class PlanName(models.TextChoices):
    GUEST = "guest", "Guest"
    FREE = "free", "Free"
    PRO = "pro", "Pro"
    TEAM = "team", "Team"


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    EMPLOYER = "employer", "Employer"
    STAFF = "staff", "Staff"


class Plan(models.Model):
    """The limits of one plan. Blank means unlimited. The rows are created from
    settings.PLAN_DEFAULTS; staff change them here."""

    name = models.CharField(max_length=10, choices=PlanName.choices, primary_key=True)
    code_page_views = models.PositiveIntegerField(
        null=True, blank=True, help_text="Distinct code pages in the metering window. Blank: unlimited."
    )
    assistant_questions_per_day = models.PositiveIntegerField(null=True, blank=True, help_text="Blank: unlimited.")
    email_consultations_per_month = models.PositiveIntegerField(null=True, blank=True, help_text="Blank: unlimited.")
    api_requests_per_minute = models.PositiveIntegerField(null=True, blank=True, help_text="Blank: unlimited.")
    api_requests_per_month = models.PositiveIntegerField(
        null=True, blank=True, help_text="API code lookups per calendar month. Blank: unlimited."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.get_name_display()


class CodingDeskUserManager(UserManager):
    """Users sign in with their email; there is no username."""

    use_in_migrations = True

    def _create_user_object(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        user = self.model(email=email, **extra_fields)
        user.password = ""
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        return user

    def _create_user(self, username, email, password, **extra_fields):
        user = self._create_user_object(username, email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.STAFF)
        extra_fields.setdefault("plan", PlanName.PRO)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    name = models.CharField(max_length=150, blank=True)
    plan = models.CharField(max_length=10, choices=PlanName.choices, default=PlanName.FREE)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    team = models.ForeignKey("Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    search_history_enabled = models.BooleanField(default=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = CodingDeskUserManager()

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case")]

    def __str__(self) -> str:
        return self.email

    @property
    def effective_plan(self) -> str:
        """A team member has the team plan whatever their own plan says."""
        return PlanName.TEAM if self.team_id else self.plan


class Team(models.Model):
    """A Team plan's seats. The owner is the team admin and invites members."""

    name = models.CharField(max_length=150)
    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="owned_team")
    seats = models.PositiveIntegerField(default=5)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class TeamInvitation(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    # Only a hash of the emailed token is kept.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.team}"


class FavoriteCode(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favorite_codes")
    system = models.CharField(max_length=16)
    code = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["system", "code"]
        constraints = [models.UniqueConstraint(fields=["user", "system", "code"], name="favorite_code_once")]

    def __str__(self) -> str:
        return f"{self.code} ({self.system})"


class CodeNote(models.Model):
    """A member's private note on a code, shown only to them on its page."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="code_notes")
    system = models.CharField(max_length=16)
    code = models.CharField(max_length=16)
    text = models.TextField(max_length=10_000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["user", "system", "code"], name="code_note_once")]

    def __str__(self) -> str:
        return f"Note on {self.code} ({self.system})"


class SearchHistoryEntry(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="search_history")
    query = models.CharField(max_length=500)
    searched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-searched_at"]
        indexes = [models.Index(fields=["user", "-searched_at"])]
        verbose_name_plural = "search history entries"

    def __str__(self) -> str:
        return self.query


class ApiKey(models.Model):
    """A key looks like ``cdk_<key_id>_<secret>``. The key id is public (it
    names the key in lists and commands); only a SHA-256 of the whole key is
    kept. The secret is 32 random bytes, so a slow hash adds nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100)
    key_id = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.key_id})"


class ApiUsage(models.Model):
    """API code lookups in one calendar month, for one member or one guest
    address ("user:42", "ip:<hash>")."""

    subject = models.CharField(max_length=80)
    month = models.DateField(help_text="The first day of the month.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subject", "month"], name="api_usage_once_a_month")]
        verbose_name_plural = "API usage"

    def __str__(self) -> str:
        return f"{self.subject} {self.month:%Y-%m}: {self.count}"


class CodeView(models.Model):
    """One metered code page view. A guest is known by the id in a signed
    cookie and by a keyed hash of the address; raw addresses are never kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="code_views"
    )
    guest_id = models.CharField(max_length=64, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    system = models.CharField(max_length=16)
    code = models.CharField(max_length=16)
    viewed_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "viewed_at"]),
            models.Index(fields=["guest_id", "viewed_at"]),
            models.Index(fields=["ip_hash", "viewed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} at {self.viewed_at:%Y-%m-%d %H:%M}"


class MeterLock(models.Model):
    """One row per guest cookie or address hash, locked (SELECT ... FOR UPDATE)
    while a guest's view is counted, so that two tabs opening pages at once
    cannot both spend the last view. Members lock their own user row."""

    key = models.CharField(max_length=80, unique=True)

    def __str__(self) -> str:
        return self.key
