"""Signing in and out, sessions, CSRF, API tokens, login rate limits and who sees what."""

import os
import re
import stat
from datetime import timedelta

import pytest
from conftest import PASSWORD, csrf_of, login, new_client

from borderledger.ledger import Ledger, sessions
from borderledger.ledger.accounts import add_user
from borderledger.web import create_app


def _fresh(tmp_path, **kw):
    ledger = Ledger(str(tmp_path / "l.db"))
    add_user(ledger, "rita", "reviewer", PASSWORD, actor="test")
    return ledger, new_client(create_app(ledger=ledger, **kw))


# -- public mode ---------------------------------------------------------------------------
def test_public_sees_confirmed_facts_only_by_default(staff):
    anon = new_client(staff.app)
    assert anon.get("/api/facts").json()["total"] == 2  # facts 1 and 3 are confirmed
    assert anon.get("/fact/7").status_code == 404  # proposed
    assert anon.get("/timeline?status=proposed").status_code == 422
    assert "unreviewed" not in anon.get("/timeline").text.split("<footer")[0]


def test_show_proposed_setting_marks_them_unreviewed(staff, monkeypatch):
    monkeypatch.setenv("BORDERLEDGER_SHOW_PROPOSED", "1")
    anon = new_client(create_app(ledger=staff.ledger, secret="s" * 40))
    assert anon.get("/api/facts").json()["total"] >= 17
    assert 'class="badge proposed">unreviewed<' in anon.get("/fact/7").text


def test_rejected_facts_are_never_public_but_reviewers_see_them(staff):
    from sample_ledger import set_status

    set_status(staff.ledger, 12, "rejected")
    try:
        public = new_client(create_app(ledger=staff.ledger, show_proposed=True, secret="s" * 40))
        assert public.get("/fact/12").status_code == 404
        assert public.get("/api/facts/12").status_code == 404
        assert public.get("/api/facts?status=rejected").status_code == 422
        bearer = {"Authorization": f"Bearer {staff.token}"}
        r = public.get("/fact/12", headers=bearer)
        assert r.status_code == 200 and 'class="badge rejected"' in r.text
        assert public.get("/api/facts?status=rejected", headers=bearer).json()["total"] == 1
    finally:
        set_status(staff.ledger, 12, "proposed")


# -- sessions ------------------------------------------------------------------------------
def test_login_sets_a_hardened_cookie_and_logout_ends_the_session(staff):
    c = new_client(staff.app)
    r = login(c, "rita")
    assert r.status_code == 303 and r.headers["location"] == "/review"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Secure" not in cookie  # plain http in tests
    stolen = c.cookies.get("bl_session")
    assert c.get("/review").status_code == 200
    token = csrf_of(c.get("/review").text)
    r = c.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and 'bl_session=""' in r.headers["set-cookie"]
    assert c.get("/review", follow_redirects=False).status_code == 303
    thief = new_client(staff.app)
    thief.cookies.set("bl_session", stolen)
    assert thief.get("/review", follow_redirects=False).headers["location"].startswith("/login")


def test_cookie_is_secure_over_https(staff):
    c = new_client(create_app(ledger=staff.ledger, secret="s" * 40), "https://testserver")
    assert "Secure" in login(c, "rita").headers["set-cookie"]  # served over https
    c = new_client(create_app(ledger=staff.ledger, secret="s" * 40, https_only=True),
                   "https://testserver")
    assert "Secure" in login(c, "rita").headers["set-cookie"]


def test_session_cannot_be_fixed(staff):
    """A cookie obtained before signing in is not the signed-in session."""
    attacker = new_client(staff.app)
    attacker.get("/login")
    planted = attacker.cookies.get("bl_session")
    victim = new_client(staff.app)
    victim.cookies.set("bl_session", planted, domain="testserver.local")  # planted on the victim
    r = login(victim, "rita")
    assert r.status_code == 303
    assert victim.cookies.get("bl_session") != planted  # rotated
    assert attacker.get("/review", follow_redirects=False).status_code == 303  # still anonymous
    assert victim.get("/review").status_code == 200
    # signing in again ends the earlier session too
    first = victim.cookies.get("bl_session")
    login(victim, "rita")
    again = new_client(staff.app)
    again.cookies.set("bl_session", first)
    assert again.get("/review", follow_redirects=False).status_code == 303


def test_forged_or_tampered_cookies_are_ignored(staff):
    from itsdangerous import URLSafeTimedSerializer

    forged = URLSafeTimedSerializer("not the secret" * 4, salt="borderledger.session").dumps(
        {"s": "whatever"})
    c = new_client(staff.app)
    c.cookies.set("bl_session", forged)
    assert c.get("/review", follow_redirects=False).status_code == 303
    c.cookies.set("bl_session", "garbage")
    assert c.get("/").status_code == 200


def test_wrong_password_is_refused_without_a_session(staff):
    c = new_client(staff.app)
    r = login(c, "rita", "not the password")
    assert r.status_code == 401 and "do not match" in r.text
    assert c.get("/review", follow_redirects=False).status_code == 303
    assert login(c, "nobody-here").status_code == 401


