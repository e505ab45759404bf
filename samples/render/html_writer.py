"""A Document as a saved web page: an e-SAKIP-like IKU page, or a Word document saved as HTML.

The e-SAKIP page uses semantic markup (thead, ol/ul whose markers are not in the
text); the Word page uses what Word writes (MsoNormal paragraphs inside cells,
typed list markers, no thead, WordSection divs and page-break-before breaks).
Both carry rowspan/colspan and @page sizes so Chromium prints them on the
variant's paper and orientation.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from enum import Enum
from html import escape
from pathlib import Path

from samples.render.model import Cell, Document, Fraction, Grid, ItemList, Marker, PageBreak, Para, Piece, Section

LIST_TAG = {Marker.LETTER: '<ol type="a">', Marker.NUMBER: "<ol>", Marker.BULLET: "<ul>",
            Marker.DASH: '<ul class="dash">'}


class HtmlSkin(Enum):
    ESAKIP = "e-sakip"
    WORD = "word-html"


class HtmlFraction(Enum):
    INLINE_TABLE = "inline-table"
    SPANS = "spans"


@dataclass(frozen=True)
class HtmlChoices:
    skin: HtmlSkin
    fraction: HtmlFraction


def draw_html_choices(rng: random.Random) -> HtmlChoices:
    return HtmlChoices(skin=rng.choice(list(HtmlSkin)), fraction=rng.choice(list(HtmlFraction)))


def _page_css(doc: Document) -> str:
    """The first section's paper as the default page; a section on other paper gets a named page."""
    top, right, bottom, left = doc.margins_mm
    margin = f"margin: {top:g}mm {right:g}mm {bottom:g}mm {left:g}mm;"
    first = doc.sections[0].landscape
    w, h = doc.page_mm(first)
    rules = [f"@page {{ size: {w:g}mm {h:g}mm; {margin} }}"]
    for i, section in enumerate(doc.sections):
        if section.landscape != first:
            w, h = doc.page_mm(section.landscape)
            rules.append(f"@page Section{i + 1} {{ size: {w:g}mm {h:g}mm; {margin} }}\n"
                         f"div.Section{i + 1} {{ page: Section{i + 1}; }}")
    return "\n".join(rules)


COMMON_CSS = """
p { margin: 0; }
table { border-collapse: collapse; }
table.grid { width: 100%; table-layout: fixed; }
table.grid td, table.grid th { border: 1px solid #000; padding: 1.5pt 4pt; vertical-align: top; }
table.grid th { vertical-align: middle; }
table.plain td { border: none; padding: 0 3pt 0 0; vertical-align: top; }
td.open-below { border-bottom: none !important; }
td.open-above { border-top: none !important; }
table.keep tr { break-inside: avoid; }
table.frac { display: inline-table; vertical-align: middle; }
table.frac td { border: none; padding: 0 2pt; text-align: center; }
table.frac td.num { border-bottom: 1px solid #000; }
span.frac { display: inline-block; vertical-align: middle; text-align: center; }
span.frac > span { display: block; }
span.frac > span.num { border-bottom: 1px solid #000; }
span.tab { display: inline-block; }
ul.dash { list-style-type: "- "; }
ol, ul { margin: 0; padding-left: 6mm; }
div.rule { border-bottom: 2.25pt solid #000; margin-bottom: 2mm; }
"""

ESAKIP_CSS = """
body { margin: 0; color: #212529; }
nav.navbar { background: #1f4e79; color: #fff; padding: 6px 12px; font-family: Arial, sans-serif; font-size: 10pt; }
nav.navbar a { color: #fff; margin-right: 14px; text-decoration: none; }
ol.breadcrumb { list-style: none; display: flex; padding: 4px 12px; margin: 0; font-family: Arial, sans-serif;
                font-size: 8pt; color: #6c757d; }
ol.breadcrumb li + li::before { content: "/"; padding: 0 6px; }
div.card { border: 1px solid #dee2e6; margin: 6px 0; }
div.card-header { background: #f1f3f5; padding: 4px 8px; font-family: Arial, sans-serif; font-weight: bold; }
div.card-body { padding: 6px 8px; }
footer { font-family: Arial, sans-serif; font-size: 8pt; color: #6c757d; padding: 6px 12px; }
"""


