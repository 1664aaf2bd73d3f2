#!/usr/bin/env bash
# Run TerriData's test suite on a newer QGIS inside a Debian chroot (no container engine needed).
#
#   scripts/qgis_chroot.sh VERSION build                  make (or finish) the chroot; quick when it is complete
#   scripts/qgis_chroot.sh VERSION run-tests [pytest args] build if needed, then run the suite (default: tests)
#   scripts/qgis_chroot.sh VERSION shell                  an interactive shell in the chroot, checkout mounted
#
# VERSION is 3.40 (QGIS 3.40 LTR of Debian 13 "trixie") or 3.44 (QGIS 3.44 of Debian "sid"; sid's mirror
# snapshots can carry an expired Release file, so apt runs there with Acquire::Check-Valid-Until=false).
# The chroot lives outside the checkout: ${TERRIDATA_CHROOT:-$HOME/.cache/terridata/<suite>-qgis<version>}.
# Steps and their markers, so an interrupted build resumes where it stopped:
#   1. debootstrap (minbase): complete when /usr/bin/apt-get exists and debootstrap's own work folder
#      "debootstrap/" is gone (debootstrap removes it last); a half-made folder is removed and made again.
#   2. provisioning: the Debian packages of scripts/debian-packages.txt that exist in the suite, and a virtual
#      environment /opt/terridata-venv (--system-site-packages) with requirements/test.txt. A stamp file
#      /.terridata-provisioned holds a hash of both lists and of this script; it is written only at the very end,
#      so a changed list or an interrupted provisioning is redone (apt-get and pip are idempotent).
# The checkout's parent folder is bind-mounted at the same path inside the chroot, so ../shared/data resolves.
# Everything mounted is unmounted on exit, also on failure or interruption.
# Needs root (debootstrap, chroot, mount). Run as root on Debian 12 with the package registries reachable.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
PARENT=$(dirname "$REPO")
QGIS_VERSION=${1:-}
[ $# -gt 0 ] && shift
case $QGIS_VERSION in
  3.40) SUITE=trixie APT_OPTIONS=() ;;
  3.44) SUITE=sid APT_OPTIONS=(-o Acquire::Check-Valid-Until=false) ;;
  *)
    echo "usage: $0 3.40|3.44 build | run-tests [pytest args] | shell" >&2
    exit 2
    ;;
