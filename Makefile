# The one entry point for people and CI. Every target installs what it needs into .venv.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
TOOLS := .tools
SAM := $(TOOLS)/sam/bin/sam
CHECKOV := $(TOOLS)/checkov/bin/checkov
SAM_CLI_VERSION := 1.170.0
CHECKOV_VERSION := 3.3.30
# This machine's pip configuration names local mirrors that may be absent; their warnings are noise.
PIP_INSTALL = set -o pipefail; $(1)/pip install -q --disable-pip-version-check $(2) 2>&1 | { grep -v '^WARNING: Location' || true; }

# python3.12 (the Lambda runtime) when it works, then pyenv's 3.12, else python3 (3.11+).
BOOTSTRAP_PYTHON ?= $(shell for c in python3.12 $$(ls -d $$(pyenv root 2>/dev/null)/versions/3.12*/bin/python3.12 2>/dev/null | tail -1) python3; do \
	"$$c" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo "$$c"; break; }; done)

.PHONY: help install lint types validate unit test bench load demo serve build deploy redrive backfill openapi clean sam checkov browser

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements-dev.txt layers/precis/requirements.txt layers/precis/pyproject.toml
	@test -n "$(BOOTSTRAP_PYTHON)" || { echo "error: no python3.11+ found on PATH" >&2; exit 1; }
	@test -x $(PY) || $(BOOTSTRAP_PYTHON) -m venv $(VENV)
	$(call PIP_INSTALL,$(BIN),-r requirements-dev.txt -e layers/precis)
	@touch $@

install: $(VENV)/.installed ## create .venv with the pinned dependencies and precis (editable)

$(SAM):
	@test -x $(TOOLS)/sam/bin/python || $(BOOTSTRAP_PYTHON) -m venv $(TOOLS)/sam
	$(call PIP_INSTALL,$(TOOLS)/sam/bin,aws-sam-cli==$(SAM_CLI_VERSION))

$(CHECKOV):
	@test -x $(TOOLS)/checkov/bin/python || $(BOOTSTRAP_PYTHON) -m venv $(TOOLS)/checkov
	$(call PIP_INSTALL,$(TOOLS)/checkov/bin,checkov==$(CHECKOV_VERSION))

browser: ## Chromium for the browser tests (Debian's package via apt-get when missing; else nothing)
	@bash .ci/install-chromium

sam: $(SAM) ## install the SAM CLI into its own venv (.tools/sam)
checkov: $(CHECKOV) ## install checkov into its own venv (.tools/checkov)

lint: install ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install ## mypy (strict) on our code
	$(BIN)/mypy

validate: install $(SAM) $(CHECKOV) ## cfn-lint, sam validate and checkov on template.yaml
	$(PY) -m local.validate_template --sam $(SAM) --checkov $(CHECKOV)

unit: install browser ## every test (pytest), without lint, types or template validation
	$(BIN)/pytest -q

test: lint types validate browser ## everything CI runs: lint, types, template checks, all tests
	SAM_CLI=$(SAM) $(BIN)/pytest -q

bench: install ## quality (ROUGE), speed, growth and cold-start benchmarks (needs ../shared/eval)
	$(PY) -m bench

load: install ## load test through the local stack with an exact audit
	$(PY) -m bench.load

demo: install ## run the whole pipeline locally: upload, summarize, read over HTTP
	$(PY) -m local.demo

serve: install ## start the local stack in the foreground
	$(PY) -m local.serve

openapi: install ## regenerate docs/openapi.json
	$(PY) -m local.openapi --write docs/openapi.json

build: install $(SAM) ## sam build (no Docker; needs python3.12, taken from .venv when it is 3.12)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(SAM) build

deploy: build ## sam deploy --guided
	$(SAM) deploy --guided

redrive: install ## move dead-lettered messages back to the queue (QUEUE_URL/DLQ_URL or local stack)
	$(BIN)/precis redrive

backfill: install ## enqueue the bucket's existing articles (STACK_NAME or local stack; ARGS="--only-stale")
	$(BIN)/precis backfill $(ARGS)

clean: ## remove .venv, tools, build output and caches
	rm -rf $(VENV) $(TOOLS) .aws-sam .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
