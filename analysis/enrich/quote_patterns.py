"""The patterns quote finding reads: quotation marks, speakers, verbs and attributions."""

from __future__ import annotations

import re

VERBS = ("said|says|say|told|tells|added|adds|warned|warns|stated|states|declared|noted|notes"
         "|argued|argues|explained|explains|insisted|insists|continued|continues|asked|replied"
         "|wrote|writes|commented|stressed|emphasised|emphasized|acknowledged|admitted|conceded"
         "|claimed|maintained|cautioned|complained|recalled|observed|remarked|concluded"
         "|announced|urged|predicted|revealed|reveals|agreed|agrees|suggested|suggests"
         "|telling|saying|adding|pointed out|points out")
# a view the writer reports, which gives its subject a fragment quoted in the same clause only
# ("He believes that the "phenomenal ability" of games…", not "Microsoft thinks IPTV is the
# future, and it sits with its vision of the "connected entertainment experience"")
THINKS = "believes|believed|thinks|thought"
# verbs that give a fragment quoted inside a sentence to their subject ("Mr Gref told the
# paper that state involvement was "unjustified""; "He called the sale "a swindle"")
FRAGMENT_VERBS = (VERBS + "|called|calls|described|describes|dismissed|dismisses|attacked"
                  "|blamed|blames|criticised|criticized|accused|branded|labelled|hailed|likened"
                  "|questioned|highlighted|highlights|" + THINKS)
# a capitalised word; a full stop inside it ("U.S") or after an initial, "Jr" or a title ("Rep.
# Vic Fazio"), not the one that ends the sentence ("… said Paul Volcker. Bond prices fell")
_ABBREVIATED = "|".join(rf"(?<=\b{title})" for title in (
    "Rep", "Sen", "Gov", "Gen", "Dr", "Mr", "Mrs", "Ms", "Lt", "Col", "Capt", "Sgt", "Prof", "Rev",
    "Adm", "Cmdr"))
_NAME_WORD = (r"[A-ZÀ-Þ](?:[\w'’-]|\.(?=\w))*"
              rf"(?:(?<=\b[A-Z])\.|(?<=Jr|Sr|St)\.|(?:{_ABBREVIATED})\.(?=\s+[A-Z]))?")
# a name: capitalised words, with particles ("bin", "van") and joins ("Bank of Japan",
# "the Finance and Economy Ministry") between them
_PARTICLE = r"(?:al|el|de|la|van|von|bin|ibn|da|du|di|del|della|der|le|dos|das)"
_NAME = (rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+"
         rf"|(?:of|and|for)\s+(?=[A-ZÀ-Þ][\w-]*(?:\s|$|[,.:;)])))?{_NAME_WORD}){{0,5}}")
# a name with the capitalised words that say who they are before it ("BCC director general
# David Frost", "ING analyst Gerard Rijk", "Global Asset Management investment chief David
# Smith")
_OWNED = rf"(?:[A-ZÀ-Þ][\w&'’-]*(?:\s+[A-ZÀ-Þ][\w&'’-]*){{0,3}}\s+(?:[a-z-]+\s+){{1,2}})?{_NAME}"
# "a UKIP spokesman": the body speaks; "Mr Blair's spokesman": the one he speaks for
_SPOKESMAN = (rf"(?:(?:[Tt]he|[Aa]n?)\s+{_NAME}|{_NAME}['’]s?(?:\s+official)?)"
              r"\s+(?:spokes(?:man|woman|person)|official)")
# (a clause's conjunction is no part of its subject: "…", while the Tories say)
_LOWER = (r"(?!(?:while|and|but|as|when|although|though|because|if|where|after|before|of)\b)"
          r"[a-z0-9-]+")
# (the second word of a description is no preposition, "quoted by the agency as saying", nor
# an adverb, "The company also said")
_NOUN = (r"(?!(?:as|to|of|in|on|at|by|for|with|from|that|and|or|but|was|is|has|had|have|also"
         r"|today|yesterday|then|later|now|still)\b)[a-z-]+")


def _speaker(article: str) -> str:
    """The speaker's words, a description opening with `article` ("the", or also "The" where
    the words may open a sentence)."""
    return (rf"(?P<who>(?i:he|she|they|it)|{_SPOKESMAN}"
            rf"|(?:(?:the|a|an)\s+)?(?:{_LOWER}\s+){{0,2}}?(?:{_OWNED})"
            # "the England captain", "the Labour leader": a description with a name in it
            rf"|(?:{article})\s+(?:[A-ZÀ-Þ][\w'’-]*\s+)?[a-z-]+(?:\s+{_NOUN})?)")


