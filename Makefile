# Growth Tracker — the two commands people need are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
DIST_STAMP := $(VENV)/.installed-dist
APP := dist/GrowthTracker
LOCAL := $(HOME)/.local

.PHONY: run test lint bench dist clean translations icons install-desktop uninstall-desktop

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(STAMP)

$(DIST_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dist]'
	touch $@ $(STAMP)

translations: $(STAMP)
	@if [ -x scripts/build-translations.sh ]; then scripts/build-translations.sh $(PY); fi

run: $(STAMP) translations
	$(VENV)/bin/growth-tracker

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: $(TEST_STAMP) translations
	bash scripts/install-system-deps.sh
	$(MAKE) lint
	$(PY) -m pytest -q

bench: $(TEST_STAMP)
	$(PY) -m bench

# The one-folder app in dist/GrowthTracker (PyInstaller, build.spec).
dist: $(DIST_STAMP) translations
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller build.spec
	@du -sh $(APP)

# PNG/ICO/ICNS from resources/icons/growth-tracker.svg (the outputs are committed).
icons: $(STAMP)
	$(PY) scripts/make-icons.py

# Linux: the built app in the menu and on the PATH as `growth-tracker` (for this user).
install-desktop:
	@test -x $(APP)/GrowthTracker || { echo "run 'make dist' first"; exit 1; }
	mkdir -p $(LOCAL)/bin $(LOCAL)/share/applications
	ln -sfn "$(CURDIR)/$(APP)/GrowthTracker" $(LOCAL)/bin/growth-tracker
	sed 's|^Exec=.*|Exec=$(LOCAL)/bin/growth-tracker|' resources/growth-tracker.desktop \
		> $(LOCAL)/share/applications/growth-tracker.desktop
	for n in 16 22 24 32 48 64 128 256 512; do \
		install -Dm644 resources/icons/png/growth-tracker-$$n.png \
			$(LOCAL)/share/icons/hicolor/$${n}x$${n}/apps/growth-tracker.png; done
	install -Dm644 resources/icons/growth-tracker.svg \
		$(LOCAL)/share/icons/hicolor/scalable/apps/growth-tracker.svg
	-update-desktop-database -q $(LOCAL)/share/applications 2>/dev/null

uninstall-desktop:
	rm -f $(LOCAL)/bin/growth-tracker $(LOCAL)/share/applications/growth-tracker.desktop
	rm -f $(LOCAL)/share/icons/hicolor/*/apps/growth-tracker.png \
		$(LOCAL)/share/icons/hicolor/scalable/apps/growth-tracker.svg

clean:
	rm -rf $(VENV) build dist test-artifacts
