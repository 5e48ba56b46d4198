"""One validation layer for what users type (`bot.petitions.validate`), and the CLI that uses it.

The checks are tested on their own (both languages for every refusal), then every CLI option is fed
hostile values in-process (`bot.cli.main`) against a demo store made once for the module: whatever
comes in, the CLI answers or explains in a line or two, exit code 0, 1 or 2, never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import sys
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bot import cli
from bot.i18n import STRINGS, t
from bot.petitions import validate
from bot.petitions.errors import Term, UserFacingError
from bot.petitions.ingest import load_demo_if_empty
from bot.petitions.store import Store
from bot.petitions.text import visible
from tests.hostile_values import CURATED, DATES, hostile_json, hostile_text

# --- the checks ---------------------------------------------------------------------------------------


def refusal(check: Callable[[], object]) -> UserFacingError:
    with pytest.raises(UserFacingError) as caught:
        check()
    return caught.value


def message(exc: UserFacingError, lang: str) -> str:
    return t(exc.key, lang, **exc.params)


@pytest.mark.parametrize(
    ("raw", "key", "en", "fr"),
    [
        ("2022-13-45", "date.no_such_day", "no such day", "ce jour n’existe pas"),
        ("2022-02-30", "date.no_such_day", "no such day", "ce jour n’existe pas"),
        ("tomorrow", "date.bad", "is not a date", "n’est pas une date"),
        ("0001-01-01", "date.out_of_range", "from 1867 to 2100", "entre 1867 et 2100"),
        ("99999-01-01", "date.bad", "is not a date", "n’est pas une date"),
    ],
)
def test_unreadable_dates_are_refused_in_both_languages(raw: str, key: str, en: str, fr: str) -> None:
    exc = refusal(lambda: validate.day(raw, "from"))
    assert exc.key == key
    assert en in message(exc, "en") and raw in message(exc, "en")
    assert fr in message(exc, "fr") and raw in message(exc, "fr")


def test_dates_read_iso_days_however_their_digits_and_dashes_are_typed() -> None:
    assert validate.day("2022-02-09", "from") == date(2022, 2, 9)
    assert validate.day(" ２０２２－０２－０９\u200b", "to") == date(2022, 2, 9)
    assert validate.day("2022–02–09", "to") == date(2022, 2, 9)
    assert validate.day(None, "to") is None
    assert (
        refusal(lambda: validate.date_span(date(2023, 1, 1), date(2022, 1, 1))).key == "error.dates_reversed"
    )


@pytest.mark.parametrize(
    ("check", "raw", "key"),
    [
        (validate.parliament, "99999999999999999999999999", "input.out_of_range"),
        (validate.parliament, 10**400, "input.out_of_range"),
        (validate.parliament, 1e308, "input.out_of_range"),
        (validate.parliament, "1e308", "input.not_whole"),
        (validate.parliament, 44.5, "input.not_whole"),
        (validate.parliament, True, "input.not_whole"),
        (validate.parliament, "forty-four", "input.not_whole"),
        (validate.session, "10", "input.out_of_range"),
        (validate.limit, "0", "input.out_of_range"),
        (validate.limit, "101", "input.out_of_range"),
        (validate.status_id, "5", "input.not_a_choice"),
        (validate.status_id, "99999999999999999999999999", "input.not_a_choice"),
        (validate.alert_id, "99999999999999999999999999", "alerts.unknown"),
        (validate.alert_id, "#abc", "alerts.unknown"),
        (validate.alert_id, " ", "input.blank"),
        (validate.kind, "\ud800", "input.unreadable"),
        (validate.kind, "electronic", "input.not_a_choice"),
    ],
)
def test_numbers_and_choices_out_of_bounds_are_refused(
    check: Callable[[object], object], raw: object, key: str
) -> None:
    exc = refusal(lambda: check(raw))
    assert exc.key == key
    for lang in ("en", "fr"):
        text = message(exc, lang)
        assert exc.key not in text and len(text) < 300


def test_numbers_within_bounds_are_read_in_any_form_a_client_sends() -> None:
    assert validate.parliament("44") == validate.parliament(44) == validate.parliament(44.0) == 44
    assert validate.parliament("４４") == validate.parliament(" +44 ") == 44
    assert validate.status_id("223") == 223
    assert validate.alert_id("#12") == validate.alert_id(12) == 12
    assert validate.limit(None, default=7) == 7
    assert validate.kind("PAPER") == "paper"


@pytest.mark.parametrize("blank", ["", " ", "\u3000", "\n", "\u200b\u202e", "\x00", "\ufeff"])
def test_a_blank_value_is_refused_never_taken_as_absent(blank: str) -> None:
    for check in (validate.country, validate.subject, validate.sponsor, validate.petition_number):
        exc = refusal(lambda check=check: check(blank))
        assert exc.key == "input.blank"
        assert "empty" in message(exc, "en") and "vide" in message(exc, "fr")
    assert validate.query(blank) == ""  # only the search words may be left empty


@pytest.mark.parametrize("raw", ["@here", "@everyone", "***", "-", "<@123456789012345678>", "`x`", "12"])
def test_a_country_needs_a_name_in_letters(raw: str) -> None:
    exc = refusal(lambda: validate.country(raw))
    assert exc.key == "input.no_letters"
    assert "not a country name" in message(exc, "en") and "nom valide (pays)" in message(exc, "fr")


def test_names_keep_their_letters_and_lose_what_cannot_be_seen() -> None:
    assert validate.country("Côte d’Ivoire") == "Côte d’Ivoire"
    assert validate.country("Cote\u0301") == "Coté"  # NFC
    assert validate.country("Chi\u202ena\x00 ") == "China"
    assert validate.sponsor("89226") == "89226"  # an MP's person id
    assert validate.subject("COVID-19") == "COVID-19"


def test_broken_unicode_is_refused_with_a_readable_message() -> None:
    exc = refusal(lambda: validate.subject("Health\udc80"))
    assert exc.key == "input.unreadable"
    assert message(exc, "en") == "The subject holds broken characters (invalid Unicode). Type it again."
    assert "caractères invalides" in message(exc, "fr")


def test_too_long_text_is_refused_before_any_work() -> None:
    exc = refusal(lambda: validate.subject("x" * 5000))
    assert exc.key == "input.too_long" and "100" in message(exc, "en")


def test_invisible_characters_cover_every_control_and_format_character() -> None:
    """`text.visible` lists its ranges by hand: this checks them against Python's own Unicode database."""
    missed = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in ("Cc", "Cf")
        and chr(cp) not in "\t\n\r"
        and visible(f"a{chr(cp)}b") != "ab"
    ]
    assert not missed
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("\ud800x") == "\ufffdx"


