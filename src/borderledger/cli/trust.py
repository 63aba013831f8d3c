"""People and trust: accounts, review, verification, people named, entity matches."""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated, Optional

import typer
from rich.table import Table

from .common import DbOption, _fail, _open, app, console

user_app = typer.Typer(help="Manage reviewer and admin accounts.", no_args_is_help=True)
review_app = typer.Typer(help="Confirm, reject or edit machine-proposed facts.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(review_app, name="review")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if os.environ.get("BORDERLEDGER_PASSWORD"):
        return os.environ["BORDERLEDGER_PASSWORD"]
    return typer.prompt("password", hide_input=True, confirmation_prompt=True)


@user_app.command("add")
def user_add(
    name: str,
    role: Annotated[str, typer.Option(help="reviewer or admin")] = "reviewer",
    password_stdin: Annotated[bool, typer.Option("--password-stdin",
                                                 help="Read the password from standard input.")] = False,
    db: DbOption = None,
):
    """Create an account (the password is prompted for, or read with --password-stdin).

    Example: borderledger user add rita --role reviewer --db ledger.db
    """
    from ..ledger.accounts import AccountError, add_user

    try:
        add_user(_open(db), name, role, _password(password_stdin))
    except AccountError as exc:
        _fail(str(exc), 2)
    console.print(f"added {role} {name}", highlight=False)


@user_app.command("list")
def user_list(db: DbOption = None):
    """List accounts with their roles."""
    from ..ledger.accounts import list_users

    table = Table("name", "role", "state")
    for name, role, disabled in list_users(_open(db)):
        table.add_row(name, role, "disabled" if disabled else "active")
    console.print(table)


@user_app.command("role")
def user_role(name: str, role: str, db: DbOption = None):
    """Change an account's role."""
    from ..ledger.accounts import AccountError, set_role

    try:
        set_role(_open(db), name, role)
    except AccountError as exc:
        _fail(str(exc), 2)
    console.print(f"{name} is now {role}", highlight=False)


@user_app.command("disable")
def user_disable(name: str, db: DbOption = None):
    """Disable an account and revoke its API tokens."""
    from ..ledger.accounts import AccountError, set_disabled

    try:
        set_disabled(_open(db), name, True)
    except AccountError as exc:
        _fail(str(exc), 2)
    console.print(f"disabled {name}", highlight=False)


@user_app.command("token")
def user_token(name: str, label: Optional[str] = None, db: DbOption = None):
    """Create an API token for scripts; it is shown once and stored only as a hash."""
    from ..ledger.accounts import AccountError, create_token

    try:
        token = create_token(_open(db), name, label)
    except AccountError as exc:
        _fail(str(exc), 2)
    console.print(token, highlight=False, soft_wrap=True)


@review_app.command("queue")
def review_queue(limit: int = 20, db: DbOption = None):
    """Proposed facts, most consequential first."""
    from ..ledger.review import queue

    table = Table("id", "type", "fields", "confidence", "quote")
    for f in queue(_open(db), limit=limit):
        fields = {k: v for k, v in f.fields.items() if v not in (None, [])}
        quote = f.evidence[0].quote if f.evidence else ""
        table.add_row(str(f.id), f.type, json.dumps(fields, ensure_ascii=False),
                      f"{f.confidence:.2f}", quote[:80])
    console.print(table)


ActorOption = Annotated[str, typer.Option(help="Reviewer name recorded in the audit trail.")]


def _review(fact_id: int, action: str, actor: str, db, **kw) -> None:
    from ..ledger.review import ReviewError, review

    try:
        version = review(_open(db), fact_id, action, actor, **kw)
    except ReviewError as exc:
        _fail(str(exc), 2)
    console.print(f"fact {fact_id}: {action} recorded as version {version}", highlight=False)


@review_app.command("confirm")
def review_confirm(fact_id: int, actor: ActorOption, db: DbOption = None):
    """Confirm a fact: it becomes part of the public record."""
    _review(fact_id, "confirm", actor, db)


@review_app.command("reject")
def review_reject(fact_id: int, actor: ActorOption,
                  reason: Annotated[str, typer.Option(help="Why it is wrong.")], db: DbOption = None):
    """Reject a fact, with a reason."""
    _review(fact_id, "reject", actor, db, reason=reason)


@review_app.command("edit")
def review_edit(fact_id: int, actor: ActorOption,
                fields: Annotated[str, typer.Option(help='JSON object, e.g. {"count": 135}')],
                reason: Optional[str] = None, db: DbOption = None):
    """Correct fields of a fact (a new version; the old one stays in its history)."""
    try:
        parsed = json.loads(fields)
        if not isinstance(parsed, dict):
            raise ValueError
    except ValueError:
        _fail("--fields must be a JSON object", 2)
    _review(fact_id, "edit", actor, db, fields=parsed, reason=reason)


@app.command()
def verify(db: DbOption = None):
    """Re-hash every stored blob and walk the audit chain; name the first broken link.

    Example: borderledger verify --db ledger.db
    """
    from ..ledger.verify import verify as run_verify

    report = run_verify(_open(db))
    for problem in report.problems:
        console.print(f"[red]✗[/] {problem}", highlight=False)
    summary = (f"{report.blobs_checked} blobs, {report.entries_checked} audit entries, "
               f"{report.facts_checked} facts checked")
    if report.ok:
        console.print(f"[green]✓[/] ledger intact: {summary}", highlight=False)
        return
    console.print(f"[red]{len(report.problems)} problem(s)[/]: {summary}", highlight=False)
    raise typer.Exit(1)


people_app = typer.Typer(help="People named in sources: private by default, masked in public.",
                         no_args_is_help=True)
app.add_typer(people_app, name="people")


@people_app.command("list")
def people_list(private: Annotated[bool, typer.Option("--private", help="Only people still masked.")] = False,
                as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
                db: DbOption = None):
    """People named in the ledger's sources, with how often and whether shown in public."""
    from ..ledger.privacy import people

    found = people(_open(db), private_only=private)
    if as_json:
        for p in found:
            print(json.dumps(p, ensure_ascii=False))
        return
    table = Table("key", "name", "mentions", "role", "shown in public")
    for p in found:
        table.add_row(p["key"], p["name"], str(p["mentions"]),
                      "public role" if p["public_role"] else "private individual",
                      "yes" if p["public"] else "no (masked)")
    console.print(table)


@people_app.command("public")
def people_public(key: str, actor: ActorOption,
                  reason: Annotated[str, typer.Option(help="Why this person may be named.")],
                  undo: Annotated[bool, typer.Option("--undo", help="Mask the person again.")] = False,
                  db: DbOption = None):
    """Let a person's name appear in public views (or mask it again with --undo)."""
    from ..ledger.privacy import set_public

    set_public(_open(db), key, not undo, actor, reason)
    console.print(f"{key}: {'masked in public' if undo else 'shown in public'}", highlight=False)


@people_app.command("refresh")
def people_refresh(db: DbOption = None):
    """Find person mentions again in every document (after editing data/person_roles.yaml)."""
    from ..ledger.privacy import refresh_mentions

    console.print(f"{refresh_mentions(_open(db))} person mentions stored", highlight=False)


entities_app = typer.Typer(help="Names matched to known facilities, people and organisations.",
                           no_args_is_help=True)
app.add_typer(entities_app, name="entities")


@entities_app.command("list")
def entities_list(fuzzy: Annotated[bool, typer.Option("--fuzzy", help="Only fuzzy (misspelling) matches.")] = False,
                  status: Annotated[Optional[str], typer.Option(help="proposed, confirmed or rejected")] = None,
                  as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
                  db: DbOption = None):
    """How written names were matched (exact aliases are confirmed; fuzzy ones await review)."""
    from ..ledger.entities import list_matches

    rows = list_matches(_open(db), status=status, fuzzy_only=fuzzy)
    if as_json:
        for r in rows:
            print(json.dumps({"id": r.id, "kind": r.kind, "surface": r.surface, "entity": r.entity_id,
                              "name": r.entity_name, "score": r.score, "method": r.method,
                              "status": r.status}, ensure_ascii=False))
        return
    table = Table("id", "kind", "written", "taken as", "score", "status")
    for r in rows:
        table.add_row(str(r.id), r.kind, r.surface, r.entity_name, f"{r.score:.0f} {r.method}", r.status)
    console.print(table)


def _entity_review(match_id: int, status: str, actor: str, reason: str | None, db) -> None:
    from ..ledger.entities import EntityError, review_match

    try:
        review_match(_open(db), match_id, status, actor, reason)
    except EntityError as exc:
        _fail(str(exc), 2)
    console.print(f"entity match {match_id}: {status}", highlight=False)


@entities_app.command("confirm")
def entities_confirm(match_id: int, actor: ActorOption, db: DbOption = None):
    """Confirm that a written name stands for the matched entity."""
    _entity_review(match_id, "confirmed", actor, None, db)


@entities_app.command("reject")
def entities_reject(match_id: int, actor: ActorOption,
                    reason: Annotated[str, typer.Option(help="Why the match is wrong.")], db: DbOption = None):
    """Reject a match: the name is no longer taken for that entity."""
    _entity_review(match_id, "rejected", actor, reason, db)
