"""The offline CLI answers like the bot will: run as a real process on a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_paths import FIXTURES, require

ROOT = Path(__file__).resolve().parents[1]
#: Nothing listens on the discard port: an on-demand fetch is refused at once, and never leaves the machine.
UNREACHABLE_SITE = {
    "PETITIONS_BASE_EN": "http://127.0.0.1:9/petitions/en",
    "PETITIONS_BASE_FR": "http://127.0.0.1:9/petitions/fr",
    "REQUEST_INTERVAL": "0",
}


def cli(*args: str, db: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **UNREACHABLE_SITE}
    env.pop("PETITIONBOT_DB", None)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    """The sample in its own database, as `petitionbot demo --db` makes it."""
    db = tmp_path / "demo.sqlite3"
    cli("demo", db=db)
    return db


def test_demo_tour_prints_the_seed_petition(tmp_path: Path) -> None:
    out = cli("demo", db=tmp_path / "db.sqlite3").stdout
    assert "441-00155" in out
    assert "Garnett Genuis" in out
    assert "2022-02-09" in out and "2022-03-25" in out
    assert "Rob Oliphant" in out
    assert "demo data" in out


def test_petition_in_french_uses_french_labels_and_link(demo_db: Path) -> None:
    out = cli("petition", "441-00155", "--lang", "fr", db=demo_db).stdout
    assert "Affaires étrangères" in out
    assert "Présentée: 2022-02-09" in out
    assert "https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition=441-00155" in out


def test_bad_number_is_a_short_message_and_changes_nothing(demo_db: Path) -> None:
    db = demo_db
    before = cli("export", "-", db=db).stdout
    proc = cli("petition", "banana", db=db, check=False)
    assert proc.returncode == 1
    assert "banana" in proc.stderr and "441-00155" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1
    assert cli("export", "-", db=db).stdout == before


def test_ingest_real_page_then_json_answer(tmp_path: Path) -> None:
    page = require(FIXTURES / "e-7775.en.html")
    db = tmp_path / "db.sqlite3"
    first = cli("ingest", str(page), db=db).stdout
    assert "1 new" in first
    again = cli("ingest", str(page), db=db).stdout
    assert "0 new, 0 changed, 1 unchanged" in again
    record = json.loads(cli("petition", "e-7775", "--json", db=db).stdout)
    assert record["subject"]["en"] == "Social affairs and equality"
    assert len(record["keywords"]) == 3
    sponsor = record["sponsor"]
    assert (sponsor["name"], sponsor["person_id"], sponsor["riding"]) == (
        "Jenny Kwan",
        89346,
        "Vancouver East",
    )
    assert sponsor["province"]["en"] == "British Columbia"
    assert record["signatures"] == 29 == sum(record["signatures_by_province"].values())
    assert record["opened_at"].startswith("2026-09-29T09:31:00")
    assert record["closed_at"].startswith("2027-01-27T09:31:00")
    # Toronto time: EDT in September, EST in January, whatever the page's label says.
    assert record["opened_at"].endswith("-04:00") and record["closed_at"].endswith("-05:00")


def test_listing_fixture_yields_twenty_petitions_once(tmp_path: Path) -> None:
    listing = require(FIXTURES / "searchasync.open.recent.page1.en.json")
    db = tmp_path / "db.sqlite3"
    assert "20 records: 20 new" in cli("ingest", str(listing), db=db).stdout
    assert "0 new, 0 changed, 20 unchanged" in cli("ingest", str(listing), db=db).stdout
    status = json.loads(cli("status", "--json", db=db).stdout)
    assert status["stats"]["petitions"] == 20 and status["integrity"] == "ok"


def test_garbage_in_a_batch_writes_nothing(tmp_path: Path) -> None:
    listing = require(FIXTURES / "searchasync.open.recent.page1.en.json")
    junk = tmp_path / "junk.json"
    junk.write_text('{"success": true, "html": "<p>not a listing</p>"}')
    db = tmp_path / "db.sqlite3"
    proc = cli("ingest", str(listing), str(junk), db=db, check=False)
    assert proc.returncode == 1 and "nothing written" in proc.stderr and "junk.json" in proc.stderr
    status = json.loads(cli("status", "--json", db=db).stdout)
    assert status["stats"]["petitions"] == 0


def test_export_then_ingest_round_trips(tmp_path: Path, demo_db: Path) -> None:
    a, b = demo_db, tmp_path / "b.sqlite3"
    snap = tmp_path / "snap.jsonl"
    cli("export", str(snap), db=a)
    assert "0 changed" in cli("ingest", str(snap), db=a).stdout
    cli("ingest", str(snap), db=b)
    assert cli("export", "-", db=b).stdout == snap.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "lang, words", [("en", ["bilateral", "multilateral"]), ("fr", ["bilatéraux", "multilatéraux"])]
)
def test_response_summary_states_canadas_position(demo_db: Path, lang: str, words: list[str]) -> None:
    out = cli("response", "441-00155", "--lang", lang, db=demo_db).stdout
    assert "Rob Oliphant" in out
    for word in words:
        assert word in out


@pytest.mark.parametrize(
    "typed", [["Kazakhstan"], ["kazakstan"], ["KZ"], ["Kazajistán"], ["--lang", "fr", "Kazakhstan"]]
)
def test_country_lists_the_seed_first_however_it_is_typed(demo_db: Path, typed: list[str]) -> None:
    answer = json.loads(cli("country", *typed, "--json", db=demo_db).stdout)
    assert answer["code"] == "KZ"
    assert answer["primary"]["rows"][0]["number"] == "441-00155"


def test_china_lists_the_seed_among_the_mentioned(demo_db: Path) -> None:
    answer = json.loads(cli("country", "China", "--json", db=demo_db).stdout)
    assert "441-00155" in [r["number"] for r in answer["mentioned"]["rows"]]
    assert "441-00155" not in [r["number"] for r in answer["primary"]["rows"]]


def test_the_demo_lives_in_its_own_database_and_production_stays_empty(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **UNREACHABLE_SITE}
    env["PETITIONBOT_DB"] = str(tmp_path / "prod.sqlite3")
    env["PETITIONBOT_DEMO_DB"] = str(tmp_path / "sample.sqlite3")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            env=env,
        )

    tour = run("demo")
    assert tour.returncode == 0 and "441-00155" in tour.stdout and "sample.sqlite3" in tour.stdout
    prod = json.loads(run("status", "--json").stdout)
    assert prod["stats"]["petitions"] == 0 and prod["stats"]["demo"] == 0

    asked = run("petition", "441-00155")
    assert asked.returncode == 1 and "Traceback" not in asked.stderr
    assert "petitionbot backfill" in asked.stderr and "petitionbot demo" in asked.stderr
    listed = run("country", "Kazakhstan")
    assert listed.returncode == 1 and "petitionbot backfill" in listed.stderr
    assert (
        json.loads(run("status", "--json").stdout)["stats"]["petitions"] == 0
    )  # still empty: nothing loaded


def test_the_demo_refuses_a_store_that_holds_real_petitions(tmp_path: Path) -> None:
    listing = require(FIXTURES / "searchasync.open.recent.page1.en.json")
    db = tmp_path / "real.sqlite3"
    cli("ingest", str(listing), db=db)
    proc = cli("demo", db=db, check=False)
    assert proc.returncode == 1 and "real petitions" in proc.stderr
    assert json.loads(cli("status", "--json", db=db).stdout)["stats"]["demo"] == 0


def test_real_records_replace_an_old_demo_store_in_one_go(tmp_path: Path, demo_db: Path) -> None:
    page = require(FIXTURES / "e-7775.en.html")
    before = json.loads(cli("status", "--json", db=demo_db).stdout)["stats"]
    assert before["demo"] == before["petitions"] == 13
    cli("ingest", str(page), db=demo_db)
    after = json.loads(cli("status", "--json", db=demo_db).stdout)["stats"]
    assert (after["petitions"], after["demo"]) == (1, 0)
    assert "1 unchanged" in cli("ingest", str(page), db=demo_db).stdout


def test_search_json_shows_highlights_in_markdown_not_internal_markers(demo_db: Path) -> None:
    out = cli("search", "human rights", "--json", db=demo_db).stdout
    assert "\x02" not in out and "\x03" not in out and "\\u0002" not in out
    hits = json.loads(out)["hits"]
    assert hits and any("**rights**" in (h["snippet_highlighted"] or "") for h in hits)


def test_reversed_dates_are_refused_in_the_words_the_bot_uses(demo_db: Path) -> None:
    proc = cli("search", "rights", "--from", "2023-01-01", "--to", "2022-01-01", db=demo_db, check=False)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip() == "The “from” date comes after the “to” date."
    fr = cli("search", "--from=2023-01-01", "--to=2022-01-01", "--lang", "fr", db=demo_db, check=False)
    assert fr.returncode == 1 and fr.stderr.strip() == "La date de début est postérieure à la date de fin."


def test_status_groups_are_the_ones_search_offers_in_discord(demo_db: Path) -> None:
    answered = cli("search", "--status-group", "answered", db=demo_db).stdout
    assert "441-00155" in answered and answered == cli("search", "--status", "223", db=demo_db).stdout
    proc = cli("search", "--status-group", "waiting", db=demo_db, check=False)
    assert proc.returncode == 2 and "open, certification, closed, answered, dissolved" in proc.stderr


def test_stats_names_one_country_subject_or_sponsor_as_the_bot_asks(demo_db: Path) -> None:
    two = cli("stats", "--country", "Ukraine", "--subject", "Health", db=demo_db, check=False)
    assert two.returncode == 1 and two.stderr.strip() == "Choose only one of country, subject or sponsor."
    none = cli("stats", db=demo_db, check=False)
    assert none.returncode == 1 and none.stderr.strip() == "Choose one of country, subject or sponsor."


def test_stats_takes_a_subject_in_either_language_and_refuses_one_not_stored(demo_db: Path) -> None:
    english = cli("stats", "--subject", "FOREIGN AFFAIRS", db=demo_db).stdout
    french = cli("stats", "--subject", "affaires étrangères", db=demo_db).stdout
    assert english.startswith("Petitions on “Foreign affairs”") and "7 petitions" in english
    assert french == english, "either language's name counts the same petitions"
    typo = cli("stats", "--subject", "foreign affair", db=demo_db, check=False)
    assert typo.returncode == 1 and typo.stdout == ""
    assert (
        typo.stderr.strip()
        == "No stored petition has the subject “foreign affair”. Did you mean: Foreign affairs?"
    )


def test_an_empty_search_says_in_words_what_would_find_something(demo_db: Path) -> None:
    def ways_out(*args: str) -> list[str]:
        out = cli("search", *args, db=demo_db).stdout.splitlines()
        return [line.strip() for line in out if line.startswith("  → ")]

    assert ways_out("Kazakhstan", "--subject", "Nope") == ["→ Without the “subject” filter: 1 result"]
    assert ways_out("Kazakhstan", "--keyword", "zzzq", "--lang", "fr") == [
        "→ Sans le filtre « mot-cle » : 1 résultat"
    ]
    assert ways_out("Kazakhstan", "--keyword", "zzzq", "--subject", "Nope") == [
        "→ Without the filters: 1 result"
    ]
    assert ways_out("kazakstan") == ["→ Did you mean “kazakhstan”? (1 result)"]


def test_words_typed_for_a_number_point_to_search(demo_db: Path) -> None:
    proc = cli("response", "climate change", db=demo_db, check=False)
    assert proc.returncode == 1 and len(proc.stderr.splitlines()) == 1
    assert "is not a petition number" in proc.stderr and "petitionbot search climate change" in proc.stderr
