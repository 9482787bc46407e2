"""The Medicare Coverage Database index: versioned releases of the CMS list
of local coverage determinations (LCDs) and coverage articles, and their rows.

The index names each document (contractor, ID, version, dates, title, link)
and nothing more: it holds no covered-code lists, so a coverage answer points
to the document, which must be read for the covered diagnoses.
"""

from django.db import models

DATASET_NAME = "Medicare coverage index (LCDs and articles)"


class CoverageDocumentKind(models.TextChoices):
    LCD = "lcd", "LCD"
    ARTICLE = "article", "Article"


class CoverageIndexRelease(models.Model):
    version = models.CharField(max_length=10, unique=True, help_text="The index date in the file name: 2025-08-23.")
    effective_from = models.DateField()
    # [{"name": "mcd_lcd_article_documents_2025-08-23.csv", "sha256": "..."}]
    source_files = models.JSONField(default=list)
    # One digest over the source file: importing the same file again is a no-op.
    checksum = models.CharField(max_length=64, unique=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    row_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-effective_from", "-imported_at"]

    def __str__(self) -> str:
        return f"{DATASET_NAME} {self.version}"

    def get_dataset_display(self) -> str:
        """Named like the other datasets' releases, for `codingdesk import`."""
        return DATASET_NAME


class CoverageDocument(models.Model):
    """One version of one LCD or article, as the index lists it."""

    release = models.ForeignKey(CoverageIndexRelease, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=8, choices=CoverageDocumentKind.choices)
    document_id = models.CharField(max_length=10, help_text="As the index displays it: L33831, A52457.")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=500)
    # The contractor as the index writes it: its name, then the contract types
    # in brackets ("Noridian Healthcare Solutions, LLC (MAC - Part A, MAC - Part B)").
    # The index gives no contractor number.
    contractor = models.CharField(max_length=300)
    effective_date = models.DateField()
    retirement_date = models.DateField(null=True, blank=True)
    # The index's status note: "Retired", "Future", "(Notice Ended 08/16/2025)".
    note = models.CharField(max_length=100, blank=True)
    url = models.URLField(max_length=500)

    class Meta:
        ordering = ["title", "document_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["release", "document_id", "version"], name="coverage_document_unique_version"),
        ]
        indexes = [models.Index(fields=["release", "kind"], name="coverage_document_kind")]

    def __str__(self) -> str:
        return f"{self.document_id} {self.title}"
