namespace Perf.Load.Cli;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text = """
        Perf.Load — open-model HTTP load runner for the telemetry API (latency measured from the intended send time).

        usage:
          dotnet run -c Release --project load -- run       [target] [load] [scenarios] [thresholds] [output]
          dotnet run -c Release --project load -- check     [target] ...   (run with defaults: dashboard, 20/s for 20s)
          dotnet run -c Release --project load -- capacity  [target] [scenarios] [thresholds] [search]
          dotnet run -c Release --project load -- merge     RUN_DIR RUN_DIR... [--out DIR] [--threshold EXPR]...
          dotnet run -c Release --project load -- calibrate [--rate 500] [--duration 2s] [--connections 16] [--rounds 21] [--wrk wrk] [--url TESTSERVER_URL] [--no-pin]
          dotnet run -c Release --project load -- testserver [--stall-every 5s --stall-for 1s]

        target:
          --url URL                 API base URL; without it the real API is hosted in-process on 127.0.0.1 over the
                                    provisioned server (--mysql CS or PERF_MYSQL, else Testcontainers, else local
                                    mariadbd) reading the seeded database of --variant basic|composite|partitioned
                                    (default composite; --db-prefix telemetry; --redis HOST:PORT; --no-cache)
        load (one of):
          --rate N                  open model, N requests/s (default 10)
          --stages S                open model stages, e.g. "10:10s,10->200:60s,200:30s"
          --concurrency N           closed model with N workers (diagnostics only: it hides stalls)
          --duration D              measured duration (default 30s);  --warmup D  not counted (default 3s)
          --poisson                 exponential inter-arrival times instead of even spacing
          --timeout D (30s)  --graceful-stop D (5s)  --max-in-flight N (20000)  --seed N (1)
          --connections N           at most N requests on the wire (0 = unlimited, default); later arrivals wait,
                                    and the wait counts in the latency (like a browser's 6 connections per host)
          --client raw|httpclient   raw (default): minimal pooled HTTP/1.1 client; httpclient: .NET HttpClient
                                    (used for https URLs)
          --max-send-lag D (50ms)   run is INVALID when dispatch-lag p99 exceeds it; --min-rate-ratio R (0.95)
        scenarios:
          --scenario NAME[=WEIGHT]  repeatable: dashboard (default), trades, trades-walk, summary, metrics, health,
                                    healthz, get:/PATH
          --profiles 1-50  --hot-profiles 5  --hot-share 0.8  --cached-share 0.6  --anchor ISO8601  --page-size 100
                                    --scripts a,b (health scripts; with the in-process API all from the data)
        thresholds (k6-like; defaults p(95)<500, p(99)<1000, http_req_failed<0.001):
          --threshold EXPR          repeatable: "p(99)<800", "trades:p(95)<300", "http_req_failed<0.01",
                                    "http_req_duration{scenario:dashboard}:avg<200", "errors<0.5%"
          --no-default-thresholds
        output:
          --out DIR or --results DIR (default results/runs/STAMP-load-NAME)  --label TEXT  --no-html  --quiet
        capacity search:
          --start-rate N (10)  --step N (10)  --max-rate N (1000)  --step-duration D (20s)  --warmup D (3s)
        calibrate:
          its child testserver runs on the upper half of the CPUs, wrk and the runner on the rest (Linux, 2+ CPUs);
          --no-pin lets all three share every CPU

        exit codes: 0 pass, 99 thresholds failed, 110 invalid run (generator missed its schedule),
                    104 bad configuration, 1 internal error.
        """;
}
