# shellcheck shell=bash
# Finds a JDK 25 and exports JAVA_HOME and PATH (JDK 17 is this machine's default java).
#
#   source scripts/java25.sh      # in a bash script (e.g. .ci/run); returns 2 if none found
#   scripts/java25.sh             # run directly: prints the JDK 25 home, exits 2 if none found
#
# Order: $JAVA_HOME if its java reports version 25, else the first JDK 25 among
# /usr/lib/jvm/temurin-25* (glob overridable with SHMALLOC_JDK_GLOB, for tests).
# Written to be sourced under `set -euo pipefail` without changing the caller's options.

_shmalloc_is_jdk25() {
  local home="$1" line
  [[ -n "$home" && -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 1
  line="$("$home/bin/java" -version 2>&1 | head -n 1)" || return 1
  # e.g.: openjdk version "25.0.3" 2026-04-21 LTS   /   openjdk version "25" 2025-09-16
  [[ "$line" =~ version\ \"25([.+\"-]) ]]
}

_shmalloc_find_jdk25() {
  local candidate glob="${SHMALLOC_JDK_GLOB:-/usr/lib/jvm/temurin-25*}"
  if _shmalloc_is_jdk25 "${JAVA_HOME:-}"; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  # Unquoted on purpose: glob expansion. A pattern matching nothing stays literal and fails the test.
  for candidate in $glob; do
    if [[ -d "$candidate" ]] && _shmalloc_is_jdk25 "$candidate"; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  echo "JDK 25 not found: set JAVA_HOME to a JDK 25 or install Temurin 25 under /usr/lib/jvm" >&2
  return 2
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  # Executed, not sourced.
  _shmalloc_find_jdk25
  exit $?
fi

if _shmalloc_java25_home="$(_shmalloc_find_jdk25)"; then
  export JAVA_HOME="$_shmalloc_java25_home"
  export PATH="$JAVA_HOME/bin:$PATH"
  unset _shmalloc_java25_home
else
  unset _shmalloc_java25_home
  return 2
fi
