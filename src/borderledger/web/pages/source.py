"""``/source/{id}``: a source's text with every public fact's evidence marked and linked."""

from fastapi import APIRouter, Path, Request

from ...ledger import queries
from .. import highlight, labels
from ..params import MAX_ID, NotFound, reveal, visible
from ..render import ledger, page

router = APIRouter()


def marked_text(source: dict) -> tuple[list, dict]:
    """Pieces of the text, and per evidence id its (number, fact) for the markers."""
    refs, spans = {}, []
    for number, fact in enumerate(source["facts"], 1):
        for ev in fact["evidence"]:
            refs[ev["id"]] = {"n": number, "fact": fact["id"], "ev": ev["id"]}
            spans.append((ev["start"], ev["end"], ev["id"]))
    return highlight.pieces(source["text"], spans), refs


@router.get("/source/{source_id}")
def source_page(request: Request, source_id: int = Path(ge=1, le=MAX_ID)):
    source = queries.source(ledger(request), source_id, visible(request),
                           reveal=reveal(request))
    if source is None:
        raise NotFound(f"no source #{source_id}")
    pieces, refs = marked_text(source)
    for fact in source["facts"]:
        fact["summary"] = labels.summary(fact["type"], fact["fields"])
    return page(request, "source.html", source=source, pieces=pieces, refs=refs)
