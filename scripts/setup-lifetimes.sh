#!/usr/bin/env bash
# Prepares the Python reference library lifetimes 0.11.3 for bench/lifetimes_reference.py
# (timed beside our fits by bench/btyd.mjs; it also regenerates test/fixtures/lifetimes-cdnow.csv).
# Not part of `npm test` or .ci/run: the unit tests read the committed fixture, never Python.
#
# Idempotent. It
#  1. installs Debian's python3-numpy, -scipy, -pandas, -dill (and python3-autograd if Debian has
#     it) with apt-get, only those missing, for /usr/bin/python3 (PyPI is not needed);
#  2. brings lifetimes 0.11.3 and, if Debian has no python3-autograd, autograd 1.7.0 (pure
#     Python) into a cache OUTSIDE the repository, ${CVA_LIFETIMES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cva-lifetimes},
#     by `git clone --depth 1 --branch <tag>` from GitHub. Without network access to GitHub, point
#     LIFETIMES_GIT / AUTOGRAD_GIT at any clone or bare mirror of those repositories (a path);
#  3. checks that `import lifetimes` works and prints the two variables to export.
# lifetimes' requirements.txt pins autograd commit 4ec5aed (2019), which imports
# inspect.getargspec, removed in Python 3.11: autograd 1.7.0 is the release that runs on
# Debian 12's Python 3.11 with its numpy 1.24. lifetimes' own code is used unmodified.
set -euo pipefail

LIFETIMES_GIT="${LIFETIMES_GIT:-https://github.com/CamDavidsonPilon/lifetimes}"
AUTOGRAD_GIT="${AUTOGRAD_GIT:-https://github.com/HIPS/autograd}"
LIFETIMES_TAG=v0.11.3
# The tree of tag v0.11.3 (commit bd3ae6e); branch v0.11.3 of the repository has the same tree.
LIFETIMES_TREE=629ccb194c5d3e85e38749429a09565b3b640883
AUTOGRAD_TAG=v1.7.0
PYTHON=/usr/bin/python3
CACHE="${CVA_LIFETIMES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cva-lifetimes}"

repo_root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
case "$CACHE/" in
  "$repo_root/"*) echo "The cache $CACHE is inside the repository; choose one outside it (CVA_LIFETIMES_CACHE)." >&2; exit 1 ;;
esac

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# 1. Debian packages, only the missing ones.
has_candidate() { apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; }
packages=(python3 python3-numpy python3-scipy python3-pandas python3-dill)
autograd_from_debian=false
if dpkg -s python3-autograd >/dev/null 2>&1 || has_candidate python3-autograd; then
  packages+=(python3-autograd)
  autograd_from_debian=true
fi
need=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} …"
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
  fi
else
  echo "Debian packages present: ${packages[*]}"
fi

# 2. Sources into the cache (a shallow clone of one tag each; skipped when already there).
clone() { # <url-or-path> <tag> <dir>
  local url="$1" tag="$2" dir="$3"
  if [ -d "$dir/.git" ] && [ "$(git -C "$dir" describe --tags --exact-match 2>/dev/null || git -C "$dir" rev-parse --abbrev-ref HEAD)" = "$tag" ]; then
    echo "Present: $dir ($tag)"
    return 0
  fi
  rm -rf "$dir.tmp"
  case "$url" in /*) url="file://$url" ;; esac
  if ! git -c advice.detachedHead=false clone -q --depth 1 --branch "$tag" "$url" "$dir.tmp"; then
    rm -rf "$dir.tmp"
    echo "Could not clone $url ($tag): no network access to it from here." >&2
    echo "Set LIFETIMES_GIT / AUTOGRAD_GIT to a local clone or bare mirror of the repository and run again." >&2
    exit 2
  fi
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
  echo "Cloned $tag into $dir"
}

clone "$LIFETIMES_GIT" "$LIFETIMES_TAG" "$CACHE/lifetimes-0.11.3"
tree="$(git -C "$CACHE/lifetimes-0.11.3" rev-parse 'HEAD^{tree}')"
if [ "$tree" != "$LIFETIMES_TREE" ]; then
  echo "Warning: $CACHE/lifetimes-0.11.3 has tree $tree, not the $LIFETIMES_TAG release tree $LIFETIMES_TREE." >&2
fi
pypath="$CACHE/lifetimes-0.11.3"
if [ "$autograd_from_debian" = false ]; then
  clone "$AUTOGRAD_GIT" "$AUTOGRAD_TAG" "$CACHE/autograd-1.7.0"
  pypath="$pypath:$CACHE/autograd-1.7.0"
fi

# 3. Check and tell.
version="$(PYTHONPATH="$pypath" "$PYTHON" -c 'import lifetimes, autograd, dill; print(lifetimes.__version__)')"
if [ "$version" != 0.11.3 ]; then
  echo "Expected lifetimes 0.11.3, imported $version" >&2
  exit 1
fi
echo "lifetimes $version imports with $PYTHON. Export, then run node bench/btyd.mjs:"
echo "  export CVA_LIFETIMES_PYTHON=$PYTHON"
echo "  export CVA_LIFETIMES_PATH=$pypath"
echo "Regenerate the test fixture (only when the reference itself changes):"
echo "  PYTHONPATH=\$CVA_LIFETIMES_PATH \$CVA_LIFETIMES_PYTHON bench/lifetimes_reference.py 1 --fixture test/fixtures/lifetimes-cdnow.csv"
