"""The Medicare physician fee schedule: versioned releases of the CMS RVU
file (PPRRVU) and of the geographic practice cost indices (GPCI, Addendum E),
and their rows.

Every row belongs to exactly one release, so a fee can be priced "as of" a
date of service with the RVUs, conversion factor and GPCIs then in force.
The RVU file's DESCRIPTION column (AMA CPT short descriptors) is never
stored: CPT text must not be shown without a licence.
"""

from django.db import models


class FeeDataset(models.TextChoices):
    RVU = "rvu", "Physician fee schedule RVUs (PPRRVU)"
    GPCI = "gpci", "Geographic practice cost indices (GPCI)"


class FeeRelease(models.Model):
    dataset = models.CharField(max_length=8, choices=FeeDataset.choices)
    version = models.CharField(max_length=20, help_text="2026-A (RVU, January release) or 2026 (GPCI).")
    year = models.PositiveSmallIntegerField(help_text="The calendar year the file prices.")
    effective_from = models.DateField()
    # The last day the release is in force: the end of its calendar year, or
    # the day before a newer release of the same dataset takes effect
    # (services.fee_release_import keeps the chain up to date).
    effective_to = models.DateField(null=True, blank=True)
    # [{"name": "PPRRVU26_JAN.csv", "sha256": "..."}]
    source_files = models.JSONField(default=list)
    # One digest over all source files: importing the same files again is a no-op.
    checksum = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    row_count = models.PositiveIntegerField(default=0)
    # RVU releases only: the CONV FACTOR column of the file.
    conversion_factor = models.DecimalField(max_digits=8, decimal_places=4, null=True, blank=True)
    # Footnotes printed in the file (the GPCI file's floors and MAC notes).
    notes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["dataset", "-effective_from", "-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "checksum"], name="fee_release_unique_checksum"),
            models.UniqueConstraint(fields=["dataset", "version"], name="fee_release_unique_version"),
        ]
        indexes = [models.Index(fields=["dataset", "effective_from"], name="fee_release_in_force")]

    def __str__(self) -> str:
        return f"{self.get_dataset_display()} {self.version}"


class RelativeValue(models.Model):
    """One row of the RVU file: a code with no modifier (the global service)
    or with 26, TC or 53."""

    release = models.ForeignKey(FeeRelease, on_delete=models.CASCADE, related_name="relative_values")
    code = models.CharField(max_length=5)
    modifier = models.CharField(max_length=2, blank=True)
    status_code = models.CharField(max_length=1)
    work_rvu = models.DecimalField(max_digits=7, decimal_places=2)
    non_facility_pe_rvu = models.DecimalField(max_digits=7, decimal_places=2)
    facility_pe_rvu = models.DecimalField(max_digits=7, decimal_places=2)
    mp_rvu = models.DecimalField(max_digits=7, decimal_places=2)
    # "NA" in the file: rarely or never performed in that setting, so no amount.
    non_facility_na = models.BooleanField(default=False)
    facility_na = models.BooleanField(default=False)
    pctc_indicator = models.CharField(max_length=1, blank=True)
    global_days = models.CharField(max_length=3, blank=True)
    mult_proc = models.CharField(max_length=1, blank=True)
    bilat_surg = models.CharField(max_length=1, blank=True)
    asst_surg = models.CharField(max_length=1, blank=True)
    co_surg = models.CharField(max_length=1, blank=True)
    team_surg = models.CharField(max_length=1, blank=True)
    # The other columns kept (importers/pprrvu.py COLUMNS), non-blank and
    # non-zero values only, numbers as strings as the file writes them:
    # {"pre_op": "0.09", "endo_base": "45378", "physician_supervision": "09", ...}
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            # Also the lookup index: (release, code, modifier) is how a fee is found.
            models.UniqueConstraint(fields=["release", "code", "modifier"], name="relative_value_unique_row"),
        ]

    def __str__(self) -> str:
        return f"{self.code}-{self.modifier}" if self.modifier else self.code


class Gpci(models.Model):
    """One Medicare payment locality of the GPCI file."""

    release = models.ForeignKey(FeeRelease, on_delete=models.CASCADE, related_name="gpcis")
    mac = models.CharField(max_length=5, help_text="Medicare Administrative Contractor number, e.g. 10112.")
    state = models.CharField(max_length=2)
    locality_number = models.CharField(max_length=2)
    locality_name = models.CharField(max_length=200, help_text="Without the file's footnote marks (ALASKA*).")
    work_gpci = models.DecimalField(max_digits=5, decimal_places=3)
    pe_gpci = models.DecimalField(max_digits=5, decimal_places=3)
    mp_gpci = models.DecimalField(max_digits=5, decimal_places=3)
    # The footnotes the file attaches to this locality with * marks.
    notes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["state", "locality_name"]
        constraints = [
            models.UniqueConstraint(fields=["release", "mac", "locality_number"], name="gpci_unique_locality"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.locality_name}"

    @property
    def key(self) -> str:
        """How a locality is named in lookups: <MAC>-<locality number>, 10112-00."""
        return f"{self.mac}-{self.locality_number}"
