-- wrk script for bench/front/run.py: random paths (seeded per thread) from the file in env URLS,
-- with the Accept header in env ACCEPT; done() prints requests/s, median and p99 ms, errors, bytes/answer
local paths = {}
local accept = os.getenv("ACCEPT") or "text/turtle"
for line in io.lines(os.getenv("URLS")) do
  local p = line:gsub("^https?://[^/]+", "")
  paths[#paths + 1] = p
end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  math.randomseed(1000 + id)
end
function request()
  return wrk.format("GET", paths[math.random(#paths)], {Accept = accept})
end
function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors,
      summary.requests > 0 and math.floor(summary.bytes / summary.requests) or 0))
end
