"""Fetching the official release files (CDC's ICD-10-CM; CMS's ICD-10-PCS,
HCPCS, NCCI PTP and MUE, PPRRVU and GPCI) into the data directory, verified,
then imported. ``sources`` says what to fetch, ``download`` fetches and
checks one ZIP, ``services.release_files_fetch`` runs the whole thing; the
``data_fetch`` command (``codingdesk data fetch``) calls it."""
