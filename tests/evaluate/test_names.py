"""Reading named-entity corpora into sentences with character spans, and scoring exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.evaluate.names import (
    Sentence,
    corpus_sentence,
    corpus_texts,
    label_spans,
    located_line,
    read_columns,
    read_located,
    read_marked,
    read_uner,
    score_spans,
    sentence_hash,
    sentence_offsets,
)


def test_label_spans_read_iob1_and_iob2() -> None:
    assert label_spans(["I-PER", "I-PER", "O", "B-LOC", "I-LOC", "B-LOC"]) == [
        (0, 2, "person"), (3, 5, "place"), (5, 6, "place")]
    assert label_spans(["I-ORG", "I-MISC", "B-ORG", "I-PER"]) == [
        (0, 1, "organisation"), (2, 3, "organisation"), (3, 4, "person")]


def test_conll_columns_become_space_joined_text_with_spans(tmp_path: Path) -> None:
    path = tmp_path / "tiny.conll"
    path.write_text("-DOCSTART- O\n\nBill\tB-PER\nClinton\tI-PER\nvisited\tO\nParis\tB-LOC\n"
                    "\nApple\tB-corporation\nfell\tO\n")
    first, second = read_columns(path)
    assert first.text == "Bill Clinton visited Paris"
    assert [(first.text[a:b], kind) for a, b, kind in first.spans] == [
        ("Bill Clinton", "person"), ("Paris", "place")]
    assert second.spans == [(0, 5, "organisation")]


def test_uner_sentences_keep_their_raw_text_and_id(tmp_path: Path) -> None:
    path = tmp_path / "tiny.iob2"
    path.write_text("# sent_id = n01001-0001\n# text = Obama's aide met Kori Schulman.\n"
                    "1\tObama\tB-ORG\t-\t-\n2\t's\tO\t-\t-\n3\taide\tO\t-\t-\n4\tmet\tO\t-\t-\n"
                    "5\tKori\tB-PER\t-\t-\n6\tSchulman\tI-PER\t-\t-\n7\t.\tO\t-\t-\n\n")
    (sentence,) = read_uner(path)
    assert sentence.text == "Obama's aide met Kori Schulman."
    assert sentence.doc == "n01001-0001"
    assert [(sentence.text[a:b], kind) for a, b, kind in sentence.spans] == [
        ("Obama", "organisation"), ("Kori Schulman", "person")]


def test_hand_marked_lines_give_text_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "marked.txt"
    path.write_text("# a comment\n[PER Bill Clinton] met [ORG Hamas] in [LOC Gaza].\n")
    (sentence,) = read_marked(path)
    assert sentence.text == "Bill Clinton met Hamas in Gaza."
    assert [(sentence.text[a:b], kind) for a, b, kind in sentence.spans] == [
        ("Bill Clinton", "person"), ("Hamas", "organisation"), ("Gaza", "place")]


def _bbc_folder(tmp_path: Path, body: str) -> Path:
    """A corpora folder whose BBC CSV holds one article, written here (no corpus text)."""
    (tmp_path / "bbc").mkdir()
    (tmp_path / "bbc" / "bbc_news_2225.csv").write_text(
        f'id,category,title,body\npolitics/001,politics,A title,"{body}"\n', encoding="utf-8")
    return tmp_path


def test_located_marks_rebuild_the_sentence_from_the_corpus(tmp_path: Path) -> None:
    corpora = _bbc_folder(tmp_path, "First one.  Bill Clinton met\nHamas in Gaza. Last.")
    sentence = Sentence("Bill Clinton met Hamas in Gaza.",
                        [(0, 12, "person"), (17, 22, "organisation"), (26, 30, "place")])
    path = tmp_path / "marks.tsv"
    path.write_text("# a comment\n" + located_line("bbc", "politics/001", 12, 44, sentence) + "\n")
    assert "Clinton" not in path.read_text()
    (read,) = read_located(path, corpora)
    assert (read.text, read.spans, read.doc) == (sentence.text, sentence.spans, "marks.tsv")
    assert read.where == ("bbc", "politics/001", 12, 44)


def test_sentence_offsets_give_each_collapsed_character_its_place_in_the_body() -> None:
    body = "First one.  Bill Clinton met\n  Hamas in Gaza. Last."
    offsets = sentence_offsets(body, 12, 46)
    sentence = corpus_sentence(body, 12, 46)
    assert len(offsets) == len(sentence)
    assert all(body[o] == c for o, c in zip(offsets, sentence, strict=True) if c != " ")
    assert body[offsets[sentence.index("Hamas")]:offsets[sentence.index("Hamas") + 4] + 1] \
        == "Hamas"


@pytest.mark.parametrize(("line", "message"), [
    ("bbc\tpolitics/002\t12\t44\t{digest}\t-", "marks.tsv:2: bbc document politics/002 not found"),
    ("bbc\tpolitics/001\t12\t40\t{digest}\t-",
     "marks.tsv:2: the sentence at bbc politics/001 12-40"),
    ("bbc\tpolitics/001\t12\t44\t{digest}\tPER 0 4", "marks.tsv:2: marks 'PER 0 4'"),
    ("bbc\tpolitics/001\t12\t44", "marks.tsv:2: 4 fields, not 6"),
])
def test_a_located_line_that_does_not_rebuild_fails_naming_file_and_line(
        tmp_path: Path, line: str, message: str) -> None:
    corpora = _bbc_folder(tmp_path, "First one.  Bill Clinton met\nHamas in Gaza. Last.")
    path = tmp_path / "marks.tsv"
    digest = sentence_hash("Bill Clinton met Hamas in Gaza.")
    path.write_text("# a comment\n" + line.format(digest=digest) + "\n")
    with pytest.raises(ValueError, match=message):
        read_located(path, corpora)


def test_a_span_counts_only_with_its_exact_offsets_and_kind() -> None:
    sentence = Sentence("Bill Clinton met Hamas in Gaza.",
                        [(0, 12, "person"), (17, 22, "organisation"), (26, 30, "place")])
    predicted = [[(5, 12, "person"), (17, 22, "organisation"), (26, 30, "organisation")]]
    scores = score_spans([sentence], predicted)
    assert (scores["person"].tp, scores["person"].fp, scores["person"].fn) == (0, 1, 1)
    assert scores["organisation"].precision == 0.5 and scores["organisation"].recall == 1.0
    assert scores["place"].f1 == 0.0
    assert (scores["all"].tp, scores["all"].fp, scores["all"].fn) == (1, 2, 2)


def test_a_token_missing_from_its_raw_text_names_the_file_and_sentence(tmp_path: Path) -> None:
    path = tmp_path / "bad.iob2"
    path.write_text("# sent_id = n9\n# text = Bill met Ann.\n1\tBill\tB-PER\t-\t-\n"
                    "2\tmeets\tO\t-\t-\n\n")
    with pytest.raises(ValueError, match=r"bad\.iob2: sentence n9: token 'meets'"):
        read_uner(path)


REPO = Path(__file__).resolve().parents[2]
HAND = REPO / "scripts" / "names_data"
# the hand-marked Reuters-21578 headlines (dev and test only; marked after the inline files)
TITLE_FILES = {"dev": HAND / "reuters_titles_dev.tsv", "test": HAND / "reuters_titles_test.tsv"}
# the held-out test sentences scored in their story (marked by hand after the inline files):
# test (draws 1500-1749, names5), test2 (1750-1999, names6) and test3 (2000-2249, names7)
STORY_TEST_FILES = {"reuters": HAND / "reuters_sample_test.tsv",
                    "bbc": HAND / "bbc_sample_test.tsv",
                    "reuters2": HAND / "reuters_sample_test2.tsv",
                    "bbc2": HAND / "bbc_sample_test2.tsv",
                    "reuters3": HAND / "reuters_sample_test3.tsv",
                    "bbc3": HAND / "bbc_sample_test3.tsv"}
MARKED_FILES = [*(p for p in sorted(HAND.glob("*.tsv"))
                  if p not in {*TITLE_FILES.values(), *STORY_TEST_FILES.values()}),
                REPO / "tests" / "data" / "names_reuters_sample.tsv"]
# the last commit whose marks held the sentences' text ([ORG ...] inline, files *.txt)
INLINE_COMMIT = "d6e8efc"
# left out when the marks became offsets: its text was edited while marking (a parenthesis
# moved, the end cut), so it is in no corpus text (scripts/names_data/reuters_hand_train)
NOT_IN_CORPUS = {"3f8d375f45fa"}


def _tokens_and_labels(sentence: Sentence) -> tuple[list[str], list[str]]:
    """The tokens the trainer reads and each one's kind (O outside a name)."""
    from analysis.enrich.name_features import tokenize

    pieces, starts = tokenize(sentence.text)
    labels = []
    for piece, start in zip(pieces, starts, strict=True):
        kinds = [k for a, b, k in sentence.spans if a <= start and start + len(piece) <= b]
        labels.append(kinds[0] if kinds else "O")
    return pieces, labels


