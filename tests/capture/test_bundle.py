"""Evidence bundles: written from the ledger, verified end to end, tampering caught."""

from __future__ import annotations

import json
import zipfile

import pytest

from borderledger.capture import Fetcher, FetchPolicy
from borderledger.export.bundle import (
    MANIFEST, BundleError, main, verify_bundle, wacz_available, write_bundle,
)
from borderledger.pipeline import capture, ingest


@pytest.fixture
def filled(ledger, site, tmp_path):
    site.redirect("/go", "/article.html")
    with Fetcher(FetchPolicy(allow_private=True)) as f:
        capture(ledger, [site.url("/go"), site.url("/report.pdf")], fetcher=f, actor="analyst")
    note = tmp_path / "statement.txt"
    note.write_text("The ministry said 12 people were returned to Mexico by bus on Friday.")
    ingest(ledger, [note], actor="clerk")
    return ledger


def _rewrite(src, dst, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, change(info.filename, zin.read(info.filename)))


@pytest.mark.parametrize("use_wacz", [True, False])
def test_a_bundle_of_all_sources_verifies(filled, tmp_path, use_wacz):
    if use_wacz and not wacz_available():
        pytest.skip("the wacz package is not installed")
    out = tmp_path / ("all.wacz" if use_wacz else "all.zip")
    result = write_bundle(filled, out, None, use_wacz=use_wacz)
    assert result.kind == ("wacz" if use_wacz else "zip") and result.sources == 3
    v = verify_bundle(out)
    assert v.ok, v.problems
    assert v.sources_checked == 3
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read(MANIFEST))
        readme = zf.read("evidence/README.txt").decode()
    assert "sha256sum -c evidence/SHA256SUMS" in readme
    assert any(n.startswith("archive/imported-files") for n in names)  # the text file's WARC
    kinds = {s["media_type"]: [e["kind"] for e in s["custody"]] for s in manifest["sources"]}
    assert kinds == {"text/html": ["captured"], "application/pdf": ["captured"],
                     "text/plain": ["imported"]}
    pdf = next(s for s in manifest["sources"] if s["media_type"] == "application/pdf")
    assert len(pdf["pdf_page_offsets"]) == 2


def test_the_wacz_passes_the_wacz_validator(filled, tmp_path, capsys):
    pytest.importorskip("wacz")
    from wacz.main import main as wacz_main

    out = tmp_path / "one.wacz"
    write_bundle(filled, out, ["1"])
    assert wacz_main(["validate", "-f", str(out)]) == 0


def test_a_changed_original_is_caught(filled, tmp_path):
    out = tmp_path / "b.zip"
    write_bundle(filled, out, None, use_wacz=False)
    bad = tmp_path / "tampered.zip"
    _rewrite(out, bad, lambda name, data: data.replace(b"58", b"85")
             if name.startswith("originals/") and name.endswith(".html") else data)
    v = verify_bundle(bad)
    assert not v.ok
    assert any("originals/" in p and "does not match" in p for p in v.problems)


def test_a_consistently_forged_original_is_still_caught_by_the_warc(filled, tmp_path):
    """Even with the manifest and sums rewritten to match, the WARC disagrees."""
    out = tmp_path / "b.zip"
    write_bundle(filled, out, ["1"], use_wacz=False)
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read(MANIFEST))
    src = manifest["sources"][0]
    import hashlib

    forged = b"<html><body>something else entirely</body></html>"
    new_sha = hashlib.sha256(forged).hexdigest()
    old_name = src["original"]
    src["sha256"] = new_sha
    for e in src["custody"]:
        e["sha256"] = new_sha
    manifest["files"][old_name] = new_sha
    body = json.dumps(manifest).encode()

    def change(name, data):
        if name == old_name:
            return forged
        if name == MANIFEST:
            return body
        if name == "evidence/SHA256SUMS":
            lines = [ln for ln in data.decode().splitlines()
                     if not ln.endswith((old_name, MANIFEST))]
            lines += [f"{new_sha}  {old_name}", f"{hashlib.sha256(body).hexdigest()}  {MANIFEST}"]
            return ("\n".join(lines) + "\n").encode()
        return data

    bad = tmp_path / "forged.zip"
    _rewrite(out, bad, change)
    v = verify_bundle(bad)
    assert not v.ok and any("does not hold the original bytes" in p for p in v.problems)


def test_a_damaged_blob_is_not_bundled(filled, tmp_path):
    rec_sha = next(p for p in filled.blobs.root.rglob("*") if p.is_file()
                   and len(p.name) == 64)
    rec_sha.write_bytes(b"bit rot")
    with pytest.raises(BundleError, match="no longer matches its SHA-256"):
        write_bundle(filled, tmp_path / "x.zip", None, use_wacz=False)
    assert not (tmp_path / "x.zip").exists()


def test_unknown_sources_are_named(filled, tmp_path):
    with pytest.raises(BundleError, match="no source '99'"):
        write_bundle(filled, tmp_path / "x.zip", ["99"])


def test_the_verify_command_line(filled, tmp_path, capsys):
    out = tmp_path / "b.zip"
    write_bundle(filled, out, None, use_wacz=False)
    assert main(["verify", str(out)]) == 0
    assert capsys.readouterr().out.startswith("OK: zip bundle")
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    assert main(["verify", str(tmp_path / "junk.zip")]) == 1
