"""Read rendered maps back as a reader would: PDF text (pdftotext), page count (pdfinfo), pages as pictures
(pdftoppm), colours sampled from the pictures. Poppler's tools are in scripts/debian-packages.txt."""

import re
import shutil
import subprocess
from pathlib import Path

from qgis.PyQt.QtGui import QColor, QImage

PICTURES = Path("/work/pictures/maps")


def pdf_text(pdf: Path, page: int = 0) -> str:
    """The text of one page (1-based; 0: every page), lines as laid out."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def flat(text: str) -> str:
    """Whitespace runs (line breaks of a wrapped label included) as single spaces."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()


def pdf_pages(pdf: Path) -> int:
    done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", done.stdout, re.M).group(1))


def pdf_page_image(pdf: Path, page: int, dpi: int = 60) -> Path:
    """Page ``page`` (1-based) rendered to PNG by poppler (not by QGIS)."""
    stem = pdf.with_name(f"{pdf.stem}-page{page}")
    subprocess.run(
        ["pdftoppm", "-png", "-singlefile", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")


def colour_share(image_path: Path, colour: str, step: int = 3, tolerance: int = 3) -> float:
    """Share of sampled pixels within ``tolerance`` of ``colour``."""
    image = QImage(str(image_path))
    target = QColor(colour)
    hits = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            pixel = QColor(image.pixel(x, y))
            total += 1
            hits += (
                abs(pixel.red() - target.red()) <= tolerance
                and abs(pixel.green() - target.green()) <= tolerance
                and abs(pixel.blue() - target.blue()) <= tolerance
            )
    return hits / total


def keep_picture(path: Path, name: str) -> None:
    """Keep a copy of a rendered page for people to look at (when the folder can be written)."""
    try:
        PICTURES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, PICTURES / name)
    except OSError:
        pass
