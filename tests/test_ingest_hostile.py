"""Hostile files: `petitionbot ingest` refuses each in one line naming it, writes nothing, and stays bounded.

Every case runs the real CLI in a child process limited to 1 GiB of address space and killed after
`TIMEOUT` seconds, so a stall or a memory blow-up fails as a hang or a crash rather than through a
timed assertion. The store holds real records first; after a refusal its content digest, its
change journal and `PRAGMA integrity_check` are as before. Re-ingesting an unchanged snapshot or
export is recognised from the records' raw bytes: nothing is parsed and nothing is written.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from bot.petitions import ingest_files
from bot.petitions.ingest import ingest_paths
from bot.petitions.model import Bi, Response
from bot.petitions.store import Prepared, Store
from tests.factories import make_petition

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 30  # seconds; every refusal here takes about one (start-up included)
ADDRESS_SPACE = 1 << 30
HEADER = '{"format": "petitionbot-snapshot", "version": 1}'

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX only")


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def ingest(db: Path, *paths: Path | str, options: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MALLOC_ARENA_MAX": "2"}
    env.pop("PETITIONBOT_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", "ingest", "--db", str(db), *options, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=ROOT,
        env=env,
        preexec_fn=_bounded,
    )


def records(n: int, start: int = 100) -> list[dict]:
    return [
        make_petition(
            f"e-{start + i}",
            subject=f"Subject {i}",
            signatures=10 * i,
            response=Response(
                header=Bi("Response by the Minister of Health", None), paragraphs=Bi([f"Answer {i}."], None)
            ),
        ).to_dict()
        for i in range(n)
    ]


def write_snapshot(path: Path, rows: list[dict], header: str = HEADER) -> Path:
    path.write_text(
        "\n".join([header, *(json.dumps(r, ensure_ascii=False) for r in rows)]) + "\n", encoding="utf-8"
    )
    return path


def export_record(number: str, signatures: str = "61", subject: str = "National day") -> str:
    return (
        f'<Petition Id="1" SignatureCount="{signatures}" Title="{number} ({subject})">'
        '<Parliament ParliamentNumber="44" Session="1">44th Parliament</Parliament>'
        f"<StatusId>229</StatusId><StatusName>Not certified</StatusName><PetitionNumber>{number}</PetitionNumber>"
        '<Sponsor PersonId="1234"><FirstName>Pat</FirstName><LastName>Example</LastName></Sponsor>'
        "<SignatureOpeningDateTime>April 24, 2023, at 4:33 p.m. (EDT)</SignatureOpeningDateTime>"
        "<Prayer>Petition to the Government of Canada<Grievances>Whereas:<WhereAs>A day was proposed.</WhereAs>"
        "</Grievances><Para>We, the undersigned, call upon the Government of Canada to name the day.</Para></Prayer>"
        '<Keywords><Term Id="77">Commemorations</Term></Keywords>'
        '<ProvinceSignatures Province="ON" SignatureCount="40"/></Petition>'
    )


def write_export(path: Path, body: list[str], indent: str = "  ") -> Path:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<ArrayOfPetition>",
        *(indent + r for r in body),
        "</ArrayOfPetition>",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store_db(tmp_path: Path) -> Path:
    """A store holding five real records, written by the CLI itself."""
    db = tmp_path / "store.sqlite3"
    seed = write_snapshot(tmp_path / "seed.jsonl", records(5, start=9000))
    proc = ingest(db, seed)
    assert proc.returncode == 0, proc.stderr
    return db


def state(db: Path) -> tuple[str, int, int, str]:
    """What a refusal must leave as it was: content, journal, row count, soundness."""

    async def digest() -> str:
        store = await Store.open(db)
        try:
            return await store.content_digest()
        finally:
            await store.close()

    with closing(sqlite3.connect(db)) as conn:
        journal = conn.execute("SELECT count(*) FROM changes").fetchone()[0]
        rows = conn.execute("SELECT count(*) FROM petitions").fetchone()[0]
        sound = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return asyncio.run(digest()), journal, rows, sound


def assert_refused(
    db: Path, before: tuple[str, int, int, str], path: Path | str, *words: str, options: tuple[str, ...] = ()
) -> str:
    """Ingest a good file then `path` in one batch; check the one-line refusal and the untouched store."""
    good = write_snapshot(Path(db).with_name("good.jsonl"), records(2, start=5000))
    proc = ingest(db, good, path, options=options)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"ingest failed, nothing written: {path}: "), lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    assert proc.stdout == ""
    assert state(db) == before
    assert before[3] == "ok"
    return lines[0]


# --- Snapshots --------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["[1, 2]", "42", "null", '"e-1"', "true"])
def test_snapshot_line_that_is_not_an_object(tmp_path: Path, store_db: Path, line: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(f"{HEADER}\n{json.dumps(records(1)[0])}\n{line}\n", encoding="utf-8")
    assert_refused(store_db, state(store_db), bad, "line 3", "not a petition record")


WRONG_TYPES: dict[str, Callable[[dict], None]] = {
    "subject is text": lambda r: r.update(subject="Environment"),
    "signatures is text": lambda r: r.update(signatures="many"),
    "signatures is a float": lambda r: r.update(signatures=1.5),
    "kind is a number": lambda r: r.update(kind=5),
    "kind is unknown": lambda r: r.update(kind="web"),
    "number is not a number": lambda r: r.update(number="banana"),
    "keywords hold numbers": lambda r: r.update(keywords=[1, 2]),
    "keyword name is text": lambda r: r.update(keywords=[{"id": 1, "name": "Climate"}]),
    "demo is text": lambda r: r.update(demo="no"),
    "opened_at is a number": lambda r: r.update(opened_at=5),
    "opened_at is not a date": lambda r: r.update(opened_at="yesterday"),
    "sponsor without a name": lambda r: r.update(sponsor={"person_id": 1}),
    "initiator with odd fields": lambda r: r.update(initiator={"name": "A", "age": 3}),
    "prayer is not a list": lambda r: r.update(prayer={"en": "We ask.", "fr": None}),
    "a subject side is a number": lambda r: r.update(subject={"en": 7, "fr": None}),
    "signatures by province is a list": lambda r: r.update(signatures_by_province=[["Ontario", 3]]),
    "province count is text": lambda r: r.update(signatures_by_province={"Ontario": "3"}),
    "response is a list": lambda r: r.update(response=["Answer."]),
    "sponsor id is text": lambda r: r.update(sponsor={"name": "A", "person_id": "x"}),
}


@pytest.mark.parametrize("case", list(WRONG_TYPES))
def test_snapshot_fields_of_the_wrong_type(tmp_path: Path, store_db: Path, case: str) -> None:
    good, bad = records(2)
    WRONG_TYPES[case](bad)
    path = write_snapshot(tmp_path / "wrong.jsonl", [good, bad])
    assert_refused(store_db, state(store_db), path, "line 3")


@pytest.mark.parametrize("version", ['"abc"', "[1]", "1.5", "null", "true", '"99999999999999999999"'])
def test_header_version_that_is_not_a_number(tmp_path: Path, store_db: Path, version: str) -> None:
    path = write_snapshot(
        tmp_path / "version.jsonl",
        records(1),
        header=f'{{"format": "petitionbot-snapshot", "version": {version}}}',
    )
    assert_refused(store_db, state(store_db), path, "version")


def test_newer_snapshot_version(tmp_path: Path, store_db: Path) -> None:
    path = write_snapshot(
        tmp_path / "v2.jsonl", records(1), header='{"format": "petitionbot-snapshot", "version": 2}'
    )
    assert_refused(store_db, state(store_db), path, "newer than this program")


@pytest.mark.parametrize("where", ["record", "inside a field", "header", "listing"])
def test_deeply_nested_json(tmp_path: Path, store_db: Path, where: str) -> None:
    deep = "[" * 200_000 + "]" * 200_000
    path = tmp_path / "deep.json"
    if where == "record":
        path.write_text(f"{HEADER}\n{deep}\n")
    elif where == "inside a field":
        row = json.dumps(records(1)[0])
        path.write_text(f'{HEADER}\n{row[:-1]}, "extra": {deep}}}\n')
    elif where == "header":
        path.write_text('{"format": "petitionbot-snapshot", "version": 1, "x": ' + deep + "}\n")
    else:
        path.write_text('{"success": true, "html": "<p>", "rows": ' + deep + "}")
    assert_refused(store_db, state(store_db), path, "nested")


def test_lone_surrogates(tmp_path: Path, store_db: Path) -> None:
    row = records(1)[0]
    row["subject"] = {"en": "Rivers \ud800 and lakes", "fr": None}
    snapshot = tmp_path / "surrogate.jsonl"
    snapshot.write_text(f"{HEADER}\n{json.dumps(row)}\n")  # ASCII JSON: the surrogate is written \\ud800
    assert "\\ud800" in snapshot.read_text()
    assert_refused(store_db, state(store_db), snapshot, "line 2", "not valid Unicode")
    listing = tmp_path / "surrogate-listing.json"
    listing.write_text(
        '{"success": true, "html": "<table><tr class=\\"Pub\\"><td>\\udc80</td></tr></table>"}'
    )
    assert_refused(store_db, state(store_db), listing, "not valid Unicode")


def test_text_that_is_not_utf8(tmp_path: Path, store_db: Path) -> None:
    good, bad = (json.dumps(r, ensure_ascii=False).encode() for r in records(2))
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(HEADER.encode() + b"\n" + good + b"\n" + bad.replace(b"Subject", b"Sujet \xe9") + b"\n")
    assert_refused(store_db, state(store_db), path, "line 3", "Unicode")


@pytest.mark.parametrize("field", ["status_id", "signatures", "parliament"])
def test_integer_too_large_for_sqlite(tmp_path: Path, store_db: Path, field: str) -> None:
    rows = records(3)
    rows[2][field] = 10**22  # 23 digits: SQLite stores 64-bit integers
    path = write_snapshot(tmp_path / "overflow.jsonl", rows)
    assert_refused(store_db, state(store_db), path, "line 4", "too large")


def test_number_with_thousands_of_digits(tmp_path: Path, store_db: Path) -> None:
    row = json.dumps(records(1)[0])
    path = tmp_path / "digits.jsonl"
    path.write_text(f'{HEADER}\n{row[:-1]}, "status_id": {"9" * 9000}}}\n')
    assert_refused(store_db, state(store_db), path, "line 2", "digits")


def test_line_longer_than_any_record(tmp_path: Path, store_db: Path) -> None:
    row = records(1)[0]
    row["prayer"] = {"en": ["We ask. " * 700_000], "fr": None}  # 5.6 MB on one line
    path = write_snapshot(tmp_path / "long.jsonl", [row])
    assert_refused(store_db, state(store_db), path, "line 2", "longer than")


# --- XML exports ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit, inner",
    [
        ("<Petition>", ""),
        ("<Petition>", "<PetitionNumber>e-1</PetitionNumber>"),
        ('<Petition Title="e-2 (x)">', ""),
        ("<x>", ""),
    ],
)
def test_deeply_nested_export(tmp_path: Path, store_db: Path, unit: str, inner: str) -> None:
    depth = 2_000_000 // len(unit)  # 2 MB of nested elements
    close = "</" + unit[1:].split()[0].rstrip(">") + ">"
    path = tmp_path / "nested.xml"
    path.write_text(
        "<?xml version='1.0'?><ArrayOfPetition>" + unit * depth + inner + close * depth + "</ArrayOfPetition>"
    )
    assert_refused(store_db, state(store_db), path, "nested more than 200 deep")


def test_record_inside_a_record(tmp_path: Path, store_db: Path) -> None:
    path = write_export(
        tmp_path / "twice.xml",
        [export_record("e-1").replace("</Petition>", export_record("e-2") + "</Petition>")],
    )
    assert_refused(store_db, state(store_db), path, "record 1", "another petition record")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
        '<!DOCTYPE ArrayOfPetition SYSTEM "http://127.0.0.1:9/evil.dtd">',
        '<!DOCTYPE ArrayOfPetition [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_entity_declarations(tmp_path: Path, store_db: Path, doctype: str) -> None:
    path = tmp_path / "entities.xml"
    path.write_text(
        f'<?xml version="1.0"?>{doctype}<ArrayOfPetition>{export_record("e-1")}</ArrayOfPetition>'
    )
    assert_refused(store_db, state(store_db), path, "DTD")


def test_export_number_too_large_for_sqlite(tmp_path: Path, store_db: Path) -> None:
    path = write_export(
        tmp_path / "overflow.xml", [export_record("e-1"), export_record("e-2", signatures="9" * 23)]
    )
    assert_refused(store_db, state(store_db), path, "record 2 (line 4)", "too large")


def test_export_number_with_thousands_of_digits(tmp_path: Path, store_db: Path) -> None:
    path = write_export(tmp_path / "digits.xml", [export_record("e-1", signatures="9" * 9000)])
    assert_refused(store_db, state(store_db), path, "record 1", "too large")


def test_export_with_a_tag_larger_than_any_record(tmp_path: Path, store_db: Path) -> None:
    path = tmp_path / "tag.xml"
    with path.open("w") as out:
        out.write('<?xml version="1.0"?><ArrayOfPetition><Petition Title="')
        for _ in range(20):
            out.write("x" * 1_000_000)  # one 20 MB attribute: expat would hold the whole tag
        out.write('"/></ArrayOfPetition>')
    assert_refused(store_db, state(store_db), path, "larger than 4 MB")


def test_export_that_is_not_xml(tmp_path: Path, store_db: Path) -> None:
    path = write_export(tmp_path / "cut.xml", [export_record("e-1"), export_record("e-2")[:300]])
    assert_refused(store_db, state(store_db), path, "not XML")


# --- Pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit", ["<div>", "<b><div></b>", "<dl><dt>", "<span>", "<div/>", "<ul><li>", "<svg/><div/>"]
)
def test_deeply_nested_page(tmp_path: Path, store_db: Path, unit: str) -> None:
    """Just under the 2 MB a page may weigh, so the nesting is what refuses it (an HTML parser took 98 s)."""
    path = tmp_path / "nested.html"
    path.write_text(
        "<!DOCTYPE html><html><body><h1>e-1 (Health)</h1>"
        + unit * (1_990_000 // len(unit))
        + "</body></html>"
    )
    assert_refused(store_db, state(store_db), path, "nests elements more than 200 deep")


def test_page_with_more_tags_than_any_page(tmp_path: Path, store_db: Path) -> None:
    path = tmp_path / "wide.html"
    path.write_text("<!DOCTYPE html><html><body><h1>e-1 (Health)</h1>" + "<p>x" * 400_000 + "</body></html>")
    assert_refused(store_db, state(store_db), path, "tags")


def test_text_page_with_more_lines_than_any_page(tmp_path: Path, store_db: Path) -> None:
    path = tmp_path / "excerpt.txt"
    path.write_text("e-1 (Health)\n" + "x\n" * 500_000)
    assert_refused(store_db, state(store_db), path, "500,001 lines")


def test_page_larger_than_any_page(tmp_path: Path, store_db: Path) -> None:
    """200 MB of HTML (sparse on disk): refused by its size before a byte of it is parsed."""
    path = tmp_path / "huge.html"
    with path.open("wb") as out:
        out.write(
            b"<!DOCTYPE html><html><body><h1>e-1 (Health)</h1>"
            + b"<p>Whereas the page is large.</p>\n" * 3000
        )
        out.seek(200_000_000)
        out.write(b"</body></html>\n")
    assert_refused(store_db, state(store_db), path, "no petition page is larger than 2 MB")


# --- Any file ---------------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero(store_db: Path) -> None:
    assert_refused(store_db, state(store_db), "/dev/zero", "binary")


def test_file_over_the_size_cap(tmp_path: Path, store_db: Path) -> None:
    path = write_snapshot(tmp_path / "big.jsonl", records(2000))
    assert path.stat().st_size > 1_000_000
    assert_refused(
        store_db,
        state(store_db),
        path,
        "more than the 1 MB limit (--max-size)",
        options=("--max-size", "1MB"),
    )


def test_pipe_over_the_size_cap(tmp_path: Path, store_db: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    before = state(store_db)
    for _ in range(2):  # a pipe, then the same pipe read again
        os.mkfifo(fifo)

        def feed() -> None:
            try:
                with fifo.open("w") as out:
                    out.write(HEADER + "\n")
                    for row in records(2000):
                        out.write(json.dumps(row) + "\n")
            except BrokenPipeError:
                pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        proc = ingest(store_db, fifo, options=("--max-size", "1MB"))
        writer.join(timeout=TIMEOUT)
        fifo.unlink()
        assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert f"{fifo}: it gives more than the 1 MB limit" in proc.stderr
        assert state(store_db) == before


@pytest.mark.parametrize("content", [b"", b"   \n\t\n" * 30_000, b"\xef\xbb\xbf \n"])
def test_empty_file(tmp_path: Path, store_db: Path, content: bytes) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(content)
    assert_refused(store_db, state(store_db), path, "empty")


def test_directory_and_missing_file(tmp_path: Path, store_db: Path) -> None:
    assert_refused(store_db, state(store_db), tmp_path, "directory")
    assert_refused(store_db, state(store_db), tmp_path / "missing.xml", "No such file")


def test_file_name_with_a_line_break(tmp_path: Path, store_db: Path) -> None:
    path = tmp_path / "two\nlines.jsonl"
    path.write_text("[1]\n")
    proc = ingest(store_db, path)
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "two\\x0alines.jsonl" in proc.stderr


# --- Unchanged files: recognised from their bytes -----------------------------------------------------


def _data_version_unchanged(db: Path, run: Callable[[], subprocess.CompletedProcess[str]]) -> str:
    """Run `run` while another connection watches: SQLite's data_version moves on any commit that wrote."""
    with closing(sqlite3.connect(db)) as watcher:
        version = watcher.execute("PRAGMA data_version").fetchone()[0]
        proc = run()
        assert proc.returncode == 0, proc.stderr
        assert watcher.execute("PRAGMA data_version").fetchone()[0] == version, "the unchanged ingest wrote"
    return proc.stdout


