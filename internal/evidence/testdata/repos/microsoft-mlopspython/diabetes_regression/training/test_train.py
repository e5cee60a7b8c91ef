# Relevant lines only.
from diabetes_regression.training.train import train_model


def test_train_model():
    reg = train_model(run, data, alpha=1.2)
    preds = reg.predict([[1], [2]])
    np.testing.assert_equal(preds, [9.93939393939394, 9.03030303030303])
