from __future__ import annotations

from borderledger.capture import read_units


def test_directories_are_walked_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("second story")
    (tmp_path / "a.html").write_text("<p>first</p>")
    (tmp_path / ".hidden.txt").write_text("ignored")
    units = list(read_units([tmp_path]))
    assert [u.where.rsplit("/", 1)[-1] for u in units] == ["a.html", "two.txt"]
    assert [u.raw.media_type for u in units] == ["text/html", "text/plain"]


def test_missing_path_is_an_error(tmp_path):
    (unit,) = read_units([tmp_path / "nope.txt"])
    assert unit.error == "no such file or directory"


def test_unknown_extension_named_explicitly_is_an_error(tmp_path):
    path = tmp_path / "data.xyz"
    path.write_text("x")
    (unit,) = read_units([path])
    assert "unsupported file type '.xyz'" in unit.error


def test_unknown_extension_inside_a_directory_is_skipped(tmp_path):
    (tmp_path / "data.xyz").write_text("x")
    (unit,) = read_units([tmp_path])
    assert unit.error.startswith("skipped:")


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    (unit,) = read_units([path], max_bytes=1000)
    assert "file too large" in unit.error


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    (unit,) = read_units([path])
    assert unit.error == "empty file"
