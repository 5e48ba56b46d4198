"""The 45-day response clock as readers see it: due dates, answer times, late petitions."""

from __future__ import annotations

from datetime import date

import pytest

from bot.petitions.deadlines import (
    SittingCalendar,
    clock,
    clock_line,
    default_calendar,
    format_date,
    overdue,
    response_deadline,
)
from bot.petitions.model import Petition

# A small calendar of our own: a spring period, a summer adjournment, a fall period.
SMALL = SittingCalendar.parse(
    """
    coverage 2030-01-01 2030-12-31
    2030-03-04 2030-06-21
    2030-09-16 2030-12-13 ~   # fall not yet confirmed
    2030-06-22                # a Saturday sitting
    -2030-05-03               # a cancelled Friday
    """
)


def _petition(number: str, presented: date | None, **kw: object) -> Petition:
    return Petition(number=number, kind="paper", presented_on=presented, **kw)  # type: ignore[arg-type]


def test_kazakhstan_petition_441_00155_was_answered_in_44_days_before_its_deadline() -> None:
    petition = _petition("441-00155", date(2022, 2, 9), response_tabled_on=date(2022, 3, 25), status_id=223)
    deadline = response_deadline(date(2022, 2, 9))
    assert deadline.nominal == date(2022, 3, 26)  # a Saturday
    assert deadline.due == date(2022, 3, 28)  # the House sat on Monday 28 March 2022
    assert not deadline.approximate
    c = clock(petition, today=date(2024, 1, 1))
    assert (c.state, c.answered_in_days, c.deadline) == ("answered", 44, date(2022, 3, 28))
    assert clock_line(c, "en") == "Answered in 44 days"
    assert clock_line(c, "fr") == "Réponse reçue en 44 jours"


def test_deadline_in_the_summer_adjournment_moves_to_the_first_september_sitting() -> None:
    deadline = response_deadline(date(2030, 6, 10), SMALL)  # day 45 is 25 July
    assert deadline.due == date(2030, 9, 16)
    assert deadline.approximate  # the fall period is marked "~"


def test_shipped_calendar_moves_a_summer_2022_deadline_to_september() -> None:
    deadline = response_deadline(date(2022, 6, 10))
    assert deadline.due.month == 9 and deadline.due.year == 2022
    assert deadline.due == date(2022, 9, 20)  # the 19th was the national day of mourning


def test_deadline_on_a_sitting_day_stays_put_and_skips_cancelled_days_and_holidays() -> None:
    assert response_deadline(date(2030, 3, 20), SMALL).due == date(2030, 5, 6)  # Fri 3 May cancelled
    assert response_deadline(date(2030, 3, 21), SMALL).due == date(2030, 5, 6)  # Sat 4 May, not sitting
    assert response_deadline(date(2030, 3, 22), SMALL).due == date(2030, 5, 6)
    assert response_deadline(date(2030, 3, 23), SMALL).due == date(2030, 5, 7)
    assert not response_deadline(date(2030, 3, 23), SMALL).approximate
    # Victoria Day 2030 is Monday 20 May: day 45 from 5 April.
    assert response_deadline(date(2030, 4, 5), SMALL).due == date(2030, 5, 21)
    # A weekend sitting counts: day 45 on Saturday 22 June 2030.
    assert response_deadline(date(2030, 5, 8), SMALL).due == date(2030, 6, 22)


def test_outside_the_calendar_falls_back_to_the_next_weekday_and_says_so() -> None:
    deadline = response_deadline(date(2031, 11, 27), SMALL)  # day 45 is Sunday 11 January 2032
    assert deadline.due == date(2032, 1, 12)
    assert deadline.approximate
    christmas = response_deadline(date(2031, 11, 10), SMALL)  # day 45 is Thursday 25 December
    assert christmas.due == date(2031, 12, 29)  # 25 and 26 December are holidays, then a weekend


def test_shipped_calendar_covers_2019_to_2027_with_plausible_sitting_years() -> None:
    calendar = default_calendar()
    assert calendar.coverage[0] <= date(2019, 9, 1) and calendar.coverage[1] >= date(2027, 6, 30)

    def sitting_days(year: int) -> int:
        return sum(
            calendar.day(date.fromordinal(n))[0]
            for n in range(date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal())
        )

    for year in (2022, 2023, 2024, 2026):  # full calendar years: about 125 sitting days
        assert 110 <= sitting_days(year) <= 140, year
    for year in (2020, 2021, 2025):  # pandemic, election and dissolution years sit less
        assert 40 <= sitting_days(year) < 110, year
    assert not calendar.day(date(2022, 7, 15))[0]  # summer adjournment
    assert not calendar.day(date(2022, 4, 15))[0]  # Good Friday


def test_malformed_calendar_line_is_reported_with_its_line_number() -> None:
    with pytest.raises(ValueError, match=r":3:"):
        SittingCalendar.parse("coverage 2030-01-01 2030-12-31\n2030-01-05 2030-01-09\n2030-13-01\n")
    with pytest.raises(ValueError, match="coverage"):
        SittingCalendar.parse("2030-01-05 2030-01-09\n")


