from .main import sandbox_run


if __name__ == "__main__":
    sandbox_run()
