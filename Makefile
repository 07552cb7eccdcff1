# Tandem's two commands: `make demo` and `make test`. Everything else here serves them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test test-fast checks serve install install-dev browser-deps lint migrations-check typecheck messages check-messages clean

$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

## demo: set up everything, load the demo and start web server + worker on http://127.0.0.1:8000
demo: install
	$(BIN)/tandem demo

## test: the checks and the whole suite (browser tests included) on SQLite, or on PostgreSQL when DATABASE_URL is set
test: install-dev browser-deps checks
	$(BIN)/pytest

## test-fast: the suite without browser journeys and other tests marked slow (about a minute); CI runs everything
test-fast: install-dev
	$(BIN)/pytest -m "not browser and not slow" -p no:cacheprovider

## checks: what the style promises, before any test runs
checks: check-messages lint migrations-check typecheck

## migrations-check: every model change has its migration
migrations-check: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=tandem.settings_test

## typecheck: mypy with django-stubs on the files listed in pyproject.toml ([tool.mypy] files)
typecheck: install-dev
	$(BIN)/mypy

## browser-deps: Debian's Chromium (and gettext for the catalogue checks) when they are missing
browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v msgfmt >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext >/dev/null; \
		else echo "Install chromium and gettext (apt-get install chromium gettext)"; exit 1; fi; \
	fi

## messages: refresh the .po catalogues from the code and compile them
messages: install-dev
	cd tandem && ../$(BIN)/django-admin makemessages -l sv -l en -l ar --no-obsolete --settings=tandem.settings_test --ignore 'static/*'
	msgattrib --clear-fuzzy --empty --clear-previous tandem/locale/en/LC_MESSAGES/django.po -o tandem/locale/en/LC_MESSAGES/django.po  # a fuzzy guess is no English
	msgen tandem/locale/en/LC_MESSAGES/django.po -o tandem/locale/en/LC_MESSAGES/django.po  # English = the msgids
	cd tandem && ../$(BIN)/django-admin compilemessages --settings=tandem.settings_test

# What applicants and participants read: the Arabic catalogue must cover all of it (a missing Arabic text
# falls back to Swedish, not English).
PARTICIPANT_PAGES = -N 'applications/templates/applications/public/*' -N 'applications/templates/applications/public/fields/*' \
	-N 'applications/templates/applications/emails/*' -N 'screening/templates/screening/emails/*' \
	-N 'pairs/templates/pairs/answer*' -N 'pairs/templates/pairs/emails/*' -N 'pairs/reasons.py' \
	-N 'applications/builtins.py' -N 'applications/public_forms.py' -N 'applications/views_public.py' \
	-N 'templates/includes/choices.html' \
	-N 'mentoring/templates/mentoring/space/*' -N 'mentoring/templates/mentoring/emails/sign_in_link*' \
	-N 'mentoring/models.py' -N 'mentoring/forms.py' -N 'mentoring/services.py' -N 'mentoring/views_space.py'
PARTICIPANT_PAGES += -N 'mentoring/templates/mentoring/emails/meeting_reminder*' \
	-N 'mentoring/templates/mentoring/emails/did_you_meet*' -N 'mentoring/templates/mentoring/emails/nudge*' \
	-N 'mentoring/meetings.py' -N 'mentoring/ics.py' -N 'mentoring/templates/mentoring/emails/goodbye*'
# The shared vocabulary the public form offers: language levels, employment statuses, meeting formats, genders,
# and the names of the languages applicants speak.
PARTICIPANT_PAGES += -N 'reference/choices.py' -N 'reference/languages.py'
# Common meetings: the answer page, the invitation e-mails and the space's list.
PARTICIPANT_PAGES += -N 'gatherings/templates/gatherings/rsvp.html' -N 'gatherings/templates/gatherings/emails/*' \
	-N 'gatherings/templates/gatherings/includes/*' -N 'gatherings/forms.py' -N 'gatherings/models.py' \
	-N 'gatherings/templates/gatherings/space_answer.html' -N 'gatherings/views_space.py'
# Withdrawing consent: the page, the e-mail footer and note, and the retention sentence of the consent text.
PARTICIPANT_PAGES += -N 'privacy/templates/privacy/forget.html' -N 'privacy/templates/privacy/emails/*' -N 'privacy/templates/privacy/email_footer/*' \
	-N 'privacy/consent.py'
# Follow-up: the survey pages, the invitation e-mails, the survey form and what it is built from.
PARTICIPANT_PAGES += -N 'followup/templates/followup/public/*' -N 'followup/templates/followup/emails/*' \
	-N 'followup/forms.py' -N 'followup/models.py' -N 'followup/views_public.py' -N 'followup/services.py' \
	-N 'followup/templates/followup/includes/space_surveys.html'
# Tandem's own error pages (a broken link, an expired session, 404, 500) reach applicants too.
PARTICIPANT_PAGES += -N 'templates/errors/*'
# The program handbook: the space's page and the link on My pair, our own texts, the PDF and what it is built from
# (the program's choices it shows: goal units, common meeting kinds, working-group roles).
PARTICIPANT_PAGES += -N 'handbook/templates/handbook/space.html' -N 'handbook/templates/handbook/includes/*' \
	-N 'handbook/texts.py' -N 'handbook/services.py' -N 'handbook/pdf.py' -N 'programs/choices.py'
# The accessibility statement and the footer's link to it (every public page).
PARTICIPANT_PAGES += -N 'accounts/templates/accounts/accessibility.html' -N 'templates/includes/accessibility_link.html'

## check-messages: the Swedish and English catalogues are well-formed and complete (Arabic covers the applicant pages)
check-messages:
	@for po in tandem/locale/sv/LC_MESSAGES/django.po tandem/locale/en/LC_MESSAGES/django.po; do \
		msgfmt --check --statistics -o /dev/null $$po || exit 1; \
		untranslated=$$(msgattrib --untranslated --no-obsolete $$po | grep -c '^msgid ' || true); \
		if [ "$$untranslated" -gt 1 ]; then echo "$$po: $$((untranslated - 1)) untranslated"; exit 1; fi; \
		fuzzy=$$(msgattrib --only-fuzzy --no-obsolete $$po | grep -c '^msgid ' || true); \
		if [ "$$fuzzy" -gt 0 ]; then echo "$$po: $$((fuzzy - 1)) fuzzy (guessed, not used)"; exit 1; fi; \
	done
	@untranslated=$$(cd tandem && msggrep $(PARTICIPANT_PAGES) locale/ar/LC_MESSAGES/django.po | msgattrib --untranslated --no-obsolete | grep -c '^msgid ' || true); \
	if [ "$$untranslated" -gt 1 ]; then echo "ar: $$((untranslated - 1)) untranslated on pages applicants and participants see"; \
		(cd tandem && msggrep $(PARTICIPANT_PAGES) locale/ar/LC_MESSAGES/django.po | msgattrib --untranslated --no-obsolete | grep '^msgid '); exit 1; fi
	@fuzzy=$$(cd tandem && msggrep $(PARTICIPANT_PAGES) locale/ar/LC_MESSAGES/django.po | msgattrib --only-fuzzy --no-obsolete | grep -c '^msgid ' || true); \
	if [ "$$fuzzy" -gt 1 ]; then echo "ar: $$((fuzzy - 1)) fuzzy (guessed, shown in English) on pages applicants and participants see"; exit 1; fi

lint: install-dev
	$(BIN)/ruff check tandem bench
	$(BIN)/ruff format --check tandem bench

clean:
	rm -rf $(VENV) var
