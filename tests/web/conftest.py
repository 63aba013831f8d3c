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

    return create_app(ledger=sample[0])


@pytest.fixture(scope="module")
def client(app):
    from fastapi.testclient import TestClient

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def ids(sample):
    return sample[1]
