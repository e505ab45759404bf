"""Draws a loaded seed as an A4 decree PDF with reportlab.

Layout choices mirror real decrees: a letterhead over a double rule, running
text, key/value position blocks without borders, bordered indicator tables
whose header row repeats after a page break, fractions drawn as numerator over
a rule over denominator with the multiplier beside, and a signature block.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from samples.render.content import Document, Fraction, Item, Piece, TableSpec, TextLine

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
SIZE, CELL_SIZE = 10, 9
MARGIN = 2 * cm
WIDTH = A4[0] - 2 * MARGIN
SIGN_INDENT = WIDTH * 0.42


def register_fonts() -> None:
    """DejaVu (Debian's fonts-dejavu-core) covers Σ and • that the PDF base fonts lack."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


def _style(name: str, size: float = SIZE, bold: bool = False, indent: float = 0, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=FONT_BOLD if bold else FONT, fontSize=size, leading=size * 1.25,
                          leftIndent=indent, **kw)


class FractionFlowable(Flowable):
    """Numerator lines centred over a rule, denominator lines under it, the suffix right of the rule."""

    def __init__(self, fraction: Fraction, size: float = CELL_SIZE):
        super().__init__()
        self.fraction, self.size, self.leading = fraction, size, size * 1.25

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        suffix_w = pdfmetrics.stringWidth(self.fraction.suffix, FONT, self.size) + 6 if self.fraction.suffix else 0
        bar_room = max(avail_width - suffix_w - 4, 30)
        self.num = simpleSplit(self.fraction.numerator, FONT, self.size, bar_room - 4) or [""]
        self.den = simpleSplit(self.fraction.denominator, FONT, self.size, bar_room - 4) or [""]
        widest = max(pdfmetrics.stringWidth(t, FONT, self.size) for t in self.num + self.den)
        self.bar = min(widest + 6, bar_room)
        self.width = avail_width
        self.height = (len(self.num) + len(self.den)) * self.leading + 8
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFont(FONT, self.size)
        bar_y = len(self.den) * self.leading + 4
        x0 = 2
        for i, text in enumerate(self.num):
            c.drawCentredString(x0 + self.bar / 2, bar_y + 3 + (len(self.num) - 1 - i) * self.leading + 1.5, text)
        for i, text in enumerate(self.den):
            c.drawCentredString(x0 + self.bar / 2, bar_y - self.size - i * self.leading, text)
        c.setLineWidth(0.6)
        c.line(x0, bar_y + 1.5, x0 + self.bar, bar_y + 1.5)
        if self.fraction.suffix:
            c.drawString(x0 + self.bar + 5, bar_y - self.size * 0.3, self.fraction.suffix)


def _cell_flowables(pieces: list[Piece], bold: bool) -> list[Flowable]:
    plain = _style("cell", CELL_SIZE, bold)
    item = _style("item", CELL_SIZE, bold, indent=10, firstLineIndent=-10)
    out: list[Flowable] = []
    for i, piece in enumerate(pieces):
        if isinstance(piece, Fraction) and len(piece.suffix) > 12:
            out.append(FractionFlowable(Fraction(piece.numerator, piece.denominator, "")))
            out.append(Paragraph(escape(piece.suffix), plain))
        elif isinstance(piece, Fraction):
            if i:
                out.append(Spacer(1, 6))
            out.append(FractionFlowable(piece))
        elif isinstance(piece, Item):
            out.append(Paragraph(escape(piece.text), item))
        else:
            out.append(Paragraph(escape(piece), plain))
    return out


def _piece_text(piece: Piece) -> str:
    if isinstance(piece, Fraction):
        return f"{piece.numerator} {piece.suffix}"
    return piece.text if isinstance(piece, Item) else piece


def _column_widths(spec: TableSpec) -> list[float]:
    """Widths from each column's typical and longest text, never narrower than its longest word."""
    if spec.key_value:
        return [70, 20, WIDTH - 90]
    weights, floors = [], []
    for col in range(len(spec.rows[0])):
        texts = [" ".join(_piece_text(p) for p in row[col]) for row in spec.rows]
        lengths = sorted(len(t) for t in texts[1:] or texts)
        typical = 0.4 * sum(lengths) / len(lengths) + 0.6 * lengths[int(len(lengths) * 0.9)]
        weights.append(min(max(typical, 4), 70))
        words = [w for t in texts for w in t.split()] or [""]
        floors.append(max(pdfmetrics.stringWidth(w, FONT_BOLD, CELL_SIZE) for w in words) + 10)
    spare = max(WIDTH - sum(floors), 0)
    total = sum(weights)
    return [f + spare * w / total for w, f in zip(weights, floors, strict=True)]


def _table(spec: TableSpec) -> Table:
    data = [[_cell_flowables(cell, spec.header and r == 0) for cell in row] for r, row in enumerate(spec.rows)]
    table = Table(data, colWidths=_column_widths(spec), repeatRows=1 if spec.header else 0, hAlign="LEFT")
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 4),
             ("RIGHTPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 3),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    if not spec.key_value:
        style.append(("GRID", (0, 0), (-1, -1), 0.7, colors.black))
    if spec.header:
        style.append(("VALIGN", (0, 0), (-1, 0), "MIDDLE"))
    table.setStyle(TableStyle(style))
    return table


class Letterhead(Flowable):
    """The office's name over a thick and a thin rule, as on every decree's first page."""

    def __init__(self, lines: list[str]):
        super().__init__()
        self.lines = lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.wrapped = [simpleSplit(t, FONT_BOLD if i == 0 else FONT, 13 if i == 0 else 10, avail_width)
                        for i, t in enumerate(self.lines)]
        self.height = sum(len(w) * (16 if i == 0 else 12.5) for i, w in enumerate(self.wrapped)) + 10
        return avail_width, self.height

    def draw(self) -> None:
        c, y = self.canv, self.height
        for i, parts in enumerate(self.wrapped):
            size = 13 if i == 0 else 10
            c.setFont(FONT_BOLD if i == 0 else FONT, size)
            for part in parts:
                y -= 16 if i == 0 else 12.5
                c.drawCentredString(self.width / 2, y + 3, part)
        c.setLineWidth(2)
        c.line(0, 4, self.width, 4)
        c.setLineWidth(0.6)
        c.line(0, 1, self.width, 1)


def _letterhead_size(blocks: list) -> int:
    """How many opening lines form the letterhead (office name, address, town)."""
    first = blocks[0] if blocks else None
    if not isinstance(first, TextLine) or not first.text.upper().startswith("PEMERINTAH"):
        return 0
    count = 1
    while count < min(len(blocks), 3) and isinstance(blocks[count], TextLine) and not blocks[count].bold \
            and len(blocks[count].text) < 70 and not blocks[count].space_before:
        count += 1
    return count


def story(doc: Document) -> list[Flowable]:
    """The flowables of one decree in reading order."""
    out: list[Flowable] = []
    head = _letterhead_size(doc.blocks)
    if head:
        out += [Letterhead([b.text for b in doc.blocks[:head]]), Spacer(1, 10)]
    signing = False
    for block in doc.blocks[head:]:
        if isinstance(block, TableSpec):
            out += [Spacer(1, 4), _table(block), Spacer(1, 6)]
            continue
        lower = block.text.lower()
        if lower.startswith("ditetapkan"):
            signing = True
            out.append(Spacer(1, 10))
        indent = SIGN_INDENT if signing else block.indent * 14
        if signing and (lower.startswith("nip") or block.bold or block.text.isupper()) and out \
                and isinstance(out[-1], Paragraph) and out[-1].text.upper().startswith(("CAMAT", "A.N")):
            out.append(Spacer(1, 40))
        if block.space_before and not signing:
            out.append(Spacer(1, 5))
        centred = block.bold and not signing and len(block.text) < 90
        style = _style("line", bold=block.bold, indent=0 if centred else indent, alignment=1 if centred else 0)
        out.append(Paragraph(escape(block.text), style))
        if signing and "NIP" in block.text.upper():
            signing = False
            out.append(Spacer(1, 12))
    return out


def write_pdf(doc: Document, path: Path) -> None:
    """Render `doc` to `path`; the document carries no timestamp so output is reproducible."""
    register_fonts()
    template = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=MARGIN, bottomMargin=MARGIN, title=doc.stem, author="",
                                 creator="", producer="", invariant=1)
    template.build(story(doc))
