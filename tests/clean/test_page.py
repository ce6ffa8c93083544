"""Scraped plain-text pages: the bundled sample, and pages in the styles of other sites."""

import pandas as pd
import pytest

from analysis.clean.page import parse_page
from analysis.schema import (
    BOILERPLATE,
    BYLINE,
    CREDITS,
    DATELINE,
    PUBLISHED_AT,
    RELATED_HEADLINES,
    SECTION,
    SOURCE,
    TEASER,
    TEXT,
    TITLE,
)


@pytest.fixture(scope="module")
def sample_page(sample_path):
    return parse_page(sample_path.read_text(encoding="utf-8"))


def test_sample_metadata_matches_the_annotation(sample_page, sample_expected):
    assert sample_page[TITLE] == sample_expected["title"]
    assert sample_page[SECTION] == sample_expected["section"]
    assert sample_page[SOURCE] == sample_expected["source"]
    assert sample_page[BYLINE] == sample_expected["byline"]
    assert sample_page[DATELINE] == sample_expected["dateline"]


def test_sample_additional_reporting_is_a_credit(sample_page, sample_expected):
    expected = [{"role": "additional reporting", **person}
                for person in sample_expected["additional_reporting"]]
    assert sample_page[CREDITS] == expected
    assert sample_page[CREDITS] == [
        {"role": "additional reporting", "name": "Fredrik Dahl", "place": "Tehran"}]


def test_sample_body_is_the_story_only(sample_page, sample_expected):
    text = sample_page[TEXT]
    assert text.startswith(sample_expected["body_starts_with"])
    assert text.endswith(sample_expected["body_ends_with"])
    approx = sample_expected["body_word_count_approx"]
    assert abs(len(text.split()) - approx) <= 0.1 * approx
    for unwanted in sample_expected["must_not_be_in_body"]:
        assert unwanted not in text
    for marker in ("Reuters", "Ross Colvin", "Fredrik Dahl", "BAGHDAD", "(Additional"):
        assert marker not in text


def test_sample_related_headlines_in_order(sample_page, sample_expected):
    assert sample_page[RELATED_HEADLINES] == sample_expected["related_headlines"]


def test_sample_has_no_publication_date(sample_page, sample_expected):
    assert sample_expected["published_at"] is None
    assert PUBLISHED_AT not in sample_page


def test_sample_title_appears_once_and_not_in_the_text(sample_page, sample_path):
    title = sample_page[TITLE]
    assert title not in sample_page[TEXT]
    assert title not in sample_page[TEASER]
    assert not any(title in line for line in sample_page[BOILERPLATE])


def test_sample_teaser_without_wire_label_and_byline(sample_page):
    assert sample_page[TEASER] == (
        "Washington’s top official in Iraq said he told an Iranian delegation that Tehran should "
        "stop supporting militias in Iraq but described rare talks between the two foes on Monday "
        "as positive.")


def test_sample_text_keeps_paragraphs_and_curly_quotes(sample_page):
    paragraphs = sample_page[TEXT].split("\n\n")
    assert len(paragraphs) == 18
    assert "HAND SHAKE" in paragraphs  # the story's own subheading stays, as its own paragraph
    assert all(p.strip() == p and p for p in paragraphs)
    assert "“The talks proceeded positively." in sample_page[TEXT]
    assert "Shi’ite" in sample_page[TEXT]


def test_sample_boilerplate_lists_what_was_removed(sample_page):
    removed = sample_page[BOILERPLATE]
    for line in ("Latest news", "Must read", "You might also likeRELATED", "Recommended to you",
                 "Exit mobile version", "-"):
        assert line in removed
    # teasers of the listed stories are removed, not taken for headlines
    assert any(line.startswith("The Canadian Security Intelligence Service") for line in removed)
    assert not any(h.endswith("...") for h in sample_page[RELATED_HEADLINES])


