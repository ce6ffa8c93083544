"""Trimming the tagger's spans and making a text call a name the same throughout."""

from __future__ import annotations

import re

from analysis.enrich.name_rules import (
    FIRM_SCREEN,
    _has_firm_noun,
    acronyms,
    bodies,
    common_words,
    consistent,
    described,
    institutions,
    parenthesised,
    particles,
    partners,
    suffixes,
    traded,
    trim,
)
from analysis.enrich.names import tag_names


def test_trim_drops_a_leading_article_and_cuts_a_person_after_the_last_title() -> None:
    words = ["The", "Bank", "of", "England", "and", "U.S.", "Treasury", "Secretary", "James",
             "Baker"]
    spans = [(0, 3, "organisation"), (4, 9, "person")]
    assert trim(spans, words.__getitem__) == [(1, 3, "organisation"), (8, 9, "person")]


def test_trim_keeps_the_last_word_of_a_span() -> None:
    words = ["The", "Major"]
    assert trim([(0, 1, "person"), (1, 1, "person")], words.__getitem__) == [
        (1, 1, "person"), (1, 1, "person")]


def test_a_span_of_connectors_only_is_no_name() -> None:
    # the tagger called a quote's opening "The" a place; "Lloyd's" keeps its possessive
    words = ['"', "The", "area", "is", "Lloyd", "'s", "and", "The", "Times"]
    spans = [(1, 1, "place"), (4, 5, "organisation"), (6, 6, "place"), (7, 8, "organisation")]
    assert trim(spans, words.__getitem__) == [(4, 5, "organisation"), (8, 8, "organisation")]


def test_a_quote_opening_with_the_tags_no_name() -> None:
    text = ('Analysts said problems remain.\n\n"The area has clear applications," said '
            "Thomas Murtha.")
    assert [(name.text, name.kind) for name in tag_names(text)] == [("Thomas Murtha", "person")]


def span(text: str, surface: str, kind: str, nth: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface), kind


def test_a_company_name_makes_its_short_form_an_organisation_in_the_same_text() -> None:
    text = "Santa Fe Pacific Gold Corp said it would sell. Santa Fe added 1/4. Noranda Inc fell."
    spans = [span(text, "Santa Fe Pacific Gold Corp", "organisation"),
             span(text, "Santa Fe", "person", nth=1),
             span(text, "Noranda Inc", "organisation")]
    assert consistent(text, spans, []) == sorted([spans[0], (spans[1][0], spans[1][1],
                                                             "organisation"), spans[2]])


def test_a_full_name_adds_a_surname_the_tagger_left_out() -> None:
    text = "James Baker met Volcker. Baker said so."
    spans = [span(text, "James Baker", "person"), span(text, "Volcker", "person")]
    runs = [span(text, "Baker", "", nth=1)[:2]]
    assert consistent(text, spans, runs) == [*spans, span(text, "Baker", "person", nth=1)]


def test_evidence_for_two_kinds_changes_nothing() -> None:
    text = "Baker Inc rose. James Baker said so. Baker left."
    spans = [span(text, "Baker Inc", "organisation"), span(text, "James Baker", "person"),
             span(text, "Baker", "organisation", nth=2)]
    assert consistent(text, spans, []) == spans


def test_a_name_opening_with_an_institution_and_of_is_an_organisation() -> None:
    """UNER English-EWT marks some universities as places; a model trained on it called
    "University of Pennsylvania" a place (its last word is one)."""
    text = "the University of Pennsylvania, the Gulf of Mexico, Bank Street and the Bank of Japan"
    spans = [span(text, "University of Pennsylvania", "place"),
             span(text, "Gulf of Mexico", "place"), span(text, "Bank Street", "place"),
             span(text, "Bank of Japan", "organisation")]
    assert [kind for _, _, kind in institutions(text, spans)] == [
        "organisation", "place", "place", "organisation"]


def test_a_name_whose_share_price_moves_is_an_organisation() -> None:
    text = "Texaco fell 1/2 to 35-3/4, while Santa Fe added 1/4 to 15-1/8. Smith said so."
    spans = [span(text, "Texaco", "place"), span(text, "Santa Fe", "person"),
             span(text, "Smith", "person")]
    assert traded(text, spans) == [(s, e, "organisation") for s, e, _ in spans[:2]] + spans[2:]


