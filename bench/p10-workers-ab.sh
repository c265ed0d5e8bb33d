#!/bin/bash
# Interleaved A/B of dip settle, built CLIs: one thread, --workers 1 and --workers 2, ROUNDS rounds (default 3), old and
# new alternating within each round; prints wall and user+sys CPU seconds (GNU time) and checks every output against
# the first one-thread output of OLD (byte identity, summary.json without wallTimeMs).
# usage: bench/p10-workers-ab.sh OLD_DIST NEW_DIST RECORDS HOSPITALS [ROUNDS] [MODES]
#   build the dists with bench/p10-build.sh (e.g. old: git worktree add -f /tmp/p10old 7b27ed9; bench/p10-build.sh /tmp/p10/old /tmp/p10old)
set -u
old=$1; new=$2; rec=$3; hosp=$4; rounds=${5:-3}; modes=${6:-"0 1 2"}
tmp=/tmp/p10/ab; rm -rf $tmp; mkdir -p $tmp
run() { # dist mode outdir
  local w=(); [ "$2" != 0 ] && w=(--workers "$2")
  /usr/bin/time -f "%e %U %S" -o $tmp/time node "$1/cli.js" settle --policy examples/small/policy.json \
    --catalog fixtures/pingdingshan-2025-dip2/catalog.csv --stats fixtures/pingdingshan-2025-dip2/packet-stats.csv \
    --records "$rec" --hospitals "$hosp" --out "$3" "${w[@]}" >/dev/null 2>&1
  read -r e u s < <(tail -1 $tmp/time); echo "$e $(echo "$u + $s" | bc)"
}
same() { # dir ref
  for f in cases.csv hospitals.csv issues.csv; do cmp -s "$1/$f" "$2/$f" || { echo "DIFFERS $f"; return; }; done
  diff -q <(grep -v wallTimeMs "$1/summary.json") <(grep -v wallTimeMs "$2/summary.json") >/dev/null || { echo "DIFFERS summary"; return; }
  echo same
}
echo "load $(cat /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  for m in $modes; do
    for side in old new; do
      d=$old; [ $side = new ] && d=$new
      o=$tmp/$side-$m-$r; t=$(run "$d" "$m" "$o")
      [ -d $tmp/ref ] || cp -r "$o" $tmp/ref
      echo "round $r workers $m $side: wall/cpu $t $(same "$o" $tmp/ref)"
      rm -rf "$o"
    done
  done
done
echo "load $(cat /proc/loadavg)"