@pytest.mark.corpora
@pytest.mark.parametrize("path", MARKED_FILES, ids=lambda p: p.name)
def test_located_marks_read_the_same_sentences_as_the_inline_marks_before(
        path: Path, corpora_dir: Path, tmp_path: Path) -> None:
    """Every hand-marked file rebuilds, hash checked, the text, spans, tokens and labels the
    inline-marked file of INLINE_COMMIT gave, less the sentences in no corpus text."""
    import subprocess

    old = path.relative_to(REPO).with_suffix(".txt").as_posix()
    shown = subprocess.run(["git", "-C", str(REPO), "show", f"{INLINE_COMMIT}:{old}"],
                           capture_output=True, text=True, check=False)
    if shown.returncode:
        pytest.skip(f"{INLINE_COMMIT}:{old} not in this checkout's history: {shown.stderr}")
    (tmp_path / "old.txt").write_text(shown.stdout, encoding="utf-8")
    before = [s for s in read_marked(tmp_path / "old.txt")
              if sentence_hash(s.text) not in NOT_IN_CORPUS]
    after = read_located(path, corpora_dir)
    assert [(s.text, s.spans) for s in after] == [(s.text, s.spans) for s in before]
    assert [_tokens_and_labels(s) for s in after] == [_tokens_and_labels(s) for s in before]


