# Two commands for a newcomer:  make app   and   make test
# (make test-pg runs the same tests on a private PostgreSQL server; see README)
# Both create or reuse the virtualenv .venv/ at the project root.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: app test test-pg install bench clean-venv

$(STAMP): pyproject.toml setup.py workbench/align/_fastcost.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# argostranslate without stanza/spacy/torch: the workbench runs Argos models
	# through CTranslate2 and SentencePiece directly (see README, "What gets installed").
	$(BIN)/python -m pip install --quiet --no-deps 'argostranslate==1.11.0'
	touch $(STAMP)

install: $(STAMP)

app: $(STAMP)
	$(BIN)/workbench app

# two worker processes (pytest-xdist): a browser test spends most of its time waiting for
# the app and Chromium, so the other worker's tests use the idle core
PYTEST := $(BIN)/python -m pytest -q -n 2 --dist worksteal

test: $(STAMP)
	$(PYTEST)

test-pg: $(STAMP)
	.ci/with-postgres $(PYTEST)

bench: $(STAMP)
	for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean-venv:
	rm -rf $(VENV)