def test_a_share_price_move_makes_the_name_an_organisation_later_in_the_text() -> None:
    """"Santa Fe added 1/4" is the company: the later "Santa Fe said" was a person (issue 15)."""
    text = "Santa Fe added 1/4 to 15-1/8. Santa Fe said later it would not comment."
    spans = traded(text, [span(text, "Santa Fe", "person"),
                          span(text, "Santa Fe", "person", nth=1)])
    assert [kind for _, _, kind in consistent(text, spans, [])] == ["organisation"] * 2


def test_a_name_a_stock_ticker_follows_is_an_organisation() -> None:
    """"Strawbridge <STRW>" is the store company; a run the model left out before a ticker is
    one too ("Piezo <PEPI>"), and so is the name again later in the text."""
    text = "Strawbridge <STRW> and Piezo <PEPI> agreed. Strawbridge said so; Smith <b> too."
    spans = [span(text, "Strawbridge", "person"), span(text, "Strawbridge", "person", nth=1),
             span(text, "Smith", "person")]
    piezo = span(text, "Piezo", "")[:2]
    found = traded(text, spans, [piezo])
    assert found == sorted([(*spans[0][:2], "organisation"), (*piezo, "organisation"),
                            *spans[1:]])
    assert [kind for _, _, kind in consistent(text, found, [])] == [
        "organisation", "organisation", "organisation", "person"]


def test_a_person_of_one_common_lower_case_word_is_dropped_unless_named_in_full() -> None:
    """"Sterling was briefly depressed": the currency, a word news mostly writes in lower case;
    "Major" after "John Major" stays his."""
    shares = {"sterling": 0.14, "major": 0.01, "baker": 0.99}
    text = "Sterling fell. Baker said so. John Major said Major would stay."
    spans = [span(text, "Sterling", "person"), span(text, "Baker", "person"),
             span(text, "John Major", "person"), span(text, "Major", "person", 1)]
    assert common_words(text, spans, shares.get) == spans[1:]


def test_a_news_agency_named_by_its_name_is_an_organisation() -> None:
    # Reuters: "Tanjug" (the Yugoslav agency) stood as a person of 34 mentions
    text = ("Strikes broke out, the official Tanjug news agency said. Tanjug said most were in "
            "Montenegro. The Soviet news agency Tass said talks would go on.")
    assert [(name.text, name.kind) for name in tag_names(text)] == [
        ("Tanjug", "organisation"), ("Tanjug", "organisation"), ("Montenegro", "place"),
        ("Tass", "organisation")]


def test_the_first_word_of_a_company_is_its_short_form_in_the_same_text() -> None:
    """Reuters names a firm in full once, then by its first word: "Mack Trucks Inc" ... "Mack
    can compete" (the tagger called it a person), "Caltex Asia Ltd" ... "Caltex and Shell"
    (left out); a company's heads all go ("Moore Corp Ltd" -> "Moore")."""
    text = ("Mack Trucks Inc and Caltex Asia Ltd rose. Mack can compete. Caltex and Shell "
            "will set prices. Moore Corp Ltd said Moore is looking.")
    spans = [span(text, "Mack Trucks Inc", "organisation"), span(text, "Caltex Asia Ltd",
                                                                 "organisation"),
             span(text, "Mack", "person", nth=1), span(text, "Shell", "organisation"),
             span(text, "Moore Corp Ltd", "organisation"), span(text, "Moore", "person", nth=1)]
    assert consistent(text, spans, []) == sorted([
        *spans[:2], span(text, "Mack", "organisation", nth=1), spans[3], spans[4],
        span(text, "Moore", "organisation", nth=1), span(text, "Caltex", "organisation", nth=1)])


def test_a_short_form_gives_way_to_a_person_a_title_a_longer_name_and_common_words() -> None:
    text = ("Mack Trucks Inc, First Chicago Corp and American Express Co met. Mr Mack and "
            "James Baker said Baker Hughes Inc and Mack Financial rose. First, American "
            "officials and Baker left.")
    spans = [span(text, "Mack Trucks Inc", "organisation"),
             span(text, "First Chicago Corp", "organisation"),
             span(text, "American Express Co", "organisation"),
             span(text, "Mack", "person", nth=1), span(text, "James Baker", "person"),
             span(text, "Baker Hughes Inc", "organisation"), span(text, "Baker", "person", nth=2)]
    shares = {"first": 0.05}
    assert consistent(text, spans, [], share=shares.get) == spans


def test_a_short_form_is_found_through_the_tagger() -> None:
    text = ("Standard and Poor's Corp said it affirmed Mack Trucks Inc's senior debt. The "
            "agency said Mack can compete more vigorously for market share.")
    assert ("Mack", "organisation") in [(n.text, n.kind) for n in tag_names(text)]


