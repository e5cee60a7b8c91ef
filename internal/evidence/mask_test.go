package evidence

import (
	"strings"
	"testing"
)

// TestMaskComments: comments (and Python docstrings, and notebook prose)
// are blanked byte for byte; code, strings that hold a #, and line numbers
// stay.
func TestMaskComments(t *testing.T) {
	cases := []struct {
		name, file, in string
		gone, kept     []string
	}{
		{"python comment", "train.py", "x = 1  # mlflow.log_metric('a', 1)\nmlflow.start_run()\n", []string{"log_metric"}, []string{"x = 1", "mlflow.start_run()"}},
		{"python hash in a string", "train.py", "url = 'http://x/#frag'  # note\n", []string{"note"}, []string{"'http://x/#frag'"}},
		{"python docstring", "train.py", "def f():\n    \"\"\"Call mlflow.register_model(...) later.\"\"\"\n    return 1\n", []string{"register_model"}, []string{"def f():", "return 1"}},
		{"python assigned triple string stays", "q.py", "query = \"\"\"SELECT * FROM predictions JOIN labels\"\"\"\n", nil, []string{"JOIN labels"}},
		{"yaml comment", "ci.yml", "steps:\n  # - run: pytest\n  - run: echo '#1'\n", []string{"pytest"}, []string{"echo '#1'", "steps:"}},
		{"yaml apostrophe then comment", "ci.yml", "- run: echo don't # pytest\n", []string{"pytest"}, []string{"echo don't"}},
		{"shell comment", "deploy.sh", "#!/bin/bash\n# pytest tests\necho ${#arr[@]}\n", []string{"pytest"}, []string{"${#arr[@]}"}},
		{"terraform comments", "main.tf", "# schedule\n// cron\n/* retrain\n */\nname = \"a\"\n", []string{"schedule", "cron", "retrain"}, []string{"name = \"a\""}},
		{"groovy comments", "Jenkinsfile", "// sh 'pytest'\nsh 'make build' /* x */\nurl = 'http://h'\n", []string{"pytest", "x */"}, []string{"sh 'make build'", "http://h"}},
		{"sql comments", "join_feedback.sql", "-- JOIN labels\nSELECT 1 /* truth */\n", []string{"JOIN labels", "truth"}, []string{"SELECT 1"}},
		{"markdown html comment", "pull_request_template.md", "<!-- data engineer -->\n- [ ] model\n", []string{"data engineer"}, []string{"- [ ] model"}},
		{"template suffix", "ci.yml.tmpl", "# pytest\nrun: make\n", []string{"pytest"}, []string{"run: make"}},
		{"json has no comments", "x.json", "{\"a\": \"# not a comment\"}\n", nil, []string{"# not a comment"}},
		{"notebook", "nb.ipynb", "{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n   \"source\": [\n    \"We call mlflow.log_metric here\"\n   ]\n  },\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n    \"# wandb.init()\\n\",\n    \"mlflow.start_run()  # and \\\"wandb.log\\\"\\n\",\n    \"x = \\\"#keep\\\"\"\n   ]\n  }\n ]\n}\n",
			[]string{"mlflow.log_metric", "wandb.init", "wandb.log"}, []string{"mlflow.start_run()", "\\\"#keep\\\""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := string(maskComments(matchName(tc.file), []byte(tc.in)))
			if len(got) != len(tc.in) || strings.Count(got, "\n") != strings.Count(tc.in, "\n") {
				t.Fatalf("masking changed offsets or lines:\n%q\n%q", tc.in, got)
			}
			for _, g := range tc.gone {
				if strings.Contains(got, g) {
					t.Errorf("%q still in %q", g, got)
				}
			}
			for _, k := range tc.kept {
				if !strings.Contains(got, k) {
					t.Errorf("%q lost from %q", k, got)
				}
			}
		})
	}
}

// FuzzMaskComments: masking never panics, keeps the length and every
// newline, and only ever turns bytes into spaces.
func FuzzMaskComments(f *testing.F) {
	for _, s := range []string{"x = 1 # c\n", "\"\"\"doc\n\"\"\"\n", "/* a */ b // c\n", "-- q\n", "<!-- x", "{\n \"cell_type\": \"code\",\n \"source\": [\"# a \\\"b\\\"\\n\"]\n}", "'#\\", "\"\"\"\\"} {
		f.Add(s)
	}
	names := []string{"a.py", "a.yml", "main.tf", "Jenkinsfile", "q.sql", "t.md", "n.ipynb", "x.json"}
	f.Fuzz(func(t *testing.T, in string) {
		for _, name := range names {
			out := maskComments(name, []byte(in))
			if len(out) != len(in) {
				t.Fatalf("%s: length %d, want %d", name, len(out), len(in))
			}
			for i := range len(in) {
				if out[i] != in[i] && (out[i] != ' ' || in[i] == '\n') {
					t.Fatalf("%s: byte %d changed from %q to %q", name, i, in[i], out[i])
				}
			}
		}
	})
}
