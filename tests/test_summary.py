"""Extractive summaries of government responses: what a reader sees under "Government response"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.petitions.model import Bi, Petition, Response
from bot.petitions.summary import (
    SummaryText,
    split_sentences,
    summaries_for,
    summarize,
    summarize_response,
    summary_note,
)
from tests.summary_cases import OWN_CASES, Case

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_5859ca925b01ff9a.txt"
EXCERPTS = SHARED / "fixtures" / "ourcommons" / "excerpts"
FIXTURE_REASON = "shared reference files absent (they live next to the repo in ../shared)"


def _between(text: str, start: str, end: str | None) -> list[str]:
    body = text.split(start, 1)[1]
    if end is not None:
        body = body.split(end, 1)[0]
    return [line.strip() for line in body.splitlines() if line.strip()]


def _fixture_cases() -> list[Case]:
    """Real responses read in place: Kazakhstan (FR seed), 432-00808 (EN), 441-02213 (EN, cut short)."""
    cases: list[Case] = []
    if SEED.exists():
        text = SEED.read_text(encoding="utf-8")
        cases.append(
            Case(
                name="seed-441-00155-fr",
                lang="fr",
                paragraphs=_between(text, "Rob Oliphant", "Présentée à la Chambre"),
                keep=["par les canaux de communication bilatéraux et multilatéraux"],
                drop=["Réponse de la ministre", "Signé par", "Rob Oliphant", "sont fondamentales"],
            )
        )
    excerpt = EXCERPTS / "432-00808.en.petitions-host.txt"
    if excerpt.exists():
        cases.append(
            Case(
                name="432-00808-en",
                lang="en",
                paragraphs=_between(excerpt.read_text(encoding="utf-8"), "Kevin Lamoureux", "Presented to"),
                keep=["is committed to a united Canada", "respecting the Constitutional division of powers"],
                drop=["Kevin Lamoureux", "paramount importance", "Signed by"],
            )
        )
    export = EXCERPTS / "search-responses-latest.fr.xml-export-text.txt"
    if export.exists():
        text = export.read_text(encoding="utf-8")
        # The export glues the signer's name to the first sentence; the text stops mid-sentence.
        cases.append(
            Case(
                name="441-02213-en-truncated",
                lang="en",
                paragraphs=_between(text, "Secretary): Rob Oliphant", None),
                keep=["condemns Hamas", "release of all remaining hostages"],
                drop=["Rob Oliphant", "Canada will continue to call on all", "condolences"],
            )
        )
    return cases


def _misses(case: Case, summary: str) -> list[str]:
    missing = [f"missing {k!r}" for k in case.keep if k not in summary]
    leaked = [f"leaked {d!r}" for d in case.drop if d in summary]
    return missing + leaked


def test_summaries_keep_the_key_sentences() -> None:
    cases = OWN_CASES + _fixture_cases()
    failures: dict[str, list[str]] = {}
    for case in cases:
        summary = summarize(case.paragraphs, case.lang)
        problems = _misses(case, summary)
        if problems:
            failures[case.name] = [*problems, f"summary: {summary}"]
    kept = len(cases) - len(failures)
    print(f"summaries keeping the key sentences: {kept}/{len(cases)}")
    assert len(cases) >= 12
    assert not failures, failures


@pytest.mark.skipif(not SEED.exists(), reason=FIXTURE_REASON)
def test_seed_summary_states_canadas_position_on_kazakhstan() -> None:
    case = next(c for c in _fixture_cases() if c.name.startswith("seed"))
    summary = summarize(case.paragraphs, "fr")
    assert "Le Canada n’hésite pas à exprimer ses préoccupations" in summary
    assert "bilatéraux et multilatéraux" in summary


@pytest.mark.skipif(
    not (EXCERPTS / "search-responses-latest.fr.xml-export-text.txt").exists(), reason=FIXTURE_REASON
)
def test_response_cut_short_never_shows_the_fragment() -> None:
    case = next(c for c in _fixture_cases() if c.name.startswith("441-02213"))
    summary = summarize(case.paragraphs, "en")
    assert summary.endswith(".")
    assert "call on all" not in summary


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Canada acts, e.g. through sanctions. It also talks.", 2),
        ("Some medicines, i.e. those for children, are scarce. Supply is improving.", 2),
        ("Dr. Tam spoke. Mr. Li and Mrs. Li met Ms. Chen in St. John's.", 2),
        ("The U.S. and Canada agree. Talks go on.", 2),
        ("See Petition No. 441-00155. It was answered.", 2),
        ("Under s. 12(6) of the Act, the Minister decides. Appeals are possible.", 2),
        ("About 1.4 million people are affected. The number is rising.", 2),
        ("The Government introduced Bill C-21. It passed.", 2),
        ("Voir l'art. 5 du Règlement. Il s'applique.", 2),
        ("Certains médicaments, p. ex. les sirops, manquent. L'offre augmente.", 2),
        ("M. Tremblay et Mme Roy ont témoigné. Le comité a écouté.", 2),
        ("Les provinces, c.-à-d. les gouvernements provinciaux, agissent. Ottawa aussi.", 2),
        ("Le ministre a dit : « Nous agirons. » Le projet avance.", 2),
        ('The report was called "Safe Water for All." Work began.', 2),
        ("The Government is working on it... Results will follow.", 2),
        ("Work continues [...] on several fronts. Results follow.", 2),
        ("Canada mourns the victims.Canada condemns the attacks.", 2),
        ("Details are at Canada.ca and on the U.S.A. site.", 1),
        ("Le 20 janv. 2022, le Canada a parlé. Il a insisté.", 2),
    ],
)
def test_sentence_splitter_respects_abbreviations(paragraph: str, expected: int) -> None:
    sentences = split_sentences(paragraph)
    assert len(sentences) == expected, sentences
    assert "".join(sentences).replace(" ", "") == paragraph.replace(" ", "")  # nothing lost or added


_ABBREV_END = re.compile(r"(?:^|\s)(?:e\.g|i\.e|Dr|St|Mr|Mrs|No|art|p\. ex|M|c\.-à-d|s|U\.S)\.$")


@pytest.mark.parametrize("limits", [(3, 600), (2, 300), (1, 200)])
def test_summaries_respect_limits_and_end_on_a_whole_sentence(limits: tuple[int, int]) -> None:
    max_sentences, max_chars = limits
    for case in OWN_CASES + _fixture_cases():
        summary = summarize(case.paragraphs, case.lang, max_sentences=max_sentences, max_chars=max_chars)
        assert summary, case.name
        assert len(summary) <= max_chars, case.name
        assert len(split_sentences(summary)) <= max_sentences, (case.name, summary)
        assert summary[-1] in '.!?…»"”', (case.name, summary)
        assert not _ABBREV_END.search(summary), (case.name, summary)


def test_over_budget_drops_the_lower_scored_sentence_not_a_cut() -> None:
    filler = " ".join(["remote northern communities"] * 12)
    paragraphs = [
        f"The Government of Canada is committed to building clinics in {filler}.",
        "Health Canada will publish a plan this spring.",
    ]
    summary = summarize(paragraphs, "en", max_chars=420)
    assert summary.startswith("The Government of Canada is committed")
    assert summary.endswith(".")
    assert "will publish a plan" not in summary  # would not fit; dropped whole, never half


def test_single_sentence_longer_than_the_limit_is_cut_at_a_word_with_an_ellipsis() -> None:
    sentence = (
        "The Government of Canada is committed to " + "funding safe drinking water systems, " * 30 + "now."
    )
    summary = summarize([sentence], "en", max_chars=120)
    assert len(summary) <= 120
    assert summary.endswith("…")
    assert sentence.startswith(summary[:-1])
    assert sentence[len(summary) - 1] in " ,"  # the cut falls between words


def test_summary_is_deterministic() -> None:
    case = OWN_CASES[0]
    first = summarize(list(case.paragraphs), case.lang)
    assert all(summarize(list(case.paragraphs), case.lang) == first for _ in range(5))


def test_header_and_signer_lines_never_enter_the_summary() -> None:
    paragraphs = [
        "Response by the Minister of Health",
        "Signed by (Minister or Parliamentary Secretary): Jane Doe",
        "The Government will fund 20 new clinics in rural Manitoba.",
    ]
    assert summarize(paragraphs, "en") == "The Government will fund 20 new clinics in rural Manitoba."


def test_thank_you_only_response_falls_back_to_content_not_thanks() -> None:
    paragraphs = ["Thank you for your petition.", "Water quality is monitored by provinces."]
    assert summarize(paragraphs, "en") == "Water quality is monitored by provinces."


def test_empty_response_gives_empty_summary() -> None:
    assert summarize([], "en") == ""
    assert summarize(["   "], "fr") == ""


_EN_ONLY = Response(
    header=Bi(en="Response by the Minister of Foreign Affairs"),
    signer="Rob Oliphant",
    paragraphs=Bi(en=["Thank you for the petition.", "Canada will continue to press for a ceasefire."]),
)


def test_response_only_in_english_is_summarized_with_a_note_for_french_readers() -> None:
    result = summarize_response(_EN_ONLY, "fr")
    assert result == SummaryText(
        text="Canada will continue to press for a ceasefire.", lang="en", translated_note=True
    )
    assert result.note == "Réponse disponible en anglais seulement."
    english = summarize_response(_EN_ONLY, "en")
    assert english is not None and not english.translated_note and english.note is None


def test_summary_note_in_the_readers_language() -> None:
    assert summary_note("fr", "en") == "Réponse disponible en anglais seulement."
    assert summary_note("en", "fr") == "Response available only in French."
    assert summary_note("en", "en") is None
    assert summary_note("fr", "fr") is None


def test_no_response_text_gives_no_summary() -> None:
    assert summarize_response(None, "en") is None
    assert summarize_response(Response(), "fr") is None


def test_summaries_for_petition_fills_only_languages_with_text() -> None:
    petition = Petition(number="441-02213", kind="paper", response=_EN_ONLY)
    assert summaries_for(petition) == Bi(en="Canada will continue to press for a ceasefire.", fr=None)
    assert summaries_for(Petition(number="e-1", kind="e")) == Bi()


def test_summaries_for_prefers_sentences_that_answer_the_prayer() -> None:
    paragraphs = [
        "The Government is investing in new rail cars for the Corridor.",
        "The Government will study a high-frequency rail link between Québec City and Toronto.",
    ]
    petition = Petition(
        number="441-09999",
        kind="paper",
        prayer=Bi(en=["Build a high-frequency rail link between Québec City and Toronto."]),
        response=Response(paragraphs=Bi(en=paragraphs)),
    )
    stored = summaries_for(petition, max_sentences=1)
    assert stored.en == paragraphs[1]
    assert summarize(paragraphs, "en", max_sentences=1) == paragraphs[0]


# --- The same selections, computed quickly ---------------------------------------------
#
# Scoring was made about ten times faster for ingest. The sentences chosen must not change:
# the figures below are what the straightforward implementation (one case-insensitive
# regex per feature, fold() per sentence) selected on this fixed sample, recorded before the
# rewrite. Each entry lists, for max_sentences/max_chars of 3/600, 2/300 and 1/200, first
# without focus and then with a focus, the numbers of the chosen sentences in reading order.

_TRICKY: dict[str, tuple[list[str], list[str]]] = {
    # Characters the quick path hands back to the plain case-insensitive patterns ("ſ", "İ").
    "caps-and-rare-letters-en": (
        [
            "THANK YOU for this petition.",
            "The Government of Canada will continue to fund ſafe water projects in 30 communities.",
            "Officials met their counterparts in İstanbul last year.",
            "IRCC has raised the cap on family sponsorship by 10,000 places.",
        ],
        ["Fund safe water and family sponsorship"],
    ),
    # A ligature, "œ", guillemets and no-break spaces, with an accented focus.
    "ligatures-and-spaces-fr": (
        [
            "Le gouvernement remercie les pétitionnaires.",
            "Le Canada continuera de ﬁnancer les programmes de santé dans le Nord.",
            "Les œuvres d’art « sont fondamentales » pour la culture.",
            "Depuis lors, le ministère a publié un rapport.",
            "Il a aussi annoncé 5\u00a0millions\u00a0$ pour les refuges.",
        ],
        ["Financer des refuges et la santé dans le Nord"],
    ),
    "pronoun-carries-the-actor-en": (
        [
            "Global Affairs Canada met partners in Geneva.",
            "It has condemned the attacks in the strongest terms.",
            "They provided humanitarian aid to the region.",
            "Water is scarce.",
        ],
        ["Condemn the attacks and send humanitarian aid"],
    ),
}
_SELECTED_BEFORE: dict[str, tuple[tuple[int, ...], ...]] = {
    "health-en-drug-shortages": ((3, 4, 5), (4, 5), (4,), (3, 4, 5), (4, 5), (5,)),
    "immigration-en-family-reunification": ((3, 4), (3, 4), (3,), (3, 4, 5), (3, 4), (3,)),
    "environment-en-plastics": ((3, 4), (3, 4), (3,), (3, 4), (3, 4), (3,)),
    "justice-en-firearms": ((2, 4, 5), (4, 5), (4,), (2, 4, 5), (4, 5), (4,)),
    "foreign-en-detained-citizen": ((3, 4), (4,), (4,), (3, 4), (4,), (4,)),
    "veterans-en-services": ((1, 2), (1, 2), (1,), (1, 2), (1, 2), (1,)),
    "health-fr-soins-dentaires": ((2, 3), (2, 3), (2,), (2, 3), (2, 3), (2,)),
    "immigration-fr-travailleurs": ((3, 4), (3, 4), (4,), (3, 4), (3, 4), (4,)),
    "environment-fr-caribou": ((2, 3), (2, 3), (3,), (2, 3), (2, 3), (3,)),
    "justice-fr-aide-medicale": ((3, 4, 5), (4, 5), (4,), (3, 4, 5), (4, 5), (4,)),
    "foreign-fr-ukraine": ((1, 2, 3), (1, 3), (3,), (1, 2, 3), (1, 3), (3,)),
    "transport-fr-rail": ((2, 3), (2, 3), (2,), (2, 3), (2, 3), (2,)),
    "caps-and-rare-letters-en": ((1, 3), (1, 3), (1,), (1, 3), (1, 3), (3,)),
    "ligatures-and-spaces-fr": ((1, 3, 4), (1, 4), (1,), (1, 3, 4), (1, 4), (1,)),
    "pronoun-carries-the-actor-en": ((1, 2), (1, 2), (1,), (1, 2), (1, 2), (1,)),
}


def _picked(paragraphs: list[str], summary: str) -> tuple[int, ...]:
    """The reading-order numbers of the sentences a summary is made of."""
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    picked: list[int] = []
    rest = summary
    for i, sentence in enumerate(sentences):
        if rest == sentence or rest.startswith(sentence + " "):
            picked.append(i)
            rest = rest[len(sentence) + 1 :]
    assert rest == "", f"not made of whole sentences: {summary!r}"
    return tuple(picked)


def test_summaries_select_the_same_sentences_as_before_the_speed_up() -> None:
    sample = [(c.name, c.paragraphs, [c.paragraphs[-1]]) for c in OWN_CASES]
    sample += [(name, paragraphs, focus) for name, (paragraphs, focus) in _TRICKY.items()]
    assert {name for name, _, _ in sample} == set(_SELECTED_BEFORE)
    changed: dict[str, tuple[tuple[int, ...], ...]] = {}
    for name, paragraphs, focus in sample:
        got = tuple(
            _picked(paragraphs, summarize(paragraphs, "en", max_sentences, max_chars, focus=f))
            for f in (None, focus)
            for max_sentences, max_chars in ((3, 600), (2, 300), (1, 200))
        )
        if got != _SELECTED_BEFORE[name]:
            changed[name] = got
    assert not changed, changed


# One phrase per gated rule (whole-word rules are checked from their own word lists).
_RULE_EXAMPLES = [
    "The Government acts.",
    "Government of Canada officials met.",
    "The Minister agrees.",
    "La ministre accepte.",
    "The department reviewed it.",
    "Le gouvernement agit.",
    "Canada is firmly committed to peace.",
    "Canada remains deeply committed to peace.",
    "Canada has secured supplies.",
    "The RCMP have quickly made arrests.",
    "Canada published a plan.",
    "Canada continues to help.",
    "Canada has also invested in rail.",
    "Canada raised these serious concerns with China.",
    "Canada does not hesitate to act.",
    "Canada calls on Iran to stop.",
    "Canada is monitoring the situation.",
    "Officials are moving forward.",
    "Canada works closely with allies.",
    "Canada has no plans to change the law.",
    "Canada does not intend to change the law.",
    "Canada intends to act.",
    "Canada plans to act.",
    "Canada pressed for a ceasefire.",
    "Le Canada s'engage à agir.",
    "Le Canada s’engage à agir.",
    "Le Canada s’est engagé à agir.",
    "Le Canada est résolu à agir.",
    "Le Canada continue de soutenir l'Ukraine.",
    "Le Canada a continué ses efforts.",
    "Le Canada n’hésite pas à agir.",
    "Le Canada a mis en place un programme.",
    "Le Canada a accueilli favorablement la décision.",
    "Le gouvernement a publié un plan.",
    "Les ministres ont rapidement agi.",
    "Le Canada prend des mesures.",
    "Le Canada n'a pas l'intention de changer la loi.",
    "Le Canada reste déterminé à agir.",
    "Le Canada va investir davantage.",
    "Canada remains committed.",
    "Canada will continue to act.",
    "Canada has raised the issue.",
    "Le Canada est déterminé à agir.",
    "Canada acts bilaterally and multilaterally.",
    "Le Canada agit par les canaux bilatéraux et multilatéraux.",
    "Canada gives $5 million.",
    "Le Canada donne 5 $ par personne.",
    "Canada introduced Bill C-21.",
    "Le projet de loi S-3 avance.",
    "Thank you for the petition.",
    "Thanks to all.",
    "Canada appreciates the opportunity to respond.",
    "Canada is pleased to respond.",
    "I would like to respond.",
    "I take this opportunity to respond.",
    "Je remercie les pétitionnaires.",
    "Le Canada est heureux de répondre.",
    "Le ministre a le plaisir de répondre.",
    "Je profite de l’occasion pour répondre.",
    "Je tiens à répondre.",
    "Le Canada apprécie l’occasion de répondre.",
    "Le Canada souhaite répondre.",
    "This petition raises issues.",
    "Canada acknowledges the concerns raised.",
    "La présente pétition demande un changement.",
    "Le Canada prend acte.",
    "Le Canada comprend les préoccupations.",
    "Safety is of paramount importance.",
    "Rights are fundamental.",
    "Les libertés sont fondamentales.",
    "La liberté est fondamentale.",
    "Canada offers its sympathy.",
]


def test_quick_word_gates_match_exactly_what_the_patterns_match() -> None:
    """Scoring skips a pattern unless its gate word is in the sentence; a wrong gate would hide matches."""
    from bot.petitions import summary as s

    lexicons = list(s.LEXICONS)
    examples = list(_RULE_EXAMPLES)
    for lexicon in lexicons:
        for rule in lexicon.rules:
            for word in sorted(rule.words) if rule.exact else ():
                examples += [
                    f"Then {word} again.",
                    f"{word.upper()} FIRST.",
                    f"Un {word.capitalize()}, encore.",
                ]
    uncovered: list[str] = []
    wrong_gates: list[tuple[str, str]] = []
    for lexicon in lexicons:
        for rule in lexicon.rules:
            plain = re.compile(rule.pattern, re.IGNORECASE)
            if not any(plain.search(example) for example in examples):
                uncovered.append(rule.pattern)
            for example in examples:
                low = example.lower()
                words = set(re.findall(r"\w+", low))
                gate_open = bool(rule.words & words) or bool(rule.part and rule.part in low)
                matched = plain.search(example) is not None
                if (matched and not gate_open) or (rule.exact and gate_open != matched):
                    wrong_gates.append((rule.pattern, example))
    assert not uncovered, f"add an example to _RULE_EXAMPLES for: {uncovered}"
    assert not wrong_gates, wrong_gates
    for example in examples:
        low = example.lower()
        quick_flags, quick_at = s.quick_features(low, re.findall(r"\w+", low))
        plain_flags, plain_at = s.plain_features(example)
        assert quick_flags == plain_flags, example
        assert (quick_at >= 0, quick_at < 40) == (plain_at >= 0, plain_at < 40), example
