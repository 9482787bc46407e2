"""NCCI procedure-to-procedure (PTP) edits and medically unlikely edits (MUE),
one versioned release per CMS dataset.

Every edit row belongs to exactly one release, so a claim is checked against
the release in force on its date of service. The practitioner PTP release is
about 2.4 million rows, so its rows are kept lean: codes in five-character
columns, one-character indicators, and the rationale (a few dozen distinct
sentences) in a table of its own.
"""

from django.db import models


class EditDataset(models.TextChoices):
    PTP_PRACTITIONER = "ptp_practitioner", "NCCI PTP edits, practitioner"
    PTP_HOSPITAL = "ptp_hospital", "NCCI PTP edits, outpatient hospital"
    MUE_PRACTITIONER = "mue_practitioner", "MUE, practitioner services"
    MUE_HOSPITAL = "mue_hospital", "MUE, outpatient hospital services"
    MUE_DME = "mue_dme", "MUE, DME supplier services"


class EditRelease(models.Model):
    dataset = models.CharField(max_length=20, choices=EditDataset.choices)
    version = models.CharField(max_length=20, help_text='NCCI version ("32.2") or MUE effective date ("2026-07-01").')
    effective_from = models.DateField()
    # The day before the next release of the same dataset starts; null for the newest.
    effective_to = models.DateField(null=True, blank=True)
    # [{"name": "ccipra-v322r0-f1.txt", "sha256": "..."}], in part order.
    source_files = models.JSONField(default=list)
    # One digest over all source files: importing the same files again is a no-op.
    checksum = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    row_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["dataset", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "checksum"], name="edit_release_unique_checksum"),
            models.UniqueConstraint(fields=["dataset", "version"], name="edit_release_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.get_dataset_display()} {self.version}"


class EditRationale(models.Model):
    """A PTP edit rationale ("Misuse of Column Two code with Column One code").
    Kept once here rather than on each of millions of rows."""

    id = models.SmallAutoField(primary_key=True)
    text = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return self.text


class ModifierIndicator(models.TextChoices):
    NOT_ALLOWED = "0", "0: no modifier allowed"
    ALLOWED = "1", "1: an NCCI-associated modifier allowed"
    NOT_APPLICABLE = "9", "9: not applicable"


class PtpEdit(models.Model):
    release = models.ForeignKey(EditRelease, on_delete=models.CASCADE, related_name="ptp_edits")
    column1 = models.CharField(max_length=5)
    column2 = models.CharField(max_length=5)
    in_existence_prior_1996 = models.BooleanField(default=False)
    effective = models.DateField()
    # None where the file says "*" (no deletion).
    deletion = models.DateField(null=True, blank=True)
    modifier_indicator = models.CharField(max_length=1, choices=ModifierIndicator.choices)
    rationale = models.ForeignKey(EditRationale, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [
            # column2 as well, so a claim's pair lookup (column1 IN codes AND
            # column2 IN codes) is answered by seeks, however many edits a
            # column 1 code has.
            models.Index(fields=["release", "column1", "column2"], name="ptp_edit_column1"),
            models.Index(fields=["release", "column2"], name="ptp_edit_column2"),
        ]

    def __str__(self) -> str:
        return f"{self.column1}/{self.column2} ({self.modifier_indicator})"


class MueAdjudicationIndicator(models.TextChoices):
    CLAIM_LINE = "1", "1: claim line edit"
    DATE_OF_SERVICE_POLICY = "2", "2: date of service edit, policy"
    DATE_OF_SERVICE_CLINICAL = "3", "3: date of service edit, clinical"


class MueLimit(models.Model):
    release = models.ForeignKey(EditRelease, on_delete=models.CASCADE, related_name="mue_limits")
    code = models.CharField(max_length=5)
    mue = models.PositiveIntegerField()
    mai = models.CharField(max_length=1, choices=MueAdjudicationIndicator.choices)
    rationale = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["release", "code"], name="mue_limit_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}: {self.mue} (MAI {self.mai})"
