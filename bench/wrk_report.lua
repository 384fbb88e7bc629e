-- wrk script for bench/site.py: print the run's figures as one line of JSON.
--
-- No response() callback on purpose: with one, wrk copies every body into Lua,
-- which costs more than the pages themselves when they are large (a sitemap).
-- errors.status counts the answers of 400 and above; bench/site.py checks
-- that each page answers 200, not a redirect, before and after the load.

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      '{"requests": %d, "duration_us": %d, "bytes": %d, ' ..
      '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
      '"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency.max,
      errors.connect, errors.read, errors.write, errors.timeout, errors.status
   ))
end
