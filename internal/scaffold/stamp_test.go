package scaffold

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestRecordedStamps: an apply records the stamp of a file it finds
// unchanged once the file has settled (never of a file just written);
// refresh then trusts a stamp that still matches, and any change of the
// file, even one of the same size with its modification time set back,
// no longer matches.
func TestRecordedStamps(t *testing.T) {
	files := []File{capFile("a/train.py", "train\n", "cap_a"), capFile("serve.py", "serve\n", "cap_b")}
	root := filepath.Join(t.TempDir(), "out")
	mustApply(t, root, files, ApplyOptions{Name: "p"})
	if st := mustReadManifest(t, root).Stamps(); len(st) != 0 {
		t.Fatalf("stamps recorded for files just written: %v", st)
	}
	mustApply(t, root, files, ApplyOptions{Name: "p"})
	if st := mustReadManifest(t, root).Stamps(); len(st) != 0 {
		t.Fatalf("stamps recorded within the racy window: %v", st)
	}

	saved := racyWindow
	racyWindow = 0 // as if the files had settled
	t.Cleanup(func() { racyWindow = saved })
	mustApply(t, root, files, ApplyOptions{Name: "p", InputsDigest: "d"})
	m := mustReadManifest(t, root)
	if _, ok, err := PlanUnchanged(root, m, "d", PlanOptions{Name: "p"}); !ok || err != nil {
		t.Fatalf("PlanUnchanged ok = %v, %v over untouched files", ok, err)
	}
	stamps := m.Stamps()
	if len(stamps) != 2 {
		t.Fatalf("stamps %v, want one per unchanged file", stamps)
	}

	// A matching stamp vouches for the content: the file is not read, so
	// even a wrong expected hash passes (which Inspect, reading, catches).
	wrong := map[string]string{"a/train.py": HashBytes([]byte("other\n")), "serve.py": m.Files["serve.py"].SHA256}
	if st, err := InspectStamped(root, wrong, stamps); err != nil || len(st.Modified) != 0 {
		t.Fatalf("InspectStamped did not trust the stamp: %v %v", st, err)
	}
	if st, err := Inspect(root, wrong); err != nil || len(st.Modified) != 1 {
		t.Fatalf("Inspect: %v %v", st, err)
	}

	// The same size, the old modification time: still an edit.
	p := filepath.Join(root, "a", "train.py")
	info, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond) // past the coarsest tick of file times
	if err := os.WriteFile(p, []byte("TRAIN\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	st, err := InspectStamped(root, m.Hashes(), stamps)
	if err != nil || len(st.Modified) != 1 || st.Modified[0] != "a/train.py" {
		t.Fatalf("an edit with the old mtime was not found: %v %v", st, err)
	}
	// And the plan from the manifest is refused: the file is edited.
	if _, ok, err := PlanUnchanged(root, m, "d", PlanOptions{Name: "p"}); ok || err != nil {
		t.Fatalf("PlanUnchanged ok = %v, %v over an edited file", ok, err)
	}
}
