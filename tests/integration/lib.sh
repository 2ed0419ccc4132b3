# lib.sh - helpers for the shell integration tests: temporary folders,
# assertions that count, and a closing line "N passed, N failed".
# Source it; set VEILLE_INDEX to the binary under test.

: "${VEILLE_INDEX:=bin/veille-index}"
VEILLE_INDEX=$(cd "$(dirname "$VEILLE_INDEX")" && pwd)/$(basename "$VEILLE_INDEX")
TOP=$(cd "$(dirname "$0")/../.." && pwd)
PASSED=0
FAILED=0
WORK=$(mktemp -d /tmp/veille-it-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

ok() { PASSED=$((PASSED + 1)); echo "ok - $1"; }
not_ok() { FAILED=$((FAILED + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/#   /'; }

# check NAME COMMAND...: passes when COMMAND exits 0.
check() {
    name=$1; shift
    if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}

# contains NAME FILE TEXT: passes when FILE holds TEXT (fixed string).
contains() {
    if grep -qF -- "$3" "$2"; then ok "$1"; else not_ok "$1" "expected '$3' in: $(head -c 2000 "$2")"; fi
}

lacks() {
    if grep -qF -- "$3" "$2"; then not_ok "$1" "unexpected '$3' in: $(head -c 2000 "$2")"; else ok "$1"; fi
}

# vi ARGS...: runs veille-index, output to $WORK/out, status in $STATUS.
vi() {
    "$VEILLE_INDEX" -q "$@" >"$WORK/out" 2>"$WORK/err"
    STATUS=$?
}

# get CURL-ARGS...: prints the HTTP status; the body goes to $WORK/body.
get() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }

# start_searchd BINARY CONFIG DB: starts the daemon on a free 127.0.0.1
# port; sets pid, port (empty on failure) and U (its base URL).  Killed
# if this script dies (setpriv --pdeathsig), so that none is left behind.
start_searchd() {
    port=""
    for try in 1 2 3 4 5 6 7 8; do
        p=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000))
        setpriv --pdeathsig KILL "$1" --config "$2" --db "$3" --listen "127.0.0.1:$p" \
            2> "$WORK/daemon.log" &
        pid=$!
        # until it answers (a loaded machine, an ASan build: seconds), or
        # exits (the port was taken: another one)
        i=0
        while [ $i -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
            if curl -s "http://127.0.0.1:$p/healthz" > /dev/null 2>&1; then port=$p; break; fi
            sleep 0.1; i=$((i + 1))
        done
        kill -0 "$pid" 2>/dev/null || port="" # another's daemon answered on that port
        [ -z "$port" ] || break
        kill "$pid" 2>/dev/null # alive but silent: not left behind
    done
    U="http://127.0.0.1:$port"
}

# start_tcpsrv DB [--writable]: stock xapian-tcpsrv serving DB on a free
# 127.0.0.1 port; sets tport (empty on failure) and tpid.  In a session of
# its own (setsid: when it stops on SIGTERM, it signals its whole process
# group, which would be this script's), and killed if this script dies
# (setpriv --pdeathsig); stop it with kill "$tpid".
start_tcpsrv() {
    tport=""
    for try in 1 2 3 4 5 6 7 8; do
        p=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000))
        setsid setpriv --pdeathsig KILL xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$p" \
            --idle-timeout 0 "$@" > /dev/null 2>> "$WORK/tcpsrv.log" &
        tpid=$!
        i=0
        while [ $i -lt 300 ] && kill -0 "$tpid" 2> /dev/null; do
            if python3 -c "import socket; socket.create_connection(('127.0.0.1', $p), 1).close()" \
                2> /dev/null; then tport=$p; break; fi
            sleep 0.1; i=$((i + 1))
        done
        kill -0 "$tpid" 2> /dev/null || tport="" # someone else's server on that port
        [ -z "$tport" ] || break
        kill "$tpid" 2> /dev/null
    done
}

# none_running TEXT: passes when no process's command line holds TEXT (a
# path of this test's own: never a program's name, which another
# checkout testing at the same time shares).  Prints the ones found.
none_running() {
    found=$(pgrep -af -- "$1" | grep -v -e "pgrep -af" -e "none_running")
    [ -z "$found" ] || { echo "$found"; return 1; }
}

# stop_searchd: SIGTERM to the daemon start_searchd started; passes when
# it exits 0 without a sanitizer report (leaks, errors) in its log.
stop_searchd() {
    kill "$pid" 2> /dev/null
    wait "$pid"
    st=$?
    check "the daemon stops cleanly (status $st)" test "$st" -eq 0
    lacks "... with no sanitizer report" "$WORK/daemon.log" "Sanitizer"
}

finish() {
    echo "$(basename "$0"): $PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
