#!/usr/bin/env bash
# Copy the pinned front-end packages of package.json into the static files (committed), so
# that running jalin never needs Node. Run after changing a version in package.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/package.json" "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent --ignore-scripts)
dest="$root/src/jalin/web/static/vendor"
rm -rf "$dest" && mkdir -p "$dest"
cp "$work/node_modules/htmx.org/dist/htmx.min.js" "$dest/"
cp "$work/node_modules/@picocss/pico/css/pico.jade.min.css" "$dest/pico.min.css"
cp "$work/node_modules/chart.js/dist/chart.umd.min.js" "$dest/chart.umd.min.js"
cp "$work/node_modules/cytoscape/dist/cytoscape.min.js" "$dest/cytoscape.min.js"
for pkg in htmx.org @picocss/pico chart.js cytoscape; do
  name=$(basename "$pkg")
  version=$(node -p "require('$work/node_modules/$pkg/package.json').version")
  cp "$work/node_modules/$pkg/LICENSE"* "$dest/LICENSE.$name" 2>/dev/null || true
  echo "$pkg $version" >> "$dest/VERSIONS"
done
cat "$dest/VERSIONS"
