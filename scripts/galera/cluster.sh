#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster as plain processes on one machine, for the cluster tests and benchmarks.
#
#   scripts/galera/cluster.sh start          # bootstrap node 1, join nodes 2 and 3 (full copy over rsync)
#   scripts/galera/cluster.sh status         # size and state of each node
#   scripts/galera/cluster.sh kill N         # kill -9 node N (a crash)
#   scripts/galera/cluster.sh restart N      # recover node N's position (--wsrep-recover), then rejoin (IST)
#   scripts/galera/cluster.sh stop           # stop every node
#   scripts/galera/cluster.sh urls           # the nodes' MySQL URLs, one a line
#
# Node N listens for SQL on 127.0.0.1:$((GALERA_PORT_BASE + N)) (33060 + N by default), for Galera on
# 45670 + N (replication), 45680 + N (incremental state transfer) and 45690 + N (rsync state transfer).
# Everything lives under GALERA_DIR (/tmp/jetway-galera by default), owned by `nobody`, which the
# servers run as (mariadbd refuses root, and the rsync state transfer needs the data directory to be
# the server user's).
set -euo pipefail

DIR="${GALERA_DIR:-/tmp/jetway-galera}"
PORT_BASE="${GALERA_PORT_BASE:-33060}"
PROVIDER="${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}"
NODES=3
RUN_AS=nobody

node_port() { echo $((PORT_BASE + $1)); }
cluster_address() { echo "gcomm://127.0.0.1:45671,127.0.0.1:45672,127.0.0.1:45673"; }

mysql_on() { mariadb --protocol=tcp -h 127.0.0.1 -P "$(node_port "$1")" -u root -N -B "${@:2}"; }

server_args() {
  local n=$1
  echo --no-defaults \
    --user="$RUN_AS" \
    --datadir="$DIR/node$n/data" \
    --socket="$DIR/node$n/mysqld.sock" \
    --pid-file="$DIR/node$n/mysqld.pid" \
    --log-error="$DIR/node$n/error.log" \
    --bind-address=127.0.0.1 \
    --port="$(node_port "$n")" \
    --skip-name-resolve \
    --max-connections=400 \
    --innodb-buffer-pool-size=256M \
    --innodb-flush-log-at-trx-commit=2 \
    --binlog-format=ROW \
    --innodb-autoinc-lock-mode=2 \
    --default-storage-engine=InnoDB \
    --wsrep-on=ON \
    --wsrep-provider="$PROVIDER" \
    --wsrep-cluster-name=jetway \
    --wsrep-cluster-address="$(cluster_address)" \
    --wsrep-node-name="node$n" \
    --wsrep-node-address="127.0.0.1:$((45670 + n))" \
    --wsrep-sst-method=rsync \
    --wsrep-sst-receive-address="127.0.0.1:$((45690 + n))" \
    "--wsrep-provider-options=base_port=$((45670 + n));gmcast.listen_addr=tcp://127.0.0.1:$((45670 + n));ist.recv_addr=127.0.0.1:$((45680 + n));gcache.size=256M" \
    --wsrep-slave-threads=2
}

wait_synced() {
  local n=$1 deadline=$((SECONDS + ${2:-120}))
  while ((SECONDS < deadline)); do
    local state
    state=$(mysql_on "$n" -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | awk '{print $2}') || true
    [ "$state" = "Synced" ] && return 0
    sleep 1
  done
  echo "node $n did not reach Synced; see $DIR/node$n/error.log" >&2
  tail -20 "$DIR/node$n/error.log" >&2 || true
  return 1
}

launch() {
  local n=$1
  shift
  # shellcheck disable=SC2046
  setsid mariadbd $(server_args "$n") "$@" >>"$DIR/node$n/stdout.log" 2>&1 < /dev/null &
  LAUNCHED_PID=$!
}

