package scaffold_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// mlmodel is the part of MLflow's MLmodel file the registry relies on.
type mlmodel struct {
	ArtifactPath string `yaml:"artifact_path"`
	Flavors      struct {
		PythonFunction struct {
			LoaderModule string `yaml:"loader_module"`
			Data         string `yaml:"data"`
			Code         string `yaml:"code"`
			Env          struct {
				Virtualenv string `yaml:"virtualenv"`
			} `yaml:"env"`
			PythonVersion string `yaml:"python_version"`
		} `yaml:"python_function"`
		Sklearn struct {
			PickledModel        string `yaml:"pickled_model"`
			SklearnVersion      string `yaml:"sklearn_version"`
			SerializationFormat string `yaml:"serialization_format"`
		} `yaml:"sklearn"`
	} `yaml:"flavors"`
	Signature struct {
		Inputs  string `yaml:"inputs"`
		Outputs string `yaml:"outputs"`
	} `yaml:"signature"`
	ModelUUID      string `yaml:"model_uuid"`
	UTCTimeCreated string `yaml:"utc_time_created"`
	RunID          string `yaml:"run_id"`
	MLflowVersion  string `yaml:"mlflow_version"`
}

// colSpec is one column of an MLflow column-based signature.
type colSpec struct {
	Type     string `json:"type"`
	Name     string `json:"name"`
	Required bool   `json:"required"`
}