AP_PAGE = """Share  Facebook  Twitter  Email
Subscribe to our newsletter

Business › Markets

Stocks slide as oil prices jump on supply worries

By STAN CHOE, AP Business Writer

Updated 4:12 PM EDT, March 15, 2024

NEW YORK (AP) — Wall Street slumped on Friday as a jump in oil prices revived worries about \
inflation.

The S&P 500 fell 1.2%, its worst day in a month, while the Dow lost 480 points.

Read more: Oil climbs to highest level since October

“It’s a tough week for anyone hoping for lower rates,” said Jane Analyst of Example Capital.

RELATED COVERAGE
Fed holds rates steady, signals cuts later this year
Why gasoline prices are rising again

ADVERTISEMENT

Treasury yields rose in the bond market, and the 10-year yield touched its highest level since \
November.

Associated Press writers Elaine Kurtenbach in Bangkok and Matt Ott contributed to this report.

Related
Asian shares mixed after Wall Street rally
Gold hits record high as investors seek safety

Copyright 2024 The Associated Press. All rights reserved. This material may not be published, \
broadcast, rewritten or redistributed without permission.
"""


def test_ap_style_page():
    page = parse_page(AP_PAGE)
    assert page[TITLE] == "Stocks slide as oil prices jump on supply worries"
    assert page[SECTION] == ["Business", "Markets"]
    assert (page[DATELINE], page[SOURCE]) == ("NEW YORK", "AP")
    assert page[BYLINE] == ["Stan Choe"]
    assert page[PUBLISHED_AT] == pd.Timestamp("2024-03-15 20:12", tz="UTC")
    assert page[TEASER] is None
    assert page[TEXT].split("\n\n") == [
        "Wall Street slumped on Friday as a jump in oil prices revived worries about inflation.",
        "The S&P 500 fell 1.2%, its worst day in a month, while the Dow lost 480 points.",
        "“It’s a tough week for anyone hoping for lower rates,” said Jane Analyst of Example "
        "Capital.",
        "Treasury yields rose in the bond market, and the 10-year yield touched its highest level "
        "since November.",
    ]
    assert page[CREDITS] == [
        {"role": "contributing", "name": "Elaine Kurtenbach", "place": "Bangkok"},
        {"role": "contributing", "name": "Matt Ott", "place": None}]
    assert page[RELATED_HEADLINES] == [
        "Oil climbs to highest level since October",
        "Fed holds rates steady, signals cuts later this year",
        "Why gasoline prices are rising again",
        "Asian shares mixed after Wall Street rally",
        "Gold hits record high as investors seek safety",
    ]
    assert "Share Facebook Twitter Email" in page[BOILERPLATE]
    assert any(line.startswith("Copyright 2024") for line in page[BOILERPLATE])


REUTERS_BLOG_PAGE = """Home / World / Africa

Sudan’s army says it retook key bridge in Khartoum

Khartoum fighting enters its second year as talks stall

By Jane Doe and John Roe

CAIRO, April 2 (Reuters) - Sudan’s army said on Tuesday it had retaken a bridge over the Nile \
that links Khartoum with Omdurman.

The paramilitary Rapid Support Forces did not respond to a request for comment.

(Reporting by Jane Doe and John Roe in Cairo; Editing by Mark Heinrich)

Most Read
Oil prices climb as Red Sea attacks continue
Shipping firms reroute vessels around the Cape...
Sign up for our World News newsletter
Follow us on X
© 2024 Example News Ltd
"""