_SPEAKER = _speaker("the|a|an")
# before the quote, a description may open its sentence ("The company said: …", "The
# Canada-based company says it wanted "a wide variety of people""); after it, "The …" begins
# a sentence of its own ("…." The firm said profits rose)
_SPEAKER_OPENING = _speaker("[Tt]he|[Aa]n?")
# "Robertson, the U.S. commander, said" / "Illarionov - then economic adviser to President
# Putin - told" / "Gordon Rennie, who observed": a short apposition between the speaker and
# the verb
_APPOSITION = (rf"(?:,\s+[a-z][^,“”\"\n]{{1,80}},|\s+-\s+[^-“”\"\n]{{1,80}}\s+-"
               rf"|,?\s+of\s+(?:the\s+)?{_NAME},?|,\s+who(?=\s))?")
# "said DZ Bank economist Bernd Weidensteiner": the words before the name that say who they are
_DESCRIBED = (r"(?:(?:the|a|an|[A-ZÀ-Þ][\w&'’-]*|(?!(?:on|in|at|for|from|to|after|before|during"
              r"|by|with|of|about|last|this|that|in)\b)[a-z0-9-]+)\s+(?:(?!(?:at|in|with|for|from|on|by)\b)[\w&'’()-]+,?\s+){0,5})?")
# (not "… revealed that …" nor "… Jill said her father…": reported speech of its own, a
# sentence after the quote; nor an
# attribution ending in a colon, which opens the next quote: “…” The minister told the BBC: “…”)
_NOT_OWN_CLAUSE = (r"(?!\s+(?:that|her|his|their|its|it|he|she|they|there|this)\b)"
                   r"(?![^.!?“”\"\n]{0,60}:)")
AFTER = re.compile(
    rf"^[\s,]*(?:{_SPEAKER}{_APPOSITION}\s+(?P<verb>{VERBS})\b{_NOT_OWN_CLAUSE}"
    rf"|(?P<verb2>{VERBS})\s+"
    rf"(?P<who2>{_DESCRIBED}{_NAME}|(?:the|a|an)\s+[a-z-]+(?:\s+[a-z-]+)?)"
    # "according to Mr Graczyk", not "according to the analysis"
    rf"|(?P<verb3>according\s+to)\s+(?P<who3>{_DESCRIBED}{_NAME}))")
# after a quote whose words end in a comma (an attribution follows, not a sentence of its own):
# a description the writer left without its second comma ("Peter Dobrow, a T-Mobile
# spokesperson said", "Eric Abensur, Wanadoo's chief executive told") or without commas ("Dr
# Mark Tuffy games systems director at digital content firm THX told"), not an owner ("Mr
# Blair's aide"), the description in the speaker's words (the person named there speaks:
# "Toronto Sun vice-president of finance Bruce Jackson said"); or a description before the name
# ("the new chair of the IETF, Brian Carpenter, says")
_AUXILIARY = r"(?:had|has|have|was|is|were|would|will|could|can|may|might|also|then|later)\b"
_BARE_TITLE = (r"(?<!['’]s)(?:,\s+(?:a|an|the)\s+[^,.;:“”\"\n]{1,60}?"
               # (or an owner's: "Eric Abensur, Wanadoo's chief executive told")
               rf"|,\s+{_NAME_WORD}['’]s(?:\s+[a-z][\w&'’-]*){{1,4}}?"
               rf"|\s+(?!{_AUXILIARY}|(?:{VERBS})\b)[a-z][\w&'’-]*"
               rf"(?:\s+(?!(?:{VERBS})\b)[a-z][\w&'’-]*){{0,4}}?"
               # (a name after the description is the speaker's own: "… analyst John Olson said")
               rf"(?:\s+(?:at|of|for|with|from|in)\s+(?:[\w&'’-]+\s+){{0,4}}?[\w&'’-]+)?)")
AFTER_TITLED = re.compile(
    rf"^\s*(?:(?P<who>{_NAME}{_BARE_TITLE})\s+(?P<verb>{VERBS})\b{_NOT_OWN_CLAUSE}"
    rf"|(?:the|a|an)\s+[a-z][^,“”\"\n]{{0,80}}?,\s+(?P<who2>{_NAME}),\s+(?P<verb2>{VERBS})\b"
    rf"{_NOT_OWN_CLAUSE})")
BEFORE = re.compile(
    rf"(?:\b{_SPEAKER_OPENING}{_APPOSITION}\s+(?P<verb>{VERBS})(?:\s+[\w.'’-]+){{0,5}}?"
    rf"|(?P<verb2>[Aa]ccording\s+to)\s+(?P<who2>{_NAME}))\s*[:,]?\s*$"
    # a list of reactions: "- Bolton boss Sam Allardyce “…”"
    rf"|(?:^|\n)\s*-\s+(?P<who3>{_DESCRIBED}{_NAME_WORD}\s+{_NAME})\s*$")
# a subject and its verb in the words before a fragment quoted inside their sentence
FRAGMENT_BEFORE = re.compile(
    rf"\b{_SPEAKER_OPENING}{_APPOSITION}\s+(?:(?:has|have|had|also)\s+)*"
    rf"(?P<verb>{FRAGMENT_VERBS})\b")
