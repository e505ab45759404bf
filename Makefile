# `make run` and `make test` work on a fresh Debian machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///iki.db
APT_PACKAGES := tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng chromium libreoffice-writer-nogui poppler-utils \
	fonts-liberation2 fonts-dejavu-core fonts-crosextra-carlito fonts-crosextra-caladea

.PHONY: run test install system-packages lint clean screenshots family

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(BIN)/iki: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,render]'
	touch $@

install: system-packages $(BIN)/iki

run: install
	$(BIN)/iki db upgrade --db $(DB)
	$(BIN)/iki import samples/text --db $(DB)
	$(BIN)/iki summary --db $(DB)

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) iki.db out .pytest_cache

screenshots: install
	$(BIN)/python docs/make_screenshots.py

family: install
	$(BIN)/python -m samples.render --variants 3 --seed 1 --out build/family
