# The README's commands. `make run` serves the demo on SQLite; `make test` runs lint and the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint pytest bench messages brief-template clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# The brief map's country outlines: a registry package fetched at set-up, never committed.
MAP_DATA := var/world-atlas/countries-50m.json
$(MAP_DATA):
	mkdir -p var/world-atlas
	-cd var/world-atlas && npm pack --silent world-atlas@2.0.2 > /dev/null && tar -xzf world-atlas-2.0.2.tgz --strip-components=1 package/countries-50m.json package/LICENSE && rm -f world-atlas-2.0.2.tgz

# axe-core, the accessibility rules the suite runs in Chromium on every page
# (citybridge/demo/tests/test_accessibility.py): a registry package fetched at set-up, never committed.
AXE_VERSION := 4.14.1
AXE := var/axe-core/axe.min.js
$(AXE):
	mkdir -p var/axe-core
	-cd var/axe-core && npm pack --silent axe-core@$(AXE_VERSION) > /dev/null && tar -xzf axe-core-$(AXE_VERSION).tgz --strip-components=1 package/axe.min.js package/LICENSE && rm -f axe-core-$(AXE_VERSION).tgz
CHROMIUM ?= /usr/bin/chromium

run: $(VENV)/.installed $(MAP_DATA)
	$(BIN)/citybridge migrate --no-input -v 0
	$(BIN)/citybridge demo --if-empty
	@echo "CityBridge: open http://$(HOST):$(PORT)/accounts/login/ (demo users admin, officer, focal, donor; password demo)"
	@# The background worker (imports, briefs) runs beside the web server; Ctrl-C stops both.
	$(BIN)/citybridge worker --no-reload -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/citybridge runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(BIN)/ruff format --check citybridge bench tools
	$(BIN)/ruff check citybridge bench tools
	$(BIN)/mypy citybridge tools
	$(BIN)/bandit -c pyproject.toml -r citybridge -q --severity-level medium

pytest: $(VENV)/.installed $(MAP_DATA) $(AXE)
	@test -x $(CHROMIUM) || echo "make test: no Chromium at $(CHROMIUM) (Debian: apt-get install chromium): the accessibility check (axe-core) is SKIPPED."
	@test -f $(AXE) || echo "make test: axe-core was not fetched (npm missing or offline): the accessibility check is SKIPPED."
	CITYBRIDGE_CHROMIUM=$(CHROMIUM) $(BIN)/pytest

test: lint pytest

# The edit-test loop: lint and every test but those marked slow (pyproject.toml's markers).
test-fast: lint $(MAP_DATA)
	$(BIN)/pytest -m "not slow"

bench: $(VENV)/.installed
	$(BIN)/python bench/resolution.py
	$(BIN)/python bench/matching.py
	$(BIN)/python bench/brief.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/load.py

# The interface's catalogs: extract every marked string into each language's .po (kept
# translations stay, new ones come empty for a translator) and compile the .mo files that ship
# in the repository, so a fresh machine needs no gettext. Needs GNU gettext (Debian's `gettext`).
LOCALES := sq sr sr_Latn mk bs hr
DJANGO_ADMIN := cd citybridge && ../$(BIN)/django-admin
messages: $(VENV)/.installed
	$(DJANGO_ADMIN) makemessages --settings=citybridge.settings --pythonpath=.. \
		$(addprefix -l ,$(LOCALES)) -i "tests/*" -i "*/tests/*" --add-location file --no-obsolete
	$(DJANGO_ADMIN) compilemessages --settings=citybridge.settings --pythonpath=..

# The brief's Word template afresh (an officer restyles the committed one in Word instead):
# tools/ holds development tools, outside the package that is installed and deployed.
brief-template: $(VENV)/.installed
	$(BIN)/python tools/make_docx_template.py

clean:
	rm -rf $(VENV) var/citybridge.sqlite3*
