"""Rendering outputs as a person sees them: LibreOffice to PDF, poppler to page counts and text.

The fonts GB/T 9704 names (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体) are not free to
ship; ``fonts/fonts.conf`` maps each to an installed free face of the same kind, so that
line breaks and page counts are those of a printed notice rather than of a fallback font.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

#: The stand-in fonts (see the module docstring).
FONTS_CONF = Path(__file__).parent / "fonts" / "fonts.conf"


def font_environment() -> dict[str, str]:
    """The environment LibreOffice renders in: this process's, with the stand-in fonts."""
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}


def _stand_ins_installed() -> bool:
    """Whether the body font resolves to its stand-in (Debian's fonts-arphic-uming) rather than a fallback."""
    if not shutil.which("fc-match"):
        return False
    found = subprocess.run(
        ["fc-match", "-f", "%{family}", "仿宋_GB2312"], capture_output=True, text=True, env=font_environment()
    )
    return "UMing" in found.stdout


_pdf_tools = pytest.mark.skipif(
    not (all(shutil.which(tool) for tool in ("soffice", "pdfinfo", "pdftotext")) and _stand_ins_installed()),
    reason="LibreOffice (soffice), poppler (pdfinfo, pdftotext) and the fonts of tests/fonts/fonts.conf "
    "(fonts-noto-cjk, fonts-arphic-uming, fonts-arphic-ukai) are needed to render outputs",
)


def needs_pdf_tools(test: Callable[..., None]) -> Callable[..., None]:
    """Mark a rendering test slow, and skip it where LibreOffice, poppler or the stand-in fonts are not installed."""
    return pytest.mark.slow(_pdf_tools(test))


def to_pdf(document: Path, outdir: Path) -> Path:
    """Convert with a profile of its own: a LibreOffice already running elsewhere shares none."""
    profile = (outdir / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(outdir), str(document)],
        check=True,
        capture_output=True,
        timeout=180,
        env=font_environment(),
    )
    return outdir / f"{document.stem}.pdf"


def pdf_fonts(pdf: Path) -> str:
    """``pdffonts`` output: the faces the page was drawn with."""
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout


def pdf_info(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", pdf_info(pdf), flags=re.MULTILINE).group(1))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    command = ["pdftotext", "-layout", *pages, str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout
