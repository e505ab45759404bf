"""Hand-built PDFs for error tests: a few objects with a correct cross-reference table."""
from __future__ import annotations


def build_pdf(pages: int = 1, text: str = "INDIKATOR KINERJA INDIVIDU", size: tuple[int, int] = (595, 842),
              trailer_extra: str = "") -> bytes:
    """A valid PDF of `pages` pages showing `text` in Helvetica; `trailer_extra` is added to the trailer."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(pages))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
    for i in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\n"
            f"startxref\n{xref}\n%%EOF\n").encode("latin-1")
    return bytes(out)


ENCRYPT = ("/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
           "/O <" + "4f" * 32 + "> /U <" + "75" * 32 + "> >> /ID [<" + "ab" * 16 + "> <" + "ab" * 16 + ">] ")