// contractColumns reads the input contract (contracts/input.schema.json): its
// required fields, in order, with MLflow's name for their JSON type.
func contractColumns(t *testing.T, dir string) []colSpec {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "contracts", "input.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Required   []string `json:"required"`
		Properties map[string]struct {
			Type string `json:"type"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatalf("contracts/input.schema.json: %v", err)
	}
	mlflowType := map[string]string{"number": "double", "integer": "long"}
	var columns []colSpec
	for _, name := range schema.Required {
		kind, ok := mlflowType[schema.Properties[name].Type]
		if !ok {
			t.Fatalf("contract field %s has type %q, which has no MLflow column type here", name, schema.Properties[name].Type)
		}
		columns = append(columns, colSpec{Type: kind, Name: name, Required: true})
	}
	if len(columns) == 0 {
		t.Fatal("the input contract requires no field")
	}
	return columns
}

// TestRegisteredModelIsAnMLflowModel trains and registers the level 3 project
// of every stack with the local store, as the training pipeline does, and
// reads what the registry holds: an MLflow model directory whose MLmodel has
// the python_function flavor (its loader module importable from the model's
// own code folder, with no project on the path, and predicting the sample) and
// the sklearn flavor, a signature whose columns are the input contract's, and
// requirements pinned to the versions the model was trained with.
func TestRegisteredModelIsAnMLflowModel(t *testing.T) {
	pkg := scaffold.PackageName("demo-project")
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			t.Parallel()
			dir, _ := renderStackLevels(t, stack, 3)
			work := t.TempDir()
			store := filepath.Join(work, "store")
			env := []string{
				"PYTHONPATH=src",
				"MLOPS_TRACKING_BACKEND=local",
				"MLOPS_TRACKING_DIR=" + store,
				"MLOPS_PROJECT_ROOT=" + filepath.Join(work, "root"),
				"MLOPS_RAW_DATA=" + filepath.Join(dir, "data", "sample", "sample.csv"),
				"MLOPS_MODEL_NAME=demo-project",
				"GIT_DIR=" + filepath.Join(work, "no-git"),
				"MLOPS_ALLOW_MISSING_LINEAGE=1",
			}
			runPython(t, dir, env, "-m", pkg+".ingest")
			runPython(t, dir, env, "-m", pkg+".train")
			out := strings.Fields(string(runPython(t, dir, env, "-m", pkg+".register")))
			if len(out) == 0 {
				t.Fatal("register printed nothing")
			}
			version := out[len(out)-1]

			raw, err := os.ReadFile(filepath.Join(store, "registry", "demo-project", "model.json"))
			if err != nil {
				t.Fatal(err)
			}
			var registry struct {
				Versions map[string]struct {
					ModelDir string            `json:"model_dir"`
					Artifact string            `json:"artifact"`
					Files    map[string]string `json:"files"`
				} `json:"versions"`
			}
			if err := json.Unmarshal(raw, &registry); err != nil {
				t.Fatal(err)
			}
			entry, ok := registry.Versions[version]
			if !ok || entry.ModelDir == "" {
				t.Fatalf("version %q has no model directory in the registry: %s", version, raw)
			}
			modelDir := filepath.Join(store, "registry", "demo-project", filepath.FromSlash(entry.ModelDir))
			if _, ok := entry.Files["MLmodel"]; !ok {
				t.Errorf("the registry does not record the sha256 of MLmodel: %v", entry.Files)
			}

			var meta mlmodel
			decoder := yaml.NewDecoder(bytes.NewReader(mustRead(t, filepath.Join(modelDir, "MLmodel"))))
			if err := decoder.Decode(&meta); err != nil {
				t.Fatalf("MLmodel: %v", err)
			}
			pyfunc, sk := meta.Flavors.PythonFunction, meta.Flavors.Sklearn
			if meta.ArtifactPath != "model" {
				t.Errorf("artifact_path = %q, want model", meta.ArtifactPath)
			}
			if pyfunc.LoaderModule != pkg+".mlflow_model" {
				t.Errorf("loader_module = %q, want %s.mlflow_model", pyfunc.LoaderModule, pkg)
			}
			if entry.Artifact != entry.ModelDir+"/"+pyfunc.Data {
				t.Errorf("the registry's artifact %q is not the flavor's data %q in %q", entry.Artifact, pyfunc.Data, entry.ModelDir)
			}
			for _, file := range []string{pyfunc.Data, pyfunc.Env.Virtualenv, sk.PickledModel, "requirements.txt"} {
				if file == "" {
					t.Errorf("MLmodel names an empty file: %+v", meta.Flavors)
					continue
				}
				if _, err := os.Stat(filepath.Join(modelDir, file)); err != nil {
					t.Errorf("MLmodel names %s: %v", file, err)
				}
			}
			if !regexp.MustCompile(`^3\.\d+\.\d+`).MatchString(pyfunc.PythonVersion) {
				t.Errorf("python_version = %q", pyfunc.PythonVersion)
			}
			if !slices.Contains([]string{"pickle", "cloudpickle"}, sk.SerializationFormat) {
				t.Errorf("serialization_format = %q", sk.SerializationFormat)
			}
			if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(meta.ModelUUID) {
				t.Errorf("model_uuid = %q", meta.ModelUUID)
			}
			if _, err := time.Parse("2006-01-02 15:04:05.000000", meta.UTCTimeCreated); err != nil {
				t.Errorf("utc_time_created: %v", err)
			}
			if meta.MLflowVersion != "" && !moduleImports("mlflow") {
				t.Errorf("mlflow_version %q without mlflow installed", meta.MLflowVersion)
			}

			var inputs, outputs []colSpec
			if err := json.Unmarshal([]byte(meta.Signature.Inputs), &inputs); err != nil {
				t.Fatalf("signature inputs %q: %v", meta.Signature.Inputs, err)
			}
			if err := json.Unmarshal([]byte(meta.Signature.Outputs), &outputs); err != nil {
				t.Fatalf("signature outputs %q: %v", meta.Signature.Outputs, err)
			}
			if want := contractColumns(t, dir); !slices.Equal(inputs, want) {
				t.Errorf("signature inputs %+v, want the input contract's columns %+v", inputs, want)
			}
			if len(outputs) != 1 || outputs[0].Type != "double" {
				t.Errorf("signature outputs %+v, want one double (the probability)", outputs)
			}

			pins := requirementPins(t, filepath.Join(modelDir, "requirements.txt"))
			if pins["scikit-learn"] != sk.SklearnVersion || sk.SklearnVersion == "" {
				t.Errorf("requirements.txt pins scikit-learn %q, the sklearn flavor says %q", pins["scikit-learn"], sk.SklearnVersion)
			}
			for _, lib := range []string{"numpy", "pandas"} {
				if pins[lib] == "" {
					t.Errorf("requirements.txt does not pin %s: %v", lib, pins)
				}
			}
			var pyEnv struct {
				Python       string   `yaml:"python"`
				Dependencies []string `yaml:"dependencies"`
			}
			if err := yaml.Unmarshal(mustRead(t, filepath.Join(modelDir, pyfunc.Env.Virtualenv)), &pyEnv); err != nil {
				t.Fatal(err)
			}
			if pyEnv.Python != pyfunc.PythonVersion || !slices.Contains(pyEnv.Dependencies, "-r requirements.txt") {
				t.Errorf("python_env.yaml %+v does not match python_version %q and requirements.txt", pyEnv, pyfunc.PythonVersion)
			}

			// The model alone: its code folder on the path, no project, the way
			// mlflow.pyfunc.load_model imports the loader module.
			sample := filepath.Join(dir, "data", "sample", "sample.csv")
			script := `import importlib, json, sys
import pandas as pd
loader = importlib.import_module(sys.argv[1])
assert loader.__file__.startswith(sys.argv[2]), loader.__file__
model = loader._load_pyfunc(sys.argv[3])
frame = pd.read_csv(sys.argv[4])
scores = model.predict(frame)
try:
    model.predict(frame.drop(columns=[frame.columns[1]]))
    refused = False
except ValueError:
    refused = True
print(json.dumps({"columns": list(scores.columns), "rows": len(scores), "rows_in": len(frame), "refused": refused,
                  "in_range": bool(((scores.iloc[:, 0] >= 0) & (scores.iloc[:, 0] <= 1)).all())}))
`
			codeDir := filepath.Join(modelDir, pyfunc.Code)
			answer := runPython(t, t.TempDir(), []string{"PYTHONPATH=" + codeDir}, "-c", script,
				pyfunc.LoaderModule, codeDir, filepath.Join(modelDir, pyfunc.Data), sample)
			var got struct {
				Columns []string `json:"columns"`
				Rows    int      `json:"rows"`
				RowsIn  int      `json:"rows_in"`
				Refused bool     `json:"refused"`
				InRange bool     `json:"in_range"`
			}
			if err := json.Unmarshal(answer, &got); err != nil {
				t.Fatalf("%s: %v", answer, err)
			}
			wantOut := []string{outputs[0].Name}
			if !slices.Equal(got.Columns, wantOut) || got.Rows != got.RowsIn || got.Rows == 0 || !got.InRange || !got.Refused {
				t.Errorf("the pyfunc model of the registered directory answered %+v, want %v for every row, and a refusal without a signature column", got, wantOut)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// requirementPins reads name==version lines of a requirements file.
func requirementPins(t *testing.T, path string) map[string]string {
	t.Helper()
	pins := map[string]string{}
	scanner := bufio.NewScanner(bytes.NewReader(mustRead(t, path)))
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if name, version, ok := strings.Cut(line, "=="); ok {
			pins[strings.ToLower(name)] = version
		}
	}
	return pins
}

// moduleImports reports whether the system Python imports module.
func moduleImports(module string) bool {
	return exec.Command(systemPython, "-c", "import "+module).Run() == nil
}
