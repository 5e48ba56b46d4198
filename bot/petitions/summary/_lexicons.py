"""What the scorer looks for in a sentence: who acts, what it does, and what is only politeness.

Each feature of a sentence is a family of patterns (a lexicon), defined once and matched
two ways with the same result. The plain way is one case-insensitive alternation over the
sentence as written. The quick way serves nearly every real sentence, one made only of
ordinary characters (ASCII, Latin letters, typographic punctuation; see `_scoring.UNORDINARY`):
it lower-cases the sentence and lists its words once, then
- decides a rule that is just a list of whole words by looking them up in that list;
- runs any other pattern (compiled in lower case, without IGNORECASE) only when one of
  the words it cannot match without is in the list (or, for a few, a fixed piece of text
  occurs in the sentence).
Most rules are ruled out by one set operation instead of a regex scan per rule, which is
what lets scoring keep up with ingest.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Rule(NamedTuple):
    pattern: str
    words: frozenset[str]  # every match contains one of these as a whole word (lower case)
    part: str  # or else: every match contains this text (lower case)
    exact: bool  # the pattern is exactly "one of `words` as a whole word"


WORD = re.compile(r"\w+")
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


def _exact(words: str) -> Rule:
    """Any of these whole words (inflections spelled out), decided by a look-up, no regex run."""
    listed = words.split()
    return Rule(r"\b(?:" + "|".join(listed) + r")\b", frozenset(listed), "", True)


def _gated(pattern: str, words: str = "", part: str = "") -> Rule:
    """A pattern with its gate: it cannot match unless one of `words` stands in the sentence.

    A gate word must be a whole word (a \\w+ run) of every possible match; where no word
    always is, `part` names a piece of text every match contains. A wrong gate would
    silently hide matches: tests/test_summary.py checks the quick and the plain way agree.
    """
    return Rule(pattern, frozenset(words.split()), part, False)


class Lexicon:
    """One feature's rules; `plain` is their case-insensitive alternation, the plain way to match them."""

    __slots__ = ("plain", "rules")

    def __init__(self, *rules: Rule) -> None:
        for rule in rules:
            if _UPPER_ESCAPE.search(rule.pattern):  # \B, \S, \W, \D would change meaning in lower case
                raise ValueError(f"pattern cannot be lower-cased: {rule.pattern!r}")
            if bool(rule.words) == bool(rule.part) or rule.part != rule.part.lower():
                raise ValueError(f"give lower-case gate words or a gate part for {rule.pattern!r}")
            if any(w != w.lower() or not WORD.fullmatch(w) for w in rule.words):
                raise ValueError(f"gate words must be lower-case whole words: {sorted(rule.words)}")
        self.rules = rules
        self.plain = re.compile("|".join(f"(?:{r.pattern})" for r in rules), re.IGNORECASE)


