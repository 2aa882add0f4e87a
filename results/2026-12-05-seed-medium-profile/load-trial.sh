#!/bin/bash
# load-trial.sh DIR NAME : runs the medium seed from checkout DIR until its load phase ends; prints the load time
cd "$1"
start=$(date +%s.%N)
timeout 110 dotnet run -c Release --no-build --project seed -- --preset medium --prefix base --reset --mysql-datadir /work/main/.perf/mysql 2>&1 | while IFS= read -r line; do
  case "$line" in
    *"loading base_basic: 12,116,768/12,116,768"*) echo "$2 load done at $(echo "$(date +%s.%N) - $start" | bc) s"; pkill -f "Perf.Seed" ;;
  esac
done
sleep 3
pgrep -x mariadbd >/dev/null && { mariadb -S /work/main/.perf/mysql/mysqld.sock -uroot -e shutdown 2>/dev/null; sleep 3; }
