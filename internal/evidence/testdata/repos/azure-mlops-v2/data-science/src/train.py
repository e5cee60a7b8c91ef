# Relevant lines only.
import mlflow
import mlflow.sklearn
from azureml.core import Run
run = Run.get_context()

mlflow.sklearn.autolog()
lr_clf.fit(X_train, y_train)
run.log('Training accuracy', train_acc)
