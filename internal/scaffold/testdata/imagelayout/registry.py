"""A local stand-in registry for an image-layout test.

usage: registry.py <model name> <alias>...   (run from the rendered project, PYTHONPATH=src,
MLOPS_TRACKING_BACKEND=local, MLOPS_TRACKING_DIR=<stand-in folder>)

Trains the project's model on its sample data with the project's own code
(ingest, train), registers it, and points every alias given at a version of it
(one version per alias), the way a training pipeline fills the real registry.
"""

import sys

from PACKAGE import ingest, register, train, tracking

name, aliases = sys.argv[1], sys.argv[2:]
ingest.ingest()
for alias in aliases:
    train.train()
    version = register.register(name=name, alias=alias, allow_missing_lineage=True)
    print(f"{name} version {version} -> {alias}")
print(tracking.get_alias_version(name, aliases[0]))