esac
ROOT=${TERRIDATA_CHROOT:-${HOME:-/root}/.cache/terridata/$SUITE-qgis${QGIS_VERSION/./}}
MIRROR=${TERRIDATA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
VENV=/opt/terridata-venv
STAMP="$ROOT/.terridata-provisioned"
# Packages the tests need in the chroot beyond scripts/debian-packages.txt (QGIS' own test runner needs).
EXTRA_PACKAGES=(ca-certificates)

log() { echo "qgis_chroot $QGIS_VERSION: $*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot and mount need it)"

# --- mounts -------------------------------------------------------------------------------------------------
MOUNTED=()
mount_one() { # mount_one TARGET mount-args...
  local target=$1
  shift
  mkdir -p "$target"
  if mountpoint -q "$target"; then
    return 0 # left over by a run that was killed hard: reuse it, and unmount it at the end
  fi
  mount "$@" "$target"
  MOUNTED+=("$target")
}

unmount_all() {
  local i target
  for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
    target=${MOUNTED[$i]}
    umount "$target" 2>/dev/null || umount -l "$target" 2>/dev/null || log "could not unmount $target"
  done
  MOUNTED=()
}

mount_system() {
  mount_one "$ROOT/proc" -t proc proc
  mount_one "$ROOT/sys" -t sysfs sysfs
  mount_one "$ROOT/dev" --bind /dev
  mount_one "$ROOT/dev/pts" -t devpts devpts
  mount_one "$ROOT/dev/shm" -t tmpfs tmpfs
}

mount_checkout() {
  [ "$PARENT" != / ] || die "the checkout must be in a folder (with ../shared beside it), not directly under /"
  mount_one "$ROOT$PARENT" --bind "$PARENT"
  # ../shared may be a link to a folder elsewhere: mount its real folder at its real path too, so the link resolves.
  local shared
  shared=$(readlink -f "$PARENT/shared" 2>/dev/null || true)
  if [ -n "$shared" ] && [ -d "$shared" ] && [ "${shared#"$PARENT"/}" = "$shared" ]; then
    mount_one "$ROOT$shared" --bind "$shared"
  fi
}

# Network access inside the chroot: the host's resolver and CA bundle. The bundle is also kept under its own
# name and named in PIP_CERT/SSL_CERT_FILE/REQUESTS_CA_BUNDLE, because the chroot's ca-certificates package
# rewrites /etc/ssl/certs/ca-certificates.crt without the authorities the host may add (e.g. an HTTPS proxy's).
HOST_CA=/etc/terridata-host-ca-certificates.crt
copy_network_config() {
  cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
  if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    mkdir -p "$ROOT/etc/ssl/certs"
    cp -L /etc/ssl/certs/ca-certificates.crt "$ROOT$HOST_CA"
    cp -L /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"
  fi
}

# Run a command in the chroot with a clean environment (host variables such as PIP_FIND_LINKS name host paths).
in_chroot() {
  local -a envs=(
    "PATH=$VENV/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    "HOME=/root" "LANG=C.UTF-8" "LC_ALL=C.UTF-8" "DEBIAN_FRONTEND=noninteractive"
    "QT_QPA_PLATFORM=offscreen" "PIP_DISABLE_PIP_VERSION_CHECK=1" "PIP_DEFAULT_TIMEOUT=180"
    # pyproj run from a venv looks for PROJ's data under the venv's prefix, and warns: point it at Debian's.
    "PROJ_DATA=/usr/share/proj"
  )
  if [ -f "$ROOT$HOST_CA" ]; then
    envs+=("PIP_CERT=$HOST_CA" "SSL_CERT_FILE=$HOST_CA" "REQUESTS_CA_BUNDLE=$HOST_CA")
  fi
  local name
  # Pass the project's own settings (TERRIDATA_*), CI and the terminal through.
  for name in $(compgen -e); do
    case $name in
      TERRIDATA_CHROOT | TERRIDATA_DEBIAN_MIRROR) ;;
      TERRIDATA_* | CI | TERM) envs+=("$name=${!name}") ;;
    esac
  done
  chroot "$ROOT" /usr/bin/env -i "${envs[@]}" "$@"
}

# --- step 1: debootstrap --------------------------------------------------------------------------------------
debootstrap_done() {
  [ -x "$ROOT/usr/bin/apt-get" ] && [ -f "$ROOT/var/lib/dpkg/status" ] && [ ! -d "$ROOT/debootstrap" ]
}

ensure_debootstrap() {
  # A debootstrap started by hand into the same folder may still be running: wait for it, never remove its work.
  local waited=0
  while pgrep -f "debootstrap .*${ROOT}( |$)" >/dev/null 2>&1; do
    [ $waited -gt 0 ] || log "a debootstrap into $ROOT is running; waiting for it to end"
    sleep 10
    waited=$((waited + 10))
    [ $waited -lt 3600 ] || die "the debootstrap into $ROOT has run for an hour; stop it or remove $ROOT"
  done
  if debootstrap_done; then
    return 0
  fi
  if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  fi
  if [ -e "$ROOT" ]; then
    # A half-made chroot: never remove a folder that still has something mounted inside it.
    if grep -q " $ROOT/" /proc/mounts; then
      die "$ROOT is incomplete and has mounts inside it; unmount them (grep $ROOT /proc/mounts) and retry"
    fi
    log "removing the incomplete chroot $ROOT"
    rm -rf --one-file-system "$ROOT"
  fi
  log "debootstrap $SUITE into $ROOT (a few minutes)"
  mkdir -p "$(dirname "$ROOT")"
  debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 ||
    die "debootstrap failed, see $ROOT.debootstrap.log"
  debootstrap_done || die "debootstrap ended but $ROOT is incomplete, see $ROOT.debootstrap.log"
}

