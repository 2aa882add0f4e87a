#!/bin/bash
# usage: srv.sh [extra mariadbd args...]   starts the harness's local server by hand
H=/work/main/.perf/mysql
nohup /usr/sbin/mariadbd --no-defaults --datadir=$H/data --tmpdir=$H/tmp --socket=$H/mysqld.sock --pid-file=$H/mysqld.pid --log-error=$H/error.log --secure-file-priv=$H --port=44913 --bind-address=127.0.0.1 \
 --innodb-buffer-pool-size=2G --innodb-flush-log-at-trx-commit=2 --innodb-log-file-size=512M --skip-name-resolve --local-infile=1 --max-connections=500 --max-allowed-packet=256M --performance-schema=OFF --skip-log-bin --character-set-server=utf8mb4 --default-time-zone=+00:00 --innodb-buffer-pool-load-at-startup=OFF --innodb-buffer-pool-dump-at-shutdown=OFF --query-cache-type=0 --query-cache-size=0 --user=root "$@" >/dev/null 2>&1 &
for i in $(seq 60); do mariadb -S $H/mysqld.sock -uroot -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
mariadb -S $H/mysqld.sock -uroot -e 'select @@innodb_log_file_size, @@innodb_buffer_pool_size, @@innodb_doublewrite'