def test_awaiting_clock_counts_days_left_in_both_languages() -> None:
    petition = _petition("451-00010", date(2030, 3, 23), status_id=224)
    c = clock(petition, today=date(2030, 4, 25), calendar=SMALL)
    assert (c.state, c.deadline, c.days_left, c.overdue_days) == ("awaiting", date(2030, 5, 7), 12, None)
    assert clock_line(c, "en") == "Response due by May 7, 2030 (12 days left)"
    assert clock_line(c, "fr") == "Réponse attendue d'ici le 7 mai 2030 (12 jours restants)"
    last_day = clock(petition, today=date(2030, 5, 7), calendar=SMALL)
    assert last_day.state == "awaiting" and last_day.days_left == 0
    assert clock_line(last_day, "en") == "Response due by May 7, 2030 (due today)"
    one = clock(petition, today=date(2030, 5, 6), calendar=SMALL)
    assert clock_line(one, "en").endswith("(1 day left)")
    assert clock_line(one, "fr").endswith("(1 jour restant)")


def test_overdue_clock_and_approximate_note() -> None:
    petition = _petition("451-00011", date(2030, 3, 23))
    c = clock(petition, today=date(2030, 5, 12), calendar=SMALL)
    assert (c.state, c.overdue_days, c.days_left) == ("overdue", 5, None)
    assert clock_line(c, "en") == "Overdue by 5 days (due May 7, 2030)"
    assert clock_line(c, "fr") == "En retard de 5 jours (échéance : 7 mai 2030)"
    summer = clock(_petition("451-00012", date(2030, 6, 10)), today=date(2030, 9, 1), calendar=SMALL)
    assert summer.state == "awaiting" and summer.approximate
    assert clock_line(summer, "en") == (
        "Response due by September 16, 2030 (15 days left) (approximate sitting calendar)"
    )
    assert clock_line(summer, "fr").endswith("(calendrier des séances approximatif)")


def test_unanswered_at_dissolution_is_dissolved_not_overdue() -> None:
    petition = _petition("441-03000", date(2030, 3, 23), status_id=291)
    c = clock(petition, today=date(2031, 1, 1), calendar=SMALL)
    assert c.state == "dissolved" and c.overdue_days is None
    assert clock_line(c, "en") == "Not answered before dissolution (was due May 7, 2030)"
    assert clock_line(c, "fr") == "Sans réponse avant la dissolution (échéance : 7 mai 2030)"
    assert overdue([petition], date(2031, 1, 1), SMALL) == []


def test_not_presented_has_no_deadline() -> None:
    c = clock(Petition(number="e-7775", kind="e", status_id=207), today=date(2030, 5, 1), calendar=SMALL)
    assert (c.state, c.deadline, c.days_left) == ("not_presented", None, None)
    assert clock_line(c, "en") == "Not yet presented to the House"
    assert clock_line(c, "fr") == "Pas encore présentée à la Chambre"


def test_answered_without_a_date_still_counts_as_answered() -> None:
    c = clock(_petition("441-00001", date(2030, 3, 4), status_id=223), today=date(2030, 9, 1), calendar=SMALL)
    assert c.state == "answered" and c.answered_in_days is None
    assert clock_line(c, "en") == "Government response tabled"


def test_overdue_lists_the_longest_late_first_and_leaves_out_the_rest() -> None:
    today = date(2030, 6, 14)
    petitions = [
        _petition("451-00003", date(2030, 3, 23)),  # due 7 May: 38 days late
        _petition("451-00001", date(2030, 3, 4)),  # due 18 April: 57 days late
        _petition("451-00002", date(2030, 4, 5)),  # due 21 May: 24 days late
        _petition("451-00004", date(2030, 3, 4), response_tabled_on=date(2030, 4, 1)),  # answered
        _petition("451-00005", date(2030, 6, 1)),  # still within its 45 days
        _petition("451-00006", None),  # not presented
    ]
    ranked = overdue(petitions, today, SMALL)
    assert [(p.number, c.overdue_days) for p, c in ranked] == [
        ("451-00001", 57),
        ("451-00003", 38),
        ("451-00002", 24),
    ]


@pytest.mark.parametrize(
    ("d", "en", "fr"),
    [
        (date(2022, 3, 25), "March 25, 2022", "25 mars 2022"),
        (date(2022, 2, 1), "February 1, 2022", "1er février 2022"),
        (date(2021, 8, 15), "August 15, 2021", "15 août 2021"),
        (date(2023, 12, 31), "December 31, 2023", "31 décembre 2023"),
    ],
)
def test_format_date_as_the_house_writes_it(d: date, en: str, fr: str) -> None:
    assert format_date(d, "en") == en
    assert format_date(d, "fr") == fr
