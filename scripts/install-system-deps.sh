#!/usr/bin/env bash
# Install the Debian/Ubuntu system packages that the end-to-end (X11 and Wayland
# tray) tests and PySide6's xcb platform plugin need.
#
# Idempotent: only runs `apt-get update` + `apt-get install` when at least one
# package is missing (checked with dpkg). When not root or not on a
# Debian-like system it only reports what is missing and exits 0; the e2e tests
# then skip with a clear reason.
#
# The Qt library list was derived from `ldd` on PySide6 6.12's
# plugins/platforms/libqxcb.so, plugins/xcbglintegrations/*.so and
# lib/libQt6{Core,Gui,Widgets,DBus,OpenGL,XcbQpa}.so.6.
#
# Entries of the form "a|b" are alternatives (package renamed in newer
# releases, e.g. the Debian 13 / Ubuntu 24.04 64-bit time_t transition): any
# installed alternative satisfies the entry, and the first one that apt can
# install is chosen.
set -euo pipefail

PACKAGES=(
    # X server, tray host and automation tools used by tests/e2e/xenv.py
    xvfb
    trayer
    xdotool
    imagemagick
    x11-utils
    # xmodmap: keys for the full-width characters the editor e2e test types
    x11-xserver-utils
    xauth
    dbus-x11
    # OCR: the two-tray sync e2e test reads the tray's menu and tooltip off the screen
    tesseract-ocr
    # A headless Wayland session for tests/e2e/wayland.py: the compositor (with its
    # Xwayland), the StatusNotifierItem tray host, screenshots; dbus-send reads the
    # tray's registrations, unshare (util-linux) runs sway as uid 1000 when root
    sway
    waybar
    grim
    xwayland
    "dbus-bin|dbus"
    util-linux
    # dbus-run-session: a private bus with a stand-in settings portal
    # (tests/ui/test_panel_theme.py)
    "dbus-daemon|dbus"
    # desktop-file-validate checks resources/growth-tracker.desktop (tests/packaging)
    desktop-file-utils
    # strip/readelf: build.spec strips debug info from the frozen app (tests/packaging)
    binutils
    # LibreOffice Calc, headless: proves the CSV export opens with real date-time cells
    # (tests/unit/io/test_csv_libreoffice.py)
    libreoffice-calc-nogui
    # pdftoppm: the sheet LibreOffice prints is turned into test-artifacts/csv-libreoffice.png
    poppler-utils
    # fonts (Latin + CJK) so menus and labels render real glyphs
    fontconfig
    fonts-dejavu-core
    fonts-noto-cjk
    # Qt 6 xcb platform plugin runtime
    libx11-6
    libx11-xcb1
    libxcb1
    libxcb-cursor0
    libxcb-glx0
    libxcb-icccm4
    libxcb-image0
    libxcb-keysyms1
    libxcb-randr0
    libxcb-render0
    libxcb-render-util0
    libxcb-shape0
    libxcb-shm0
    libxcb-sync1
    libxcb-util1
    libxcb-xfixes0
    libxcb-xinerama0
    libxcb-xkb1
    libxkbcommon0
    libxkbcommon-x11-0
    libxext6
    libxrender1
    libxi6
    libxss1
    # Qt Gui / Core / DBus runtime
    libegl1
    libgl1
    libfontconfig1
    libfreetype6
    "libpng16-16t64|libpng16-16"
    libdbus-1-3
    "libglib2.0-0t64|libglib2.0-0"
)

is_installed() {
    local status
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null || true)
    [[ "$status" == ii* ]]
}

# Print the entries of PACKAGES that are not satisfied, one per line.
missing_entries() {
    local entry alt ok
    local -a alts
    for entry in "${PACKAGES[@]}"; do
        ok=0
        IFS='|' read -r -a alts <<<"$entry"
        for alt in "${alts[@]}"; do
            if is_installed "$alt"; then
                ok=1
                break
            fi
        done
        if [[ $ok -eq 0 ]]; then
            printf '%s\n' "$entry"
        fi
    done
}

# Pick the first alternative of an entry that apt has an install candidate for.
resolve_entry() {
    local entry=$1 alt candidate
    local -a alts
    IFS='|' read -r -a alts <<<"$entry"
    for alt in "${alts[@]}"; do
        candidate=$(apt-cache policy "$alt" 2>/dev/null | awk '/Candidate:/ {print $2}')
        if [[ -n "$candidate" && "$candidate" != "(none)" ]]; then
            printf '%s\n' "$alt"
            return 0
        fi
    done
    # Nothing resolvable: return the first name so apt reports a clear error.
    printf '%s\n' "${alts[0]}"
}

main() {
    if ! command -v dpkg-query >/dev/null 2>&1 || [[ ! -f /etc/debian_version ]]; then
        echo "install-system-deps: not a Debian/Ubuntu system; install the equivalents of:" >&2
        printf '  %s\n' "${PACKAGES[@]}" >&2
        echo "install-system-deps: e2e tests that need X will be skipped." >&2
        exit 0
    fi

    local -a missing=()
    mapfile -t missing < <(missing_entries)
    if [[ ${#missing[@]} -eq 0 ]]; then
        echo "install-system-deps: all ${#PACKAGES[@]} system packages already installed."
        exit 0
    fi

    if [[ "$(id -u)" -ne 0 ]]; then
        echo "install-system-deps: not root; missing Debian packages:" >&2
        printf '  %s\n' "${missing[@]}" >&2
        echo "install-system-deps: run this script as root (or sudo) to install them;" \
            "e2e tests that need X will be skipped." >&2
        exit 0
    fi

    echo "install-system-deps: installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    local -a to_install=()
    local entry
    for entry in "${missing[@]}"; do
        to_install+=("$(resolve_entry "$entry")")
    done
    apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Use-Pty=0 \
        -o Dpkg::Options::=--force-confdef \
        -o Dpkg::Options::=--force-confold \
        "${to_install[@]}" >/dev/null
    echo "install-system-deps: installed: ${to_install[*]}"
}

main "$@"
