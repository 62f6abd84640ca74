#!/usr/bin/env bash
# Runs every Quarkus native build step and checks what they produce, on a machine without GraalVM.
#
# quarkus-amazon-lambda refuses '-Dquarkus.native.sources-only=true' ("incompatible with the
# 'native-sources' package type"), so this runs the real native build instead. Without GraalVM/Mandrel
# or a container engine it stops at the very last step, NativeImageBuildStep, when it looks for
# native-image; every step before it has run and written the native-image source jar with its
# reflection, resource and proxy configuration. This script passes when the build stopped there and
# nowhere else, and the configuration registers the types Jackson binds. With GraalVM present
# (GRAALVM_HOME or native-image on the PATH) it is an ordinary native build and must succeed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
log="target/native-check.log"
mkdir -p target

./mvnw -B package -Dnative -DskipTests -Dquarkus.native.container-build=false >"$log" 2>&1
status=$?
if [ $status -eq 0 ]; then
  echo "[native-check] native build succeeded: target/function.zip holds the native bootstrap"
  exit 0
fi

errors=$(grep -E '^\[ERROR\][[:space:]]+\[error\]: Build step ' "$log" || true)
if [ -z "$errors" ] || [ "$(printf '%s\n' "$errors" | wc -l)" -ne 1 ] \
   || ! grep -q 'NativeImageBuildStep#build threw an exception' <<<"$errors" \
   || ! grep -qE 'Cannot find the `native-image`' "$log"; then
  echo "[native-check] FAILED: a native build step other than the final native-image call failed; see $log" >&2
  grep -E '^\[ERROR\]' "$log" | head -20 >&2
  exit 1
fi

jar=$(ls target/*-native-image-source-jar/*-runner.jar 2>/dev/null | head -1)
if [ -z "$jar" ]; then
  echo "[native-check] FAILED: no native-image source jar was written; see $log" >&2
  exit 1
fi
python3 - "$jar" <<'PY'
import json, re, sys, zipfile
from pathlib import Path
jar = zipfile.ZipFile(sys.argv[1])
reflect = {entry["name"] for entry in json.loads(jar.read("META-INF/native-image/reflect-config.json"))}
# every type the sources mark @RegisterForReflection (the ones Jackson binds): top level, or nested one level
required = []
for source in Path("src/main/java").rglob("*.java"):
    package = source.relative_to("src/main/java").parent.as_posix().replace("/", ".")
    text = source.read_text()
    for match in re.finditer(r"^( *)@RegisterForReflection\s*(?:@[\w.]+(?:\([^)]*\))?\s*)*"
                             r"(?:public |final |static |abstract )*(?:record|class) (\w+)", text, re.M):
        indent, name = match.group(1), match.group(2)
        required.append(f"{package}.{name}" if not indent else f"{package}.{source.stem}${name}")
missing = sorted(name for name in required if name not in reflect)
if len(required) < 10 or missing:
    sys.exit("[native-check] FAILED: not registered for reflection: " + (", ".join(missing) or "(none found)"))
resources = json.dumps(json.loads(jar.read("META-INF/native-image/resource-config.json")))
if "token-prices" not in resources:
    sys.exit("[native-check] FAILED: token-prices.csv is not in the native image's resources")
print(f"[native-check] every native build step ran; native-image itself is not installed here. "
      f"{len(reflect)} types registered for reflection, including all {len(required)} marked "
      f"@RegisterForReflection; token-prices.csv included.")
PY