# --- step 2: provisioning -------------------------------------------------------------------------------------
wanted_hash() {
  cat "$REPO/scripts/debian-packages.txt" "$REPO/requirements/test.txt" "${BASH_SOURCE[0]}" | sha256sum | cut -d' ' -f1
}

provisioned() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(wanted_hash)" ]
}

provision() {
  log "provisioning the chroot (Debian packages, $VENV)"
  rm -f "$STAMP"
  copy_network_config
  # No daemons may start inside the chroot while packages are installed.
  printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
  chmod 755 "$ROOT/usr/sbin/policy-rc.d"
  in_chroot apt-get "${APT_OPTIONS[@]}" update -qq
  local -a listed=() packages=() skipped=()
  mapfile -t listed < <(grep -v '^\s*#' "$REPO/scripts/debian-packages.txt" | sed 's/\s*#.*//' | grep -v '^\s*$')
  local pkg
  for pkg in "${listed[@]}" "${EXTRA_PACKAGES[@]}"; do
    # One list serves bookworm, trixie and sid: take the names this suite has.
    if in_chroot apt-cache show "$pkg" >/dev/null 2>&1; then
      packages+=("$pkg")
    else
      skipped+=("$pkg")
    fi
  done
  [ ${#skipped[@]} -eq 0 ] || log "not in $SUITE, skipped: ${skipped[*]}"
  log "apt-get install ${#packages[@]} packages (several minutes on first build)"
  in_chroot apt-get "${APT_OPTIONS[@]}" install -y -q --no-install-recommends "${packages[@]}" >"$ROOT.apt.log" 2>&1 ||
    die "apt-get install failed in the chroot, see $ROOT.apt.log"
  in_chroot apt-get clean
  if [ ! -x "$ROOT$VENV/bin/python" ]; then
    in_chroot /usr/bin/python3 -m venv --system-site-packages "$VENV"
  fi
  copy_network_config # again: installing ca-certificates replaced the bundle
  in_chroot "$VENV/bin/pip" install -q -r /dev/stdin <"$REPO/requirements/test.txt" ||
    die "pip install of requirements/test.txt failed in the chroot"
  in_chroot /usr/bin/python3 -c "import qgis.core; print('QGIS', qgis.core.Qgis.QGIS_VERSION)" >&2 ||
    die "PyQGIS does not import in the chroot"
  wanted_hash >"$STAMP"
  log "chroot ready"
}

ensure_built() {
  ensure_debootstrap
  if ! provisioned; then
    mount_system
    provision
  fi
}

# --- commands -------------------------------------------------------------------------------------------------
LOCK_FD=9
take_lock() {
  mkdir -p "$(dirname "$ROOT")"
  exec 9>"$ROOT.lock"
  flock -w 3600 $LOCK_FD || die "another run holds $ROOT.lock"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
  build | run-tests | shell) ;;
  *)
    echo "usage: $0 3.40|3.44 build | run-tests [pytest args] | shell" >&2
    exit 2
    ;;
esac

take_lock
trap unmount_all EXIT
trap 'exit 130' INT TERM HUP

start=$SECONDS
ensure_built
log "chroot ready in $((SECONDS - start)) s"
[ "$cmd" = build ] && exit 0

mount_system
mount_checkout
copy_network_config
case $cmd in
  run-tests)
    [ $# -gt 0 ] || set -- tests
    log "running pytest $* on QGIS $(in_chroot /usr/bin/python3 -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null)"
    # pytest (not `python -m pytest`, which would put the checkout first on sys.path, where the plugin's own
    # processing/ package hides QGIS's processing plugin). `set +e` around it so its exit code is returned (and the mounts are still removed by the trap).
    set +e
    (cd "$REPO" && in_chroot /bin/sh -c 'cd "$1" && shift && exec pytest "$@"' sh "$REPO" "$@")
    rc=$?
    set -e
    exit $rc
    ;;
  shell)
    in_chroot /bin/bash -c 'cd "$1" && exec bash -i' sh "$REPO"
    ;;
esac
