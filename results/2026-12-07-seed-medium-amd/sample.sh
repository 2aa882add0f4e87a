#!/bin/bash
# Appends one line a second to $1 until killed: the time (epoch seconds), the machine's CPU counters from /proc/stat
# (jiffies, 1/100 s: user nice system idle iowait irq softirq steal) and the running mariadbd's CPU (utime + stime, jiffies).
out=$1
while true; do
  t=$(date +%s.%N)
  c=$(head -1 /proc/stat | awk '{print $2,$3,$4,$5,$6,$7,$8,$9}')
  p=$(pgrep -x mariadbd | head -1)
  m=0; [ -n "$p" ] && m=$(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null)
  echo "$t $c $m" >> "$out"
  sleep 1
done