# Who acts: Canada, the Government, a department or minister ("Global Affairs Canada" contains "Canada").
SUBJECT = Lexicon(
    _exact("canada"),
    _gated(r"\b(?:the|our|federal) government\b", words="government"),
    _gated(r"\bgovernment of canada\b", words="government"),
    _gated(r"\b(?:the|le|la) minist(?:er|re|ère)\b", words="minister ministre ministère"),
    _gated(r"\bthe department\b", words="department"),
    _exact("we"),
    _gated(r"\b(?:le|du) gouvernement\b", words="gouvernement"),
    _exact("nous"),
    _exact("rcmp cbsa ircc grc asfc eccc aspc phac"),
)
# What it does or decides.
_ACTION = Lexicon(
    # English
    _gated(r"\b(?:is|are) (?:also |firmly |fully |deeply )?committed to\b", words="committed"),
    _gated(r"\bremains? (?:\w+ly )?(?:committed|determined|ready|prepared|seized)\b", words="remain remains"),
    _exact("will"),
    # any perfect or simple past right after the actor: "has secured", "Canada published"
    _gated(
        r"(?:\bCanada|\bgovernment|\bdepartment|\bminister|\bwe|\bit|\)|\b[A-Z]{2,5})\s(?:\w+ly\s)?(?:has|have)\s"
        r"(?:\w+ly\s)?(?:\w+ed|taken|made|given|sent|set|built|held|led|begun|brought|paid|won)\b",
        words="has have",
    ),
    _gated(
        r"(?:\bCanada|\bgovernment|\bdepartment|\bminister|\bwe)\s(?:\w+ly\s)?\w+ed\b",
        words="canada government department minister we",
    ),
    _exact("shall"),
    _gated(r"\bcontinues? to\b", words="continue continues"),
    _gated(
        r"\b(?:has|have) (?:also )?(?:raised|taken|invested|introduced|announced|provided|imposed|launched|"
        r"established|committed|made|implemented|worked|called|expressed|urged|allocated|increased|extended|"
        r"adopted|signed|appointed|tabled|passed|enacted|banned|approved|renewed|reiterated|engaged|"
        r"continued|created|delivered|funded|supported|amended|strengthened|expanded|lowered|reduced)\b",
        words="has have",
    ),
    _gated(r"\brais(?:e|es|ed|ing) (?:\w+ ){0,3}concerns?\b", words="concern concerns"),
    _gated(r"\bdoes not hesitate to\b", words="hesitate"),
    _gated(r"\bcall(?:s|ed)? (?:on|upon|for)\b", words="call calls called"),
    _exact("urges urged"),
    _exact("invests invested investing"),
    _exact("announced introduced launched established imposed allocated enacted tabled"),
    _gated(
        r"\b(?:is|are) (?:working|taking|investing|providing|monitoring|reviewing|consulting|engaging|"
        r"exploring|supporting|funding|developing|implementing|pressing|prepared to|determined to|"
        r"moving forward)\b",
        words="working taking investing providing monitoring reviewing consulting engaging exploring "
        "supporting funding developing implementing pressing prepared determined moving",
    ),
    _gated(r"\bworks? (?:closely )?(?:with|to)\b", words="work works"),
    _exact("condemn condemns condemned"),
    _exact("encourages encouraged"),
    _exact("supports"),
    _exact("provides provided"),
    _gated(r"\b(?:has|have) no plans?\b", words="plan plans"),
    _gated(r"\bdoes not (?:intend|plan|support)\b", words="intend plan support"),
    _gated(r"\bintends? to\b", words="intend intends"),
    _gated(r"\bplans? to\b", words="plan plans"),
    _exact("monitors monitoring"),
    _exact("recognises recognizes"),
    _exact("expresses expressed"),
    _exact("advocates advocated"),
    _gated(r"\bpress(?:es|ed) for\b", words="presses pressed"),
    _exact("funds"),
    # French
    _gated(r"\bs['’]engage\b", words="engage"),
    _gated(r"\bs['’]est engagé", words="est"),
    _gated(r"\best (?:déterminé|résolu|engagé|prêt)", words="est"),
    _exact("continuera continueront"),
    _gated(r"\bcontinue (?:de|à|d['’])", words="continue"),
    _gated(r"\ba continué\b", words="continué"),
    _gated(r"\bn['’]hésite pas\b", words="hésite"),
    _exact("exprime exprimer exprimé exprimant"),
    _exact("souleve soulevé soulever soulève soulèvé soulèver"),
    _exact("demande demandé demander"),
    _exact("appelle appelant"),
    _exact("exhorte"),
    _exact("investi investit investira investir"),
    _exact("annonce annoncé annoncera"),
    _gated(
        r"\ba (?:présenté|déposé|mis en place|lancé|établi|imposé|pris|fourni|adopté|accordé|alloué|"
        r"renouvelé|réitéré|accueilli|encouragé|exprimé|condamné|signé|nommé|prolongé|augmenté|interdit|"
        r"élargi|modifié|créé|financé|versé)\b",
        words="présenté déposé mis lancé établi imposé pris fourni adopté accordé alloué renouvelé réitéré "
        "accueilli encouragé exprimé condamné signé nommé prolongé augmenté interdit élargi modifié créé "
        "financé versé",
    ),
    _gated(
        r"\b(?:réitéré|encouragé|accueilli favorablement|condamné)\b",
        words="réitéré encouragé accueilli condamné",
    ),
    _gated(
        r"(?:\bCanada|\bgouvernement|\bministre|\bministère|\bil|\belle|\b[A-Z]{2,5})\s(?:a|ont)\s(?!été\b)"
        r"(?:\w+ment\s)?\w+(?:é|i|u|is|it|ert)\b",
        words="a ont",
    ),
    _exact("travaille travaillent travaillera"),
    _exact("collabore collaborent collaborera"),
    _gated(r"\bprend des mesures\b", words="mesures"),
    _exact("impose"),
    _exact("encourage"),
    _exact("condamne"),
    _exact("surveille surveillera"),
    _exact("fournit"),
    _exact("appuie"),
    _exact("soutient"),
    _exact("entretient"),
    _exact("souligne"),
    _exact("entend"),
    _exact("prévoit"),
    _gated(r"\bn['’]a pas l['’]intention\b", words="intention"),
    _exact("demeurera demeureront"),
    _gated(r"\breste (?:prêt|résolu|déterminé|engagé)", words="reste"),
    _exact("poursuit poursuivra poursuivront"),
    _gated(
        r"\b(?:va|vont) (?:investir|continuer|présenter|mettre|prendre|travailler)\b",
        words="investir continuer présenter mettre prendre travailler",
    ),
    _exact("mettra fera prendra veillera investira présentera suivra"),
)
_STRONG = Lexicon(
    _gated(r"\b(?:is|are) (?:also |firmly |fully |deeply )?committed to\b", words="committed"),
    _gated(r"\bremains? committed\b", words="committed"),
    _gated(r"\bwill continue\b", words="continue"),
    _gated(r"\bcall(?:s|ed)? (?:on|upon|for)\b", words="call calls called"),
    _gated(r"\b(?:has|have) raised\b", words="raised"),
    _gated(r"\bdoes not intend\b", words="intend"),
    _gated(r"\bdoes not hesitate to\b", words="hesitate"),
    _gated(r"\b(?:has|have) no plans?\b", words="plan plans"),
    _gated(r"\bs['’]engage\b", words="engage"),
    _exact("continuera"),
    _gated(r"\bn['’]hésite pas\b", words="hésite"),
    _gated(r"\bn['’]a pas l['’]intention\b", words="intention"),
    _gated(r"\best déterminé\b", words="déterminé"),
)
_CHANNELS = Lexicon(
    _gated(r"\bbilateral(?:ly)?\b[^.]{0,40}\bmultilateral(?:ly)?\b", words="bilateral bilaterally"),
    _gated(
        r"\bbilatéra(?:ux|les?|l)\b[^.]{0,40}\bmultilatéra(?:ux|les?|l)\b",
        words="bilatéraux bilatérale bilatérales bilatéral",
    ),
)
_CONCRETE = Lexicon(
    _gated(r"\$\s?\d", part="$"),
    _gated(r"\d\s?\$", part="$"),
    _exact("million billion milliard milliards"),
    _gated(r"\b(?:Bill|projet de loi) [CS]-\d+", words="bill loi"),
)
# Openers that only thank, acknowledge or introduce.
_BOILERPLATE = Lexicon(
    _gated(r"\bthank(?:s| you)\b", words="thanks thank"),
    _exact("grateful gratitude"),
    _exact("reconnaissant reconnaissante reconnaissance"),
    _gated(
        r"\bappreciates?\b[^.]{0,80}\b(?:opportunity|petition|concerns?|interest|views)\b",
        words="appreciate appreciates",
    ),
    _gated(r"\b(?:is|are|am) (?:pleased|happy|glad) to\b", words="pleased happy glad"),
    _gated(r"\bwould like to\b", words="like"),
    _gated(r"\btake this opportunity\b", words="opportunity"),
    _gated(r"\bremerci", part="remerci"),
    _exact("merci"),
    _gated(r"\best (?:heureux|heureuse|ravie?) de\b", words="heureux heureuse ravi ravie"),
    _gated(r"\ba le plaisir\b", words="plaisir"),
    _gated(r"\bprofite de l['’]occasion\b", words="occasion"),
    _gated(r"\bje tiens à\b", words="tiens"),
    _gated(r"\bapprécie (?:l['’]occasion|la possibilité|l['’]intérêt)\b", words="apprécie"),
    _gated(r"\bsouhaite répondre\b", words="répondre"),
)
_SOFT_BOILERPLATE = Lexicon(
    _exact("petitioner petitioners"),
    _gated(r"\bthis petition\b", words="petition"),
    _gated(r"\backnowledges? the concerns?\b", words="acknowledge acknowledges"),
    _exact("pétitionnaires"),
    _gated(r"\b(?:la présente|cette) pétition\b", words="pétition"),
    _gated(r"\bprend acte\b", words="acte"),
    _gated(r"\bcomprend les préoccupations\b", words="préoccupations"),
    _gated(r"\bis of (?:paramount|utmost|great) importance\b", words="importance"),
    _gated(r"\b(?:is|are) fundamental\b", words="fundamental"),
    _gated(r"\bsont fondamentales?\b", words="fondamentale fondamentales"),
    _gated(r"\best fondamental", part="fondamental"),
    _exact("condolences"),
    _exact("condoléances"),
    _exact("mourn mourns"),
    _gated(r"\bsympath", part="sympath"),
)
# What a sentence says besides who acts, as bits.
F_BOILERPLATE, F_ACTION, F_STRONG, F_CHANNELS, F_CONCRETE, F_SOFT = 1, 2, 4, 8, 16, 32
FLAGGED = (
    (F_BOILERPLATE, _BOILERPLATE),
    (F_ACTION, _ACTION),
    (F_STRONG, _STRONG),
    (F_CHANNELS, _CHANNELS),
    (F_CONCRETE, _CONCRETE),
    (F_SOFT, _SOFT_BOILERPLATE),
)


LEXICONS: tuple[Lexicon, ...] = (SUBJECT, *(lexicon for _, lexicon in FLAGGED))
"""Every lexicon, for the test that checks the quick way and the plain way agree."""