VALIDATORS: dict[str, Callable[[object], object]] = {
    "country": validate.country,
    "subject": validate.subject,
    "keyword": validate.keyword,
    "sponsor": validate.sponsor,
    "number": validate.petition_number,
    "query": validate.query,
    "parliament": validate.parliament,
    "session": validate.session,
    "limit": validate.limit,
    "status": validate.status_id,
    "alert": validate.alert_id,
    "guild": lambda v: validate.snowflake(v, "guild"),
    "type": validate.kind,
    "what": lambda v: validate.choice(v, "what", ("responses", "new", "all")),
    "log_level": validate.log_level,
    "answered": lambda v: validate.flag(v, "answered"),
    "from": lambda v: validate.day(v, "from"),
    "duration": validate.duration,
    "max_requests": validate.max_requests,
}


def assert_explained(exc: UserFacingError) -> None:
    """The refusal has a sentence in both languages, and every word it names does too."""
    assert exc.key in STRINGS, exc.key
    for lang in ("en", "fr"):
        assert STRINGS[exc.key].get(lang), (exc.key, lang)
        for value in exc.params.values():
            if isinstance(value, Term):
                assert STRINGS.get(value.key, {}).get(lang), (value.key, lang)
        params = {k: t(v.key, lang) if isinstance(v, Term) else v for k, v in exc.params.items()}
        STRINGS[exc.key][lang].format(**params)  # no placeholder left without a value


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(sorted(VALIDATORS)), value=hostile_json)
def test_every_check_returns_a_clean_value_or_explains_itself(name: str, value: object) -> None:
    try:
        result = VALIDATORS[name](value)
    except UserFacingError as exc:
        assert_explained(exc)
        assert all(len(str(v)) <= 120 for v in exc.params.values()), exc.params
        return
    if isinstance(result, str):
        assert result == " ".join(visible(result).split()), "cleaned: visible, one line"
        assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in result)
        assert result or name == "query"
    if isinstance(result, int) and not isinstance(result, bool):
        assert -(2**63) <= result < 2**63


