# Relevant lines only.
from azureml.core.run import Run

run = Run.get_context()
for (k, v) in train_args.items():
    run.log(k, v)
