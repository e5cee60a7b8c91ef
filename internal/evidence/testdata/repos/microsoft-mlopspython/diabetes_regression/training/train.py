# Relevant lines only.
from sklearn.linear_model import Ridge


def train_model(run, data, alpha):
    run.log("alpha", alpha)
    reg = Ridge(alpha=alpha)
    reg.fit(data["train"]["X"], data["train"]["y"])
    return reg