# --- the CLI, in-process --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo set in a file made once for the module; settings read nothing of the developer's machine."""
    root = tmp_path_factory.mktemp("cli")
    db = root / "demo.sqlite3"

    async def fill() -> None:
        store = await Store.open(db)
        try:
            await load_demo_if_empty(store)
        finally:
            await store.close()

    asyncio.run(fill())
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)  # no .env here
        for key in ("PETITIONBOT_DB", "DISCORD_TOKEN", "LOG_LEVEL"):
            mp.delenv(key, raising=False)
        mp.setenv("DISCORD_TOKEN", "")
        mp.setenv("PETITIONBOT_DEMO_DB", str(root / "tour.sqlite3"))
        # Nothing listens on the discard port: a fetch is refused at once and never leaves the machine.
        mp.setenv("PETITIONS_BASE_EN", "http://127.0.0.1:9/petitions/en")
        mp.setenv("PETITIONS_BASE_FR", "http://127.0.0.1:9/petitions/fr")
        mp.setenv("REQUEST_INTERVAL", "0")
        yield db


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def assert_calm(code: int, err: str) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err, err
    assert len(err.splitlines()) <= 3, err


def db_args(db: Path) -> list[str]:
    return ["--db", str(db)]


#: Every CLI option that takes a value (and the positionals), as argv around one hostile value.
#: `--db` and `export`'s file are paths the operator names, not input to refuse; `ingest` has its own tests.
CLI_OPTIONS: dict[str, Callable[[str, Path], list[str]]] = {
    "petition NUMBER": lambda v, db: ["petition", *db_args(db), "--offline", "--", v],
    "petition NUMBER (site asked)": lambda v, db: ["petition", *db_args(db), "--", v],
    "response NUMBER": lambda v, db: ["response", *db_args(db), "--", v],
    "country COUNTRY": lambda v, db: ["country", *db_args(db), "--", v],
    "country --limit": lambda v, db: ["country", *db_args(db), f"--limit={v}", "China"],
    "search QUERY": lambda v, db: ["search", *db_args(db), "--", v],
    "search --status": lambda v, db: ["search", *db_args(db), f"--status={v}", "climate"],
    "search --type": lambda v, db: ["search", *db_args(db), f"--type={v}"],
    "search --parliament": lambda v, db: ["search", *db_args(db), f"--parliament={v}"],
    "search --session": lambda v, db: ["search", *db_args(db), f"--session={v}"],
    "search --sponsor": lambda v, db: ["search", *db_args(db), f"--sponsor={v}"],
    "search --subject": lambda v, db: ["search", *db_args(db), f"--subject={v}"],
    "search --keyword": lambda v, db: ["search", *db_args(db), f"--keyword={v}"],
    "search --country": lambda v, db: ["search", *db_args(db), f"--country={v}"],
    "search --from": lambda v, db: ["search", *db_args(db), f"--from={v}"],
    "search --to": lambda v, db: ["search", *db_args(db), f"--to={v}", "rights"],
    "search --limit": lambda v, db: ["search", *db_args(db), f"--limit={v}", "rights"],
    "search --lang": lambda v, db: ["search", *db_args(db), f"--lang={v}", "rights"],
    "sponsor MP": lambda v, db: ["sponsor", *db_args(db), "--", v],
    "sponsor --limit": lambda v, db: ["sponsor", *db_args(db), f"--limit={v}", "Genuis"],
    "overdue --today": lambda v, db: ["overdue", *db_args(db), f"--today={v}"],
    "demo --today": lambda v, db: ["demo", f"--today={v}"],
    "--log-level": lambda v, db: [f"--log-level={v}", "status", *db_args(db)],
    "backfill --parliament": lambda v, db: [
        "backfill",
        *db_args(db),
        "--quiet",
        "--max-requests=0",
        f"--parliament={v}",
    ],
    "backfill --max-requests": lambda v, db: [
        "backfill",
        *db_args(db),
        "--quiet",
        "--phase=1",
        f"--max-requests={v}",
    ],
    "backfill --for": lambda v, db: ["backfill", *db_args(db), "--quiet", "--max-requests=0", f"--for={v}"],
    "backfill --phase": lambda v, db: [
        "backfill",
        *db_args(db),
        "--quiet",
        "--max-requests=0",
        f"--phase={v}",
    ],
    "sync --guild": lambda v, db: ["sync", *db_args(db), f"--guild={v}"],
}


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(option=st.sampled_from(sorted(CLI_OPTIONS)), value=hostile_text)
def test_every_cli_option_answers_or_explains_in_a_line(demo_db: Path, option: str, value: str) -> None:
    code, _out, err = run_cli(CLI_OPTIONS[option](value, demo_db))
    assert_calm(code, err)


