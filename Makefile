# PressLens: `make demo` opens the dashboard on the bundled sample, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_STORE := .presslens/demo.duckdb
PORT   ?= 8501

.PHONY: demo test install lint bench evaluate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/presslens ingest data/ --store $(DEMO_STORE)
	$(BIN)/presslens dashboard --store $(DEMO_STORE) --server.address localhost --server.port $(PORT) \
		--browser.gatherUsageStats false

# npm ci: the OpenID Connect provider that the login browser test starts (tests/oidc)
test: install
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/oidc --prefer-offline --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the login browser test will skip (apt-get install nodejs npm)"; fi
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check analysis dashboard tests bench

bench: install
	$(BIN)/python bench/ingest_reuters.py
	$(BIN)/python bench/analyze_reuters.py

evaluate: install
	$(BIN)/presslens evaluate

clean:
	rm -rf $(VENV) .presslens test-output .pytest_cache
