package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// TestMaturityTargetSameOutputDirRefused: a second target of one
// configuration that uses the first one's output_dir is refused, and the
// first one's scaffold stays consistent. (Concurrent applies to one folder
// are refused by the lock; see the scaffold package's lock tests.)
func TestMaturityTargetSameOutputDirRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	first := fmt.Sprintf(`
resource "mlops_maturity_target" "a" {
  name         = "project-a"
  target_level = 2
  output_dir   = %q
  capabilities = %s
}
`, dir, level1HCL)
	second := fmt.Sprintf(`
resource "mlops_maturity_target" "b" {
  name         = "project-b"
  target_level = 2
  output_dir   = %q
  capabilities = %s
  depends_on   = [mlops_maturity_target.a]
}`, dir, level1HCL)
	consistent := func(*terraform.State) error {
		m, err := scaffold.ReadManifest(dir)
		if err != nil || m == nil || m.Name != "project-a" {
			return fmt.Errorf("manifest of project-a: %v, %w", m, err)
		}
		status, err := scaffold.Inspect(dir, m.Hashes())
		if err != nil || len(status.Modified)+len(status.Missing) != 0 {
			return fmt.Errorf("files differ from the manifest: %+v %w", status, err)
		}
		return nil
	}
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: first, Check: consistent},
			{Config: first + second, ExpectError: wrapTolerant(`(?s)Two targets share an output folder.*Targets "project-b" and "project-a" both plan into`)},
			{Config: first, Check: consistent},
		},
	})
}

// TestMaturityTargetLockedByAnotherRun: a live lock of another terraform run
// refuses the apply and names its owner; a stale one is recovered.
func TestMaturityTargetLockedByAnotherRun(t *testing.T) {
	host, _ := os.Hostname()
	writeLock := func(dir string, created time.Time) {
		b, err := json.Marshal(scaffold.LockInfo{Owner: "terraform run in ci-job-42", PID: os.Getppid(), Host: host, Created: created})
		if err != nil {
			t.Fatal(err)
		}
		writeTestFile(t, filepath.Join(dir, ".mlops", "lock"), string(b))
	}
	t.Run("live lock refused", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "project")
		writeLock(dir, time.Now())
		resource.UnitTest(t, resource.TestCase{
			PreCheck:                 func() { testAccPreCheck(t) },
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:      targetConfig(dir, ""),
				ExpectError: wrapTolerant(`(?s)output folder is locked.*ci-job-42`),
			}},
		})
		if _, err := os.Stat(filepath.Join(dir, "MLOPS.md")); !os.IsNotExist(err) {
			t.Fatalf("a refused apply wrote files: %v", err)
		}
	})
	t.Run("stale lock recovered", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "project")
		writeLock(dir, time.Now().Add(-24*time.Hour))
		resource.UnitTest(t, resource.TestCase{
			PreCheck:                 func() { testAccPreCheck(t) },
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: targetConfig(dir, ""),
				Check: func(*terraform.State) error {
					if _, err := os.Stat(filepath.Join(dir, ".mlops", "lock")); !os.IsNotExist(err) {
						return fmt.Errorf("the stale lock was not released: %w", err)
					}
					return nil
				},
			}},
		})
	})
}

// TestMaturityTargetManyInParallel: many targets with their own folders
// apply in parallel (terraform's default parallelism is 10).
func TestMaturityTargetManyInParallel(t *testing.T) {
	root := t.TempDir()
	const n = 24
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "mlops_maturity_target" "many" {
  count        = %d
  name         = "project-${count.index}"
  target_level = 2
  output_dir   = "%s/project-${count.index}"
  capabilities = %s
}`, n, root, level1HCL),
			Check: func(*terraform.State) error {
				for i := 0; i < n; i++ {
					dir := filepath.Join(root, fmt.Sprintf("project-%d", i))
					m, err := scaffold.ReadManifest(dir)
					if err != nil || m == nil || m.Name != fmt.Sprintf("project-%d", i) {
						return fmt.Errorf("%s: manifest %v, %w", dir, m, err)
					}
					status, err := scaffold.Inspect(dir, m.Hashes())
					if err != nil || len(status.Modified)+len(status.Missing) != 0 || len(m.Files) < 15 {
						return fmt.Errorf("%s: %d files, status %+v, %w", dir, len(m.Files), status, err)
					}
				}
				return nil
			},
		}},
	})
}
