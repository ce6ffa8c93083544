"""bench/profile_server.py: py-spy samples attributed to the page and the call they belong to."""

import pytest

from bench.profile_server import attribute, breakdown, frames

RUN = ("Thread._bootstrap (threading.py);Thread.run (threading.py);"
       "ScriptRunner._run_script_thread (streamlit/runtime/scriptrunner/script_runner.py);"
       "ScriptRunner._run_script (streamlit/runtime/scriptrunner/script_runner.py)")
APP = (f"{RUN};ScriptRunner._run_script.<locals>.code_to_exec "
       "(streamlit/runtime/scriptrunner/script_runner.py);<module> (dashboard/app.py)")
# stacks as py-spy's raw format writes them (--nolineno), cut from a recording of the server
TOPICS = (f"{APP};Page.run (streamlit/navigation/page.py);<module> (topics.py);"
          "wrapper (streamlit/runtime/caching/cache_utils.py);"
          "discovered_topics (dashboard/data.py);discover_topics (analysis/enrich/topics.py);"
          "_nmf (analysis/enrich/topics.py);NMF.fit_transform (sklearn/decomposition/_nmf.py)")
OVERVIEW = (f"{APP};Page.run (streamlit/navigation/page.py);<module> (overview.py);"
            "PlotlyMixin.plotly_chart (streamlit/elements/plotly_chart.py);"
            "BaseFigure.to_dict (plotly/basedatatypes.py)")
SIDEBAR = (f"{APP};render (dashboard/sidebar.py);"
           "DeltaGenerator.__enter__ (streamlit/delta_generator.py)")
AFTER_RUN = (f"{RUN};"
             "ScriptRunner._on_script_finished (streamlit/runtime/scriptrunner/script_runner.py)")
MINING = ("Thread._bootstrap (threading.py);Thread.run (threading.py);"
          "_worker (concurrent/futures/thread.py);_WorkItem.run (concurrent/futures/thread.py);"
          "_answer (dashboard/mining.py);keywords (analysis/query/topics.py);"
          "keywords (analysis/enrich/keywords.py);"
          "CountVectorizer.fit_transform (sklearn/feature_extraction/text.py)")
LOOP = ("BaseEventLoop.run_forever (asyncio/base_events.py);"
        "BaseEventLoop._run_once (asyncio/base_events.py)")


@pytest.mark.parametrize(("stack", "expected"), [
    (TOPICS, ("topics", "data.discovered_topics", "topics._nmf")),
    (OVERVIEW, ("overview", "st.plotly_chart", "")),
    (SIDEBAR, ("app.py (every run)", "sidebar.render", "sidebar.render")),
    (AFTER_RUN, ("after each run (Streamlit's clean-up: gc.collect(2))", "", "")),
    (MINING, ("text mining (dashboard/mining.py's thread)", "mining._answer",
              "keywords.keywords")),
    (LOOP, ("server (websocket, HTTP, sessions)", "", "")),
])
def test_a_sample_goes_to_its_page_and_call(stack, expected):
    assert attribute(frames(stack)) == expected


def test_samples_add_up_by_page_and_call(tmp_path):
    recording = tmp_path / "server.txt"
    recording.write_text(f"{TOPICS} 30\n{OVERVIEW} 15\n{LOOP} 5\n")
    found = breakdown(recording, actions=10)
    assert found["samples"] == 50 and found["cpu_s"] == 1.0  # 50 samples a second
    assert found["by_page"][0] == {"what": "topics", "cpu_s": 0.6, "share_pct": 60.0,
                                   "cpu_s_per_action": 0.06}
    assert [row["what"] for row in found["by_call"]] == [
        "topics: data.discovered_topics", "overview: st.plotly_chart",
        "server (websocket, HTTP, sessions): "]
