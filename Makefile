# Two commands do all the set-up on a fresh machine with Python 3.11+ and pip:
#   make demo   build the example articles into the embedded store, validate, run every named query
#   make test   run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
STORE  := out/store
SHARED ?= ../shared

.PHONY: demo test eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build examples/articles --store $(STORE) -o out/examples.trig
	$(BIN)/kg validate --store $(STORE)
	@for q in $$($(BIN)/kg query --list | cut -d' ' -f1); do \
		echo; echo "== kg query $$q"; $(BIN)/kg query $$q --store $(STORE) || exit 1; done

test: $(STAMP)
	sh .ci/ensure-debian chromium chromium virtuoso-t virtuoso-opensource nginx nginx-light
	$(BIN)/python -m pytest -q

# Quality on the public gold data in ../shared/eval (dev files only) and the seed-article checks.
eval: $(STAMP)
	$(BIN)/python benchmarks/eval.py --shared $(SHARED)

# Speed and memory; reads ../shared/corpus.
bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py --shared $(SHARED)

clean:
	rm -rf out $(VENV) kg-store
