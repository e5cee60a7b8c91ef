from .bq_query_to_table import bq_query_to_table
from .extract_bq_to_dataset import extract_bq_to_dataset


__version__ = "0.0.1"
__all__ = [
    "bq_query_to_table",
    "extract_bq_to_dataset",
]
