"""/ask's core: questions read as the question set says, answered from the store, and the CLI's must-shows.

The question set (`tests/ask_questions.py`) is read against the demo store plus a few more MPs,
signers and subjects; the accuracy per field and overall is printed (`pytest -s`) and must stay at
90% or more. The CLI runs as a real process on a database made by `petitionbot demo --db`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.petitions import understand, validate
from bot.petitions.errors import UserFacingError
from bot.petitions.ingest import ingest_petitions, load_demo_if_empty
from bot.petitions.model import Bi, Response
from bot.petitions.store import Store
from bot.petitions.understand import FIELDS, Reading
from tests.ask_questions import CASES, EXTRA_PETITIONS, TODAY
from tests.factories import make_petition

ROOT = Path(__file__).resolve().parents[1]
THRESHOLD = 0.90


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """The demo petitions and a few more MPs, response signers and subjects."""
    store = await Store.open(tmp_path / "ask.sqlite3")
    await load_demo_if_empty(store)
    extra = []
    for spec in EXTRA_PETITIONS:
        response = None
        if "signer" in spec:
            response = Response(
                header=Bi("Response by the Minister", None),
                signer=spec["signer"],
                paragraphs=Bi(["The Government has considered it."], None),
            )
        extra.append(
            make_petition(
                spec["number"],
                sponsor=spec["sponsor"],
                subject=Bi(*spec["subject"]),
                response=response,
                status_id=223 if response else 207,
                presented_on=date(2025, 6, 1),
                response_tabled_on=date(2025, 7, 10) if response else None,
                demo=True,
            )
        )
    await ingest_petitions(store, extra)
    try:
        yield store
    finally:
        await store.close()


def _compare(reading: Reading, expected: dict[str, object]) -> dict[str, bool]:
    got = reading.as_dict()
    return {name: got[name] == expected[name] for name in FIELDS}


async def test_question_set_is_read_right_nine_times_in_ten(store: Store) -> None:
    vocab = await understand.vocabulary(store)
    assert len(CASES) >= 150
    french = sum(case.lang == "fr" for case in CASES)
    assert 0.4 <= french / len(CASES) <= 0.6, "about half the questions are in French"
    right: Counter[str] = Counter()
    whole = 0
    misses: list[str] = []
    for case in CASES:
        reading = understand.read(case.question, vocab, TODAY, lang="en")
        fields = _compare(reading, case.expected())
        right.update(name for name, ok in fields.items() if ok)
        if all(fields.values()):
            whole += 1
        else:
            wrong = {name: reading.as_dict()[name] for name, ok in fields.items() if not ok}
            misses.append(f"  {case.question[:70]!r}: got {wrong}")
    n = len(CASES)
    print(f"\n/ask question set: {n} questions ({french} in French)")
    for name in FIELDS:
        print(f"  {name:<8} {right[name] / n:6.1%}")
    overall = whole / n
    print(f"  overall  {overall:6.1%} (every field right)")
    if misses:
        print("misread:\n" + "\n".join(misses))
    assert overall >= THRESHOLD, f"{overall:.1%} of readings right"
    for name in FIELDS:
        assert right[name] / n >= THRESHOLD, f"{name}: {right[name] / n:.1%}"


# --- traps, one by one, so a regression names itself --------------------------------------------


@pytest.mark.parametrize(
    ("question", "field", "value"),
    [
        ("petitions about turkey farmers", "country", None),
        ("petitions about Turkey", "country", "TR"),
        ("what has Jordan Peterson said in petitions", "country", None),
        ("petitions about Canada", "country", None),
        ("pk la Chine a pas répondu", "country", "CN"),
        ("Elizabeth May petitions since 2024", "mp", "Elizabeth May"),
        ("Elizabeth May petitions since 2024", "period", {"from": "2024-01-01", "to": None}),
        ("e-4123", "period", {"from": None, "to": None}),
        ("pétitions sur la santé", "subject", "Health"),
    ],
)
async def test_traps(store: Store, question: str, field: str, value: object) -> None:
    reading = understand.read(question, await understand.vocabulary(store), TODAY)
    assert reading.as_dict()[field] == value


async def test_leftover_words_rank_but_never_filter(store: Store) -> None:
    """ "present" is not a word to search for: every one of his petitions is counted."""
    vocab = await understand.vocabulary(store)
    plain = await understand.answer(
        store, understand.read("petitions by Garnett Genuis", vocab, TODAY), TODAY
    )
    worded = await understand.answer(
        store,
        understand.read("how many petitions did Garnett Genuis present about human rights?", vocab, TODAY),
        TODAY,
    )
    assert worded.reading.leftover and worded.kind == "count"
    assert worded.found == plain.found == 5
    assert worded.items[0].number == "451-00398", "the one about human rights comes first"


async def test_a_close_reading_is_offered_and_answers_when_chosen(store: Store) -> None:
    vocab = await understand.vocabulary(store)
    reading = understand.read("petitions from May", vocab, TODAY)
    assert [r.mp for r in reading.alternatives] == ["Elizabeth May"]
    chosen = await understand.answer(store, reading.alternatives[0], TODAY)
    assert chosen.found == 5 and {i.number for i in chosen.items} >= {"451-00611", "e-7768"}


async def test_a_response_signer_lists_what_they_answered(store: Store) -> None:
    answer = await understand.ask(store, "which petitions did Rob Oliphant answer?", TODAY)
    assert answer.reading.mp_role == "signer"
    assert [i.number for i in answer.items] == ["441-00155"]


async def test_the_signers_follow_the_store_without_reading_it_all_again(store: Store) -> None:
    before = await understand.signer_numbers(store)
    assert before["Rob Oliphant"] == ("441-00155",)
    answered = make_petition(
        "e-8200",
        response=Response(signer="Rob Oliphant", paragraphs=Bi(["Answered."], None)),
        status_id=223,
        demo=True,
    )
    await ingest_petitions(store, [answered])
    after = await understand.signer_numbers(store)
    assert sorted(after["Rob Oliphant"]) == ["441-00155", "e-8200"]


def test_a_question_is_read_whole_up_to_a_discord_message_and_refused_beyond() -> None:
    assert validate.question(" petitions \u200babout\nIran ") == "petitions about Iran"
    assert len(validate.question("a" * 2000)) == 2000
    with pytest.raises(UserFacingError) as refused:
        validate.question("a" * 2001)
    assert refused.value.key == "input.too_long"


# --- the CLI ----------------------------------------------------------------------------------


def cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PETITIONBOT_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ask") / "demo.sqlite3"
    assert cli("demo", db=db).returncode == 0
    return db


def test_cli_names_the_answered_petition_with_its_response_summary(demo_db: Path) -> None:
    proc = cli("ask", "has the government answered the Kazakhstan petition?", db=demo_db)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "Understood as: Government response to petitions about Kazakhstan (1 found)"
    assert "441-00155" in lines[1] and "Signed by: Rob Oliphant" in proc.stdout
    assert "Summary:" in proc.stdout and "human rights in Kazakhstan" in proc.stdout


def test_cli_lists_in_french_for_a_french_question(demo_db: Path) -> None:
    proc = cli("ask", "pétitions sur le Kazakhstan", db=demo_db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Compris ainsi : Pétitions sur : Kazakhstan (1 trouvée)")
    assert "441-00155" in proc.stdout and "Affaires étrangères" in proc.stdout
    assert "Réponse du gouvernement déposée" in proc.stdout and "données de démonstration" in proc.stdout


def test_cli_json_has_the_reading_the_line_and_the_results(demo_db: Path) -> None:
    proc = cli(
        "ask", "--json", "--today", "2026-11-29", "pétitions de la députée Kwan depuis mars 2024", db=demo_db
    )
    assert proc.returncode == 0, proc.stderr
    payload = json.loads(proc.stdout)
    assert payload["mp"] == "Jenny Kwan"
    assert payload["period"] == {"from": "2024-03-01", "to": None}
    assert payload["intent"] == "list" and payload["lang"] == "fr" and payload["country"] is None
    assert set(FIELDS) | {"understood", "results"} <= set(payload)
    assert payload["understood"].startswith("Compris ainsi : Pétitions de Jenny Kwan, depuis mars 2024")
    assert {r["number"] for r in payload["results"]} == {"e-7741", "451-00488", "e-5318"}
