"""Stand-in for the opentelemetry metrics API (not installable in the test environment).

It records the name of every instrument created, and every observation of the
observable gauges when the meter provider is flushed, one JSON line each, in
the file named by $OTEL_STUB_RECORD: what the real SDK would export.
"""

import json
import os


def _record(kind, name, value=None, attributes=None):
    with open(os.environ["OTEL_STUB_RECORD"], "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"kind": kind, "name": name, "value": value, "attributes": attributes}) + "\n")


class Observation:
    def __init__(self, value, attributes=None):
        self.value = value
        self.attributes = attributes or {}


class _Instrument:
    def __init__(self, name):
        self.name = name

    def add(self, value, attributes=None):
        _record("add", self.name, value, attributes)

    def record(self, value, attributes=None):
        _record("record", self.name, value, attributes)


_GAUGES = []


class _Meter:
    def create_counter(self, name, unit="", description=""):
        _record("instrument", name)
        return _Instrument(name)

    def create_histogram(self, name, unit="", description=""):
        _record("instrument", name)
        return _Instrument(name)

    def create_observable_gauge(self, name, callbacks=None, unit="", description=""):
        _record("instrument", name)
        _GAUGES.append((name, list(callbacks or [])))
        return _Instrument(name)


class _Provider:
    def force_flush(self, timeout_millis=None):
        for name, callbacks in _GAUGES:
            for callback in callbacks:
                for observation in callback(None):
                    _record("observe", name, observation.value, observation.attributes)
        return True


def get_meter(name, *args, **kwargs):
    return _Meter()


def get_meter_provider():
    return _Provider()
