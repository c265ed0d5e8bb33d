#!/bin/bash
# CPU profiles of dip settle (built CLIs), OLD and NEW alternating, ROUNDS rounds: per run and thread, the sampled time
# that is not idle (the main thread: profile 0 of the process; workers: the others), with bench/profile-summary.ts.
# usage: bench/p10-main-prof.sh OLD_DIST NEW_DIST RECORDS HOSPITALS [ROUNDS] [EXTRA ARGS...]
set -u
old=$1; new=$2; rec=$3; hosp=$4; rounds=${5:-2}; shift 5 2>/dev/null || shift $#
extra=("$@")
tmp=/tmp/p10/mprof; mkdir -p $tmp
echo "load $(cat /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  for side in old new; do
    d=$old; [ $side = new ] && d=$new
    rm -rf $tmp/$side-$r; mkdir -p $tmp/$side-$r
    node --cpu-prof --cpu-prof-dir=$tmp/$side-$r "$d/cli.js" settle --policy examples/small/policy.json \
      --catalog fixtures/pingdingshan-2025-dip2/catalog.csv --stats fixtures/pingdingshan-2025-dip2/packet-stats.csv \
      --records "$rec" --hospitals "$hosp" --out $tmp/out "${extra[@]}" >/dev/null 2>&1
    for f in $(ls $tmp/$side-$r/*.cpuprofile | sort -t. -k5); do
      s=$(npx tsx bench/profile-summary.ts "$f" 0 2>/dev/null | awk '/sampled/{t=$(NF-2)} /\(idle\)/{i=$4} END{printf "%.2f s busy of %.2f s", t-i, t}')
      echo "round $r $side $(basename $f | cut -d. -f5): $s"
    done
  done
done
echo "load $(cat /proc/loadavg)"
