#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, combined broker+controller) from Maven Central jars.
# No Docker, no tarball: Maven fetches kafka_2.13 + a logging backend, the JDK runs it.
#
#   kafka.sh fetch | start | stop | restart | status | logs [n] | ensure
#
# Env: KAFKA_VERSION (3.9.1)  KAFKA_PORT (9092)  KAFKA_CONTROLLER_PORT (9093)
#      KAFKA_HOME (<repo>/.kafka)  KAFKA_HEAP_OPTS (-Xms256m -Xmx512m)
#      KAFKA_START_TIMEOUT (90 seconds)  JAVA (java)  MVN (mvn)
#      KAFKA_LIBS (<KAFKA_HOME>/<version>/libs)  KAFKA_RUN_DIR (<KAFKA_HOME>/run)
#      KAFKA_KEEP_DATA (0; 1 = start reuses formatted data in the run dir instead of wiping it,
#                       so a stop + start is a real broker restart that keeps every topic)
#      KAFKA_ADVERTISED_PORT (KAFKA_PORT; the port clients are told to dial, e.g. a fault proxy's)
set -euo pipefail

# Resolve symlinks to this file, then go up three levels: <repo>/event-bus/tools/kafka -> <repo>.
SCRIPT_PATH="$(readlink -f -- "${BASH_SOURCE[0]}" 2>/dev/null || echo "${BASH_SOURCE[0]}")"
SCRIPT_DIR="$(cd -P -- "$(dirname -- "$SCRIPT_PATH")" && pwd)"
REPO_ROOT="$(cd -P "$SCRIPT_DIR/../../.." && pwd)"
CONF="$SCRIPT_DIR"

KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
KAFKA_HOME="${KAFKA_HOME:-$REPO_ROOT/.kafka}"     # .kafka/ is in .gitignore
PORT="${KAFKA_PORT:-9092}"
CPORT="${KAFKA_CONTROLLER_PORT:-9093}"
APORT="${KAFKA_ADVERTISED_PORT:-$PORT}"
TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
JAVA="${JAVA:-java}"
MVN="${MVN:-mvn}"
read -r -a HEAP <<<"${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

mkdir -p "$KAFKA_HOME"
KAFKA_HOME="$(cd -P "$KAFKA_HOME" && pwd)"        # absolute: it ends up in server.properties
LIBS="${KAFKA_LIBS:-$KAFKA_HOME/$KAFKA_VERSION/libs}"   # one Kafka version per dir ('libs/*' classpath)
RUN="${KAFKA_RUN_DIR:-$KAFKA_HOME/run}"
KEEP_DATA="${KAFKA_KEEP_DATA:-0}"
PID_FILE="$RUN/kafka.pid"
LOG_FILE="$RUN/kafka.out"
ENSURE_MARKER="$RUN/started-by-ensure"

case "$KAFKA_VERSION" in
  3.*) ;;
  *) echo "kafka.sh: unsupported KAFKA_VERSION=$KAFKA_VERSION (only 3.x is wired up: pom + reload4j config)" >&2
     exit 2 ;;
esac

# Same GC flags as bin/kafka-run-class.sh (KAFKA_JVM_PERFORMANCE_OPTS), minus JMX / GC-log files.
JVM_OPTS=(-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
          -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true -Djava.io.tmpdir="$RUN/tmp")
BROKER_LOG=(-Dlog4j.configuration="file:$CONF/log4j.properties")
TOOL_LOG=(-Dlog4j.configuration="file:$CONF/log4j-tools.properties")