class HtmlWriter:
    def __init__(self, doc: Document, choices: HtmlChoices) -> None:
        self.doc = doc
        self.choices = choices
        self.word = choices.skin is HtmlSkin.WORD

    def page(self) -> str:
        body = "\n".join(self._section(i, s) for i, s in enumerate(self.doc.sections))
        css = COMMON_CSS + ("" if self.word else ESAKIP_CSS) + _page_css(self.doc)
        font = f"body {{ font-family: {self.doc.font.css}; font-size: {self.doc.font_pt:g}pt; }}"
        if self.word:
            head = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
                    'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\n<head>'
                    '<meta http-equiv=Content-Type content="text/html; charset=utf-8">\n'
                    '<meta name=Generator content="Microsoft Word 15 (filtered)">\n'
                    f"<title>{escape(self.doc.title)}</title>\n<style>\n{font}\np.MsoNormal {{ margin: 0; }}\n"
                    f"{css}\n</style>\n</head>\n<body lang=IN>\n")
            return f"{head}{body}\n</body>\n</html>\n"
        head = ('<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
                f"<title>{escape(self.doc.title)} - e-SAKIP</title>\n"
                f"<style>\n{font}\n{css}\n</style>\n</head>\n<body>\n")
        chrome = ('<nav class="navbar"><a href="#">e-SAKIP</a><a href="#">Perencanaan</a><a href="#">Pengukuran</a>'
                  '<a href="#">Pelaporan</a></nav>\n<ol class="breadcrumb"><li>Beranda</li><li>Dokumen Kinerja</li>'
                  "<li>Indikator Kinerja Individu</li></ol>\n")
        return (f"{head}{chrome}<div class=\"card\"><div class=\"card-header\">{escape(self.doc.title)}</div>\n"
                f"<div class=\"card-body\">\n{body}\n</div></div>\n<footer>e-SAKIP &middot; Sistem Akuntabilitas "
                "Kinerja Instansi Pemerintah</footer>\n</body>\n</html>\n")

    def _section(self, index: int, section: Section) -> str:
        width = self.doc.text_width_mm(section.landscape)
        inner = "\n".join(self._block(b, width) for b in section.blocks)
        brk = ""
        if index:
            brk = ("<span><br clear=all style='page-break-before:always'></span>\n" if self.word
                   else '<div style="break-before: page"></div>\n')
        return f'{brk}<div class="Section{index + 1}">\n{inner}\n</div>'

    def _block(self, block, width_mm: float) -> str:
        if isinstance(block, PageBreak):
            return ("<span><br clear=all style='page-break-before:always'></span>" if self.word
                    else '<div style="break-before: page"></div>')
        if isinstance(block, Grid):
            return self._table(block)
        return self._piece(block)

    # -- paragraphs ------------------------------------------------------------------------------------------
    def _para(self, p: Para) -> str:
        style = [f"text-align:{p.align.value}"]
        if p.indent_mm:
            style.append(f"padding-left:{p.indent_mm:g}mm")
        if p.hanging_mm:
            style.append(f"text-indent:-{p.hanging_mm:g}mm")
        if p.space_before_pt:
            style.append(f"margin-top:{p.space_before_pt:g}pt")
        if p.size_delta:
            style.append(f"font-size:{self.doc.font_pt + p.size_delta:g}pt")
        text = self._tabbed(p) if "\t" in p.text else escape(p.text)
        if p.bold:
            text = f"<b>{text}</b>"
        if p.underline:
            text = f"<u>{text}</u>"
        cls = ' class=MsoNormal' if self.word else ""
        html = f"<p{cls} style=\"{';'.join(style)}\">{text or '&nbsp;'}</p>"
        return html + ('\n<div class="rule"></div>' if p.rule_below else "")

    @staticmethod
    def _tabbed(p: Para) -> str:
        """Tab stops as inline blocks reaching each stop, measured from the first line's start."""
        segments = p.text.split("\t")
        x = p.indent_mm - p.hanging_mm
        out = []
        stops = list(p.tabs_mm)
        for seg in segments[:-1]:
            stop = stops.pop(0) if stops else x + 12.5
            out.append(f'<span class="tab" style="width:{max(stop - x, 1):.1f}mm;text-indent:0">{escape(seg)}</span>')
            x = stop
        return "".join(out) + escape(segments[-1])

    def _items(self, items: ItemList) -> str:
        if self.word:
            return "\n".join(
                f"<p class=MsoListParagraph style='margin:0 0 0 {items.indent_mm + 6:g}mm;text-indent:-6mm'>"
                f"<span>{items.marker.label(i)}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; "
                f"</span></span>{escape(item)}</p>" for i, item in enumerate(items.items))
        tag = LIST_TAG[items.marker]
        lis = "".join(f"<li>{escape(item)}</li>" for item in items.items)
        open_tag = tag[:-1] + f' style="margin-left:{items.indent_mm:g}mm">'
        return f"{open_tag}{lis}</{tag[1:3]}>"

    def _fraction(self, f: Fraction) -> str:
        suffix = escape(f.suffix)
        if self.choices.fraction is HtmlFraction.INLINE_TABLE:
            side = f'<td rowspan="2">{suffix}</td>' if suffix else ""
            return (f'<table class="frac"><tr><td class="num">{escape(f.numerator)}</td>{side}</tr>'
                    f"<tr><td>{escape(f.denominator)}</td></tr></table>")
        side = f" <span>{suffix}</span>" if suffix else ""
        return (f'<span class="frac"><span class="num">{escape(f.numerator)}</span>'
                f'<span class="den">{escape(f.denominator)}</span></span>{side}')

    def _piece(self, piece: Piece) -> str:
        if isinstance(piece, Para):
            return self._para(piece)
        if isinstance(piece, ItemList):
            return self._items(piece)
        return self._fraction(piece)

    # -- tables ----------------------------------------------------------------------------------------------
    def _cell(self, cell: Cell, grid: Grid, open_above: set[tuple[int, int]]) -> str:
        tag = "th" if cell.header and not self.word else "td"
        attrs = []
        if cell.row_span > 1:
            attrs.append(f'rowspan="{cell.row_span}"')
        if cell.col_span > 1:
            attrs.append(f'colspan="{cell.col_span}"')
        classes = [name for name, on in (("open-below", not cell.rule_below),
                                         ("open-above", (cell.row, cell.col) in open_above)) if on]
        if classes:
            attrs.append(f'class="{" ".join(classes)}"')
        inner = "\n".join(self._piece(p) for p in cell.pieces) or ("&nbsp;" if self.word else "")
        return f"<{tag} {' '.join(attrs)}>{inner}</{tag}>".replace(f"<{tag} >", f"<{tag}>")

    def _table(self, grid: Grid) -> str:
        open_above = {(c.row + c.row_span, c.col) for c in grid.cells if not c.rule_below}
        rows = ["<tr>" + "".join(self._cell(c, grid, open_above) for c in row) + "</tr>" for row in grid.rows()]
        cols = "".join(f'<col style="width:{w * 100:.1f}%">' for w in grid.widths)
        cls = ["grid" if grid.borders else "plain"] + ([] if grid.rows_can_split else ["keep"])
        if self.word:
            cls.append("MsoTableGrid" if grid.borders else "MsoNormalTable")
        head, body = rows[:grid.header_rows], rows[grid.header_rows:]
        if grid.repeat_header and head and not self.word:
            sections = f"<thead>{''.join(head)}</thead><tbody>{''.join(body)}</tbody>"
        else:
            sections = f"<tbody>{''.join(rows)}</tbody>"
        style = [] if grid.borders else ["width:100%", "table-layout:fixed"]
        if grid.size_delta:
            style.append(f"font-size:{self.doc.font_pt + grid.size_delta:g}pt")
        width = f' style="{";".join(style)}"' if style else ""
        spacing = " border=1 cellspacing=0 cellpadding=0" if self.word and grid.borders else ""
        return f'<table class="{" ".join(cls)}"{spacing}{width}><colgroup>{cols}</colgroup>{sections}</table>'


def write_html(doc: Document, choices: HtmlChoices, path: Path) -> None:
    path.write_text(HtmlWriter(doc, choices).page(), encoding="utf-8")
