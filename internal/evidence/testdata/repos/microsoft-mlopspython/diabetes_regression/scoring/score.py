# Relevant lines only.
import joblib
from inference_schema.schema_decorators \
    import input_schema, output_schema


def init():
    global model
    model = joblib.load(model_path)


@input_schema('data', NumpyParameterType(input_sample))
@output_schema(NumpyParameterType(output_sample))
def run(data, request_headers):
    result = model.predict(data)
    return {"result": result.tolist()}
