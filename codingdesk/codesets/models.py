"""Code systems, their versioned releases, the codes in each release and the
tabular notes attached to them.

Every code row belongs to exactly one release, so two releases of the same
system can be compared and any lookup can be made "as of" a date of service.
"""

from django.db import models


class CodeSystem(models.TextChoices):
    ICD10CM = "icd10cm", "ICD-10-CM"
    ICD10PCS = "icd10pcs", "ICD-10-PCS"
    HCPCS = "hcpcs", "HCPCS Level II"
    HCPCS_MODIFIER = "hcpcs_modifier", "HCPCS modifiers"
    CPT = "cpt", "CPT"


SYSTEM_DESCRIPTIONS = {
    CodeSystem.ICD10CM: "Diagnoses, from the CDC/NCHS tabular list.",
    CodeSystem.ICD10PCS: "Inpatient hospital procedures, from the CMS tables.",
    CodeSystem.HCPCS: "Supplies, drugs, devices and services not in CPT, from CMS.",
    CodeSystem.HCPCS_MODIFIER: "Level I and Level II modifiers from the CMS HCPCS file.",
    CodeSystem.CPT: "Procedures (AMA). Shown only where a site has imported its licensed file.",
}


class Release(models.Model):
    system = models.CharField(max_length=20, choices=CodeSystem.choices)
    version = models.CharField(max_length=40, help_text="Release label, e.g. 2026-04 or 2025-Q4.")
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    # [{"name": "icd10cm-tabular-April-1-2026.xml", "sha256": "..."}]
    source_files = models.JSONField(default=list)
    # One digest over all source files: importing the same files again is a no-op.
    checksum = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    code_count = models.PositiveIntegerField(default=0)
    billable_count = models.PositiveIntegerField(default=0)
    note_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["system", "-effective_from", "-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["system", "checksum"], name="release_unique_checksum"),
            models.UniqueConstraint(fields=["system", "version"], name="release_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.get_system_display()} {self.version}"


class CodeKind(models.TextChoices):
    CHAPTER = "chapter", "Chapter"
    BLOCK = "block", "Block"
    CATEGORY = "category", "Category"
    SUBCATEGORY = "subcategory", "Subcategory"
    CODE = "code", "Code"


class Code(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="codes")
    system = models.CharField(max_length=20, choices=CodeSystem.choices)
    code = models.CharField(max_length=16, help_text="As printed, e.g. S52.531A.")
    normalized = models.CharField(max_length=16, help_text="No dot, upper case: S52531A.")
    long_title = models.TextField()
    short_title = models.CharField(max_length=200, blank=True)
    billable = models.BooleanField(default=False)
    kind = models.CharField(max_length=12, choices=CodeKind.choices)
    # The parent is kept by its normalized code, not by a foreign key, so an
    # import can write every row in one pass without waiting for parent ids.
    parent_normalized = models.CharField(max_length=16, blank=True)
    depth = models.PositiveSmallIntegerField(default=0)
    sort_order = models.PositiveIntegerField()
    added_date = models.DateField(null=True, blank=True)
    effective_date = models.DateField(null=True, blank=True)
    termination_date = models.DateField(null=True, blank=True)
    # Format-specific facts: HCPCS pricing/coverage fields, PCS axis values.
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["release", "normalized"], name="code_unique_in_release"),
        ]
        indexes = [
            models.Index(fields=["release", "parent_normalized", "sort_order"], name="code_children"),
            models.Index(fields=["release", "sort_order"], name="code_sort"),
            models.Index(fields=["system", "normalized"], name="code_system_lookup"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.long_title}"


class NoteKind(models.TextChoices):
    INCLUSION_TERM = "inclusion_term", "Inclusion term"
    INCLUDES = "includes", "Includes"
    EXCLUDES1 = "excludes1", "Excludes1"
    EXCLUDES2 = "excludes2", "Excludes2"
    CODE_FIRST = "code_first", "Code first"
    USE_ADDITIONAL = "use_additional", "Use additional code"
    CODE_ALSO = "code_also", "Code also"
    NOTE = "note", "Note"
    SEVENTH_CHARACTER_NOTE = "seventh_character_note", "7th character note"
    SEVENTH_CHARACTER = "seventh_character", "7th character"


class Note(models.Model):
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=24, choices=NoteKind.choices)
    text = models.TextField()
    # For 7th-character definitions: the character this row defines.
    character = models.CharField(max_length=1, blank=True)
    # Code and range references found in the text, e.g.
    # [{"text": "S58.-", "first": "S58", "last": "S58", "prefix": true}]
    references = models.JSONField(default=list, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class AxisDefinition(models.Model):
    """An ICD-10-PCS axis value's official definition (root operations,
    approaches, devices...), from the CMS definitions file."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="axis_definitions")
    section = models.CharField(max_length=1)
    position = models.PositiveSmallIntegerField()
    axis_title = models.CharField(max_length=60)
    term = models.CharField(max_length=200)
    definition = models.TextField(blank=True)
    explanation = models.TextField(blank=True)
    includes = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["release", "section", "position", "term"], name="axis_def_lookup")]

    def __str__(self) -> str:
        return f"{self.section}/{self.position} {self.term}"
