package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// world is a scratch folder holding the output root and a sibling that
// nothing may ever touch.
func world(t *testing.T) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "root"), filepath.Join(base, "outside")
	for _, d := range []string{root, outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "keep.txt"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root, outside
}

// assertUntouched fails when anything beside root changed.
func assertUntouched(t *testing.T, root, outside string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(root))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "root" && e.Name() != "outside" {
			t.Fatalf("something was written beside the root: %s", e.Name())
		}
	}
	inside, err := os.ReadDir(outside)
	if err != nil {
		t.Fatal(err)
	}
	if len(inside) != 1 {
		t.Fatalf("the outside folder changed: %d entries", len(inside))
	}
	if b, err := os.ReadFile(filepath.Join(outside, "keep.txt")); err != nil || string(b) != "keep" {
		t.Fatalf("the outside file changed: %q %v", b, err)
	}
}

// FuzzCleanRelative: an accepted path is relative, clean and below the root.
func FuzzCleanRelative(f *testing.F) {
	for _, s := range []string{"a/b", "../x", "/abs", "a/../../b", ".mlops/x", "a\\b", "", ".", "a//b/./c", "..a/b", "a/..", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		clean, err := CleanRelative(p)
		if err != nil {
			return
		}
		if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(clean, "/../") ||
			strings.Contains(clean, "\\") || clean == StateDir || strings.HasPrefix(clean, StateDir+"/") {
			t.Fatalf("CleanRelative(%q) = %q escapes or is reserved", p, clean)
		}
		joined := filepath.Join("/root", clean)
		if !strings.HasPrefix(joined, "/root/") {
			t.Fatalf("CleanRelative(%q) = %q joins to %q outside the root", p, clean, joined)
		}
	})
}

// FuzzApplyPath: whatever path a template renders, Apply writes inside the
// root or nothing at all, including through a symlink planted in the root.
func FuzzApplyPath(f *testing.F) {
	for _, s := range []string{"a.txt", "link/x", "../outside/x", "link/../../outside/y", "/etc/passwd", "a/b/c.py", ".mlops/manifest.json", "link"} {
		f.Add(s, []byte("content"))
	}
	f.Fuzz(func(t *testing.T, rel string, content []byte) {
		root, outside := world(t)
		if err := os.Symlink(outside, filepath.Join(root, "link")); err != nil {
			t.Fatal(err)
		}
		file := File{Path: rel, Content: content, SHA256: HashBytes(content), Capability: "fuzz", Mode: 0o644}
		_, _ = Apply(root, []File{file}, ApplyOptions{Name: "fuzz", LockOwner: "fuzz"})
		assertUntouched(t, root, outside)
	})
}

// FuzzManifest: a corrupted or hostile manifest never leads to a write or a
// delete outside the root.
func FuzzManifest(f *testing.F) {
	f.Add([]byte(`{"format_version":1,"name":"x","files":{"a.txt":{"sha256":"` + strings.Repeat("0", 64) + `","capability":"c"}},"created_dirs":["d"]}`))
	f.Add([]byte(`{"format_version":1,"files":{"../outside/keep.txt":{"sha256":"` + strings.Repeat("a", 64) + `"}}}`))
	f.Add([]byte(`{"format_version":1,"files":{},"created_dirs":["../outside","link"]}`))
	f.Add([]byte(`{"files":{"link/keep.txt":{"sha256":"` + strings.Repeat("b", 64) + `"}}}`))
	f.Add([]byte(`{"format_version":99}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		root, outside := world(t)
		if err := os.Symlink(outside, filepath.Join(root, "link")); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(root, StateDir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, StateDir, "manifest.json"), raw, 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := ReadManifest(root)
		if err == nil && m != nil {
			_, _ = Remove(root, m)
		}
		_, _ = Remove(root, nil)
		content := []byte("new")
		_, _ = Apply(root, []File{{Path: "a.txt", Content: content, SHA256: HashBytes(content), Mode: 0o644}}, ApplyOptions{Name: "fuzz"})
		assertUntouched(t, root, outside)
	})
}

// FuzzRenderVariables: arbitrary variable values and names never make the
// built-in templates panic or render a path outside the root.
func FuzzRenderVariables(f *testing.F) {
	f.Add("demo", "python_version", "3.12")
	f.Add("demo", "default_branch", "../../etc")
	f.Add("x", "model_name", "{{ .Name }}")
	f.Add("a-b", "train_command", "rm -rf / # \"quoted\" 'single'\n")
	lib, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	caps := lib.Capabilities()
	f.Fuzz(func(t *testing.T, name, key, value string) {
		vars, err := lib.ResolveVars(name, PackageName(name), map[string]string{key: value})
		if err != nil {
			return
		}
		files, err := lib.Render(DefaultStack, caps, Data{Name: name, Package: PackageName(name), Stack: DefaultStack, Vars: vars})
		if err != nil {
			return
		}
		for _, file := range files {
			if _, err := CleanRelative(file.Path); err != nil {
				t.Fatalf("rendered an unsafe path %q: %v", file.Path, err)
			}
			if file.SHA256 != HashBytes(file.Content) {
				t.Fatalf("%s: hash does not match content", file.Path)
			}
		}
	})
}
