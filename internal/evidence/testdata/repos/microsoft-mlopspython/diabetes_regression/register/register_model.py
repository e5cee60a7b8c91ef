# Relevant lines only.
model = AMLModel.register(
    workspace=exp.workspace,
    model_name=model_name,
    model_path=model_path,
    tags=tagsValue,
    datasets=[('training data', Dataset.get_by_id(exp.workspace, dataset_id))])
