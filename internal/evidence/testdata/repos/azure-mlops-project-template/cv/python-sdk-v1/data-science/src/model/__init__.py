# Copyright (c) Microsoft Corporation. All rights reserved.
# Licensed under the MIT License.

from .dataset import CustomImageDataset
from .net import load_model
