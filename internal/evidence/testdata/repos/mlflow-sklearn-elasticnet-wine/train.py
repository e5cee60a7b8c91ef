# Relevant lines only.
import mlflow
import mlflow.sklearn
from sklearn.linear_model import ElasticNet

with mlflow.start_run():
    lr = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, random_state=42)
    lr.fit(train_x, train_y)
    mlflow.log_param("alpha", alpha)
    mlflow.log_metric("rmse", rmse)
    mlflow.sklearn.log_model(lr, "model", registered_model_name="ElasticnetWineModel")
