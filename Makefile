# Two commands for a newcomer: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test serve data clean

run: $(VENV)/.installed data
	HOST=$(HOST) PORT=$(PORT) $(BIN)/codingdesk run

# Migrate, import every release not yet loaded (skipped by checksum), make sure
# this node's search index matches the releases, collect static files.
data: $(VENV)/.installed
	mkdir -p var
	$(BIN)/codingdesk migrate --noinput -v0
	$(BIN)/codingdesk createcachetable
	$(BIN)/codingdesk import --all
	$(BIN)/codingdesk search-index --if-needed
	$(BIN)/codingdesk collectstatic --noinput -v0

test: $(VENV)/.installed-test
	$(BIN)/pytest

$(VENV)/.created:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "CodingDesk needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install -q -e ".[test]"
	touch $@

clean:
	rm -rf $(VENV) var
