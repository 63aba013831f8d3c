"""Events on the web: the dossier's section, ``/event/{id}``, ``/api/events``, visibility and
masking (computed from the facts each viewer may see), reviewers' split and merge, as-of."""

import csv
import io
import re
from datetime import datetime

import pytest
from conftest import PASSWORD, csrf_of, login, new_client

import sample_ledger

PRIVATE_TEXT = ("CORREDORES — Alibek Seitkali and his daughter are among about 200 deportees "
                "held at the CATEM migrant centre in Costa Rica since February.")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The sample ledger, two corroborating reports, a report naming a private person
    (confirmed), grouped into events; a reviewer account."""
    from types import SimpleNamespace

    from borderledger.extract.persons import find_persons
    from borderledger.ledger import Run
    from borderledger.ledger.accounts import add_user
    from borderledger.model import Fact, RawSource
    from borderledger.web import create_app

    ledger, ids = sample_ledger.build(tmp_path_factory.mktemp("events") / "ledger.db")
    fact = Fact("detention", {"country": "CR", "facility": "CATEM (where Alibek Seitkali is held)",
                              "count": 200, "count_kind": "approximate", "nationalities": [],
                              "date": "2025-02"},
                [sample_ledger.span(PRIVATE_TEXT, "Alibek Seitkali and his daughter are among "
                                                  "about 200 deportees")], confidence=0.8)
    ledger.add_source(RawSource(PRIVATE_TEXT.encode(), "text/plain", corpus_id="private-cr",
                                title="Seitkali family waits", published="2025-03-01",
                                retrieved_at=datetime(2025, 5, 1)),
                      PRIVATE_TEXT, "given", facts=[fact], run=Run("test", "1"),
                      mentions=find_persons(PRIVATE_TEXT))
    private_fact = max(f.id for _, f in ledger.current_facts())
    sample_ledger.set_status(ledger, private_fact, "confirmed")
    sample_ledger.add_corroboration(ledger)
    add_user(ledger, "rita", "reviewer", PASSWORD, actor="test")
    app = create_app(ledger=ledger, secret="e" * 40)
    proposed_app = create_app(ledger=ledger, secret="e" * 40, show_proposed=True)
    yield SimpleNamespace(ledger=ledger, app=app, public=new_client(app),
                          proposed=new_client(proposed_app), private_fact=private_fact)
    ledger.close()


def _event_of(world, fact_id):
    from borderledger.ledger import queries

    return queries.event_of_fact(world.ledger, fact_id)


def _reviewer(world):
    c = new_client(world.app)
    assert login(c, "rita").status_code == 303
    return c


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_dossier_shows_corroboration_and_conflicting_counts_side_by_side(world):
    html = world.proposed.get("/country/SV").text
    section = _text(html[html.index('id="events-h"'):html.index('id="arrangements-h"')])
    assert "2 sources" in section
    assert "People: 238 (1 source: #1 ) · 252 (1 source: #19 )" in section
    assert f'href="/event/{_event_of(world, 1)}"' in html


def test_public_events_are_computed_from_confirmed_facts_only(world):
    body = world.public.get("/api/events?country=SV").json()
    cecot = [e for e in body["items"] if e["id"] == _event_of(world, 1)]
    assert len(cecot) == 1 and cecot[0]["facts"] == [1]
    assert cecot[0]["independent_sources"] == 1 and cecot[0]["conflicts"] == []
    assert cecot[0]["fields"]["count"] == [{"value": 238, "sources": ["cecot"], "facts": [1],
                                            "independent_sources": 1}]
    # only facts 1 and 3 of El Salvador's are confirmed: no other event shows
    assert {tuple(e["facts"]) for e in body["items"]} == {(1,), (3,)}
    assert "252" not in world.public.get(f"/event/{_event_of(world, 1)}").text
    hidden = _event_of(world, 4)  # the court order: proposed only
    assert world.public.get(f"/event/{hidden}").status_code == 404
    assert world.public.get(f"/api/events/{hidden}").status_code == 404
    assert world.proposed.get(f"/api/events/{hidden}").status_code == 200


def test_event_page_lists_every_fact_with_evidence(world):
    eid = _event_of(world, 1)
    html = world.proposed.get(f"/event/{eid}").text
    assert 'href="/fact/1"' in html and 'href="/fact/19"' in html
    assert "238 Venezuelan men landed in El Salvador on March 15" in html
    assert 'href="/source/1#ev-' in html
    assert 'action="/event/' not in html  # no reviewer forms for the public
    body = world.proposed.get(f"/api/events/{eid}").json()
    assert [f["id"] for f in body["facts"]] == [1, 19]
    assert body["facts"][0]["evidence"][0]["quote"].startswith("238 Venezuelan")
    assert body["conflicts"] == ["count"] and body["independent_sources"] == 2


def test_private_names_are_masked_in_events_for_the_public(world):
    eid = _event_of(world, world.private_fact)
    for c in (world.public, world.proposed):
        for url in (f"/event/{eid}", f"/api/events/{eid}", "/api/events?country=CR",
                    "/api/events?country=CR&format=csv", "/country/CR"):
            r = c.get(url)
            assert r.status_code == 200, url
            assert "Seitkali" not in r.text and "Alibek" not in r.text, url
    staff = _reviewer(world)
    assert "Alibek Seitkali" in staff.get(f"/event/{eid}").text
    assert "Alibek Seitkali" in staff.get(f"/api/events/{eid}").text


def test_api_events_filters_pagination_and_csv(world):
    c = world.proposed
    everything = c.get("/api/events").json()
    assert everything["total"] == len(everything["items"]) > 5
    two = c.get("/api/events?min_sources=2").json()
    assert {tuple(sorted(e["facts"])) for e in two["items"]} == {(1, 19), (8, 20)}
    assert all(e["type"] == "transfer" for e in c.get("/api/events?type=transfer").json()["items"])
    april = c.get("/api/events?since=2025-04&until=2025-04").json()["items"]
    assert april and all(e["valid_from"] <= "2025-04-30" and e["valid_to"] >= "2025-04-01"
                         for e in april)
    page = c.get("/api/events?limit=2&offset=2").json()
    assert [e["id"] for e in page["items"]] == [e["id"] for e in everything["items"][2:4]]
    r = c.get("/api/events?min_sources=2&format=csv")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 2 and "count: 238 (1 source) · 252 (1 source)" in r.text
    assert c.get("/api/countries/SV").json()["events"]["items"]


@pytest.mark.parametrize("url", [
    "/api/events?type=flight", "/api/events?country=ZZ", "/api/events?since=2025-13",
    "/api/events?since=2025-05&until=2025-01", "/api/events?min_sources=0",
    "/api/events?min_sources=x", "/api/events?limit=-1", "/api/events?limit=501",
    "/api/events?as_of=yesterday", "/api/events?as_of=2025-02-30", "/api/events/not-an-event",
    "/api/events/ev-0123", "/event/ev-0123'", "/country/SV?events=-1",
    "/api/facts?as_of=2025-01-01T25:00", "/timeline?as_of=2025-99-01",
    "/api/facts.csv?as_of=soon", "/event/ev-0123456789ab?as_of=never",
])
def test_bad_event_and_as_of_parameters_are_422(world, url):
    r = world.public.get(url)
    assert r.status_code == 422, (url, r.status_code)


def test_unknown_events_are_404(world):
    assert world.public.get("/api/events/ev-0123456789ab").status_code == 404
    assert world.public.get("/event/ev-0123456789ab").status_code == 404


def test_dossier_event_section_pages(world):
    from borderledger.web.pages import country

    html = world.proposed.get("/country/US").text
    assert 'href="/country/US?events=10#events-h"' in html  # more than one page
    second = world.proposed.get("/country/US?events=10").text
    assert "← Later events" in second
    assert country.EVENTS_PAGE == 10


def test_without_events_the_dossier_says_how_to_make_them(client):
    html = client.get("/country/SV").text
    assert "borderledger resolve" in html
    assert "hint" in client.get("/api/events").json()


# -- reviewers split and merge -----------------------------------------------------------------
def test_reviewer_splits_a_fact_off_and_merges_it_back(world):
    from sqlalchemy import select

    from borderledger.ledger.audit import AuditRow

    staff = _reviewer(world)
    eid = _event_of(world, 1)
    html = staff.get(f"/event/{eid}").text
    assert f'action="/event/{eid}/split"' in html and 'name="fact" value="19"' in html
    token = csrf_of(html)
    assert staff.post(f"/event/{eid}/split", data={"fact": "19"}).status_code == 403  # no CSRF
    r = staff.post(f"/event/{eid}/split", data={"fact": "19", "reason": "other flight",
                                                CSRF: token}, follow_redirects=False)
    assert r.status_code == 303
    moved = _event_of(world, 19)
    assert moved != _event_of(world, 1)
    assert r.headers["location"] == f"/event/{_event_of(world, 1)}?done=split&moved={moved}"
    assert "now form their own event" in staff.get(r.headers["location"]).text
    r = staff.post(f"/event/{_event_of(world, 1)}/merge",
                   data={"other": moved, "reason": "same flight", CSRF: token},
                   follow_redirects=False)
    assert r.status_code == 303 and _event_of(world, 19) == _event_of(world, 1)
    with world.ledger.session() as s:
        rows = s.execute(select(AuditRow.action, AuditRow.actor, AuditRow.after)
                         .where(AuditRow.action.like("event.%")).order_by(AuditRow.id)).all()
    assert [(a, actor) for a, actor, _ in rows[-2:]] == [("event.split", "rita"),
                                                        ("event.merge", "rita")]
    assert rows[-2][2]["reason"] == "other flight"


CSRF = "csrf_token"


@pytest.mark.parametrize("path,form,message", [
    ("split", {}, "choose the facts"),
    ("split", {"fact": ["1", "19"]}, "leave at least one fact"),
    ("split", {"fact": "2"}, "must belong to this event"),
    ("split", {"fact": "x"}, "fact id"),
    ("merge", {"other": "nonsense"}, "event id"),
    ("merge", {"other": "ev-0123456789ab"}, "there is no event"),
    ("merge", {"other": "SELF"}, "itself"),
])
def test_bad_split_and_merge_requests_are_422(world, path, form, message):
    staff = _reviewer(world)
    eid = _event_of(world, 1)
    token = csrf_of(staff.get(f"/event/{eid}").text)
    form = {k: (eid if v == "SELF" else v) for k, v in form.items()}
    r = staff.post(f"/event/{eid}/{path}", data={**form, CSRF: token})
    assert r.status_code == 422 and message in r.text
    assert staff.post("/event/ev-0123456789ab/split",
                      data={"fact": "1", CSRF: token}).status_code == 404


def test_split_and_merge_need_a_reviewer(world):
    eid = _event_of(world, 1)
    anon = new_client(world.app)
    token = csrf_of(anon.get("/login").text)
    r = anon.post(f"/event/{eid}/split", data={"fact": "19", CSRF: token},
                  follow_redirects=False)
    assert r.status_code in (303, 401)
    assert _event_of(world, 19) == eid


# -- as of ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A ledger reviewed after a noted moment: fact 2 confirmed, fact 1's count edited."""
    import time
    from types import SimpleNamespace

    from borderledger.ledger.resolution import resolve
    from borderledger.ledger.review import review
    from borderledger.ledger.store import utcnow
    from borderledger.web import create_app

    ledger, _ = sample_ledger.build(tmp_path_factory.mktemp("asof") / "ledger.db")
    sample_ledger.add_corroboration(ledger)
    review(ledger, 1, "confirm", "test")  # versions start here: confirmed 238
    time.sleep(0.01)
    before = utcnow()
    time.sleep(0.01)
    review(ledger, 2, "confirm", "test")
    review(ledger, 1, "edit", "test", fields={"count": 240})
    review(ledger, 18, "reject", "test", reason="misread")
    resolve(ledger)
    app = create_app(ledger=ledger, secret="h" * 40)
    yield SimpleNamespace(ledger=ledger, before=before.isoformat(), public=new_client(app),
                          proposed=new_client(create_app(ledger=ledger, secret="h" * 40,
                                                         show_proposed=True)))
    ledger.close()


