package scaffold

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var (
	hashA = HashBytes([]byte("a"))
	hashB = HashBytes([]byte("b"))
)

func TestManifestRoundTrip(t *testing.T) {
	root := t.TempDir()
	want := &Manifest{
		FormatVersion:    ManifestFormatVersion,
		GeneratorVersion: "0.4.0",
		Name:             "churn",
		Stack:            DefaultStack,
		Files: map[string]ManifestFile{
			"z/last.txt": {SHA256: hashB, Capability: "experiment_tracking"},
			"a.txt":      {SHA256: hashA, Capability: ProjectCapability},
		},
		CreatedDirs: []string{"z"},
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := writeManifest(r, root, want); err != nil {
		t.Fatal(err)
	}
	got := mustReadManifest(t, root)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
	raw := readDisk(t, root, manifestRel)
	if !strings.Contains(raw, "\n  \"files\": {\n    \"a.txt\"") || strings.Index(raw, `"a.txt"`) > strings.Index(raw, `"z/last.txt"`) {
		t.Errorf("manifest is not pretty-printed with sorted keys:\n%s", raw)
	}
}

func TestParseManifest(t *testing.T) {
	entry := func(path, hash string) string {
		return `{"format_version":1,"files":{"` + path + `":{"sha256":"` + hash + `","capability":"c"}}}`
	}
	tests := []struct {
		name    string
		json    string
		wantErr string // "" means valid
		check   func(t *testing.T, m *Manifest)
	}{
		{
			name: "legacy v0 without format_version is upgraded",
			json: `{"generator_version":"0.1.0","name":"old","stack":{"platform":"gitlab_ci"},"files":{"a.txt":{"sha256":"` + hashA + `","capability":"c"}},"created_dirs":["d","b","d"]}`,
			check: func(t *testing.T, m *Manifest) {
				if m.FormatVersion != ManifestFormatVersion || m.Name != "old" || m.Stack.Platform != "gitlab_ci" || m.Files["a.txt"].SHA256 != hashA {
					t.Errorf("upgraded manifest = %+v", m)
				}
				if !reflect.DeepEqual(m.CreatedDirs, []string{"b", "d"}) {
					t.Errorf("CreatedDirs = %v, want sorted and deduplicated", m.CreatedDirs)
				}
			},
		},
		{
			name: "explicit v0 and empty fields",
			json: `{"format_version":0}`,
			check: func(t *testing.T, m *Manifest) {
				if m.FormatVersion != 1 || m.Files == nil || m.CreatedDirs == nil {
					t.Errorf("manifest = %+v", m)
				}
			},
		},
		{name: "current", json: entry("a/b.txt", hashA)},
		{name: "future version", json: `{"format_version":2}`, wantErr: "written by a newer provider"},
		{name: "negative version", json: `{"format_version":-1}`, wantErr: "format_version -1"},
		{name: "malformed", json: `{"files":`, wantErr: "malformed manifest"},
		{name: "not an object", json: `null`, wantErr: "not a JSON object"},
		{name: "empty", json: ``, wantErr: "not a JSON object"},
		{name: "wrong type", json: `{"files":[]}`, wantErr: "malformed manifest"},
		{name: "parent path", json: entry("../x", hashA), wantErr: "leaves the output folder"},
		{name: "nested parent path", json: entry("a/../../x", hashA), wantErr: "leaves the output folder"},
		{name: "absolute path", json: entry("/abs", hashA), wantErr: "absolute"},
		{name: "state folder", json: entry(".mlops/x", hashA), wantErr: "reserved"},
		{name: "non-canonical path", json: entry("a//b", hashA), wantErr: "canonical"},
		{name: "backslash", json: entry(`a\\b`, hashA), wantErr: "backslashes"},
		{name: "short hash", json: entry("a", "abc"), wantErr: "not 64 lowercase hex"},
		{name: "uppercase hash", json: entry("a", strings.ToUpper(hashA)), wantErr: "not 64 lowercase hex"},
		{name: "non-hex hash", json: entry("a", strings.Repeat("g", 64)), wantErr: "not 64 lowercase hex"},
		{name: "hostile created dir", json: `{"created_dirs":["../out"]}`, wantErr: "created_dirs"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ParseManifest([]byte(tc.json))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.check != nil {
				tc.check(t, m)
			}
		})
	}
}

func TestReadManifestFromDisk(t *testing.T) {
	valid, _ := json.Marshal(Manifest{FormatVersion: 1, Files: map[string]ManifestFile{"a.txt": {SHA256: hashA}}})
	tests := []struct {
		name    string
		setup   func(t *testing.T, root, outside string)
		wantNil bool
		wantErr string
	}{
		{name: "no state folder", setup: func(t *testing.T, root, outside string) {}, wantNil: true},
		{name: "no manifest", setup: func(t *testing.T, root, outside string) { mkdir(t, filepath.Join(root, StateDir)) }, wantNil: true},
		{name: "valid", setup: func(t *testing.T, root, outside string) { writeDisk(t, root, manifestRel, string(valid)) }},
		{
			name: "hostile path",
			setup: func(t *testing.T, root, outside string) {
				writeDisk(t, root, manifestRel, `{"files":{"../x":{"sha256":"`+hashA+`"}}}`)
			},
			wantErr: "leaves the output folder",
		},
		{
			name: "symlinked state folder",
			setup: func(t *testing.T, root, outside string) {
				writeDisk(t, outside, "manifest.json", string(valid))
				symlink(t, outside, filepath.Join(root, StateDir))
			},
			wantErr: ".mlops is a symlink",
		},
		{
			name: "symlinked manifest",
			setup: func(t *testing.T, root, outside string) {
				writeDisk(t, outside, "manifest.json", string(valid))
				mkdir(t, filepath.Join(root, StateDir))
				symlink(t, filepath.Join(outside, "manifest.json"), filepath.Join(root, manifestRel))
			},
			wantErr: "manifest.json is a symlink",
		},
		{
			name:    "state folder is a file",
			setup:   func(t *testing.T, root, outside string) { writeDisk(t, root, StateDir, "x") },
			wantErr: "not a directory",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, outside := t.TempDir(), t.TempDir()
			tc.setup(t, root, outside)
			m, err := ReadManifest(root)
			switch {
			case tc.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tc.wantErr)
				}
			case err != nil:
				t.Fatal(err)
			case (m == nil) != tc.wantNil:
				t.Fatalf("manifest = %+v, want nil: %v", m, tc.wantNil)
			}
		})
	}
}

func TestReadManifestMissingRoot(t *testing.T) {
	m, err := ReadManifest(filepath.Join(t.TempDir(), "nope"))
	if m != nil || err != nil {
		t.Fatalf("ReadManifest = %v, %v; want nil, nil", m, err)
	}
}
