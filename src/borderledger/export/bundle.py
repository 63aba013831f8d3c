"""Evidence bundles: one file a lawyer can hand over, and anyone can check.

``write_bundle(ledger, out, ids)`` writes a WACZ (Web Archive Collection Zipped, made with
the ``wacz`` package when it is installed) or, without it, a plain zip with the same layout:

    archive/<sha256>.warc.gz      the WARC of every capture (request + response records) and,
                                  for sources imported from files, one WARC of resource records
    originals/<sha256>.<ext>      the original bytes of each source, named by their SHA-256
    evidence/manifest.json        every source: SHA-256, URL, retrieval time, PDF page offsets,
                                  its WARCs and its chain-of-custody events; every file's SHA-256
    evidence/SHA256SUMS           the same hashes for ``sha256sum -c``
    evidence/README.txt           what all this is and how to verify it by hand
    (WACZ only) indexes/, pages/, datapackage.json, datapackage-digest.json

``verify_bundle(path)`` re-checks everything: each file against the manifest (and against
datapackage.json in a WACZ), each original against its source's SHA-256 and custody events,
and each capture's WARC response payload against the original it is said to hold.
Run it as ``python -m borderledger.export.bundle verify FILE``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from .. import __version__
from ..capture.warc import resource_warc
from ..errors import BorderLedgerError
from ..ledger import Ledger
from ..ledger.custody import SourceRecord, source_records

FORMAT = "borderledger-evidence-bundle"
MANIFEST = "evidence/manifest.json"
SUMS = "evidence/SHA256SUMS"
README = "evidence/README.txt"
RESOURCES_WARC = "archive/imported-files.warc.gz"
EXTENSIONS = {"text/html": ".html", "application/pdf": ".pdf", "text/plain": ".txt",
              "text/markdown": ".md", "application/vnd.borderledger.corpus-record+json": ".json"}


class BundleError(BorderLedgerError):
    pass


@dataclass(frozen=True)
class BundleResult:
    kind: str  # "wacz" or "zip"
    sources: int
    files: int
    sha256: str  # of the bundle file itself


@dataclass
class Verification:
    ok: bool = True
    problems: list[str] = field(default_factory=list)
    files_checked: int = 0
    sources_checked: int = 0
    kind: str = "zip"

    def problem(self, text: str) -> None:
        self.ok = False
        self.problems.append(text)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def wacz_available() -> bool:
    try:
        import wacz.main  # noqa: F401
    except ImportError:
        return False
    return True


# -- writing -------------------------------------------------------------------------------
def _select(ledger: Ledger, ids: list[str] | None) -> list[SourceRecord]:
    records = source_records(ledger)
    if ids is None:
        if not records:
            raise BundleError("the ledger holds no sources")
        return records
    chosen = []
    for given in ids:
        given = given.strip().lower().removeprefix("sha256:")
        if given.isdigit():
            match = [r for r in records if r.id == int(given)]
        elif len(given) >= 8 and all(c in "0123456789abcdef" for c in given):
            match = [r for r in records if r.sha256.startswith(given)]
        else:
            raise BundleError(f"{given!r} is neither a source id nor a SHA-256 prefix "
                              f"(8 or more hex digits)")
        if not match:
            raise BundleError(f"no source {given!r} in the ledger")
        if len(match) > 1:
            raise BundleError(f"SHA-256 prefix {given!r} matches {len(match)} sources; give more")
        chosen.extend(m for m in match if m not in chosen)
    return chosen


def _read_blob(ledger: Ledger, sha: str, what: str) -> bytes:
    try:
        data = ledger.blobs.get(sha)
    except FileNotFoundError:
        raise BundleError(f"{what}: blob {sha} is missing from {ledger.blobs.root}") from None
    if sha256_hex(data) != sha:
        raise BundleError(f"{what}: blob {sha} no longer matches its SHA-256 (damaged or "
                          f"altered); not bundling it")
    return data


def _iso(value: datetime) -> str:
    return value.replace(tzinfo=None).isoformat() + "Z"


def _collect(ledger: Ledger, records: list[SourceRecord]) -> tuple[dict[str, bytes], dict]:
    """(files by path in the bundle, manifest) for these sources."""
    files: dict[str, bytes] = {}
    sources = []
    resources: list[tuple[str, str, datetime, bytes]] = []
    for rec in records:
        what = f"source {rec.id}"
        data = _read_blob(ledger, rec.sha256, what)
        original = f"originals/{rec.sha256}{EXTENSIONS.get(rec.media_type, '.bin')}"
        files[original] = data
        warcs = []
        for event in rec.events:
            if event.warc_sha256 and f"archive/{event.warc_sha256}.warc.gz" not in warcs:
                path = f"archive/{event.warc_sha256}.warc.gz"
                files[path] = _read_blob(ledger, event.warc_sha256, f"{what} (WARC)")
                warcs.append(path)
        uri = rec.url
        if not warcs:
            uri = rec.url or (Path(rec.origin).as_uri() if rec.origin and rec.origin.startswith("/")
                              else f"urn:sha256:{rec.sha256}")
            resources.append((uri, rec.media_type, rec.retrieved_at, data))
            warcs.append(RESOURCES_WARC)
        sources.append({
            "id": rec.id, "doc_id": rec.doc_id, "sha256": rec.sha256,
            "media_type": rec.media_type, "size": rec.size, "url": rec.url,
            "origin": rec.origin, "title": rec.title, "retrieved_at": _iso(rec.retrieved_at),
            "pdf_page_offsets": rec.pages, "original": original, "warcs": warcs,
            "custody": [e.to_dict() for e in rec.events],
            "archived_as": uri,
        })
    if resources:
        files[RESOURCES_WARC] = resource_warc(resources)
    manifest = {
        "format": FORMAT, "format_version": 1, "created": _iso(datetime.now(UTC)),
        "tool": f"borderledger {__version__}", "hash": "sha256",
        "sources": sources,
        "files": {path: sha256_hex(data) for path, data in sorted(files.items())},
    }
    return files, manifest


def _readme(manifest: dict, kind: str) -> str:
    n = len(manifest["sources"])
    wacz_part = ("""
