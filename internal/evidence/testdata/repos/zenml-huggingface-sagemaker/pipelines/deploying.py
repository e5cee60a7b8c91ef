# Apache Software License 2.0
#
# Copyright (c) ZenML GmbH 2023. All rights reserved.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
# http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
#


from steps import (
    deploy_hf_to_sagemaker,
    notify_on_failure,
    notify_on_success,
)
from zenml import pipeline
from zenml.client import Client
from zenml.logger import get_logger

logger = get_logger(__name__)

# Get experiment tracker
orchestrator = Client().active_stack.orchestrator


@pipeline(
    on_failure=notify_on_failure,
)
def sentinment_analysis_deploy_pipeline():
    """
    Model deployment pipeline.

    This pipelines deploys latest model on mlflow registry that matches
    the given stage, to one of the supported deployment targets.

    Args:
        repo_name: Name of the repository to deploy to HuggingFace Hub.
    """
    # Link all the steps together by calling them and passing the output
    # of one step as the input of the next step.

    ########## Deploy to HuggingFace ##########
    deploy_hf_to_sagemaker()
    last_step_name = "deploy_hf_to_sagemaker"

    notify_on_success(after=[last_step_name])
    ### YOUR CODE ENDS HERE ###
