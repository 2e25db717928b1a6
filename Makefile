# Two commands matter: `make run` and `make test`. Everything else is their plumbing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CATALOGS := $(wildcard facilitation/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)

.PHONY: run test lint format messages bench clean

run: $(STAMP) $(COMPILED)
	$(BIN)/python wsgi.py

test: $(STAMP) $(COMPILED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest
	node --test tests/js/

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

# Re-extract strings and merge them into both catalogs (then translate the new ones).
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --no-wrap --sort-output --omit-header -o facilitation/translations/messages.pot .
	$(BIN)/pybabel update -i facilitation/translations/messages.pot -d facilitation/translations --no-fuzzy-matching --ignore-obsolete --no-wrap --ignore-pot-creation-date

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP) $(COMPILED)
	$(BIN)/python bench/poll_burst.py
	$(BIN)/python bench/breakout_cards.py
	$(BIN)/python bench/big_frames.py
	$(BIN)/python bench/memory_over_workshops.py
	$(BIN)/python bench/export_2000.py
	$(BIN)/python bench/scale_out.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(COMPILED)
