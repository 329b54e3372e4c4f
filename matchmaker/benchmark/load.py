"""Driving wrk: a Lua script per scenario, one connection per wrk thread.

With as many threads as connections each thread has one connection, so its ``request`` and
``response`` calls alternate strictly and every answer can be matched to the call that asked
for it. Each thread loads only its own share of the calls (a data file per thread), times each
call with a monotonic clock (LuaJIT's FFI) and writes one line per answer: label, status,
microseconds, the write's index, and for writes the ``Set-Cookie`` (the flashed message tells a
refusal from a success). Reads cycle over the thread's calls; writes are sent once.
"""

from __future__ import annotations

import json
import math
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from matchmaker.benchmark.scenarios import Call, Scenario

WRK = "/usr/bin/wrk"

LUA_MAIN = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

local DATA = @DATA@
local OUT = @OUT@
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local calls, cookies
results = {}  -- a global: done() reads it with thread:get
local index, started, current = 0, 0, nil
local reads_only = false

function init(args)
  local chunk = dofile(DATA .. "." .. tid .. ".lua")
  calls, cookies = chunk.calls, chunk.cookies
  results = {}
end

function request()
  local n = #calls
  while true do
    index = index + 1
    if index > n then index = 1; reads_only = true end
    current = calls[index]
    if not (reads_only and current.w) then break end
    if n == 0 then break end
  end
  local headers = {}
  if current.u then headers["Cookie"] = cookies[current.u] end
  local body = nil
  if current.m == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    body = current.b
  end
  started = now_us()
  return wrk.format(current.m, current.p, headers, body)
end

function response(status, headers, body)
  local elapsed = now_us() - started
  local line = current.l .. "\t" .. status .. "\t" .. string.format("%d", elapsed)
  if current.w then
    line = line .. "\t" .. current.w .. "\t" .. (headers["Set-Cookie"] or "")
  end
  table.insert(results, line)
end

function done(summary, latency, requests)
  local f = io.open(OUT, "w")
  for _, thread in ipairs(threads) do
    local lines = thread:get("results")
    for _, line in ipairs(lines) do f:write(line, "\n") end
  end
  f:close()
  local s = io.open(OUT .. ".summary", "w")
  s:write(string.format(
    '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout))
  s:close()
end
"""


def _lua_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid Lua string here


@dataclass
class LabelFigures:
    label: str
    count: int
    errors: int  # 4xx/5xx answers and socket errors
    latencies_ms: list[float] = field(repr=False, default_factory=list)

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return math.nan
        ordered = sorted(self.latencies_ms)
        rank = max(0, math.ceil(p / 100 * len(ordered)) - 1)
        return ordered[rank]


@dataclass
class RunFigures:
    scenario: str
    seconds: float
    requests: int
    socket_errors: int
    by_label: dict[str, LabelFigures]
    writes: list[tuple[Call, int, str]]  # (call, status, Set-Cookie)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def overall(self) -> LabelFigures:
        merged = LabelFigures("all", 0, self.socket_errors)
        for figures in self.by_label.values():
            merged.count += figures.count
            merged.errors += figures.errors
            merged.latencies_ms.extend(figures.latencies_ms)
        return merged


def run_wrk(
    base_url: str, scenario: Scenario, connections: int, seconds: int, timeout_s: int = 10
) -> RunFigures:
    workdir = Path(tempfile.mkdtemp(prefix="bench-web-"))
    data, out = workdir / "calls", workdir / "results.tsv"
    write_calls = _write_thread_data(scenario.calls, connections, data)
    script = workdir / "scenario.lua"
    script.write_text(
        LUA_MAIN.replace("@DATA@", _lua_string(str(data))).replace("@OUT@", _lua_string(str(out))),
        encoding="utf-8",
    )
    subprocess.run(
        [
            WRK,
            f"-t{connections}",
            f"-c{connections}",
            f"-d{seconds}s",
            f"--timeout={timeout_s}s",
            "-s",
            str(script),
            base_url,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    summary = json.loads((workdir / "results.tsv.summary").read_text())
    by_label: dict[str, LabelFigures] = {}
    writes: list[tuple[Call, int, str]] = []
    for line in out.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        label, status, micros = parts[0], int(parts[1]), float(parts[2])
        figures = by_label.setdefault(label, LabelFigures(label, 0, 0))
        figures.count += 1
        figures.errors += status >= 400
        figures.latencies_ms.append(micros / 1000)
        if len(parts) > 3:
            writes.append((write_calls[int(parts[3])], status, parts[4] if len(parts) > 4 else ""))
    socket_errors = sum(summary[k] for k in ("connect", "read", "write", "timeout"))
    return RunFigures(
        scenario.name,
        summary["duration_us"] / 1e6,
        summary["requests"],
        socket_errors,
        by_label,
        writes,
    )


def _write_thread_data(calls: list[Call], threads: int, data: Path) -> dict[int, Call]:
    """One Lua data file per wrk thread with its share of the calls; returns write index →
    call."""
    write_calls: dict[int, Call] = {}
    shares: dict[int, list[int]] = defaultdict(list)
    for position, _call in enumerate(calls):
        shares[position % threads].append(position)
    for thread in range(threads):
        cookie_ids: dict[str, int] = {}
        entries = []
        for position in shares[thread] or [thread % len(calls)]:  # fewer calls than threads
            call = calls[position]
            fields = [f"l={_lua_string(call.label)}", f"m={_lua_string(call.method)}"]
            fields.append(f"p={_lua_string(call.path)}")
            if call.session is not None:
                cookie = call.session.cookie
                cookie_ids.setdefault(cookie, len(cookie_ids) + 1)
                fields.append(f"u={cookie_ids[cookie]}")
            if call.method == "POST":
                fields.append(f"b={_lua_string(call.body)}")
            if call.write:
                write_calls[position] = call
                fields.append(f"w={position}")
            entries.append("{" + ", ".join(fields) + "}")
        cookies = ", ".join(_lua_string(c) for c in cookie_ids)
        Path(f"{data}.{thread}.lua").write_text(
            "return {calls = {\n" + ",\n".join(entries) + "\n}, cookies = {" + cookies + "}}\n",
            encoding="utf-8",
        )
    return write_calls
