#!/usr/bin/env bash
# Fuzz the API with schemathesis against a real uvicorn on a throwaway SQLite database.
#
# Run from the repository root after `make install-dev`. Fails if any operation
# answers with a 5xx. Tunables: SCHEMATHESIS_MAX_EXAMPLES (default 30),
# SCHEMATHESIS_SEED, SCHEMATHESIS_MAX_TIME (seconds, default 150).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
PY="$VENV/bin/python"
WORK=$(mktemp -d)
export SQLITE_PATH="$WORK/api.sqlite3"
export DJANGO_SETTINGS_MODULE=config.settings.dev
# DEBUG off, so a server error is a bare 500 (as in production), not a debug page.
export DEBUG=0
export SECRET_KEY="schemathesis-only-not-secret-0123456789-abcdefghijklmnop"
export LOG_LEVEL=WARNING

SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "== database ($SQLITE_PATH)"
"$PY" manage.py migrate --noinput -v 0
TOKEN=$("$PY" manage.py api_demo_token | tail -n 1)
case "$TOKEN" in
  rd_*) ;;
  *) echo "could not create an API token" >&2; exit 1 ;;
esac

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
echo "== uvicorn on 127.0.0.1:$PORT"
"$VENV/bin/uvicorn" config.asgi:application --host 127.0.0.1 --port "$PORT" \
  --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

ready=""
for _ in $(seq 1 60); do
  if "$PY" - "$PORT" <<'EOF' 2>/dev/null; then ready=1; break; fi
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/v1/openapi.json", timeout=60)
EOF
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "uvicorn exited:" >&2; cat "$WORK/server.log" >&2; exit 1
  fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "the server never answered /api/v1/openapi.json:" >&2; cat "$WORK/server.log" >&2; exit 1
fi

echo "== schemathesis"
status=0
# Run from the scratch directory: schemathesis keeps its cache in ./.schemathesis.
# One worker: with two, hypothesis' lambda-source cache races inside schemathesis itself.
# Token and user management are left out: a fuzzed id may revoke the run's own token or
# deactivate its user, and every later request would answer 401 (their tests are in the suite).
ST="$PWD/$VENV/bin/schemathesis"
(cd "$WORK" && "$ST" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --checks not_a_server_error \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-30}" \
  --max-time "${SCHEMATHESIS_MAX_TIME:-150}" \
  ${SCHEMATHESIS_SEED:+--seed "$SCHEMATHESIS_SEED"} \
  --workers 1 \
  --header "Authorization: Bearer $TOKEN" \
  --request-timeout 20 \
  --wait-for-schema 60 \
  --exclude-path-regex '/(tokens|users)(/|$)' \
  --no-color) || status=$?

if [ "$status" -ne 0 ]; then
  echo "== server log (last 80 lines)" >&2
  tail -n 80 "$WORK/server.log" >&2 || true
fi
exit "$status"