@pytest.mark.corpora
def test_the_marked_files_hold_no_sentence_of_the_corpora(corpora_dir: Path) -> None:
    sentences = [s for path in MARKED_FILES for s in read_located(path, corpora_dir)]
    assert len(sentences) == 2089  # 2,090 inline before, one in no corpus text
    text = "\n".join(path.read_text(encoding="utf-8") for path in MARKED_FILES)
    assert not [s.text for s in sentences if s.text in text]


# a Reuters-21578 story as the SGML files hold it, written here (no corpus text)
STORY = """<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" OLDID="1" NEWID="{newid}">
<DATE>26-FEB-1987 15:03:27.51</DATE>
<TOPICS></TOPICS><PLACES></PLACES><PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<TEXT>&#2;
<TITLE>{title}</TITLE>
<DATELINE>    OSLO, Feb 26 - </DATELINE><BODY>{body}
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"""


def test_a_headline_line_rebuilds_the_story_title_not_its_body(tmp_path: Path) -> None:
    folder = tmp_path / "reuters21578"
    folder.mkdir()
    (folder / "reut2-000.sgm").write_text(
        STORY.format(newid=7, title="NORSK HYDRO  ISSUES BOND", body="Norsk Hydro said ...")
        + STORY.format(newid=8, title="OTHER", body="NORSK HYDRO ISSUES BOND"), encoding="utf-8")
    title = Sentence("NORSK HYDRO ISSUES BOND", [(0, 11, "organisation")])
    path = tmp_path / "titles.tsv"
    path.write_text(located_line("reuters21578_title", "reut2-000.sgm#7", 0, 24, title) + "\n")
    (read,) = read_located(path, tmp_path)
    assert (read.text, read.spans) == (title.text, title.spans)
    path.write_text(located_line("reuters21578_title", "reut2-000.sgm#8", 0, 23, title) + "\n")
    with pytest.raises(ValueError, match="titles.tsv:1: the sentence at reuters21578_title"):
        read_located(path, tmp_path)


