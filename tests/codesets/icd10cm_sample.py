"""A small ICD-10-CM tabular in the official CDC layout, for tests."""

from pathlib import Path

TABULAR = """<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.tabular>
  <version>2026</version>
  <chapter>
    <name>19</name>
    <desc>Injury, poisoning and certain other consequences of external causes (S00-T88)</desc>
    <section id="S10-S19">
      <desc>Injuries to the neck (S10-S19)</desc>
      <diag>
        <name>S13</name>
        <desc>Dislocation and sprain of joints and ligaments at neck level</desc>
        <excludes2><note>intracranial injury (S06.-)</note></excludes2>
        <sevenChrDef>
          <extension char="A">initial encounter</extension>
          <extension char="D">subsequent encounter</extension>
          <extension char="S">sequela</extension>
        </sevenChrDef>
        <diag>
          <name>S13.4</name>
          <desc>Sprain of ligaments of cervical spine</desc>
          <inclusionTerm>
            <note>Sprain of atlanto-axial (joints)</note>
            <note>Whiplash injury of cervical spine</note>
          </inclusionTerm>
        </diag>
      </diag>
      <diag>
        <name>S06</name>
        <desc>Intracranial injury</desc>
        <sevenChrNote>
          <note>7th characters D and S do not apply to codes in category S06 with 6th character 7 - death due to brain injury prior to regaining consciousness, or 8 - death due to other cause prior to regaining consciousness.</note>
        </sevenChrNote>
        <sevenChrDef>
          <extension char="A">initial encounter</extension>
          <extension char="D">subsequent encounter</extension>
          <extension char="S">sequela</extension>
        </sevenChrDef>
        <diag>
          <name>S06.367</name>
          <desc>Traumatic hemorrhage of cerebrum with death due to brain injury</desc>
        </diag>
        <diag>
          <name>S06.369</name>
          <desc>Traumatic hemorrhage of cerebrum, unspecified duration</desc>
        </diag>
      </diag>
    </section>
  </chapter>
  <chapter>
    <name>4</name>
    <desc>Endocrine, nutritional and metabolic diseases (E00-E89)</desc>
    <section id="E08-E13">
      <desc>Diabetes mellitus (E08-E13)</desc>
      <diag>
        <name>E11</name>
        <desc>Type 2 diabetes mellitus</desc>
        <excludes1><note>diabetes mellitus due to underlying condition (E08.-)</note></excludes1>
        <useAdditionalCode><note>code to identify control using insulin (Z79.4)</note></useAdditionalCode>
        <diag>
          <name>E11.9</name>
          <desc>Type 2 diabetes mellitus without complications</desc>
        </diag>
      </diag>
    </section>
    <section id="E15">
      <desc>Nondiabetic hypoglycemic coma (E15)</desc>
      <diag>
        <name>E15</name>
        <desc>Nondiabetic hypoglycemic coma</desc>
      </diag>
    </section>
  </chapter>
</ICD10CM.tabular>
"""


def write_tabular(folder: Path, text: str = TABULAR, name: str = "icd10cm-tabular-April-1-2026.xml") -> Path:
    path = folder / name
    path.write_text(text)
    return path
