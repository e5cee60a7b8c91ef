package scaffold

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

func benchData(b *testing.B, lib *Library, ids []string) Data {
	b.Helper()
	vars, err := lib.ResolveVars("bench-project", "bench_project", nil)
	if err != nil {
		b.Fatal(err)
	}
	present := map[string]bool{}
	for _, id := range ids {
		present[id] = true
	}
	return Data{Name: "bench-project", Package: "bench_project", Stack: DefaultStack, Vars: vars, Capabilities: present}
}

func levelIDs(from, to int) []string {
	c := maturity.MustDefault()
	return c.IDsOf(c.LevelSet(from, to))
}

// BenchmarkRenderLadder renders all 28 capabilities for one target.
func BenchmarkRenderLadder(b *testing.B) {
	lib, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	ids := levelIDs(1, 4)
	data := benchData(b, lib, ids)
	b.ReportAllocs()
	for b.Loop() {
		files, err := lib.Render(DefaultStack, ids, data)
		if err != nil || len(files) == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderNextLevel renders one level's scaffold (level 2).
func BenchmarkRenderNextLevel(b *testing.B) {
	lib, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	ids := levelIDs(2, 2)
	data := benchData(b, lib, ids)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lib.Render(DefaultStack, ids, data); err != nil {
			b.Fatal(err)
		}
	}
}

func renderedLevel2(b *testing.B) []File {
	b.Helper()
	lib, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	ids := levelIDs(2, 2)
	files, err := lib.Render(DefaultStack, ids, benchData(b, lib, ids))
	if err != nil {
		b.Fatal(err)
	}
	return files
}

// BenchmarkApplyFresh writes a level 2 scaffold into a new folder: atomic
// writes, fsyncs, intent and final manifests.
func BenchmarkApplyFresh(b *testing.B) {
	files := renderedLevel2(b)
	base := b.TempDir()
	b.ReportAllocs()
	i := 0
	cpu := startCPU()
	for b.Loop() {
		root := filepath.Join(base, fmt.Sprint(i))
		i++
		if _, err := Apply(root, files, ApplyOptions{Name: "bench-project"}); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
	b.ReportMetric(float64(len(files)), "files/op")
}

// BenchmarkApplyUnchanged re-applies onto an up-to-date folder, the common
// case of a no-op apply: stat and hash only, plus the manifest.
func BenchmarkApplyUnchanged(b *testing.B) {
	files := renderedLevel2(b)
	root := b.TempDir()
	if _, err := Apply(root, files, ApplyOptions{Name: "bench-project"}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		if _, err := Apply(root, files, ApplyOptions{Name: "bench-project"}); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkInspect is the refresh path: stat and stream-hash every file.
func BenchmarkInspect(b *testing.B) {
	files := renderedLevel2(b)
	root := b.TempDir()
	res, err := Apply(root, files, ApplyOptions{Name: "bench-project"})
	if err != nil {
		b.Fatal(err)
	}
	want := make(map[string]string, len(res.Manifest.Files))
	for k, v := range res.Manifest.Files {
		want[k] = v.SHA256
	}
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		status, err := Inspect(root, want)
		if err != nil || len(status.Modified)+len(status.Missing) > 0 {
			b.Fatal(err, status)
		}
	}
	cpu.report(b)
}

// BenchmarkReadManifest reads a level 2 scaffold's manifest: parsed from
// the file (as Apply does under the lock) and through the cache (refresh
// and plan in one process).
func BenchmarkReadManifest(b *testing.B) {
	files := renderedLevel2(b)
	root := b.TempDir()
	if _, err := Apply(root, files, ApplyOptions{Name: "bench-project"}); err != nil {
		b.Fatal(err)
	}
	saved := racyWindow
	racyWindow = 0 // the manifest was just written
	b.Cleanup(func() { racyWindow = saved })
	for _, bm := range []struct {
		name string
		read func(string) (*Manifest, error)
	}{{"parse", readManifestFresh}, {"cached", ReadManifest}} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := startCPU()
			for b.Loop() {
				if m, err := bm.read(root); err != nil || m == nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
		})
	}
}

// BenchmarkInspectStamped is the refresh path once an apply recorded the
// files' stamps: stat only.
func BenchmarkInspectStamped(b *testing.B) {
	files := renderedLevel2(b)
	root := b.TempDir()
	if _, err := Apply(root, files, ApplyOptions{Name: "bench-project"}); err != nil {
		b.Fatal(err)
	}
	saved := racyWindow
	racyWindow = 0 // as if the files had settled before the next apply
	b.Cleanup(func() { racyWindow = saved })
	res, err := Apply(root, files, ApplyOptions{Name: "bench-project"})
	if err != nil {
		b.Fatal(err)
	}
	want, stamps := res.Manifest.Hashes(), res.Manifest.Stamps()
	if len(stamps) != len(want) {
		b.Fatalf("%d stamps for %d files", len(stamps), len(want))
	}
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		status, err := InspectStamped(root, want, stamps)
		if err != nil || len(status.Modified)+len(status.Missing) > 0 {
			b.Fatal(err, status)
		}
	}
	cpu.report(b)
}