def test_a_news_agency_is_found_in_any_case_and_outside_ascii() -> None:
    """The agency's words in capitals, and a text outside ASCII (whose "agency" is only
    looked for by the case-folding pattern itself)."""
    for text in ("Tanjug said so, the official Tanjug NEWS AGENCY said. Tanjug rose.",
                 "Tanjug said so, the official Tanjug news agency said in Beograd – Tanjug."):
        spans = [(m.start(), m.end(), "place") for m in re.finditer("Tanjug", text)]
        assert {kind for _, _, kind in consistent(text, spans, [])} == {"organisation"}


def test_an_acronym_takes_the_kind_of_the_name_whose_initials_it_is() -> None:
    """"Centre of Indian Trade Unions (CITU)", "the Victorian Corporate Affairs Commission,
    CAC" (an adjective left out), "Disasters Emergency Committee" ... "DEC" anywhere."""
    text = ("The Centre of Indian Trade Unions (CITU) met the Victorian Corporate Affairs "
            "Commission, CAC, and the Disasters Emergency Committee. Later DEC and CITU said "
            "the CAC Fund would act.")
    spans = [span(text, "Centre of Indian Trade Unions", "organisation"),
             span(text, "Victorian Corporate Affairs Commission", "organisation"),
             span(text, "Disasters Emergency Committee", "organisation"),
             span(text, "DEC", "person")]
    assert acronyms(text, spans) == sorted([
        *spans[:3], span(text, "DEC", "organisation"), span(text, "CITU", "organisation"),
        span(text, "CAC", "organisation"), span(text, "CITU", "organisation", nth=1)])


def test_a_ticker_a_common_word_and_a_name_of_two_kinds_give_no_acronym() -> None:
    text = ("Georgia Pacific <GP> and Information Technology Ltd said IT rose. Texas "
            "Instruments and the Tax Inspectorate met TI.")
    spans = [span(text, "Georgia Pacific", "organisation"),
             span(text, "Information Technology Ltd", "organisation"),
             span(text, "Texas Instruments", "organisation"),
             span(text, "Tax Inspectorate", "place")]
    assert acronyms(text, spans, share={"it": 0.05}.get) == spans


def test_an_acronym_is_found_through_the_tagger() -> None:
    text = ("Chittabrata Majumdar, general secretary of the Centre of Indian Trade Unions "
            "(CITU), said so. CITU will strike.")
    found = [(n.text, n.kind) for n in tag_names(text)]
    assert found.count(("CITU", "organisation")) == 2


def test_a_short_form_the_tagger_called_a_place_is_the_company() -> None:
    text = "Phoenix Steel Corp reached an agreement. Creditors of Phoenix must approve it."
    spans = [span(text, "Phoenix Steel Corp", "organisation"),
             span(text, "Phoenix", "place", nth=1)]
    assert consistent(text, spans, []) == [spans[0], span(text, "Phoenix", "organisation",
                                                               nth=1)]


def test_a_company_with_a_place_in_parentheses_before_its_head_is_one_name() -> None:
    text = ("Texaco Petroleum Maatschaapij (Netherlands) BV said so. Morgan (Asia) lost. "
            "Lloyd (Asia) said it.")
    spans = [span(text, "Texaco Petroleum Maatschaapij", "organisation"),
             span(text, "Netherlands", "place"), span(text, "Morgan", "person"),
             span(text, "Asia", "place"), span(text, "Lloyd", "person")]
    assert parenthesised(text, spans) == [
        span(text, "Texaco Petroleum Maatschaapij (Netherlands) BV", "organisation"),
        *spans[2:]]


def test_a_company_named_with_initials_gives_its_short_form() -> None:
    """"G H Shintoh (Australia) Ltd" ... "the Adelaide office of Shintoh" (a person before)."""
    text = ("The licence of G H Shintoh (Australia) Ltd was suspended. The office of Shintoh, "
            "a member of the exchange, closed.")
    found = [(n.text, n.kind) for n in tag_names(text)]
    assert ("G H Shintoh (Australia) Ltd", "organisation") in found
    assert ("Shintoh", "organisation") in found


def test_a_one_word_organisation_is_one_at_each_use_but_a_product() -> None:
    """"Photon said" ... "MLTV will pay Photon" (left out); "BMW owned Rover" ... "the Rover
    75" (a product); "Baker" is a person elsewhere in the text, so it stays as it is."""
    text = ("Photon said so. MLTV will pay Photon and BMW owned Rover, maker of the Rover 75. "
            "Baker rose. Baker met Mr Baker.")
    spans = [span(text, "Photon", "organisation"), span(text, "Rover", "organisation"),
             span(text, "Baker", "organisation"), span(text, "Baker", "person", nth=2)]
    assert consistent(text, spans, []) == sorted([*spans, span(text, "Photon",
                                                               "organisation", nth=1)])


