from __future__ import annotations

import pytest

from .server import ARTICLE, SPORTS, Site, pdf


@pytest.fixture
def site():
    s = Site()
    s.add("/article.html", ARTICLE)
    s.add("/sports.html", SPORTS)
    s.add("/report.pdf", pdf(["Annex on detention of third-country nationals",
                              "Page two records 41 people deported to Eswatini"]),
          "application/pdf")
    yield s
    s.close()