def test_disabled_user_loses_session_and_token(tmp_path):
    from borderledger.ledger.accounts import create_token, set_disabled

    ledger, c = _fresh(tmp_path)
    token = create_token(ledger, "rita", actor="test")
    login(c, "rita")
    assert c.get("/review").status_code == 200
    set_disabled(ledger, "rita", True, actor="test")
    assert c.get("/review", follow_redirects=False).status_code == 303
    r = new_client(c.app).get("/api/review/queue", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401


def test_secret_is_generated_once_beside_the_blobs_with_0600(tmp_path, monkeypatch):
    monkeypatch.delenv("BORDERLEDGER_SECRET", raising=False)
    ledger = Ledger(str(tmp_path / "l.db"))
    create_app(ledger=ledger)
    path = ledger.blobs.root / "web-secret"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    first = path.read_text()
    create_app(ledger=ledger)
    assert path.read_text() == first and len(first) >= 32
    monkeypatch.setenv("BORDERLEDGER_SECRET", "short")
    with pytest.raises(ValueError, match="32"):
        create_app(ledger=ledger)


# -- CSRF ----------------------------------------------------------------------------------
def test_form_posts_without_the_csrf_token_are_refused(staff):
    c = new_client(staff.app)
    r = c.post("/login", data={"name": "rita", "password": PASSWORD})
    assert r.status_code == 403  # no token at all
    c.get("/login")
    r = c.post("/login", data={"name": "rita", "password": PASSWORD, "csrf_token": "x" * 43})
    assert r.status_code == 403  # wrong token
    login(c, "rita")
    for url, data in [("/review/2", {"action": "confirm"}), ("/logout", {}),
                      ("/admin/people", {"key": "ana belen ruiz", "public": "0"})]:
        assert c.post(url, data=data).status_code == 403, url
        assert c.post(url, data={**data, "csrf_token": "forged"}).status_code == 403, url
    other = new_client(staff.app)
    login(other, "ed")
    foreign = csrf_of(other.get("/review").text)  # a valid token, but of another session
    assert c.post("/review/2", data={"action": "confirm", "csrf_token": foreign}).status_code == 403
    assert c.get("/fact/2").status_code == 200
    assert "badge proposed" in c.get("/fact/2").text  # nothing happened


def test_json_api_needs_csrf_header_with_cookies_but_not_with_a_token(staff):
    c = new_client(staff.app)
    login(c, "rita")
    r = c.post("/api/facts/6/review", json={"action": "confirm"})
    assert r.status_code == 403
    token = csrf_of(c.get("/review").text)
    r = c.post("/api/facts/6/review", json={"action": "reopen"}, headers={"X-CSRF-Token": token})
    assert r.status_code == 200 and r.json()["status"] == "proposed"
    bearer = new_client(staff.app)
    r = bearer.post("/api/facts/6/review", json={"action": "reopen"},
                    headers={"Authorization": f"Bearer {staff.token}"})
    assert r.status_code == 200


def test_bad_bearer_token_is_401_not_anonymous(staff):
    c = new_client(staff.app)
    r = c.get("/api/facts", headers={"Authorization": "Bearer blt_nope"})
    assert r.status_code == 401 and r.json()["status"] == 401
    assert "Bearer" in r.headers["www-authenticate"]


# -- login rate limit ----------------------------------------------------------------------
def test_eleventh_login_in_a_minute_is_refused_even_with_the_right_password(tmp_path, monkeypatch):
    ledger, c = _fresh(tmp_path)
    for _ in range(10):
        assert login(c, "rita", "wrong password").status_code == 401
    r = login(c, "rita")
    assert r.status_code == 429 and r.headers["retry-after"] == "60"
    assert c.get("/review", follow_redirects=False).status_code == 303
    real_now = sessions._now
    monkeypatch.setattr(sessions, "_now", lambda: real_now() + timedelta(seconds=61))
    assert login(c, "rita").status_code == 303  # a minute later it works again


def test_failures_from_one_address_count_across_user_names(tmp_path):
    ledger, c = _fresh(tmp_path)
    for i in range(10):
        assert login(c, f"guess{i}", "wrong password").status_code == 401
    assert login(c, "rita").status_code == 429


# -- review through the web ----------------------------------------------------------------
def test_review_queue_confirm_reject_and_edit(staff):
    from borderledger.ledger.review import history

    c = new_client(staff.app)
    login(c, "rita")
    html = c.get("/review").text
    first = re.search(r'id="item-(\d+)"', html).group(1)
    first_type = re.search(r'data-review-item.*?class="type t-(\w+)"', html, re.S).group(1)
    assert first_type == "arrangement"  # most consequential first
    token = csrf_of(html)
    r = c.post(f"/review/{first}", data={"action": "confirm", "csrf_token": token},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/review?done=confirm&fact={first}"
    after = c.get(r.headers["location"]).text
    assert f"Fact #{first} confirmed." in after and f'id="item-{first}"' not in after
    assert new_client(staff.app).get(f"/fact/{first}").status_code == 200  # now public

    r = c.post("/review/9", data={"action": "reject", "csrf_token": token})
    assert r.status_code == 422 and "reason" in r.text
    c.post("/review/9", data={"action": "reject", "reason": "not a detention",
                              "csrf_token": token})
    assert history(staff.ledger, 9)[-1]["reason"] == "not a detention"

    r = c.post("/review/8", data={"action": "edit", "field.count": "lots", "csrf_token": token})
    assert r.status_code == 422 and "whole number" in r.text
    form = c.get("/review/8/edit").text
    assert '<select id="e-count_kind" name="field.count_kind">' in form
    assert '<option value="approximate" selected>' in form
    r = c.post("/review/8", data={"action": "edit", "field.count": "305",
                                   "field.count_kind": "exact", "reason": "second report",
                                   "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/fact/8?done=edit"
    page = c.get("/fact/8").text
    assert "Version history" in page and "second report" in page
    assert "People: 299 → 305" in page and "Audit trail" in page and "fact.edit" in page
    assert "Version history" not in new_client(staff.app).get("/fact/1").text  # public


def test_every_web_change_is_in_an_intact_audit_chain(staff):
    from borderledger.ledger.verify import verify

    c = new_client(staff.app)
    login(c, "ada")
    token = csrf_of(c.get("/admin/users").text)
    c.post("/review/11", data={"action": "confirm", "csrf_token": token})
    c.post("/admin/users", data={"action": "add", "name": "zoe", "role": "reviewer",
                                 "password": PASSWORD, "csrf_token": token})
    with staff.ledger.session() as s:
        from borderledger.ledger.audit import entries

        actions = [(e.actor, e.action, e.subject) for e in entries(s)]
    assert ("ada", "fact.confirm", "fact:11") in actions
    assert ("ada", "user.add", "user:zoe") in actions
    report = verify(staff.ledger)
    # sample_ledger confirms facts 1 and 3 by SQL, outside the ledger; nothing else may show
    assert [p for p in report.problems if not p.startswith(("fact 1:", "fact 3:"))] == []
    assert report.entries_checked > 0


# -- admin ---------------------------------------------------------------------------------
def test_admin_manages_users_and_tokens(staff):
    c = new_client(staff.app)
    login(c, "ada")
    token = csrf_of(c.get("/admin/users").text)
    r = c.post("/admin/users", data={"action": "add", "name": "nina", "role": "reviewer",
                                     "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 200 and "nina added." in r.text
    r = c.post("/admin/users", data={"action": "add", "name": "nina", "role": "reviewer",
                                     "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 422 and "exists already" in r.text
    c.post("/admin/users", data={"action": "role", "name": "nina", "role": "admin",
                                 "csrf_token": token})
    r = c.post("/admin/users", data={"action": "token", "name": "nina", "csrf_token": token})
    api_token = re.search(r"<code>(blt_[^<]+)</code>", r.text).group(1)
    assert new_client(staff.app).get("/admin/users", headers={
        "Authorization": f"Bearer {api_token}"}).status_code == 200
    assert "blt_" not in c.get("/admin/users").text  # shown once only
    c.post("/admin/users", data={"action": "disable", "name": "nina", "csrf_token": token})
    assert new_client(staff.app).get("/admin/users", headers={
        "Authorization": f"Bearer {api_token}"}).status_code == 401
    r = c.post("/admin/users", data={"action": "disable", "name": "ada", "csrf_token": token})
    assert r.status_code == 422 and "your own" in r.text


def test_reviewer_names_a_person_in_public_with_a_reason(staff):
    c = new_client(staff.app)
    login(c, "rita")
    page = c.get("/admin/people").text
    assert "Ana Belén Ruiz" in page and "private individual" in page
    token = csrf_of(page)
    source = f"/source/{staff.ids['people_source']}"
    assert "Ana Belén Ruiz" not in new_client(staff.app).get(source).text
    r = c.post("/admin/people", data={"key": "ana belen ruiz", "public": "1", "reason": "",
                                      "csrf_token": token})
    assert r.status_code == 422
    c.post("/admin/people", data={"key": "ana belen ruiz", "public": "1",
                                  "reason": "spoke on the record as a union official",
                                  "csrf_token": token})
    assert "Ana Belén Ruiz" in new_client(staff.app).get(source).text
    c.post("/admin/people", data={"key": "ana belen ruiz", "public": "0", "csrf_token": token})
    assert "Ana Belén Ruiz" not in new_client(staff.app).get(source).text


def test_pages_for_signed_in_viewers_are_never_cached(staff):
    c = new_client(staff.app)
    assert "no-store" not in c.get("/fact/1").headers.get("cache-control", "")
    assert "Cookie" in c.get("/fact/1").headers["vary"]
    login(c, "rita")
    for url in ("/fact/1", "/api/facts", "/review"):
        assert c.get(url).headers["cache-control"] == "private, no-store", url
