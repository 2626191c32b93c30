import datetime as dt
import json

import pytest

from kg.articles import MAX_BYTES, count_articles, read_articles
from kg.errors import InputError


def test_txt_header_is_metadata_and_body_is_text(tmp_path):
    (tmp_path / "a.txt").write_text("Title: Floods recede\nDate: 2021-02-03\nSource: Desk\nURL: https://e.org/1\n\nWater fell.")
    [a] = read_articles([tmp_path / "a.txt"])
    assert (a.id, a.title, a.date, a.source, a.url, a.text) == (
        "a", "Floods recede", dt.date(2021, 2, 3), "Desk", "https://e.org/1", "Water fell.")


def test_txt_without_header_keeps_every_line(tmp_path):
    (tmp_path / "b.txt").write_text("Note: this is the first line\nand the second.")
    [a] = read_articles([tmp_path / "b.txt"])
    assert a.text.startswith("Note: this") and a.title is None


def test_folder_is_walked_in_sorted_order_with_relative_ids(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "2.txt").write_text("Two.")
    (tmp_path / "x" / "1.txt").write_text("One.")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    assert [a.id for a in read_articles([tmp_path])] == ["x/1", "x/2"]


def test_folder_skips_hidden_files_and_excluded_globs_in_any_case(tmp_path):
    for name in ("README.TXT", "notes/SOURCE.txt", "a/1.txt", ".git/x.txt", "a/.draft.txt", "a/readme-old.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Some text.")
    assert [a.id for a in read_articles([tmp_path])] == ["README", "a/1", "a/readme-old", "notes/SOURCE"]
    assert [a.id for a in read_articles([tmp_path], exclude=["readme*", "Source.*"])] == ["a/1"]
    assert [a.id for a in read_articles([tmp_path], exclude=["a/*"])] == ["README", "notes/SOURCE"]
    assert count_articles([tmp_path], exclude=["README*", "source*"]) == 1


def test_a_file_named_on_its_own_is_read_even_if_a_glob_matches_it(tmp_path):
    (tmp_path / "README.txt").write_text("Read me anyway.")
    assert [a.id for a in read_articles([tmp_path / "README.txt"], exclude=["README*"])] == ["README"]


def test_jsonl_records(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in [
        {"id": "d1", "text": "First.", "title": None, "date": "2019-03-22"},
        {"id": 7, "text": "Second.", "title": "T", "date": None}]))
    arts = list(read_articles([p]))
    assert [(a.id, a.date, a.title) for a in arts] == [("d1", dt.date(2019, 3, 22), None), ("7", None, "T")]


@pytest.mark.parametrize("content, message", [
    (b"", "empty article"),
    (b"   \n\t", "empty article"),
    (b"abc\x00def", "binary data"),
    (b"caf\xe9 au lait", r"not valid UTF-8 \(byte 3"),
])
def test_bad_txt_raises_naming_file_and_problem(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as err:
        list(read_articles([p]))
    assert str(p) in str(err.value)


def test_huge_file_is_refused(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(InputError, match="article limit"):
        list(read_articles([p]))


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_articles([tmp_path / "nope.txt"]))


def test_on_error_skips_bad_inputs_and_keeps_the_rest(tmp_path):
    (tmp_path / "1.txt").write_text("Good one.")
    (tmp_path / "2.txt").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "3.txt").write_text("Good two.")
    jl = tmp_path / "4.jsonl"
    jl.write_text('{"id": "j1", "text": "Fine."}\n{not json}\n{"id": "j3", "text": ""}\n{"id": "j4", "text": "Also fine."}\n')
    errors = []
    ids = [a.id for a in read_articles([tmp_path], on_error=errors.append)]
    assert ids == ["1", "3", "j1", "j4"]
    assert len(errors) == 3
    assert any("4.jsonl:2: invalid JSON" in str(e) for e in errors)
    assert any("4.jsonl:3: empty article" in str(e) for e in errors)


def test_bad_date_is_named(tmp_path):
    (tmp_path / "d.txt").write_text("Date: yesterday\n\nText.")
    with pytest.raises(InputError, match="not an ISO date"):
        list(read_articles([tmp_path / "d.txt"]))
