#!/usr/bin/env bash
# Makes the CMYK output profiles shipped in brochure/resolve/profiles/ from FOGRA's characterisation
# data as Debian packages it (icc-profiles-free: FOGRA39L.ti3, FOGRA29L.ti3, zlib licence) with
# ArgyllCMS's colprof (Debian: argyll). Run once; the profiles are committed, so builds and tests
# need neither package.
#   apt-get install -y icc-profiles-free argyll && bash tools/make_profiles.sh
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/brochure/resolve/profiles"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 /usr/share/color/icc/FOGRA29L.ti3 "$work"
cd "$work"
credit="Made with ArgyllCMS colprof from FOGRA characterisation data (icc-profiles-free, zlib licence)"
# Coated paper (ISO 12647-2 paper type 1/2): total ink 330 %, ramp black generation.
colprof -qm -kr -l330 -L100 -nc -Zr -D "Coated FOGRA39 (brochure)" -C "$credit" -O fogra39.icc FOGRA39L
# Uncoated paper (ISO 12647-2 paper type 4): total ink 300 %.
colprof -qm -kr -l300 -L100 -nc -Zr -D "Uncoated FOGRA29 (brochure)" -C "$credit" -O fogra29.icc FOGRA29L
mkdir -p "$out"
cp fogra39.icc fogra29.icc "$out/"
ls -l "$out"
