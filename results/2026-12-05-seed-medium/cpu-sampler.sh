#!/bin/bash
# samples cumulative CPU seconds (utime+stime) of mariadbd and the seed process every 5 s
hz=$(getconf CLK_TCK)
while true; do
  t=$(date +%s)
  m=$(pgrep -x mariadbd | head -1); s=$(pgrep -f "Perf.Seed" | head -1)
  mc=$( [ -n "$m" ] && awk -v hz=$hz '{print ($14+$15)/hz}' /proc/$m/stat 2>/dev/null)
  sc=$( [ -n "$s" ] && awk -v hz=$hz '{print ($14+$15)/hz}' /proc/$s/stat 2>/dev/null)
  echo "$t ${mc:-0} ${sc:-0}"
  sleep 5
done