def test_unchanged_snapshot_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    snapshot = write_snapshot(tmp_path / "snap.jsonl", records(30))
    assert "30 records: 30 new" in ingest(db, snapshot).stdout
    before = state(db)
    out = _data_version_unchanged(db, lambda: ingest(db, snapshot))
    assert "30 records: 0 new, 0 changed, 30 unchanged" in out
    assert state(db) == before


def test_unchanged_export_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    export = write_export(tmp_path / "export.xml", [export_record(f"e-{n}") for n in range(100, 130)])
    assert "30 records: 30 new" in ingest(db, export).stdout
    before = state(db)
    out = _data_version_unchanged(db, lambda: ingest(db, export))
    assert "30 records: 0 new, 0 changed, 30 unchanged" in out
    # The same records laid out differently are read again, found unchanged, and written nowhere.
    relaid = write_export(
        tmp_path / "relaid.xml", [export_record(f"e-{n}") for n in range(100, 130)], indent="\t\t"
    )
    assert "30 records: 0 new, 0 changed, 30 unchanged" in ingest(db, relaid).stdout
    assert state(db) == before


async def test_unchanged_records_are_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshot = write_snapshot(tmp_path / "snap.jsonl", records(20))
    export = write_export(tmp_path / "export.xml", [export_record(f"e-{n}") for n in range(500, 510)])
    parsed: list[str] = []
    real_parse = ingest_files.InputFile.parse

    def counting(self: ingest_files.InputFile, raw: ingest_files.RawRecord) -> list:
        parsed.append(raw.where)
        return real_parse(self, raw)

    monkeypatch.setattr(ingest_files.InputFile, "parse", counting)
    store = await Store.open(tmp_path / "db.sqlite3")
    try:
        first = await ingest_paths(store, [snapshot, export], workers=1)
        assert (len(first.result.new), len(parsed)) == (30, 30)
        parsed.clear()
        again = await ingest_paths(store, [snapshot, export], workers=1)
        assert (again.records, len(again.result.unchanged), parsed) == (30, 30, [])
        # A record changed since by another source (a refresh) is read again, and the file wins as before.
        refreshed = make_petition("e-100", subject="Subject 0", signatures=999)
        await store.upsert([Prepared(refreshed)])
        third = await ingest_paths(store, [snapshot, export], workers=1)
        assert (third.result.changed, parsed) == (["e-100"], ["line 2"])
        stored = await store.get("e-100")
        assert stored is not None and stored.signatures == 0
        parsed.clear()
        await ingest_paths(store, [snapshot, export], workers=1)
        assert parsed == []
    finally:
        await store.close()


def test_duplicate_records_in_one_file_keep_their_order(tmp_path: Path) -> None:
    """Two lines for one petition: the later wins, on a re-ingest too (the first is never skipped alone)."""
    db = tmp_path / "db.sqlite3"
    first, second = records(1)[0], records(1)[0]
    second["signatures"] = 77
    snapshot = write_snapshot(tmp_path / "twice.jsonl", [first, second])
    for _ in range(2):
        assert ingest(db, snapshot).returncode == 0
        with closing(sqlite3.connect(db)) as conn:
            assert conn.execute("SELECT signatures FROM petitions WHERE number = 'e-100'").fetchone()[0] == 77
