-- wrk script for deploy/bench/reads.sh: counts answers whose status is not the one expected (the first argument
-- after "--", default 200), so that a read meant to answer 404 is checked as strictly as one meant to answer 200,
-- and says which statuses they were.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  expected = tonumber(args[1] or "200")
  unexpected = 0
  seen = {}
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
    seen[status] = (seen[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local n, by = 0, {}
  for _, thread in ipairs(threads) do
    n = n + thread:get("unexpected")
    for status, count in pairs(thread:get("seen")) do
      by[status] = (by[status] or 0) + count
    end
  end
  io.write(string.format("Unexpected status: %d\n", n))
  for status, count in pairs(by) do
    io.write(string.format("Unexpected %d: %d\n", status, count))
  end
end
