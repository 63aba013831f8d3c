import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
warnings.filterwarnings("ignore", category=DeprecationWarning)

import sample_ledger  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real chromium through playwright")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    ledger, ids = sample_ledger.build(tmp_path_factory.mktemp("ledger") / "ledger.db")
    yield ledger, ids
    ledger.close()


@pytest.fixture(scope="module")
def app(sample):
    from borderledger.web import create_app

    return create_app(ledger=sample[0], show_proposed=True)


@pytest.fixture(scope="module")
def client(app):
    from fastapi.testclient import TestClient

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def ids(sample):
    return sample[1]


# -- accounts for the sign-in, review and admin tests -----------------------------------------
PASSWORD = "correct horse battery staple"


def csrf_of(html: str) -> str:
    import re

    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def login(client, name: str, password: str = PASSWORD):
    """Sign in through the real form; returns the POST's response (303 on success)."""
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token,
                                       "next": "/"}, follow_redirects=False)


def new_client(app, base_url: str = "http://testserver"):
    from fastapi.testclient import TestClient

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(app, raise_server_exceptions=False, base_url=base_url)


@pytest.fixture(scope="module")
def staff(tmp_path_factory):
    """A fresh sample ledger with a reviewer (rita, also with an API token) and an admin
    (ada), served in the default public mode (confirmed facts only)."""
    from types import SimpleNamespace

    from borderledger.extract.persons import find_persons
    from borderledger.ledger.accounts import add_user, create_token
    from borderledger.model import RawSource
    from borderledger.web import create_app

    ledger, ids = sample_ledger.build(tmp_path_factory.mktemp("staff") / "ledger.db")
    add_user(ledger, "rita", "reviewer", PASSWORD, actor="test")
    add_user(ledger, "ada", "admin", PASSWORD, actor="test")
    add_user(ledger, "ed", "reviewer", PASSWORD, actor="test")
    text = "Ana Belén Ruiz, a nurse, said the flight left at dawn."
    ids["people_source"] = ledger.add_source(
        RawSource(text.encode(), "text/plain", corpus_id="people"), text, "given",
        mentions=find_persons(text))
    token = create_token(ledger, "rita", "tests", actor="test")
    app = create_app(ledger=ledger, secret="s" * 40)
    yield SimpleNamespace(app=app, ledger=ledger, ids=ids, token=token)
    ledger.close()


def app_endpoints(app) -> set[tuple[str, str]]:
    """Every (method, path) the app answers, from ``app.routes`` (included routers too)."""
    from fastapi.routing import APIRoute
    from starlette.routing import Route

    def walk(routes, prefix=""):
        for route in routes:
            inner = getattr(route, "original_router", None)  # FastAPI ≥ 0.16x keeps includes
            if inner is not None:
                yield from walk(inner.routes, prefix + route.include_context.prefix)
            elif isinstance(route, (APIRoute, Route)):
                yield from ((m, prefix + route.path) for m in route.methods if m != "HEAD")

    return set(walk(app.routes))