# ... or the named source the sentence says its words are according to ("According to the
# Datamonitor report the trend marked them out as "…""; "a PC that, according to PC Pro, has
# "superb upgrade potential""), not "according to analysts" nor "according to the analysis"
FRAGMENT_ACCORDING = re.compile(
    rf"\b[Aa]ccording\s+to\s+(?:the\s+)?(?P<who>{_NAME})"
    r"(?:\s+(?:report|study|survey|research|poll|figures|analysis)\b)?")
# ... or after it, ending the sentence ("… "serious challenges" over two years, the BCC has said.")
FRAGMENT_AFTER = re.compile(
    rf"^[^.!?“”\"\n]{{0,120}},\s+{_SPEAKER}(?:\s+\([^()\n]{{1,20}}\))?\s+(?:(?:has|have)\s+)?"
    rf"(?P<verb>{VERBS})(?:\s+[\w'’-]+){{0,5}}\s*[.!?]")
# a quote in matching marks (curly ones may run over a line break, straight ones not), in
# mixed marks, or a quote left open at the end of a paragraph whose next paragraph opens
# another (the quote goes on there); a straight quote is also left open where a straight mark
# after a space opens the next words ("… wrongs. "As a nation…": paragraphs joined by a space)
# (a straight mark opens only after a space, a paragraph or a bracket and before a word: one
# after a word or a comma closes, '…fight," says Mr Major', and never opens the next quote)
_OPENS = r"\"(?<![^\s(\[‘'-]\")(?=\S)"  # (the mark first: a pattern that opens with a look-behind
# is tried at every offset of the text, twenty times slower)
QUOTES = re.compile(r"“(?P<curly>[^“”]+)”|“(?P<mixed>[^“”\"\n]+)\""
                    rf"|{_OPENS}(?P<joined>[^\"“”\n]+?)(?=[ \t]+\"[^\s\"])"
                    rf"|{_OPENS}(?P<straight>[^\"“”\n]+)\"|{_OPENS}(?P<mixed2>[^\"“”\n]+)”"
                    rf"|“(?P<open>[^“”\"\n]+)(?=\n\s*“)|{_OPENS}(?P<opens>[^\"“”\n]+)(?=\n\s*\")"
                    # the text ends inside a quote whose closing mark was lost
                    rf"|“(?P<unclosed>[^\"“”\n]++)\s*+\Z|{_OPENS}(?P<unclosed2>[^\"“”\n]++)\s*+\Z")
RUNS_ON = {"open", "opens", "joined"}
# what may stand between an attribution and the next quote for that quote to go on the same
# words: the rest of the attribution's sentence (" in Baghdad."), then a space or a paragraph
GOES_ON = re.compile(r"[^“”\"\n.!?]{0,160}[.!?,:;]?\s*")
BREAK_ONLY = re.compile(r"[.,;]?\s*")
# ... and that quote is a sentence of its own: its paragraph or the text ends after it, or a new
# sentence begins ("“…”, “…” opened here" is a phrase quoted, not words going on)
ENDS = re.compile(r"[ \t]*(?:$|\n|[A-Z“\"])")
# where a sentence begins: a paragraph, a stop (and a closing mark) and a space before a capital
# or an opening mark, or a closing mark and a space before a capital (“…,” he said. Kapranos…)
BOUNDARY = re.compile(r"\n|[.!?][\"”]?\s+(?=[A-Z\"“])|[\"”]\s+(?=[A-Z])")
# a participle that says the subject before it spoke: "Gordon Brown issued a statement, saying
# the action would not affect the government's "determination"", "… was heard saying…"
PARTICIPLE = re.compile(r"\b(?P<verb>saying|adding|insisting|arguing|claiming|warning"
                        r"|describing|calling)\b")
# words before a name or a term in quotation marks: dubbed "Otoku", the so-called "flash estimate"
NAMED_AS = re.compile(r"\b(?:dubbed|so-called|known\s+as|nicknamed|entitled|titled|term|word"
                      r"|phrase|slogan|motto|banner)\s*[\"“]?\s*$|[\"”]\s+or\s*$")
# a name of two words or more that ends the words before a colon ("… nurse Marion Brown:")
NAME_ENDS = re.compile(r"(?<![\w'’-])(?P<who>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+){1,3})\s*$")
# someone unnamed: "a Western diplomat", "one dealer", "a Nakasone aide"
UNNAMED = re.compile(r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w'’-]+\s+){0,3}?(?:diplomat|official"
                     r"|officer|source|analyst|trader|dealer|banker|economist|spokes(?:man|woman"
                     r"|person)|executive|aide|competitor|lawyer|expert|observer|broker"
                     r"|delegate)s?\b")
