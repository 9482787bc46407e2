"""A small coverage index in the official layout (the MCD download's
mcd_lcd_article_documents_<date>.csv), written by the tests: the real file
is never copied into the repository."""

from pathlib import Path

INDEX_NAME = "mcd_lcd_article_documents_2025-08-23.csv"
HEADER = (
    "contractor_name_type,document_display_id,document_id,document_type,document_version,effective_date,"
    "note,retirement_date,title,updated_on,updated_on_sort,url"
)
NORIDIAN = '"Noridian Healthcare Solutions, LLC\n(MAC - Part A, MAC - Part B)"'
CGS_DME = '"CGS Administrators, LLC\n(DME MAC)"'
PALMETTO = '"Palmetto GBA\n(MAC - Part A)"'

# (contractor, display ID, type, version, effective, note, retirement, title)
DOCUMENTS = [
    (CGS_DME, "L33718", "LCD", 5, "01/01/2024", "", "N/A", "Positive Airway Pressure (PAP) Devices for the Treatment of Obstructive Sleep Apnea"),
    (CGS_DME, "A52467", "Article", 9, "01/01/2024", "", "N/A", "Positive Airway Pressure (PAP) Devices for the Treatment of Obstructive Sleep Apnea - Policy Article"),
    (CGS_DME, "L33611", "LCD", 3, "01/01/2024", "", "N/A", "Oral Appliances for Obstructive Sleep Apnea"),
    (PALMETTO, "L38276", "LCD", 1, "01/01/2020", "Retired", "12/31/2023", "Hypoglossal Nerve Stimulation for Obstructive Sleep Apnea"),
    (NORIDIAN, "L36692", "LCD", 27, "08/14/2025", "", "N/A", "Vitamin D Assay Testing"),
    (NORIDIAN, "A57718", "Article", 12, "08/14/2025", "", "N/A", "Billing and Coding: Vitamin D Assay Testing"),
    (NORIDIAN, "A58001", "Article", 1, "08/14/2025", "", "N/A", "Response to Comments: Vitamin D Assay Testing"),
    (PALMETTO, "L38902", "LCD", 3, "01/01/2025", "Retired", "06/05/2025", "Wound Care"),
    (PALMETTO, "L38902", "LCD", 4, "06/06/2025", "", "N/A", "Wound Care"),
    (NORIDIAN, "A59505", "Article", 2, "01/01/2025", "", "N/A", "Amniotic and Placental-Derived Product Injections and/or Applications for Musculoskeletal Indications, Non-Wound"),
    (NORIDIAN, "L33831", "LCD", 11, "07/01/2025", "", "N/A", "Total Knee Arthroplasty"),
    (PALMETTO, "A52457", "Article", 7, "10/01/2024", "", "N/A", "Vitamin B12 Injections"),
    (NORIDIAN, "L34049", "LCD", 6, "10/01/2024", "", "N/A", "Outpatient Physical Therapy"),
    (PALMETTO, "A56743", "Article", 4, "10/01/2024", "", "N/A", "Billing and Coding: Magnetic Resonance Angiography (MRA)"),
]


def document_row(contractor, display_id, document_type, version, effective, note, retirement, title) -> str:
    kind = "lcd" if document_type == "LCD" else "article"
    number = display_id[1:]
    url = f"https://www.cms.gov/medicare-coverage-database/view/{kind}.aspx?{kind}id={number}&ver={version}"
    quoted_title = f'"{title}"' if "," in title else title
    return (
        f"{contractor},{display_id},{number},{document_type},{version},{effective},{note},{retirement},"
        f"{quoted_title},08/06/2025,20250806133001,{url}"
    )


def index_text(rows: list[str] | None = None, header: str = HEADER) -> str:
    rows = [document_row(*document) for document in DOCUMENTS] if rows is None else rows
    return "\n".join([header, *rows]) + "\n"


def write_index(folder: Path, text: str | None = None, name: str = INDEX_NAME) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(index_text() if text is None else text, encoding="utf-8", newline="")
    return path
