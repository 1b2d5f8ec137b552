"""Rendering outputs as a person sees them: LibreOffice to PDF, poppler to page counts and text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

#: Skip a test that needs LibreOffice and poppler where they are not installed.
needs_pdf_tools = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdfinfo", "pdftotext")),
    reason="LibreOffice (soffice) and poppler (pdfinfo, pdftotext) are needed to render outputs",
)


def to_pdf(document: Path, outdir: Path) -> Path:
    """Convert with a profile of its own: a LibreOffice already running elsewhere shares none."""
    profile = (outdir / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(outdir), str(document)], check=True, capture_output=True, timeout=180)
    return outdir / f"{document.stem}.pdf"


def pdf_info(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", pdf_info(pdf), flags=re.MULTILINE).group(1))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    command = ["pdftotext", "-layout", *pages, str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout
