#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Cairn needs to build, test and run.
# Sourced by build-aux/run and build-aux/test.

CAIRN_PACKAGES=(
  meson ninja-build pkg-config gcc clang libclang-rt-14-dev
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  libsqlite3-dev sqlite3 libgraphviz-dev graphviz libsoup-3.0-dev libsecret-1-dev
  gettext desktop-file-utils appstream python3 python3-jsonschema
  xvfb xauth libxtst6 dbus dbus-x11 at-spi2-core gnome-keyring imagemagick
  fonts-cantarell adwaita-icon-theme hicolor-icon-theme
  python3-distributed
)

cairn_install_deps ()
{
  local missing=()
  for p in "${CAIRN_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || return 1
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || return 1
}
