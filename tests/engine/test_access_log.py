"""The access log: logging records in-process, lines written straight to a stream by serve."""

from __future__ import annotations

import io
import logging
import re

import pytest

from session_inspector.engine.access_log import AccessLog, ApiAccessLog, StreamAccessLog

LINE = re.compile(
    r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO session_inspector\.engine\.access: "
    r"GET /gks-server/v1/sessions/abc 200 0\.25 ms session abc\n"
)


def test_access_log_writes_record(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, "session_inspector.engine.access")

    AccessLog().write("GET", "/gks-server/v1/sessions/abc", 200, 0.25, "abc")

    assert [record.name for record in caplog.records] == ["session_inspector.engine.access"]
    assert (
        caplog.records[0].getMessage() == "GET /gks-server/v1/sessions/abc 200 0.25 ms session abc"
    )


def test_stream_log_outside_loop_writes_at_once() -> None:
    stream = io.StringIO()

    StreamAccessLog(stream).write("GET", "/gks-server/v1/sessions/abc", 200, 0.25, "abc")

    assert LINE.fullmatch(stream.getvalue())


@pytest.mark.anyio
async def test_stream_log_in_loop_batches_lines() -> None:
    stream = io.StringIO()
    access_log = StreamAccessLog(stream)

    access_log.write("GET", "/gks-server/v1/sessions/abc", 200, 0.25, "abc")
    access_log.write("GET", "/gks-server/v1/sessions/abc", 200, 0.25, "abc")
    before_flush = stream.getvalue()
    access_log.flush()

    assert before_flush == ""
    lines = stream.getvalue().splitlines(keepends=True)
    assert len(lines) == 2
    assert all(LINE.fullmatch(line) for line in lines)


def test_api_access_log_skips_engine_endpoints(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, "session_inspector.engine.access")
    log = ApiAccessLog()

    log.write("GET", "/_engine/sessions?limit=100", 200, 0.1, "-")
    log.write("GET", "/gks-server/v1/sessions/abc", 200, 0.25, "abc")

    assert [record.getMessage() for record in caplog.records] == [
        "GET /gks-server/v1/sessions/abc 200 0.25 ms session abc"
    ]
