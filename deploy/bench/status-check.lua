-- wrk script for deploy/bench/reads.sh: counts answers whose status is not the one expected (the first argument
-- after "--", default 200), so that a read meant to answer 404 is checked as strictly as one meant to answer 200.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  expected = tonumber(args[1] or "200")
  unexpected = 0
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do
    n = n + thread:get("unexpected")
  end
  io.write(string.format("Unexpected status: %d\n", n))
end
