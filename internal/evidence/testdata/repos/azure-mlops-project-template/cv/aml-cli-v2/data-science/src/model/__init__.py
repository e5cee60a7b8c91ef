from .model_loader import MODEL_ARCH_LIST, get_model_metadata, load_model