def test_as_of_facts_show_their_state_then(history):
    now = history.public.get("/api/facts").json()
    then = history.public.get(f"/api/facts?as_of={history.before}").json()
    assert {f["id"] for f in now["items"]} == {1, 2, 3}
    assert {f["id"] for f in then["items"]} == {1, 3}  # fact 2 was confirmed later
    one_then = [f for f in then["items"] if f["id"] == 1][0]
    assert one_then["fields"]["count"] == 238 and one_then["status"] == "confirmed"
    assert [f for f in now["items"] if f["id"] == 1][0]["fields"]["count"] == 240
    assert then["as_of"] == history.before
    # rejected since, but proposed (so public when proposed are shown) back then
    ids_then = {f["id"] for f in history.proposed.get(
        f"/api/facts?as_of={history.before}&limit=100").json()["items"]}
    assert 18 in ids_then
    assert 18 not in {f["id"] for f in history.proposed.get("/api/facts?limit=100").json()["items"]}
    csv_then = history.public.get(f"/api/facts.csv?as_of={history.before}").text
    assert len(list(csv.DictReader(io.StringIO(csv_then)))) == 2


def test_as_of_before_anything_was_retrieved_is_empty(history):
    assert history.public.get("/api/facts?as_of=2025-04-30").json()["total"] == 0
    assert history.proposed.get("/api/events?as_of=2025-04-30").json()["total"] == 0
    html = history.public.get("/timeline?as_of=2025-04-30").text
    assert "No fact matches" in html and "As the ledger stated it on 2025-04-30T23:59:59" in html


