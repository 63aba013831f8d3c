from __future__ import annotations

import pytest
from sqlalchemy import select

from borderledger.ledger.accounts import (
    AccountError, ApiTokenRow, UserRow, add_user, authenticate, create_token, set_disabled,
    set_role, user_for_token,
)

PASSWORD = "correct horse battery"


def test_password_is_stored_as_argon2_and_checked(ledger):
    add_user(ledger, "rita", "reviewer", PASSWORD)
    with ledger.session() as s:
        stored = s.scalar(select(UserRow.password_hash))
    assert stored.startswith("$argon2") and PASSWORD not in stored
    assert authenticate(ledger, "rita", PASSWORD).role == "reviewer"
    assert authenticate(ledger, "rita", "wrong password!") is None
    assert authenticate(ledger, "nobody", PASSWORD) is None


def test_tokens_are_hashed_at_rest_and_revoked_with_the_user(ledger):
    add_user(ledger, "bot", "reviewer", PASSWORD)
    token = create_token(ledger, "bot", "nightly import")
    with ledger.session() as s:
        assert token not in s.scalar(select(ApiTokenRow.token_sha256))
    assert user_for_token(ledger, token).name == "bot"
    assert user_for_token(ledger, token + "x") is None
    set_disabled(ledger, "bot", True)
    assert user_for_token(ledger, token) is None
    assert authenticate(ledger, "bot", PASSWORD) is None


@pytest.mark.parametrize("name, role, password, message", [
    ("rita", "superuser", PASSWORD, "role"),
    ("r", "reviewer", PASSWORD, "user names"),
    ("rita", "reviewer", "short", "at least"),
])
def test_bad_accounts_are_refused(ledger, name, role, password, message):
    with pytest.raises(AccountError, match=message):
        add_user(ledger, name, role, password)


def test_duplicate_user_and_role_change(ledger):
    add_user(ledger, "rita", "reviewer", PASSWORD)
    with pytest.raises(AccountError, match="exists"):
        add_user(ledger, "rita", "admin", PASSWORD)
    set_role(ledger, "rita", "admin")
    assert authenticate(ledger, "rita", PASSWORD).role == "admin"
