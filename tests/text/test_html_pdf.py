from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from borderledger.errors import InputError
from borderledger.text.html import html_to_text
from borderledger.text.pdf import page_of, pdf_to_text

ARTICLE = """<html><head><title>Flight lands in Tegucigalpa</title>
<script>document.write('tracking')</script><style>p{color:red}</style></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Flight lands in Tegucigalpa</h1>
<p>A plane chartered by US immigration authorities touched down in Tegucigalpa on Monday
with 112 Honduran men and women on board, the migration institute said in a statement.</p>
<p>It was the fourth such flight this month, and officials said more were scheduled before
the end of the year as removals from the United States continue at a steady pace.</p>
<p>Relatives waited outside the reception centre for hours before the passengers were released
after health checks and interviews with migration staff, who recorded their details.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def test_html_keeps_the_article_and_drops_scripts():
    text, title = html_to_text(ARTICLE.encode())
    assert "112 Honduran men and women" in text
    assert "tracking" not in text and "color:red" not in text and "Copyright" not in text
    assert title == "Flight lands in Tegucigalpa"


def test_html_without_an_article_is_refused():
    with pytest.raises(InputError, match="no article text"):
        html_to_text(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")


def _pdf_with_text(pages: list[str]) -> bytes:
    """A minimal PDF with one text line per page (Helvetica, no external tools)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode()}\nendstream")
        content = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_pdf_text_keeps_page_starts():
    text, starts = pdf_to_text(_pdf_with_text(["The court heard the case.", "The judge ruled."]))
    assert "The court heard the case." in text and "The judge ruled." in text
    assert len(starts) == 2
    assert page_of(starts, text.index("judge")) == 2
    assert page_of(starts, text.index("court")) == 1


def test_pdf_without_text_layer_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(InputError, match="no text layer"):
        pdf_to_text(buf.getvalue())


def test_broken_pdf_is_refused():
    with pytest.raises(InputError, match="PDF"):
        pdf_to_text(b"%PDF-1.4\nthis is not really a pdf")