# Like wait_synced, but gives up as soon as the launched process has exited.
wait_synced_alive() {
  local n=$1 pid=$2 deadline=$((SECONDS + ${3:-300}))
  while ((SECONDS < deadline)); do
    local state
    state=$(mysql_on "$n" -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | awk '{print $2}') || true
    [ "$state" = "Synced" ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}

init_node() {
  local n=$1
  mkdir -p "$DIR/node$n"
  if [ ! -d "$DIR/node$n/data/mysql" ]; then
    mariadb-install-db --no-defaults --user="$RUN_AS" --datadir="$DIR/node$n/data" \
      --auth-root-authentication-method=normal --skip-test-db >"$DIR/node$n/install.log" 2>&1
  fi
  chown -R "$RUN_AS" "$DIR/node$n"
}

start() {
  mkdir -p "$DIR"
  chown "$RUN_AS" "$DIR"
  if mysql_on 1 -e 'SELECT 1' >/dev/null 2>&1; then
    echo "cluster already running"
    return 0
  fi
  # A test cluster starts empty: data left by an earlier cluster (stopped, or killed with the machine) has no
  # node marked safe to bootstrap from, and Galera then refuses to start the cluster at all.
  rm -rf "$DIR"/node1 "$DIR"/node2 "$DIR"/node3
  init_node 1
  launch 1 --wsrep-new-cluster
  wait_synced 1
  # root over TCP without a password, as on the single development server
  mysql_on 1 -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
    GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;" 2>/dev/null || true
  for n in 2 3; do
    mkdir -p "$DIR/node$n/data"
    chown -R "$RUN_AS" "$DIR/node$n"
    launch "$n"
    wait_synced "$n" 300
  done
  status
}

status() {
  for n in $(seq 1 $NODES); do
    if out=$(mysql_on "$n" -e "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
        WHERE VARIABLE_NAME IN ('WSREP_CLUSTER_SIZE','WSREP_LOCAL_STATE_COMMENT') ORDER BY VARIABLE_NAME" 2>/dev/null); then
      echo "node$n 127.0.0.1:$(node_port "$n") size=$(echo "$out" | sed -n 1p) state=$(echo "$out" | sed -n 2p)"
    else
      echo "node$n 127.0.0.1:$(node_port "$n") down"
    fi
  done
}

pid_of() { cat "$DIR/node$1/mysqld.pid" 2>/dev/null || true; }

kill_node() {
  local n=$1 pid
  pid=$(pid_of "$n")
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  rm -f "$DIR/node$n/mysqld.pid"
  sleep 1
}

restart_node() {
  local n=$1
  # Find the last committed position so the node catches up incrementally instead of a full copy.
  # shellcheck disable=SC2046
  mariadbd $(server_args "$n") --wsrep-recover >>"$DIR/node$n/stdout.log" 2>&1 || true
  local pos
  pos=$(grep -o 'Recovered position: [^ ]*' "$DIR/node$n/error.log" | tail -1 | awk '{print $3}')
  # A joiner aborts at once when its state-transfer helper cannot start (seen after kill -9: the rsync daemon's
  # port still taken for a moment); the same start a few seconds later succeeds, so try up to three times.
  local attempt
  for attempt in 1 2 3; do
    launch "$n" ${pos:+--wsrep-start-position="$pos"}
    wait_synced_alive "$n" "$LAUNCHED_PID" 300 && return 0
    echo "node $n exited before it was Synced (attempt $attempt); see $DIR/node$n/error.log" >&2
    pkill -f "rsync --daemon.*node$n/" 2>/dev/null || true
    sleep 3
  done
  wait_synced "$n" 5
}

stop() {
  for n in $(seq $NODES -1 1); do
    local pid
    pid=$(pid_of "$n")
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for n in $(seq 1 $NODES); do
    local pid deadline=$((SECONDS + 60))
    pid=$(pid_of "$n")
    while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  done
}

urls() { for n in $(seq 1 $NODES); do echo "mysql://root@127.0.0.1:$(node_port "$n")"; done; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  kill) kill_node "${2:?node number}" ;;
  restart) restart_node "${2:?node number}" ;;
  urls) urls ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
