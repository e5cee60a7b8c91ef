# Relevant lines only.
from azureml.pipeline.steps import PythonScriptStep
from azureml.core import Workspace, Environment

train_step = PythonScriptStep(
    name="Train Model",
    script_name=e.train_script_path,
    compute_target=aml_compute,
)
