-- wrk script: every request records one answer in an open mock exam, cycling through many learners' sessions.
-- MLCERT_LOAD_LINES names a file of lines "TOKEN SESSION POSITION LETTERS" (letters comma-separated), written by
-- load.py (MLCERT_LOAD_THREADS: wrk's -t); each thread takes its own sessions. MLCERT_LOAD_DELAY_MS pauses each connection between
-- requests (the soak's steady rate). At the end one JSON line sums the run: acknowledged answers (200) per second,
-- latency percentiles, and every other status counted as an error (409s, two connections answering one session at
-- the same moment, are also counted apart).
local lines = {}
local threads = {}
local counter = 0

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

function init(args)
   local path = os.getenv("MLCERT_LOAD_LINES")
   -- Each thread takes its own sessions (the k-th session seen goes to thread k mod threads), so two threads never
   -- answer one session at the same moment; within a thread, consecutive lines are different sessions.
   -- wrk calls a thread's init before it sets up the next thread, so the count comes from load.py.
   local thread_count = tonumber(os.getenv("MLCERT_LOAD_THREADS") or "1")
   local session_number = {}
   local sessions_seen = 0
   for line in io.lines(path) do
      local token, session, position, letters = line:match("^(%S+) (%S+) (%d+) (%S+)$")
      if session_number[session] == nil then
         session_number[session] = sessions_seen
         sessions_seen = sessions_seen + 1
      end
      if session_number[session] % thread_count == id then
         local quoted = {}
         for letter in letters:gmatch("[^,]+") do table.insert(quoted, '"' .. letter .. '"') end
         table.insert(lines, {
            path = "/api/v1/sessions/" .. session .. "/answers",
            headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
            body = '{"position": ' .. position .. ', "choices": [' .. table.concat(quoted, ", ") .. ']}',
         })
      end
   end
   next_index = 1
   delay_ms = tonumber(os.getenv("MLCERT_LOAD_DELAY_MS") or "0")
   acknowledged = 0
   conflicts = 0
   other = 0
end

function request()
   local entry = lines[next_index]
   next_index = next_index % #lines + 1
   return wrk.format("POST", entry.path, entry.headers, entry.body)
end

function response(status, headers, body)
   if status == 200 then acknowledged = acknowledged + 1
   elseif status == 409 then conflicts = conflicts + 1
   else other = other + 1 end
end

function delay()
   return delay_ms
end

function done(summary, latency, requests)
   local acked, others, conflicted = 0, 0, 0
   for _, thread in ipairs(threads) do
      acked = acked + thread:get("acknowledged")
      others = others + thread:get("other")
      conflicted = conflicted + thread:get("conflicts")
   end
   local seconds = summary.duration / 1e6
   local errors = others + conflicted + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
   io.write(string.format(
      '{"acknowledged": %d, "acknowledged_per_second": %.1f, "errors": %d, "conflicts_409": %d, "p50_ms": %.2f, "p90_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "requests": %d, "duration_s": %.2f}\n',
      acked, acked / seconds, errors, conflicted, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, summary.requests, seconds))
end
