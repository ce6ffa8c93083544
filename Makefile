# PressLens: `make demo` opens the dashboard on the bundled sample, `make test` runs the suite,
# `make live` (online) watches public world-news feeds for a few minutes and opens them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_STORE := .presslens/demo.duckdb
# the sample articles (not the whole of data/: its feed list is not an article)
DEMO_DATA := data/000_494b092cd619754e.txt
PORT   ?= 8501
# `make live`: the feeds (a list as `presslens watch` reads it; LIVE_FEEDS=my-feeds.yaml for
# another) and the store they go to
LIVE_FEEDS ?= data/feeds/world.yaml
LIVE_STORE ?= .presslens/live.duckdb
DASHBOARD_FLAGS := --server.address localhost --server.port $(PORT) --browser.gatherUsageStats false

.PHONY: demo live test install lint bench bench-scale evaluate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/presslens ingest $(DEMO_DATA) --store $(DEMO_STORE)
	$(BIN)/presslens dashboard --store $(DEMO_STORE) $(DASHBOARD_FLAGS)

# one poll of every feed (each new entry's page fetched politely: a few minutes), then the
# dashboard; run it again later to add what is new. Set PRESSLENS_CONTACT to your address.
live: install
	$(BIN)/presslens watch $(LIVE_FEEDS) --store $(LIVE_STORE) --once
	$(BIN)/presslens dashboard --store $(LIVE_STORE) $(DASHBOARD_FLAGS)

# lint first (ruff, mypy), then npm ci: the OpenID Connect provider that the login browser test starts (tests/oidc)
test: install lint
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/oidc --prefer-offline --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the login browser test will skip (apt-get install nodejs npm)"; fi
	$(BIN)/python -m pytest -n 2 --dist loadfile --max-worker-restart 0 --durations 20

lint: install
	$(BIN)/ruff check analysis dashboard tests bench
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/ingest_reuters.py
	$(BIN)/python bench/analyze_reuters.py
	$(BIN)/python bench/enrich_vs_naive.py

# issue 5's benchmarks at 10 k, 17 k, 100 k and 1 M articles (about 20 min; 3 GB in BENCH_DIR):
# stores of the Reuters-21578 stories grown by copying, the dashboard's queries, its first
# chart after a start, 1,000 articles added to each size, and enrichment against the naive way
BENCH_DIR ?= .presslens/bench
REUTERS ?= ../shared/corpora/reuters21578
$(BENCH_DIR)/r17k.duckdb: | install
	mkdir -p $(BENCH_DIR)
	$(BIN)/presslens ingest $(REUTERS)/reut2-00[0-9].sgm $(REUTERS)/reut2-01[0-7].sgm --store $@ -q
$(BENCH_DIR)/r10k.duckdb: | install
	mkdir -p $(BENCH_DIR)
	$(BIN)/presslens ingest $(REUTERS)/reut2-00[0-9].sgm --store $@ -q
$(BENCH_DIR)/r100k.duckdb $(BENCH_DIR)/r1m.duckdb: $(BENCH_DIR)/r%.duckdb: $(BENCH_DIR)/r17k.duckdb
	$(BIN)/python bench/grow_store.py --from $< --out $@ \
	    --articles $(if $(findstring 100k,$*),100000,1000000)
bench-scale: $(BENCH_DIR)/r10k.duckdb $(BENCH_DIR)/r17k.duckdb $(BENCH_DIR)/r100k.duckdb \
             $(BENCH_DIR)/r1m.duckdb
	for size in 10k 17k 100k 1m; do \
	    $(BIN)/python bench/dashboard_queries.py --store $(BENCH_DIR)/r$$size.duckdb --repeat 5 \
	        > $(BENCH_DIR)/queries_$$size.json || exit 1; done
	$(BIN)/python bench/dashboard_redraw.py --store $(BENCH_DIR)/r1m.duckdb
	$(BIN)/python bench/incremental_ingest.py --small $(BENCH_DIR)/r17k.duckdb \
	    --large $(BENCH_DIR)/r1m.duckdb

evaluate: install
	$(BIN)/presslens evaluate

clean:
	rm -rf $(VENV) .presslens test-output .pytest_cache
