# The two quick-start commands are `make html` and `make test`; both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: html html-warm test serve watch clean bench

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "briefing needs Python >= 3.11; set PYTHON=python3.x")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

# A one-shot build that leaves no process behind; `make html-warm` keeps spaCy loaded for 15
# minutes for the next build (`briefing warm --stop` ends it), `make watch` rebuilds on each change.
html: $(STAMP)
	$(BIN)/briefing build

html-warm: $(STAMP)
	$(BIN)/briefing build --keep-warm 900

test: $(STAMP)
	$(BIN)/ruff check briefing tests pelicanconf.py
	$(BIN)/ruff format --check briefing tests pelicanconf.py
	$(BIN)/python -m pytest

serve: html
	$(BIN)/python -m http.server --directory output --bind 127.0.0.1 8000

watch: $(STAMP)
	$(BIN)/briefing watch

clean:
	rm -rf output .cache .pytest_cache

bench: $(STAMP)
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/hostile.py