def test_page_with_byline_line_and_reporting_editing_credits():
    page = parse_page(REUTERS_BLOG_PAGE)
    assert page[TITLE] == "Sudan’s army says it retook key bridge in Khartoum"
    assert page[SECTION] == ["World", "Africa"]
    assert page[TEASER] == "Khartoum fighting enters its second year as talks stall"
    assert page[BYLINE] == ["Jane Doe", "John Roe"]
    assert (page[DATELINE], page[SOURCE]) == ("CAIRO", "Reuters")
    assert page[TEXT] == (
        "Sudan’s army said on Tuesday it had retaken a bridge over the Nile that links Khartoum "
        "with Omdurman.\n\nThe paramilitary Rapid Support Forces did not respond to a request for "
        "comment.")
    assert page[CREDITS] == [
        {"role": "reporting", "name": "Jane Doe", "place": "Cairo"},
        {"role": "reporting", "name": "John Roe", "place": "Cairo"},
        {"role": "editing", "name": "Mark Heinrich", "place": None}]
    assert page[RELATED_HEADLINES] == ["Oil prices climb as Red Sea attacks continue"]
    assert page[BOILERPLATE] == [
        "Most Read", "Shipping firms reroute vessels around the Cape...",
        "Sign up for our World News newsletter", "Follow us on X", "© 2024 Example News Ltd"]
    assert PUBLISHED_AT not in page


LOCAL_PAGE = """We use cookies to improve your experience. By continuing you accept our \
cookie policy.
Menu

City council approves new budget after late-night session

The vote ends months of wrangling over transit funding and library hours.

By Maria Lopez

Published: 15 March 2024 08:30

The city council approved a $2.1 billion budget early on Friday after a session that ran past \
midnight.

Click here to read our full coverage of the election.

Advertisement

Council members said the transit plan would be reviewed again in the autumn.

You might also like

Mayor unveils plan for new bike lanes
Residents push back against parking fees
"""


