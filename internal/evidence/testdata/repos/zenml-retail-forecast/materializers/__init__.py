from .prophet_materializer import ProphetMaterializer

__all__ = ["ProphetMaterializer"]
