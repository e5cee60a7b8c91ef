if __name__ == "__main__":
    raise ValueError(
        "MLOps project creation has been migrated to use Databricks CLI. "
        "Please refer to README.md for more information."
    )
