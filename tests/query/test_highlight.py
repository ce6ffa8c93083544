"""Highlight runs: what enrichment found, marked in the text without overlaps."""

from analysis import query, store
from analysis.query.highlight import Run, runs, spans_of
from analysis.store.ingest import ingest


def test_runs_cover_the_text_and_the_strongest_mark_wins():
    text = "Iran said: “talks failed”.\n\nA car bomb killed 19."
    spans = [(11, 25, "quote", "q"), (0, 4, "actor", "a"), (18, 24, "topic", "t"),
             (30, 38, "event", "e")]
    assert runs(text, spans) == [
        [Run("Iran", "actor", "a"), Run(" said: "), Run("“talks ", "quote", "q"),
         Run("failed", "topic", "t"), Run("”", "quote", "q"), Run(".")],
        [Run("A "), Run("car bomb", "event", "e"), Run(" killed 19.")],
    ]


def test_sample_marks_actors_quotes_and_the_car_bomb(tmp_path, sample_path):
    path = tmp_path / "s.duckdb"
    ingest([sample_path], store=path)
    with store.connect(path) as con:
        detail = query.article_detail(con, store.read_articles(con).iloc[0]["article_id"])
    marked = [run for paragraph in runs(detail["article"]["text"], spans_of(detail))
              for run in paragraph if run.kind]
    kinds = {run.kind for run in marked}
    assert kinds == {"actor", "quote", "topic", "event"}
    assert any(r.kind == "event" and r.text == "car bomb" for r in marked)
    assert any(r.kind == "actor" and r.text == "Crocker" for r in marked)


def test_keyword_in_context_lists_the_title_matches_a_search_found(reuters_store):
    """Words without a field search the title and the text: an article kept for its title
    alone had no line in the keyword-in-context view (191 of the 200 newest 'oil' stories of
    reut2-000..005 had one)."""
    from analysis.query import Filters

    with store.connect(reuters_store) as con:
        newest, total = query.article_list(con, Filters(search="oil"), limit=200)
        lines = query.keyword_in_context(con, Filters(search="oil"))
    assert set(lines["article_id"]) == set(newest["article_id"])
    assert set(lines["field"]) == {"title", "text"}
    titled = lines[lines["field"] == "title"]
    assert (titled["match"].str.lower() == "oil").all() and total > 0