@pytest.mark.parametrize("option", sorted(CLI_OPTIONS))
def test_every_cli_option_meets_every_curated_value_of_its_kind(demo_db: Path, option: str) -> None:
    """The reviewer's own list, every value once per option (Hypothesis samples the rest)."""
    values = DATES if ("--from" in option or "--to" in option or "--today" in option) else CURATED[:60]
    for value in values:
        code, _out, err = run_cli(CLI_OPTIONS[option](value, demo_db))
        assert_calm(code, err)


@pytest.mark.parametrize(
    ("argv", "expected_en", "expected_fr"),
    [
        (["search", "--from=2022-13-45"], "no such day", "ce jour n’existe pas"),
        (["search", "--to=2022-02-30"], "no such day", "ce jour n’existe pas"),
        (["overdue", "--today=tomorrow"], "is not a date", "n’est pas une date"),
        (["search", "--parliament=99999999999999999999999999"], "from 1 to 99", "entre 1 et 99"),
        (["search", "--session=99999999999999999999999999"], "from 1 to 9", "entre 1 et 9"),
        (["search", "--status=99999999999999999999999999"], "Choose one of: 207", "Choisissez parmi : 207"),
        (["search", "--limit=99999999999999999999999999", "x"], "from 1 to 100", "entre 1 et 100"),
        (["search", "--country=Chin\udc80"], "broken characters", "caractères invalides"),
    ],
)
def test_the_reviewers_tracebacks_are_one_line_now(
    demo_db: Path, argv: list[str], expected_en: str, expected_fr: str
) -> None:
    for lang, expected in (("en", expected_en), ("fr", expected_fr)):
        code, out, err = run_cli([*argv, f"--lang={lang}", *db_args(demo_db)])
        assert code == 2 and out == ""
        assert expected in err and len(err.splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [("", "en", "What should I look for?"), ("  !!! ", "fr", "Que faut-il chercher?")],
)
def test_a_search_with_no_words_and_no_filter_asks_what_to_look_for(
    demo_db: Path, query: str, lang: str, expected: str
) -> None:
    code, out, err = run_cli(["search", *db_args(demo_db), f"--lang={lang}", "--", query])
    assert code == 1 and out == "" and expected in err


def test_filters_alone_still_list_what_passes_them(demo_db: Path) -> None:
    code, out, _err = run_cli(["search", *db_args(demo_db), "--parliament=44"])
    assert code == 0 and "441-00155" in out


def test_search_country_takes_a_name_and_refuses_an_unknown_one(demo_db: Path) -> None:
    code, out, _ = run_cli(["search", *db_args(demo_db), "--country=Kazakhstan"])
    assert code == 0 and "441-00155" in out
    code, _, err = run_cli(["search", *db_args(demo_db), "--country=Gondor", "--lang=fr"])
    assert code == 1 and "Aucun pays ne correspond à « Gondor »" in err


def test_echoed_input_reaches_the_terminal_without_controls(demo_db: Path) -> None:
    code, _, err = run_cli(["petition", *db_args(demo_db), "--offline", "--", "Gon\u202edor\x1b[2J\x00"])
    assert code == 1 and "“Gondor[2J” is not a petition number" in err
    assert not any(ch in err for ch in "\u202e\x1b\x00")


def test_a_database_path_that_cannot_be_opened_is_one_line(tmp_path: Path, demo_db: Path) -> None:
    code, _, err = run_cli(["status", "--db", str(tmp_path)])
    assert code == 1 and "Cannot open the database" in err and len(err.splitlines()) == 1


def test_help_and_unknown_options_end_without_a_traceback(demo_db: Path) -> None:
    assert run_cli(["search", "--help"])[0] == 0
    code, _, err = run_cli(["search", "--bogus\u202e"])
    assert code == 2 and "\u202e" not in err and len(err.splitlines()) == 1
