"""Entry point of the package."""

# %% IMPORTS

from bikes import scripts

# %% MAIN

if __name__ == "__main__":
    scripts.main()
