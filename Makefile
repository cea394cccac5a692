# `make run` starts the line on http://127.0.0.1:5000; `make test` runs every test.
# Both create .venv and install the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
PORT ?= 5000

.PHONY: run test clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	PORT=$(PORT) $(VENV)/bin/python app.py

test: $(VENV)/.installed
	$(VENV)/bin/flask --app app lint-content
	$(VENV)/bin/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