def test_a_one_word_organisation_is_found_where_capital_words_begin() -> None:
    """Each use of a one-word organisation is a capitalised word of its own: with a possessive
    ("Photon's"), not inside a longer word ("Photonics", "SuperPhoton", "Photon-X") nor after
    a hyphen or a stop; the uses are those a scan of every capitalised word finds."""
    text = ("Photon said so. Photon's bid, Photonics, SuperPhoton, Photon-X, x-Photon, "
            ".Photon and Photon’ rose; Photon.")
    spans = [span(text, "Photon", "organisation")]
    found = consistent(text, spans, [])
    assert [text[s:e] for s, e, _ in found] == ["Photon", "Photon", "Photon", "Photon"]
    assert [s for s, _, _ in found] == [0, 16, text.index("and Photon") + 4,
                                        text.rindex("Photon")]


def test_a_name_a_firm_noun_describes_is_an_organisation() -> None:
    """"his label Zomba" (a place), "record giant BMG" (left out), "the largest retailer,
    Wal-Mart," (an apposition), "Gazprom, the biggest gas company" (left out)."""
    text = ("He sold his label Zomba to record giant BMG. The largest retailer, Wal-Mart, "
            "agreed. Gazprom, the biggest gas company in the world, bought it.")
    spans = [span(text, "Zomba", "place"), span(text, "Wal-Mart", "place")]
    runs = [span(text, "BMG", "")[:2], span(text, "Gazprom", "")[:2]]
    assert described(text, spans, runs) == sorted(
        [span(text, name, "organisation") for name in ("Zomba", "BMG", "Wal-Mart", "Gazprom")])


def test_a_firm_noun_leaves_people_places_of_a_company_and_sentences_alone() -> None:
    """A full name, a titled person, a place after "of", "..., the company said", a name
    after "company," with no comma after it, and an adverb opening a sentence keep their
    kind or stay out."""
    text = ("The company John Smith founded grew. The firm's chief, Mr Jones, spoke. "
            "Wyrough Inc of Trenton, a maker of chemicals, rose. Earlier, the company "
            "reported a loss. Tokyo, the company said. For the company, Smith spoke. "
            "Separately, the largest delivery company, UPS, said so.")
    spans = [span(text, "John Smith", "person"), span(text, "Jones", "person"),
             span(text, "Wyrough Inc", "organisation"), span(text, "Trenton", "place"),
             span(text, "Tokyo", "place"), span(text, "Smith", "person", nth=1)]
    runs = [span(text, "Earlier", "")[:2], span(text, "Separately", "")[:2]]
    shares = {"earlier": 0.02, "separately": 0.01}
    assert described(text, spans, runs, share=shares.get) == spans
    assert described(text, spans, [span(text, "UPS", "")[:2]]) == sorted(
        [*spans, span(text, "UPS", "organisation")])


def test_a_firm_noun_is_read_through_the_tagger() -> None:
    text = ("He made his fortune by selling his independent label Zomba to record giant BMG. "
            "Gazprom, the biggest gas company in the world, took over nuclear fuel giant "
            "Atomstroieksport.")
    found = [(n.text, n.kind) for n in tag_names(text)]
    for name in ("Zomba", "BMG", "Gazprom", "Atomstroieksport"):
        assert (name, "organisation") in found


def test_a_body_s_word_after_an_organisation_ends_its_name() -> None:
    """"Swiss Bankers' Association" (the tagger took "Association" for a name of its own),
    "Federal Reserve Board"; two organisations one space apart before it are one ("U.S. Air
    Force Aeronautical Systems Division"); a person, a place and a body's word in lower case
    are left alone."""
    text = ("The Swiss Bankers' Association and the Federal Reserve Board met the U.S. Air "
            "Force Aeronautical Systems Division. Smith Board met. Texas Board and IBM board.")
    spans = [span(text, "Swiss Bankers", "organisation"),
             span(text, "Federal Reserve", "organisation"),
             span(text, "U.S. Air Force", "organisation"),
             span(text, "Aeronautical Systems", "organisation"),
             span(text, "Smith", "person"), span(text, "Texas", "place"),
             span(text, "IBM", "organisation")]
    assert bodies(text, sorted([*spans, span(text, "Association", "organisation")])) == [
        span(text, "Swiss Bankers' Association", "organisation"),
        span(text, "Federal Reserve Board", "organisation"),
        span(text, "U.S. Air Force Aeronautical Systems Division", "organisation"), *spans[4:]]


