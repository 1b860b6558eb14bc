#!/usr/bin/env bash
# Measures how long Open Liberty's `server stop` takes with open SSE streams on the embedded hub, once with
# the default configuration and once with a short HTTP chain quiesce (README, Operations: shutdown).
# Needs the runtime the integration tests unpacked (mvn -f reactor.xml verify -pl pom.xml,test-support,liberty-it)
# and curl. Usage: [MEASURE=default|chain] liberty-it/measure-stop-time.sh [port] [streams]   (default 19681, 3 streams)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
wlp="$here/target/liberty/wlp"
port="${1:-19681}"
streams="${2:-3}"
server=opsStopTime
[ -x "$wlp/bin/server" ] || { echo "no Liberty runtime at $wlp: run the liberty-it build first" >&2; exit 1; }
jar="$(ls "$here"/../target/mercure-jakarta-*.jar | grep -v -e sources -e javadoc | head -1)"
m2="${HOME}/.m2/repository"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# the war: the library and its runtime jars, an empty @ApplicationPath("/") application, beans.xml
mkdir -p "$work/war/WEB-INF/lib" "$work/war/WEB-INF/classes/io/github/mercurejakarta/it/app"
cp "$here/target/test-classes/io/github/mercurejakarta/it/app/TestApplication.class" \
   "$work/war/WEB-INF/classes/io/github/mercurejakarta/it/app/"
cp "$jar" "$work/war/WEB-INF/lib/mercure-jakarta.jar"
cp "$m2"/org/bitbucket/b_c/jose4j/0.9.7/jose4j-0.9.7.jar "$m2"/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
   "$m2"/com/google/re2j/re2j/1.8/re2j-1.8.jar "$work/war/WEB-INF/lib/"
printf '<beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>\n' \
   > "$work/war/WEB-INF/beans.xml"
(cd "$work/war" && jar cf "$work/stop.war" .)

measure() { # $1: label, $2: extra server.xml element
  rm -rf "$wlp/usr/servers/$server"
  "$wlp/bin/server" create "$server" >/dev/null
  cp "$work/stop.war" "$wlp/usr/servers/$server/apps/"
  cat > "$wlp/usr/servers/$server/server.xml" <<XML
<server>
  <featureManager>
    <feature>restfulWS-3.1</feature><feature>cdi-4.0</feature><feature>jsonb-3.0</feature>
    <feature>mpConfig-3.1</feature><feature>servlet-6.0</feature>
  </featureManager>
  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="$port" httpsPort="-1"/>
  <webApplication location="stop.war" contextRoot="/stop"/>
  $2
</server>
XML
  "$wlp/bin/server" start "$server" >/dev/null
  local url="http://127.0.0.1:$port/stop/.well-known/mercure?topic=https%3A%2F%2Fexample.com%2Fstop"
  for _ in $(seq 60); do curl -s -o /dev/null -m 1 "$url" -w '%{http_code}' | grep -q 200 && break; sleep 1; done
  local pids=()
  for i in $(seq "$streams"); do
    curl -sN "$url" > "$work/stream$i.txt" 2>/dev/null & pids+=($!)
  done
  sleep 2
  local t0 t1
  t0=$(date +%s%N)
  "$wlp/bin/server" stop "$server" >/dev/null
  t1=$(date +%s%N)
  local ended=0
  for p in "${pids[@]}"; do
    if ! kill -0 "$p" 2>/dev/null; then ended=$((ended + 1)); else kill "$p" 2>/dev/null || true; fi
  done
  echo "$1: server stop with $streams open streams took $(( (t1 - t0) / 1000000 )) ms; streams ended by the server: $ended/$streams"
  grep -h 'CWWKE1100I\|CWWKE1101I\|CWWKE1102W\|CWWKE1107W\|MERCURE0002I\|CWWKE0036I' "$wlp/usr/servers/$server/logs/messages.log" | sed 's/^/    /' || true
  rm -rf "$wlp/usr/servers/$server"
}

# MEASURE=chain (or default) runs one of the two
[ "${MEASURE:-both}" = chain ] || measure "default configuration" ""
[ "${MEASURE:-both}" = default ] || measure "chainQuiesceTimeout=2s" '<channelfw chainQuiesceTimeout="2s"/>'
