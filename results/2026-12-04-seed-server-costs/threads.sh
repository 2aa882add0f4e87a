#!/bin/bash
# threads.sh CMD... : runs CMD and prints the mariadbd CPU seconds of each thread (by id) that used over 0.3 s during it
p=$(pgrep -x mariadbd); hz=$(getconf CLK_TCK)
snap() { for t in /proc/$p/task/*; do n=$(cat $t/comm); awk -v hz=$hz -v n="$n" -v id=${t##*/} '{print id, n, ($14+$15)/hz}' $t/stat 2>/dev/null; done; }
snap > /tmp/threads.t0; "$@"; snap > /tmp/threads.t1
join <(sort /tmp/threads.t0) <(sort /tmp/threads.t1) | awk '{d=$NF-$3; if (d>0.3) a[$1]+=d} END {for (k in a) printf "%-20s %.1f\n", k, a[k]}' | sort -k2 -nr