def test_a_body_s_word_is_read_through_the_tagger() -> None:
    text = ("Banks are holding talks on lending to South Africa, the Swiss Bankers' "
            "Association said.")
    assert [(n.text, n.kind) for n in tag_names(text)] == [
        ("South Africa", "place"), ("Swiss Bankers' Association", "organisation")]


def test_two_people_joined_by_and_after_a_firm_in_a_list_are_a_firm() -> None:
    """"Liggett Group and Brown and Williamson"; not two people after a person, nor a
    surname of a full name ("Jones" of "Tom Jones"), nor with a title before them."""
    text = ("Liggett Group and Brown and Williamson met. Tom Jones met Exxon Corp, Smith and "
            "Jones. Texaco Inc and Mr Lee and Park met. Reagan and Nakasone met.")
    spans = [span(text, "Liggett Group", "organisation"), span(text, "Brown", "person"),
             span(text, "Williamson", "person"), span(text, "Tom Jones", "person"),
             span(text, "Exxon Corp", "organisation"), span(text, "Smith", "person"),
             span(text, "Jones", "person", nth=1), span(text, "Texaco Inc", "organisation"),
             span(text, "Lee", "person"), span(text, "Park", "person"),
             span(text, "Reagan", "person"), span(text, "Nakasone", "person")]
    assert partners(text, spans) == [
        spans[0], span(text, "Brown and Williamson", "organisation"), *spans[3:]]


def test_a_company_starts_with_a_romance_particle_before_it() -> None:
    """"Compagnie des Machines Bull" (found: "Machines Bull"), "Jornal do Brasil"; not a
    person, a place, a title, nor a word already in another name."""
    text = ("Bull sold it to Compagnie des Machines Bull. Jornal do Brasil said. Rio de Janeiro "
            "and Jacques de Larosiere met. Minister de Villepin. Banco Exterior de Espana SA.")
    spans = [span(text, "Machines Bull", "organisation"), span(text, "Brasil", "organisation"),
             span(text, "Janeiro", "place"), span(text, "Larosiere", "person"),
             span(text, "Villepin", "organisation"), span(text, "Banco Exterior", "place"),
             span(text, "Espana SA", "organisation")]
    assert particles(text, spans) == [
        span(text, "Compagnie des Machines Bull", "organisation"),
        span(text, "Jornal do Brasil", "organisation"), *spans[2:]]


def test_a_company_s_legal_form_ending_a_sentence_ends_its_name_without_the_stop() -> None:
    """"to acquire BankAmerica Corp." (the tagger found "BankAmerica": another actor than the
    "BankAmerica Corp" of other sentences) and "Warner Bros." read as a place; the stop stays
    inside a sentence ("Alfa Corp. said"), and a word that is no legal form is left alone."""
    text = ("He tried to acquire BankAmerica Corp. It failed. Alfa Corp. said so, and so did "
            "Warner Bros. Smith met Jones Co. later. He sold it to Pacific Western Airlines Ltd.")
    spans = [span(text, "BankAmerica", "organisation"), span(text, "Alfa Corp.", "organisation"),
             span(text, "Warner Bros.", "place"), span(text, "Smith", "person"),
             span(text, "Jones Co.", "organisation"),
             span(text, "Pacific Western Airlines", "organisation")]
    assert suffixes(text, spans) == [
        span(text, "BankAmerica Corp", "organisation"), spans[1],
        span(text, "Warner Bros", "organisation"), spans[3], spans[4],
        span(text, "Pacific Western Airlines Ltd", "organisation")]


def test_a_legal_form_ending_a_sentence_is_read_through_the_tagger() -> None:
    text = "Moody's may downgrade the debt of Dana Corp and its unit, Dana Credit Corp."
    assert ("Dana Credit Corp", "organisation") in [(n.text, n.kind) for n in tag_names(text)]


def test_the_firm_noun_screen_agrees_with_its_pattern() -> None:
    """`described` looks for a firm noun with str.find and re's word boundaries."""
    texts = ["", "label", "xlabel", "_label", "label_", "label2", "the labels", "a label.",
             "Ⅻcompany", "companyⅫ", "co\u0301mpany", "company\u0301", "firmcompany firm",
             "the Company", "makers", "its maker, Acme", "carrier-based", "über-insurer"]
    assert [_has_firm_noun(t) for t in texts] == [bool(FIRM_SCREEN.search(t)) for t in texts]
    assert sum(_has_firm_noun(t) for t in texts) == 7
