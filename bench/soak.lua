-- A mix of feeds, pages and conditional requests; counts what no client should ever get.
local paths = {
  "/zh/oewg-ict-s2/all.ics", "/en/oewg-ict-s2/all.ics", "/zh/oewg-ict-s2/day/2022-03-28.ics",
  "/en/oewg-ict-s2/item/5d.ics", "/zh/oewg-ict-s2/event/mar31-pm.ics",
  "/en/oewg-ict-s2/programme.json", "/zh/oewg-ict-s2/", "/en/oewg-ict-s2/embed",
}
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad_status = 0
  incomplete = 0
  seen = 0
end

request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if counter % 3 == 0 then
    -- A poller's conditional request, with a tag that may or may not still be current.
    return wrk.format("GET", path, { ["If-None-Match"] = '"stale"' })
  end
  return wrk.format("GET", path)
end

response = function(status, headers, body)
  seen = seen + 1
  if status ~= 200 and status ~= 304 then
    bad_status = bad_status + 1
  elseif status == 200 and headers["Content-Type"] and
         string.find(headers["Content-Type"], "text/calendar", 1, true) then
    if string.sub(body, 1, 17) ~= "BEGIN:VCALENDAR\r\n" or
       string.sub(body, -15) ~= "END:VCALENDAR\r\n" then
      incomplete = incomplete + 1
    end
  end
end

done = function(summary, latency, requests)
  local bad, partial, total = 0, 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("bad_status")
    partial = partial + thread:get("incomplete")
    total = total + thread:get("seen")
  end
  local e = summary.errors
  io.write(string.format(
    "SOAK requests=%d bad=%d incomplete=%d p99_ms=%.2f errors=%d connect=%d read=%d write=%d timeout=%d\n",
    total, bad, partial, latency:percentile(99) / 1000.0,
    e.connect + e.read + e.write + e.status + e.timeout, e.connect, e.read, e.write, e.timeout))
end
