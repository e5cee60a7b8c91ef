# Relevant lines only.
production_model_mse = production_model_run.get_metrics().get(metric_eval)
new_model_mse = new_model_run.get_metrics().get(metric_eval)
if (new_model_mse < production_model_mse):
    print("New trained model performs better, thus it should be registered")
else:
    if((e.override_cancellation).lower() == 'false'):
        run.parent.cancel()
