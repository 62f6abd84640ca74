"""Reads PIT's mutations.csv and holds each package to its share of killed mutants.

usage: python3 bin/lib/pit_scores.py MUTATIONS_CSV PACKAGE=PERCENT[,PACKAGE...] ...
  e.g. pit_scores.py target/pit-reports/mutations.csv alert,budget=90 forecast=80
A group of packages joined by commas is judged together. Prints one line per group; exits 1 when a group is below its
share (or has no mutants), 2 when the arguments or the file are wrong.
"""
import csv
import sys

KILLED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR"}


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    groups = []
    for spec in argv[2:]:
        packages, _, percent = spec.partition("=")
        try:
            groups.append((packages.split(","), float(percent)))
        except ValueError:
            print(f"pit_scores: '{spec}' is not PACKAGE[,PACKAGE]=PERCENT", file=sys.stderr)
            return 2
    try:
        with open(argv[1], newline="") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        print(f"pit_scores: cannot read {argv[1]}: {e.strerror}", file=sys.stderr)
        return 2
    failed = False
    for packages, percent in groups:
        mine = [r for r in rows if r[1].split(".")[-2] in packages]
        killed = sum(1 for r in mine if r[5] in KILLED)
        share = 100.0 * killed / len(mine) if mine else 0.0
        ok = bool(mine) and share >= percent
        failed |= not ok
        print(f"[burnrate] mutation score {'+'.join(packages)}: {killed} of {len(mine)} mutants killed "
              f"({share:.0f}%), needs {percent:.0f}%: {'ok' if ok else 'BELOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
