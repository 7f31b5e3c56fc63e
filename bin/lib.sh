# Shared set-up for bin/ scripts: install what is missing, build the jar when it is stale.

# ensure_packages CMD=PACKAGE ...: installs each Debian PACKAGE whose CMD is missing (root only);
# a CMD starting with / is a file the package installs (e.g. a font).
ensure_packages() {
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd=${pair%%=*}; pkg=${pair#*=}
    if [ "${cmd#/}" != "$cmd" ]; then
      [ -e "$cmd" ] || missing+=("$pkg")
    else
      command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "storyvox: missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
    return 0
  fi
  echo "storyvox: installing ${missing[*]}" >&2
  timeout 600 apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build_if_stale: builds target/storyvox.jar when it is missing or older than the sources.
build_if_stale() {
  local jar=target/storyvox.jar
  if [ ! -f "$jar" ] || [ -n "$(find src pom.xml openapi -newer "$jar" -print -quit)" ]; then
    echo "storyvox: building $jar" >&2
    mvn -B -q -DskipTests package
  fi
}

# ensure_node_modules DIR: runs npm ci in DIR when its node_modules is missing or older than package-lock.json.
ensure_node_modules() {
  local dir=$1
  command -v npm >/dev/null 2>&1 || return 0
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    echo "storyvox: npm ci in $dir" >&2
    (cd "$dir" && timeout 300 npm ci --no-audit --no-fund --loglevel=error >&2) \
      || echo "storyvox: npm ci failed in $dir; the browser tests will be skipped" >&2
  fi
}
