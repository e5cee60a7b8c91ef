from .custom_train_job import custom_train_job
from .import_model_evaluation import import_model_evaluation
from .lookup_model import lookup_model
from .model_batch_predict import model_batch_predict
from .update_best_model import update_best_model


__version__ = "0.0.1"
__all__ = [
    "custom_train_job",
    "import_model_evaluation",
    "lookup_model",
    "model_batch_predict",
    "update_best_model",
]