def test_local_paper_page_without_dateline():
    page = parse_page(LOCAL_PAGE)
    assert page[TITLE] == "City council approves new budget after late-night session"
    assert page[TEASER] == ("The vote ends months of wrangling over transit funding and library "
                            "hours.")
    assert page[BYLINE] == ["Maria Lopez"]
    assert page[PUBLISHED_AT] == pd.Timestamp("2024-03-15 08:30", tz="UTC")
    assert (page[DATELINE], page[SOURCE], page[SECTION], page[CREDITS]) == (None, None, [], [])
    assert page[TEXT] == (
        "The city council approved a $2.1 billion budget early on Friday after a session that ran "
        "past midnight.\n\nCouncil members said the transit plan would be reviewed again in the "
        "autumn.")
    assert page[RELATED_HEADLINES] == ["Mayor unveils plan for new bike lanes",
                                       "Residents push back against parking fees"]
    assert page[BOILERPLATE][:2] == [
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Menu"]


def test_hard_wrapped_paragraphs_are_rejoined():
    page = parse_page(
        "Markets rally as inflation cools faster than expected\n\n"
        "LONDON, June 3 (Reuters) - European shares rose on Monday after data\n"
        "showed inflation in the euro zone slowed more than economists had\n"
        "forecast, lifting hopes of an interest rate cut this month.\n\n"
        "Banks led the gains.\n")
    assert page[TEXT] == (
        "European shares rose on Monday after data showed inflation in the euro zone slowed more "
        "than economists had forecast, lifting hopes of an interest rate cut this month.\n\n"
        "Banks led the gains.")


def test_glued_breadcrumb_keeps_a_word_that_stands_elsewhere_on_the_page():
    page = parse_page(
        "BusinessBlackRock profits rise as markets climb\n\n"
        "BlackRock profits rise as markets climb\n\n"
        "NEW YORK (Reuters) - BlackRock reported higher quarterly profit on Friday.\n")
    assert page[TITLE] == "BlackRock profits rise as markets climb"
    assert page[SECTION] == ["Business"]
    assert page[TEXT] == "BlackRock reported higher quarterly profit on Friday."


@pytest.mark.parametrize("furniture", [
    "Share this article",
    "Sign up for our daily briefing newsletter",
    "Follow us on Twitter and Facebook",
    "Click here to subscribe",
    "Advertisement",
    "Story continues below advertisement",
    "This site uses cookies. Accept all cookies to continue.",
    "© 2024 Example Media. All rights reserved.",
    "Exit mobile version",
    "Skip to content",
    "Tags: Iran, Iraq, diplomacy",
    "Image caption, Residents queued for water in the dark",
    "Photograph: Joe Raedle/Getty Images",
    "Listen to this article",
])
def test_furniture_lines_inside_a_story_are_removed(furniture):
    page = parse_page(
        "Storm cuts power to thousands across the region\n\n"
        "MIAMI (AP) — A storm knocked out power to thousands of homes on Sunday.\n\n"
        f"{furniture}\n\n"
        "Crews expected to restore service by Tuesday, the utility said.\n")
    assert page[TEXT] == ("A storm knocked out power to thousands of homes on Sunday.\n\n"
                          "Crews expected to restore service by Tuesday, the utility said.")
    assert page[BOILERPLATE] == [furniture]


@pytest.mark.parametrize("heading", [
    "Latest news", "Most read", "MUST READ", "Recommended for you", "You might also like",
    "Trending now", "More from Reuters", "Top stories", "Editor’s picks", "Related stories",
])
def test_trailing_headings_end_the_story_and_list_headlines(heading):
    page = parse_page(
        "Storm cuts power to thousands across the region\n\n"
        "MIAMI (AP) — A storm knocked out power to thousands of homes on Sunday.\n\n"
        f"{heading}\n\n"
        "Ferry service suspended as winds pick up\n\n"
        "Officials urged residents to stay indoors as the winds...\n")
    assert page[TEXT] == "A storm knocked out power to thousands of homes on Sunday."
    assert page[RELATED_HEADLINES] == ["Ferry service suspended as winds pick up"]
    assert page[BOILERPLATE] == [
        heading, "Officials urged residents to stay indoors as the winds..."]


def test_date_in_boilerplate_is_never_taken_for_the_publication_date():
    page = parse_page(
        "Storm cuts power to thousands across the region\n\n"
        "MIAMI (AP) — A storm knocked out power to thousands of homes on Sunday.\n\n"
        "Latest news\n\nMarch 14, 2024\n\nFerry service suspended as winds pick up\n")
    assert PUBLISHED_AT not in page
    assert "March 14, 2024" in page[BOILERPLATE]


@pytest.mark.parametrize("text", [
    "",
    "Page not found\n\nLatest news\n\nOil prices climb as Red Sea attacks continue\n\n"
    "Shipping firms reroute...\n\nExit mobile version",
    "Skip to content\n\nMenu\n\nSubscribe to our newsletter",
])
def test_page_without_a_story_has_empty_text(text):
    assert parse_page(text)[TEXT] == ""


def test_page_without_title_keeps_its_first_paragraphs():
    page = parse_page(
        "BAGHDAD (Reuters) – Officials met on Monday to discuss security.\n\n"
        "The talks lasted four hours, a spokesman said.\n\n"
        "What comes next for the talks\n\n"
        "Both sides said they would meet again within a month.\n")
    assert page[TITLE] is None
    assert page[TEASER] is None
    assert page[TEXT].split("\n\n") == [
        "Officials met on Monday to discuss security.",
        "The talks lasted four hours, a spokesman said.",
        "What comes next for the talks",
        "Both sides said they would meet again within a month.",
    ]


def test_a_title_with_a_ticker_in_angle_brackets_is_not_a_breadcrumb():
    # found by the Reuters-pages evaluation: ">" was taken for a breadcrumb separator
    page = ("EASTMAN KODAK <EK> TO SELL HOLDINGS\n\nROCHESTER, N.Y. (Reuters) - Eastman Kodak "
            "Co said it plans to sell its 2.3 pct stake in a unit for about 50 mln dlrs.\n\n"
            "The company did not name a buyer for the stake in its statement on Monday.\n")
    parsed = parse_page(page)
    assert parsed["title"] == "EASTMAN KODAK <EK> TO SELL HOLDINGS"
    assert "section" not in parsed or parsed["section"] == []