def _draw_rule():
    """scripts/names_titles_sample.py, the rule that drew the headlines."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "names_titles_sample", REPO / "scripts" / "names_titles_sample.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_headline_draw_keeps_distinct_titles_of_three_words_and_alternates_splits() -> None:
    rule = _draw_rule()
    documents = [f"reut2-000.sgm#{n}" for n in range(8)]
    titles = ["A B C", "A  B C", "1 2 3", "ONE TWO", "X Y Z", "P Q R", "S T U", "V W X"]
    drawn = rule.draw(documents, titles, count=4, seed=16)
    assert [(n, split) for n, split, _, _ in drawn] == [(0, "dev"), (1, "test"), (2, "dev"),
                                                        (3, "test")]
    kept = {(document, title) for _, _, document, title in drawn}
    assert kept <= {(documents[i], titles[i]) for i in (0, 4, 5, 6, 7)}
    assert rule.draw(documents, titles, count=4, seed=16) == drawn


@pytest.mark.corpora
@pytest.mark.parametrize("split", ["dev", "test"])
def test_every_hand_marked_headline_is_located(split: str, corpora_dir: Path) -> None:
    """Each line of the headline files rebuilds its title (hash checked) from an open file
    (reut2-000..017), and the file holds no title's text."""
    path = TITLE_FILES[split]
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    titles = read_located(path, corpora_dir)
    assert len(titles) == len(lines) == 160
    assert {corpus for corpus, *_ in lines} == {"reuters21578_title"}
    assert {document.partition("#")[0] for _, document, *_ in lines} <= {
        f"reut2-{n:03d}.sgm" for n in range(18)}
    assert all(start == "0" for _, _, start, *_ in lines)
    assert len({t.text for t in titles}) == 160
    text = path.read_text(encoding="utf-8")
    assert not [t.text for t in titles if t.text in text]