def test_as_of_events_are_resolved_from_the_facts_then(history):
    then = history.proposed.get(f"/api/events?as_of={history.before}&min_sources=2").json()
    cecot = [e for e in then["items"] if 1 in e["facts"]]
    assert cecot and sorted(cecot[0]["facts"]) == [1, 18]  # 18 was not yet rejected
    assert [v["value"] for v in cecot[0]["fields"]["count"]] == [238, 252]
    now = history.proposed.get("/api/events?min_sources=2").json()
    assert all(1 not in e["facts"] for e in now["items"])
    page = history.proposed.get(f"/event/{cecot[0]['id']}?as_of={history.before}")
    assert page.status_code == 200 and "252" in page.text
    one = history.proposed.get(f"/api/events/{cecot[0]['id']}?as_of={history.before}").json()
    assert [f["fields"]["count"] for f in one["facts"]] == [238, 252]
    public = history.public.get(f"/api/events?as_of={history.before}").json()
    assert all(set(e["facts"]) <= {1, 3} for e in public["items"])


def test_as_of_accepts_dates_datetimes_and_offsets():
    from borderledger.web.params import parse_as_of

    assert parse_as_of("2025-05-01") == datetime(2025, 5, 1, 23, 59, 59, 999999)
    assert parse_as_of("2025-05-01T10:00Z") == datetime(2025, 5, 1, 10, 0)
    assert parse_as_of("2025-05-01T12:00:00+02:00") == datetime(2025, 5, 1, 10, 0)
    assert parse_as_of(" ") is None
