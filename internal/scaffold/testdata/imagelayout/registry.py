"""A local stand-in registry for the image-layout test.

usage: registry.py <model name> <alias>...   (run from the rendered project, PYTHONPATH=src,
MLOPS_TRACKING_BACKEND=local, MLOPS_TRACKING_DIR=<stand-in folder>)

Trains the project's model on its sample data with the project's own code
(ingest, train) and registers it once per alias given (a version per alias),
the way a training pipeline fills the real registry.
"""

import sys

from PACKAGE import ingest, register, train

name, aliases = sys.argv[1], sys.argv[2:]
ingest.ingest()
train.train()
for alias in aliases:
    version = register.register(name=name, alias=alias, allow_missing_lineage=True, allow_unchanged=True)
    print(f"{name} version {version} -> {alias}")