@pytest.mark.corpora
def test_the_headline_files_hold_the_titles_the_rule_draws(corpora_dir: Path) -> None:
    """The dev and test files are the rule's first 320 draws, in order, split by parity."""
    from analysis.evaluate.actors import reuters_articles

    articles = reuters_articles(corpora_dir / "reuters21578",
                                files=[f"reut2-{n:03d}.sgm" for n in range(18)])
    drawn = _draw_rule().draw(articles["article_id"].tolist(), articles["title"].tolist())
    for split, path in TITLE_FILES.items():
        titles = read_located(path, corpora_dir)
        documents = [line.split("\t")[1] for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#")]
        expected = [(document, title) for _, s, document, title in drawn if s == split]
        assert list(zip(documents, [t.text for t in titles], strict=True)) == expected


@pytest.mark.corpora
def test_training_and_the_dev_sets_read_no_headline(
        corpora_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """scripts/train_names.py trains on none of the hand-marked headlines (dev and test only),
    and its dev and test splits leave them to their own table."""
    import sys

    monkeypatch.syspath_prepend(str(REPO / "scripts"))
    monkeypatch.delitem(sys.modules, "train_names", raising=False)
    import train_names

    (tmp_path / "uner").mkdir()
    (tmp_path / "wikigold.conll.txt").write_text("Oslo\tB-LOC\n\nBergen\tB-LOC\n")
    for name in ("en_ewt-ud-dev", "en_ewt-ud-test", "en_pud-ud-test"):
        (tmp_path / "uner" / f"{name}.iob2").write_text(
            "# sent_id = n01\n# text = Oslo.\n1\tOslo\tB-LOC\t-\t-\n2\t.\tO\t-\t-\n\n")
    data = train_names.splits(tmp_path, corpora=corpora_dir,
                              skip=("uner_train", "btc", "re3d", "crossner", "wnut17"))
    titles = {t.text for path in TITLE_FILES.values() for t in read_located(path, corpora_dir)}
    assert len(data["train"]) > 1000
    for part in ("train", "dev", "test"):
        assert not titles & {s.text for s in data[part]}
    assert {t.text for t in train_names.title_sentences("dev", corpora=corpora_dir)} <= titles
    held_out = {s.text for path in STORY_TEST_FILES.values() for s in read_located(path,
                                                                                   corpora_dir)}
    for part in ("train", "dev", "test"):
        assert not held_out & {s.text for s in data[part]}
    assert {s.text for split in ("test", "test2", "test3")
            for s in train_names.story_sentences(split, corpora=corpora_dir)} == held_out


@pytest.mark.corpora
@pytest.mark.parametrize(("source", "count"), [("reuters", 150), ("bbc", 100),
                                               ("reuters2", 150), ("bbc2", 100),
                                               ("reuters3", 150), ("bbc3", 100)])
def test_the_story_test_files_hold_the_draws_after_the_first_1500(
        source: str, count: int, corpora_dir: Path) -> None:
    """The held-out in-story test sentences rebuild (hash checked) from open files
    (reut2-000..017; BBC but sport), are no sentence of another marked file (the test sets
    share none), and the file holds no sentence's text."""
    path = STORY_TEST_FILES[source]
    sentences = read_located(path, corpora_dir)
    assert len(sentences) == len({s.text for s in sentences}) == count
    documents = {s.where[1] for s in sentences if s.where}
    if source.startswith("reuters"):
        assert {d.partition("#")[0] for d in documents} <= {f"reut2-{n:03d}.sgm"
                                                            for n in range(18)}
    else:
        assert not {d for d in documents if d.startswith("sport/")}
    others = {s.text for other in [*MARKED_FILES, *TITLE_FILES.values(),
                                   *(p for p in STORY_TEST_FILES.values() if p != path)]
              for s in read_located(other, corpora_dir)}
    assert not others & {s.text for s in sentences}
    text = path.read_text(encoding="utf-8")
    assert not [s.text for s in sentences if s.text in text]


def test_a_name_is_scored_in_its_story(tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-story table reads the whole story (title, body) through find_mentions and scores
    the names inside the marked sentence, in the sentence's offsets."""
    import sys

    monkeypatch.syspath_prepend(str(REPO / "scripts"))
    monkeypatch.delitem(sys.modules, "evaluate_names", raising=False)
    import evaluate_names

    folder = tmp_path / "reuters21578"
    folder.mkdir()
    body = ("Noranda Inc said it would sell its stake.\n  Later, Noranda will operate\n"
            "the mine in Quebec, a spokesman said.")
    (folder / "reut2-000.sgm").write_text(STORY.format(newid=7, title="NORANDA SELLS STAKE",
                                                       body=body), encoding="utf-8")
    text = corpus_texts(tmp_path, {"reuters21578": {"reut2-000.sgm#7"}})[
        ("reuters21578", "reut2-000.sgm#7")]  # the body as the reader gives it
    start, end = text.index("Later"), text.index("said.") + 5
    sentence = Sentence(corpus_sentence(text, start, end),
                        [(7, 14, "organisation"), (35, 41, "place")],
                        where=("reuters21578", "reut2-000.sgm#7", start, end))
    (found,) = evaluate_names.story_spans([sentence], corpora=tmp_path)
    assert [(sentence.text[a:b], kind) for a, b, kind in found] == [
        ("Noranda", "organisation"), ("Quebec", "place")]