die() { echo "kafka.sh: $*" >&2; exit 1; }
log_tail() {
  if [[ -f "$LOG_FILE" ]]; then
    echo "---- last ${1:-60} lines of $LOG_FILE ----" >&2
    tail -n "${1:-60}" "$LOG_FILE" >&2
    echo "----" >&2
  fi
}
now_ms() { local t="${EPOCHREALTIME:-$(date +%s.%N)}"; t="${t/,/.}"; echo $(( ${t%.*} * 1000 + 10#$(printf '%.3s' "${t#*.}000") )); }
read_pid() { [[ -f "$PID_FILE" ]] && cat "$PID_FILE"; }
pid_alive() {  # pid file points at a live process that is (on Linux, verifiably) our broker
  local p cmd
  p="$(read_pid 2>/dev/null)" || return 1
  [[ "$p" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$p" 2>/dev/null || return 1
  if [[ -r "/proc/$p/cmdline" ]]; then
    cmd="$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)" || return 1
    [[ "$cmd" == *kafka.Kafka* ]] || return 1
  fi
}
elapsed_s() { local ms=$(( $(now_ms) - $1 )); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }   # bash built-in, no nc needed

fetch() {
  if [[ -f "$LIBS/.complete" ]]; then return 0; fi
  command -v "$MVN" >/dev/null || die "maven ('$MVN') not found on PATH"
  echo "kafka.sh: fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS ..."
  rm -rf "$LIBS"
  if ! "$MVN" -B -q -f "$CONF/pom.xml" -Dkafka.version="$KAFKA_VERSION" -Dkafka.libs.dir="$LIBS" package; then
    die "maven failed to fetch Kafka $KAFKA_VERSION (see output above)"
  fi
  [[ -f "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]] || die "fetch incomplete: $LIBS/kafka_2.13-$KAFKA_VERSION.jar missing"
  compgen -G "$LIBS/slf4j-reload4j-*.jar" >/dev/null || die "fetch incomplete: no slf4j-reload4j binding in $LIBS"
  touch "$LIBS/.complete"
  echo "kafka.sh: fetched $(find "$LIBS" -name '*.jar' | wc -l) jars"
}

kafka_tool() {  # $1 = main class, rest = args; tool logging goes to stderr
  local main="$1"; shift
  "$JAVA" -Xmx256m "${TOOL_LOG[@]}" -Djava.io.tmpdir="$RUN/tmp" -cp "$LIBS/*" "$main" "$@"
}

start() {
  local t0; t0="$(now_ms)"
  if pid_alive; then echo "kafka already running (pid $(read_pid))"; return 0; fi
  local p
  for p in "$PORT" "$CPORT"; do
    port_open "$p" && die "port $p on 127.0.0.1 is already in use (set KAFKA_PORT / KAFKA_CONTROLLER_PORT)"
  done
  command -v "$JAVA" >/dev/null || die "java ('$JAVA') not found on PATH"
  fetch

  if [[ "$KEEP_DATA" == "1" && -f "$RUN/data/meta.properties" ]]; then
    # Restart on the existing, already formatted storage (same cluster id, same topics).
    mkdir -p "$RUN/tmp"
  else
    # Fresh run dir every time: a reused dir with a new cluster id would refuse to start.
    rm -rf "$RUN"
    mkdir -p "$RUN/data" "$RUN/tmp"
    sed -e "s#@PORT@#$PORT#g" -e "s#@ADVERTISED_PORT@#$APORT#g" -e "s#@CONTROLLER_PORT@#$CPORT#g" -e "s#@DATA_DIR@#$RUN/data#g" \
        "$CONF/server.properties.tmpl" >"$RUN/server.properties"

    local cluster_id
    cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>"$RUN/format.out")" \
      || { cat "$RUN/format.out" >&2; die "StorageTool random-uuid failed"; }
    # Static quorum (controller.quorum.voters) => no --standalone / --initial-controllers flag.
    kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$RUN/server.properties" >>"$RUN/format.out" 2>&1 \
      || { cat "$RUN/format.out" >&2; die "StorageTool format failed"; }
  fi

  # setsid: own session, so Ctrl-C / SIGHUP to the caller's process group doesn't hit the broker.
  local launcher=(nohup)
  command -v setsid >/dev/null && launcher=(setsid nohup)
  "${launcher[@]}" "$JAVA" "${HEAP[@]}" "${JVM_OPTS[@]}" "${BROKER_LOG[@]}" -cp "$LIBS/*" \
    kafka.Kafka "$RUN/server.properties" >"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"

  # Readiness: in KRaft the broker binds its client port only after it has registered with
  # the controller and been unfenced, so "port accepts connections" == ready.
  local deadline=$((SECONDS + TIMEOUT))
  until port_open "$PORT"; do
    if ! pid_alive; then
      log_tail 60; rm -f "$PID_FILE"; die "kafka exited during startup (log: $LOG_FILE)"
    fi
    if ((SECONDS >= deadline)); then
      log_tail 60; stop >&2 || true; die "kafka not ready on 127.0.0.1:$PORT after ${TIMEOUT}s"
    fi
    sleep 0.2
  done
  echo "kafka $KAFKA_VERSION ready on 127.0.0.1:$PORT (pid $(read_pid), started in $(elapsed_s "$t0")s)"
}

stop() {
  if ! pid_alive; then
    rm -f "$PID_FILE" "$ENSURE_MARKER"
    echo "kafka not running"
    return 0
  fi
  local pid i
  pid="$(read_pid)"
  kill -TERM "$pid" 2>/dev/null || true   # shutdown hook: broker first, then controller
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "kafka.sh: kafka (pid $pid) did not stop within 30s, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$ENSURE_MARKER"
  echo "kafka stopped (pid $pid)"
}

status() {
  if pid_alive && port_open "$PORT"; then
    echo "running (pid $(read_pid), 127.0.0.1:$PORT)"
  elif pid_alive; then
    echo "starting or unhealthy (pid $(read_pid), port $PORT not accepting connections)"; return 1
  elif port_open "$PORT"; then
    echo "stopped (not managed here), but something else listens on 127.0.0.1:$PORT"; return 1
  else
    echo "stopped"; return 1
  fi
}

ensure() {
  if port_open "$PORT"; then echo "kafka already reachable on 127.0.0.1:$PORT"; return 0; fi
  start
  touch "$ENSURE_MARKER"   # CI: stop only if this marker exists (we started it)
}

logs() {
  [[ -f "$LOG_FILE" ]] || die "no log file at $LOG_FILE"
  tail -n "${1:-200}" "$LOG_FILE"
}

usage() { echo "usage: $0 fetch|start|stop|restart|status|logs [n]|ensure" >&2; }

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  logs) logs "${2:-200}" ;;
  ensure) ensure ;;
  -h|--help|help) usage ;;
  *) usage; exit 2 ;;
esac
