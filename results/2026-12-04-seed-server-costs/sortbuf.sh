#!/bin/bash
# sortbuf.sh: restarts the server (srv.sh) with each innodb_sort_buffer_size in turn (read-only at run time), warms the
# table with a primary-key scan, and runs idx.sh with the sort files in /dev/shm
cd /work/main/.perf/mysql; mkdir -p /dev/shm/innotmp; chmod 1777 /dev/shm/innotmp
for sz in 4M 16M 1M 4M; do
  mariadb -S mysqld.sock -uroot -e "shutdown"; while pgrep -x mariadbd >/dev/null; do sleep 1; done
  bash /work/main/results/2026-12-04-seed-server-costs/srv.sh --innodb-sort-buffer-size=$sz >/dev/null
  mariadb -S mysqld.sock -uroot base_composite -e "select count(*) from dd_telemetry_metrics force index (primary)" >/dev/null
  echo "sort_buffer=$sz $(bash /work/main/results/2026-12-04-seed-server-costs/idx.sh /dev/shm/innotmp)  steal=$(awk '/^cpu /{print $9}' /proc/stat)"
done