This file is also a WACZ web archive (https://specs.webrecorder.net/wacz/): open it in
ReplayWeb.page (https://replayweb.page) to browse the captured pages as they were served.
datapackage.json lists every file with its SHA-256 and datapackage-digest.json holds the
SHA-256 of datapackage.json; `wacz validate -f FILE` checks both.
""" if kind == "wacz" else "")
    return f"""BorderLedger evidence bundle
============================

Created {manifest["created"]} by {manifest["tool"]}; {n} source(s).
All times are UTC. All hashes are SHA-256, written in lower-case hex.
{wacz_part}
What is inside
--------------
archive/      WARC files (ISO 28500). For a web capture: the exact HTTP request sent and
              response received, for every redirect and the final page, with the server's
              IP address and the time of the exchange. Sources imported from files are kept
              in {RESOURCES_WARC.split("/")[1]} as WARC "resource" records.
originals/    The original bytes of each source, named <sha256>.<extension>. For a web page
              this is the response body after undoing any gzip/deflate transfer compression.
evidence/manifest.json
              For each source: its SHA-256, URL or file it came from, when it was retrieved,
              the start offset of each PDF page in the extracted text, the WARC file(s)
              holding it, and its chain of custody: every event ("captured", "imported",
              "re-verified") with who (actor), when, how (method, tool and version, URL,
              HTTP status, redirects) and the SHA-256 observed at that moment.
              "files" maps every other file in this bundle to its SHA-256.
evidence/SHA256SUMS
              The same file hashes, in the format of the sha256sum tool.

How to verify it
----------------
1. Unzip the bundle into an empty folder and open a terminal in that folder.
2. Run:  sha256sum -c evidence/SHA256SUMS
   (macOS: shasum -a 256 -c evidence/SHA256SUMS; Windows PowerShell:
   Get-FileHash -Algorithm SHA256 <file> and compare by eye.)
   Every line must say OK. A changed, missing or substituted file shows as FAILED.
3. For each source in evidence/manifest.json, the file named in "original" must hash to
   "sha256", which must equal the "sha256" of each of its custody events: the bytes were the
   same every time they were captured or checked.
4. The WARC record of a web capture holds the same bytes: its response payload, once
   decompressed, hashes to the source's "sha256" (warcio can extract it:
   `warcio extract --payload FILE.warc.gz OFFSET`).
With BorderLedger installed, all of the above is done by:
   python -m borderledger.export.bundle verify THIS_FILE
To prove the bundle itself was not changed after hand-over, record the SHA-256 of the
bundle file when you hand it over (BorderLedger prints it when it writes the bundle).
"""


def _sums(hashes: dict[str, str]) -> str:
    return "".join(f"{sha}  {path}\n" for path, sha in sorted(hashes.items()))


def _write_plain(out: Path, files: dict[str, bytes], extra: dict[str, bytes]) -> int:
    with zipfile.ZipFile(out, "w") as zf:
        for path, data in sorted({**files, **extra}.items()):
            method = zipfile.ZIP_STORED if path.endswith(".gz") else zipfile.ZIP_DEFLATED
            zf.writestr(zipfile.ZipInfo(path, _zip_time()), data, compress_type=method)
        return len(zf.namelist())


def _zip_time() -> tuple[int, int, int, int, int, int]:
    return datetime.now(UTC).timetuple()[:6]


def _write_wacz(out: Path, files: dict[str, bytes], extra: dict[str, bytes], title: str,
                manifest: dict) -> int:
    """Build the WACZ with py-wacz from the WARCs, then add the evidence files and list them
    (with their hashes) in datapackage.json, and rewrite datapackage-digest.json."""
    from wacz.main import main as wacz_main

    with tempfile.TemporaryDirectory() as tmp:
        warc_paths = []
        for path, data in files.items():
            if path.startswith("archive/"):
                target = Path(tmp) / Path(path).name
                target.write_bytes(data)
                warc_paths.append(str(target))
        base = Path(tmp) / "base.wacz"
        pages = Path(tmp) / "pages.jsonl"
        lines = [{"format": "json-pages-1.0", "id": "pages", "title": "Sources"}]
        seen = set()
        for src in manifest["sources"]:
            if src["archived_as"] and src["archived_as"] not in seen:
                seen.add(src["archived_as"])
                lines.append({"url": src["archived_as"],
                              "title": src["title"] or src["archived_as"]})
        pages.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()) as said:
            code = wacz_main(["create", *sorted(warc_paths), "-o", str(base), "-p", str(pages),
                              "--title", title, "--hash-type", "sha256"])
        if code != 0 or not base.exists():
            raise BundleError(f"the wacz package could not build the archive: "
                              f"{said.getvalue().strip()[-300:]}")
        with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w") as dst:
            package = json.loads(src.read("datapackage.json"))
            for info in src.infolist():
                if info.filename in ("datapackage.json", "datapackage-digest.json"):
                    continue
                dst.writestr(info, src.read(info.filename), compress_type=info.compress_type)
            for path, data in sorted({**files, **extra}.items()):
                if path.startswith("archive/"):
                    continue  # already added by py-wacz (stored, as the WACZ spec asks)
                dst.writestr(zipfile.ZipInfo(path, _zip_time()), data,
                             compress_type=zipfile.ZIP_DEFLATED)
                package["resources"].append({"name": Path(path).name.lower(), "path": path,
                                             "hash": f"sha256:{sha256_hex(data)}",
                                             "bytes": len(data)})
            body = json.dumps(package, indent=2).encode()
            dst.writestr(zipfile.ZipInfo("datapackage.json", _zip_time()), body,
                         compress_type=zipfile.ZIP_DEFLATED)
            digest = json.dumps({"path": "datapackage.json",
                                 "hash": f"sha256:{sha256_hex(body)}"}, indent=2).encode()
            dst.writestr(zipfile.ZipInfo("datapackage-digest.json", _zip_time()), digest,
                         compress_type=zipfile.ZIP_DEFLATED)
            return len(dst.namelist())


def write_bundle(ledger: Ledger, out: str | Path, ids: list[str] | None = None, *,
                 use_wacz: bool | None = None) -> BundleResult:
    """Write the sources ``ids`` (source ids or SHA-256 prefixes; None: all) to ``out``.

    A WACZ when the ``wacz`` package is installed (``use_wacz`` forces the choice), else a
    zip with the same evidence files. Written to a temporary file and renamed: an error
    leaves no half-written bundle.
    """
    out = Path(out)
    records = _select(ledger, ids)
    files, manifest = _collect(ledger, records)
    kind = "wacz" if (wacz_available() if use_wacz is None else use_wacz) else "zip"
    manifest["bundle_kind"] = kind
    manifest_bytes = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
    readme = _readme(manifest, kind).encode()
    hashes = dict(manifest["files"])
    hashes[MANIFEST] = sha256_hex(manifest_bytes)
    hashes[README] = sha256_hex(readme)
    extra = {MANIFEST: manifest_bytes, README: readme, SUMS: _sums(hashes).encode()}
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        if kind == "wacz":
            title = f"BorderLedger evidence: {len(records)} source(s)"
            n = _write_wacz(Path(tmp), files, extra, title, manifest)
        else:
            n = _write_plain(Path(tmp), files, extra)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return BundleResult(kind, len(records), n, sha256_hex(out.read_bytes()))


# -- verifying -----------------------------------------------------------------------------
def _payload_hashes(warc: bytes) -> set[str]:
    """SHA-256 of every response/resource payload in a WARC (decoded as a browser would)."""
    out = set()
    for record in ArchiveIterator(io.BytesIO(warc)):
        if record.rec_type in ("response", "resource"):
            out.add(sha256_hex(record.content_stream().read()))
    return out


def verify_bundle(path: str | Path) -> Verification:
    """Check a bundle end to end; never raises for a bad bundle, lists the problems."""
    v = Verification()
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        v.problem(f"not a readable zip file: {exc}")
        return v
    with zf:
        names = set(zf.namelist())
        try:
            manifest = json.loads(zf.read(MANIFEST))
        except (KeyError, ValueError) as exc:
            v.problem(f"{MANIFEST} is missing or unreadable ({exc})")
            return v
        if manifest.get("format") != FORMAT:
            v.problem(f"{MANIFEST} is not a {FORMAT} manifest")
        v.kind = "wacz" if "datapackage.json" in names else "zip"
        # 1. every listed file is there and unchanged
        content: dict[str, bytes] = {}
        for name, sha in manifest.get("files", {}).items():
            if name not in names:
                v.problem(f"{name} is listed in the manifest but missing")
                continue
            content[name] = zf.read(name)
            v.files_checked += 1
            if sha256_hex(content[name]) != sha:
                v.problem(f"{name} does not match its SHA-256 in the manifest")
        # 2. SHA256SUMS agrees, and covers the manifest and README
        try:
            sums = dict(reversed(line.split("  ", 1)) for line in
                        zf.read(SUMS).decode().splitlines() if line.strip())
        except (KeyError, ValueError):
            sums = {}
            v.problem(f"{SUMS} is missing or unreadable")
        for name, sha in sums.items():
            if name not in names:
                v.problem(f"{name} is listed in {SUMS} but missing")
            elif sha256_hex(zf.read(name)) != sha:
                v.problem(f"{name} does not match its SHA-256 in {SUMS}")
        for name in (MANIFEST, README):
            if sums and name not in sums:
                v.problem(f"{name} is not covered by {SUMS}")
        # 3. nothing unaccounted for
        known = set(manifest.get("files", {})) | set(sums) | {SUMS}
        package: dict = {}
        if v.kind == "wacz":
            package = json.loads(zf.read("datapackage.json"))
            known |= {r["path"] for r in package.get("resources", [])}
            known |= {"datapackage.json", "datapackage-digest.json"}
        for name in sorted(names - known):
            if not name.endswith("/"):
                v.problem(f"{name} is in the bundle but listed nowhere")
        # 4. the WACZ's own hashes
        if v.kind == "wacz":
            for res in package.get("resources", []):
                if res["path"] not in names:
                    v.problem(f"{res['path']} is listed in datapackage.json but missing")
                    continue
                data = zf.read(res["path"])
                if res.get("hash") != f"sha256:{sha256_hex(data)}" or res.get("bytes") != len(data):
                    v.problem(f"{res['path']} does not match datapackage.json")
            if "datapackage-digest.json" in names:
                digest = json.loads(zf.read("datapackage-digest.json"))
                if digest.get("hash") != f"sha256:{sha256_hex(zf.read('datapackage.json'))}":
                    v.problem("datapackage.json does not match datapackage-digest.json")
        # 5. each source: original, custody, WARC payload
        for src in manifest.get("sources", []):
            v.sources_checked += 1
            label = f"source {src.get('id')}"
            original = content.get(src.get("original", ""))
            if original is None:
                v.problem(f"{label}: original file missing")
                continue
            if sha256_hex(original) != src.get("sha256"):
                v.problem(f"{label}: original does not hash to the source's SHA-256")
            events = src.get("custody", [])
            if not events:
                v.problem(f"{label}: no chain-of-custody events")
            for event in events:
                if event.get("sha256") != src.get("sha256"):
                    v.problem(f"{label}: a {event.get('kind')} event of {event.get('at')} saw "
                              f"different bytes ({event.get('sha256')})")
                warc_sha = event.get("warc_sha256")
                if warc_sha:
                    name = f"archive/{warc_sha}.warc.gz"
                    warc = content.get(name) or (zf.read(name) if name in names else None)
                    if warc is None:
                        v.problem(f"{label}: WARC {name} of a {event.get('kind')} event missing")
                    elif sha256_hex(warc) != warc_sha:
                        v.problem(f"{label}: WARC {name} does not match its SHA-256")
                    elif src.get("sha256") not in _payload_hashes(warc):
                        v.problem(f"{label}: WARC {name} does not hold the original bytes")
            for name in src.get("warcs", []):
                if name not in names:
                    v.problem(f"{label}: WARC {name} missing")
    return v


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] != "verify":
        print("usage: python -m borderledger.export.bundle verify BUNDLE", file=sys.stderr)
        return 2
    v = verify_bundle(args[1])
    for problem in v.problems:
        print(f"PROBLEM: {problem}")
    status = "OK" if v.ok else "FAILED"
    print(f"{status}: {v.kind} bundle, {v.files_checked} files and {v.sources_checked} sources "
          f"checked, {len(v.problems)} problems")
    return 0 if v.ok else 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
