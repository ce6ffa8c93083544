"""Lines in capitals recased for the name tagger: same length, usual forms, other lines kept."""

from __future__ import annotations

from analysis.enrich.truecase import (
    MAX_CONTEXT_WORDS,
    CaseTable,
    context_forms,
    recase,
    recased,
)


def test_a_line_in_capitals_gets_its_words_usual_case() -> None:
    line = "OPEC, IMF AND BANK OF JAPAN OFFICIALS MEET IN PARIS"
    assert recase(line) == "OPEC, IMF and Bank of Japan officials meet in Paris"
    assert recase("WHITE HOUSE'S BAKER SAYS REAGAN TO MEET PRESS") == (
        "White House's Baker says Reagan to meet press")


def test_only_lines_mostly_in_capitals_change_and_the_length_stays() -> None:
    text = "Peter Blackburn\nBRUSSELS 1996-08-22\nThe EC and NATO said on Friday.\nU.S. SAYS"
    cased = recase(text)
    assert len(cased) == len(text)
    assert cased.splitlines() == ["Peter Blackburn", "Brussels 1996-08-22",
                                  "The EC and NATO said on Friday.", "U.S. says"]
    assert recase("no capitals here") == "no capitals here"


def test_a_pair_decides_over_the_word_alone() -> None:
    table = CaseTable({"department": "department", "resources": "resources"},
                      {("resources", "department"): True})
    assert recase("MINERAL RESOURCES DEPARTMENT", table=table) == "Mineral resources Department"
    assert recase("THE DEPARTMENT", table=table) == "The department"


def test_a_word_of_another_length_in_another_case_is_kept() -> None:
    table = CaseTable({"strasse": "straße"}, {})  # a form must not move offsets
    assert recase("GROSSE STRASSE", table=table) == "Grosse STRASSE"


def test_a_hyphenated_word_the_table_lacks_is_recased_part_by_part() -> None:
    table = CaseTable({"argentina": "Argentina", "brazil": "Brazil", "trade": "trade"}, {})
    assert recase("ARGENTINA-BRAZIL TRADE", table=table) == "Argentina-Brazil trade"
    assert recase("IRAN WARNS OF RISKS") == "Iran warns of risks"  # a verb rare in the bodies


def test_a_headline_takes_the_forms_its_story_gives_its_words() -> None:
    story = "First Interstate Bancorp said it filed a shelf. The bank's filing is routine."
    assert recase("FIRST INTERSTATE BANCORP FILES SHELF", context=story) == (
        "First Interstate Bancorp files shelf")
    # the story's own lines in capitals and its sentences' first words are no evidence
    assert context_forms(["ALPHA FILES"], "ALPHA FILES\nFiles were sent by alpha.") == {
        "alpha": "alpha"}


def test_lines_in_capitals_of_many_words_are_recased_from_the_table_alone() -> None:
    """Telex copy, not a headline: each distinct word would be a search of the whole story."""
    words = [f"W{n}X" for n in range(MAX_CONTEXT_WORDS + 1)]
    assert context_forms([" ".join(words)], " ".join(w.lower() for w in words)) == {}


def test_recased_says_whether_a_line_was_in_capitals() -> None:
    """A text without a line in capitals comes back as it is, and so it does again with any
    context (what actor finding relies on to recase it once)."""
    story = "Japan's Prime Minister Nakasone said on Monday the tax would stay."
    plain = "Nakasone said the tax would stay.\nTokyo, March 3"
    assert recased(plain, context=plain) == (plain, False)
    assert recase(plain, context=story) == plain
    headline = "JAPAN SALES TAX MAY FORCE NAKASONE OUT"
    cased, shouting = recased(headline, context=story)
    assert shouting and cased == recase(headline, context=story) != headline
