# SPDX-License-Identifier: GPL-3.0-or-later
# The commands the README promises: deps, build, run, check, bench, clean.

BUILDDIR ?= build
MESON ?= meson
NINJA ?= ninja

# Debian 12 packages needed to build, run and test RadDesk.
DEB_PACKAGES = \
	build-essential pkg-config libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev \
	libjson-glib-dev libsqlite3-dev libical-dev libsecret-1-dev libcrypt-dev \
	meson ninja-build gettext appstream desktop-file-utils glib-networking \
	xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-pyatspi python3-gi \
	imagemagick xdotool sqlite3 gnome-keyring libglib2.0-bin clang wrk openssl

# UI tests need a display, a session bus and AT-SPI; this gives them all three.
XVFB = xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session --

.PHONY: all deps build run check bench clean

all: build

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	  status=$$(dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null || true); \
	  case "$$status" in \
	    *" ok installed") ;; \
	    *) missing="$$missing $$p" ;; \
	  esac; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "Installing missing packages:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "Missing packages:$$missing; run 'make deps' as root (sudo is not installed)." >&2; exit 1; fi; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing

build: deps
	@if [ ! -f $(BUILDDIR)/build.ninja ]; then \
	  if [ -f $(BUILDDIR)/meson-private/coredata.dat ]; then \
	    $(MESON) setup --wipe $(BUILDDIR); \
	  else \
	    $(MESON) setup $(BUILDDIR); \
	  fi; \
	fi
	$(NINJA) -C $(BUILDDIR)

run: build
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "RadDesk needs a graphical session: no display found (set DISPLAY or WAYLAND_DISPLAY, or run it under xvfb-run)." >&2; \
	  exit 1; \
	fi
	GSETTINGS_SCHEMA_DIR=$(CURDIR)/$(BUILDDIR)/data ./$(BUILDDIR)/src/app/raddesk --demo

# Runs every test, then prints one line "N passed, N failed" counted from
# meson's test log (one JSON object per line). A failed build counts as one
# failure, so the last line is always the summary.
check:
	@$(MAKE) --no-print-directory build || { \
	  echo "The build failed, so no test ran."; \
	  echo "0 passed, 1 failed"; \
	  exit 1; \
	}
	@rm -f $(BUILDDIR)/meson-logs/testlog.json
	@status=0; \
	$(XVFB) $(MESON) test -C $(BUILDDIR) --print-errorlogs || status=$$?; \
	log=$(BUILDDIR)/meson-logs/testlog.json; \
	if [ -f "$$log" ]; then \
	  passed=$$(grep -c -E '"result": *"(OK|EXPECTEDFAIL)"' "$$log" || true); \
	  failed=$$(grep -c -E '"result": *"(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$$log" || true); \
	  skipped=$$(grep -c -E '"result": *"SKIP"' "$$log" || true); \
	else \
	  passed=0; failed=0; skipped=0; \
	fi; \
	if [ "$$status" != 0 ] && [ "$$failed" = 0 ]; then failed=1; fi; \
	if [ "$$skipped" != 0 ]; then \
	  echo "$$passed passed, $$failed failed, $$skipped skipped"; \
	else \
	  echo "$$passed passed, $$failed failed"; \
	fi; \
	[ "$$failed" = 0 ]

bench: build
	$(MESON) test -C $(BUILDDIR) --benchmark --verbose

clean:
	rm -rf $(BUILDDIR)
