"""Stand-in for azure-monitor-opentelemetry (not installable in the test environment):
records the configuration call in $OTEL_STUB_RECORD."""

import json
import os


def configure_azure_monitor(connection_string=None, **kwargs):
    if not connection_string or "InstrumentationKey=" not in connection_string:
        raise ValueError("invalid connection string")
    with open(os.environ["OTEL_STUB_RECORD"], "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"kind": "configure", "name": "azure_monitor"}) + "\n")
