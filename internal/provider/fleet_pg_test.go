//go:build unix

package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// fleetProjectCount is the size of the fleet TestCLIFleetOnPostgres applies.
const fleetProjectCount = 20

// TestCLIFleetOnPostgres runs examples/fleet-pg the way a fleet does: a
// PostgreSQL server holds the state, each project is its own checkout with
// its own workspace (applied four at a time, as CI runners of different
// repositories would), and the platform workspace reads them all through
// terraform_remote_state into mlops_portfolio. The portfolio must report the
// levels the projects recorded. Then two applies of one workspace at once
// must be serialised by the backend's lock.
func TestCLIFleetOnPostgres(t *testing.T) {
	testAccPreCheck(t)
	t.Setenv("PG_CONN_STR", startPostgres(t))
	project := readExample(t, "project")
	catalog := maturity.MustDefault()

	names := make([]string, fleetProjectCount)
	runners := make([]func(args ...string) (string, error), fleetProjectCount)
	want := map[string]int{}
	var wantBelow []string
	for i := range names {
		names[i] = fmt.Sprintf("project-%02d", i)
		repo := filepath.Join(t.TempDir(), names[i])
		infra := filepath.Join(repo, "infra")
		caps := fleetCapabilities(catalog, i)
		level, err := catalog.Level(caps)
		if err != nil {
			t.Fatal(err)
		}
		want[names[i]] = level
		if level < fleetMinimum(i) {
			wantBelow = append(wantBelow, names[i])
		}
		writeTestFile(t, filepath.Join(infra, "main.tf"), project)
		writeTestFile(t, filepath.Join(infra, "terraform.tfvars.json"), fleetVars(t, caps, min(level+1, catalog.MaxLevel()), i))
		runners[i] = backendRunner(t, infra)
	}

	// Every project: init, its workspace, apply; four CI runners at a time.
	// The first one runs alone: the pg backend creates its schema and table
	// on first use, and two first uses at once collide in PostgreSQL.
	errs := make([]error, fleetProjectCount)
	levels := make([]int, fleetProjectCount)
	levels[0], errs[0] = applyProject(runners[0], names[0])
	if errs[0] != nil {
		t.Fatalf("%s: %v", names[0], errs[0])
	}
	// Onboarding: the platform team creates each new project's workspace,
	// one after the other (the backend does not retry a workspace creation
	// that meets a lock, whatever -lock-timeout says).
	for _, name := range names[1:] {
		if out, err := runners[0]("workspace", "new", "-no-color", name); err != nil {
			t.Fatalf("terraform workspace new %s: %v\n%s", name, err, out)
		}
	}
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i := 1; i < len(names); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			levels[i], errs[i] = applyProject(runners[i], names[i])
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		if levels[i] != want[names[i]] {
			t.Errorf("%s recorded level %d, want %d", names[i], levels[i], want[names[i]])
		}
	}

	// The platform reads the fleet from the backend.
	platform := t.TempDir()
	writeTestFile(t, filepath.Join(platform, "main.tf"), readExample(t, "platform"))
	vars, _ := json.Marshal(map[string]any{"projects": names, "minimum_level": 1})
	writeTestFile(t, filepath.Join(platform, "terraform.tfvars.json"), string(vars))
	run := backendRunner(t, platform)
	for _, args := range [][]string{
		{"init", "-input=false", "-no-color"},
		{"apply", "-input=false", "-no-color", "-auto-approve", "-lock-timeout=2m"},
	} {
		if out, err := run(args...); err != nil {
			t.Fatalf("platform: terraform %s: %v\n%s", args[0], err, out)
		}
	}
	var outputs struct {
		Levels         struct{ Value map[string]int } `json:"levels"`
		Histogram      struct{ Value map[string]int } `json:"level_histogram"`
		BelowMinimum   struct{ Value []string }       `json:"below_minimum"`
		RecordedLevels struct{ Value map[string]int } `json:"recorded_levels"`
	}
	out, err := run("output", "-json")
	if err != nil {
		t.Fatalf("platform: terraform output: %v\n%s", err, out)
	}
	if err := json.Unmarshal([]byte(out), &outputs); err != nil {
		t.Fatalf("platform outputs: %v\n%s", err, out)
	}
	if !mapsEqual(outputs.Levels.Value, want) || !mapsEqual(outputs.RecordedLevels.Value, want) {
		t.Errorf("portfolio levels %v and recorded levels %v, want the projects' %v",
			outputs.Levels.Value, outputs.RecordedLevels.Value, want)
	}
	wantHist := map[string]int{}
	for l := 0; l <= catalog.MaxLevel(); l++ {
		wantHist[strconv.Itoa(l)] = 0
	}
	for _, l := range want {
		wantHist[strconv.Itoa(l)]++
	}
	if !mapsEqual(outputs.Histogram.Value, wantHist) {
		t.Errorf("level_histogram = %v, want %v", outputs.Histogram.Value, wantHist)
	}
	if !slices.Equal(outputs.BelowMinimum.Value, wantBelow) || len(wantBelow) == 0 {
		t.Errorf("below_minimum = %v, want %v (and not empty)", outputs.BelowMinimum.Value, wantBelow)
	}
	if out, err := run("plan", "-input=false", "-no-color", "-detailed-exitcode"); err != nil {
		t.Errorf("the platform's plan after apply must be empty: %v\n%s", err, out)
	}

	t.Run("lock", func(t *testing.T) { testFleetLock(t, project, catalog) })
}

// backendRunner is cliRunner for a configuration with a backend, which
// needs terraform init: init installs the provider from a filesystem mirror
// holding the built binary (it cannot use dev_overrides and must not reach
// the registry); plan and apply then run the same binary through
// dev_overrides.
func backendRunner(t *testing.T, work string) func(args ...string) (string, error) {
	t.Helper()
	run := cliRunner(t, work)
	providerMirror.once.Do(func() {
		providerMirror.dir, providerMirror.err = os.MkdirTemp("", "mlops-mirror-")
		if providerMirror.err != nil {
			return
		}
		host, rest, _ := strings.Cut(providerAddress(), "/")
		pkg := filepath.Join(providerMirror.dir, host, rest, "0.0.1", runtime.GOOS+"_"+runtime.GOARCH)
		if providerMirror.err = os.MkdirAll(pkg, 0o755); providerMirror.err != nil {
			return
		}
		providerMirror.err = os.Symlink(filepath.Join(builtProvider.dir, "terraform-provider-mlops"),
			filepath.Join(pkg, "terraform-provider-mlops_v0.0.1"))
	})
	if providerMirror.err != nil {
		t.Fatal(providerMirror.err)
	}
	writeTestFile(t, filepath.Join(work, "dev.tfrc"), fmt.Sprintf(`provider_installation {
  dev_overrides {
    %[1]q = %[2]q
  }
  filesystem_mirror {
    path    = %[3]q
    include = [%[1]q]
  }
  direct {
    exclude = [%[1]q]
  }
}
`, providerAddress(), builtProvider.dir, providerMirror.dir))
	return run
}

// applyProject runs one project's CI: init against the backend, select its
// workspace (creating it when it is the first), apply, and read back the
// level it recorded.
func applyProject(run func(args ...string) (string, error), name string) (int, error) {
	for _, args := range [][]string{
		{"init", "-input=false", "-no-color"},
		{"workspace", "select", "-or-create", "-no-color", name},
		// The pg backend takes a short lock shared by all workspaces
		// whenever any of them locks, so runners of other projects may
		// have to wait a moment.
		{"apply", "-input=false", "-no-color", "-auto-approve", "-lock-timeout=2m"},
	} {
		if out, err := run(args...); err != nil {
			return 0, fmt.Errorf("terraform %s: %w\n%s", strings.Join(args[:2], " "), err, out)
		}
	}
	out, err := run("output", "-json", "maturity")
	if err != nil {
		return 0, fmt.Errorf("terraform output: %w\n%s", err, out)
	}
	var m struct {
		CurrentLevel int `json:"current_level"`
	}
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		return 0, fmt.Errorf("output maturity: %w\n%s", err, out)
	}
	return m.CurrentLevel, nil
}

// testFleetLock holds one workspace's lock with an apply that waits for its
// approval, and shows that a second apply of that workspace fails on the
// lock at once, while a third with -lock-timeout waits, then plans against
// what the first one wrote. All three run in one checkout, so they see the
// same scaffold on disk and differ only in when they read the state.
func testFleetLock(t *testing.T, project string, catalog *maturity.Catalog) {
	const name = "locked-project"
	caps := fleetCapabilities(catalog, 1)
	checkout := filepath.Join(t.TempDir(), "infra")
	writeTestFile(t, filepath.Join(checkout, "main.tf"), project)
	writeTestFile(t, filepath.Join(checkout, "terraform.tfvars.json"), fleetVars(t, caps, 2, 1))
	run := backendRunner(t, checkout)
	if _, err := applyProject(run, name); err != nil {
		t.Fatal(err)
	}
	// The project now declares one capability more.
	more := append(slices.Clone(caps), catalog.IDsOf(catalog.LevelSet(2, 2))[0])
	writeTestFile(t, filepath.Join(checkout, "terraform.tfvars.json"), fleetVars(t, more, 2, 1))

	// A: an apply that holds the lock while it waits for "yes".
	a := interactiveApply(t, checkout)
	a.waitFor(t, "Enter a value:")

	// B: without -lock-timeout it fails at once, naming the lock.
	out, err := run("apply", "-input=false", "-no-color", "-auto-approve")
	if err == nil {
		t.Fatalf("an apply of a locked workspace must fail:\n%s", out)
	}
	for _, want := range []string{"Error acquiring the state lock", "Workspace is already locked: " + name, "Operation: OperationTypeApply"} {
		if !strings.Contains(out, want) {
			t.Errorf("the refused apply does not say %q:\n%s", want, out)
		}
	}

	// C: with -lock-timeout it waits for A's lock; terraform says so once
	// acquiring the lock takes longer than a moment.
	c := startTerraform(t, checkout, "apply", "-input=false", "-no-color", "-auto-approve", "-lock-timeout=3m")
	c.waitFor(t, "Acquiring state lock")

	aDone, aOut, aErr := a.approve(t)
	if aErr != nil || !strings.Contains(aOut, "Apply complete! Resources: 0 added, 1 changed, 0 destroyed.") {
		t.Fatalf("the first apply must change the target: %v\n%s", aErr, aOut)
	}
	cErr := <-c.done
	cOut := c.out.String()
	if cErr != nil {
		t.Fatalf("the waiting apply must succeed once the lock is free: %v\n%s", cErr, cOut)
	}
	// It read the state only once it had the lock, so after A wrote it:
	// nothing left to change. Without the lock it would have planned the
	// same change again.
	if !strings.Contains(cOut, "No changes.") || !strings.Contains(cOut, "Resources: 0 added, 0 changed, 0 destroyed.") {
		t.Errorf("the waiting apply must find the first apply's change made (it ended %v after the first):\n%s", time.Since(aDone), cOut)
	}
}

// fleetCapabilities declares every capability of levels 1 to i mod 4, so
// the fleet spreads over levels 0 to 3.
func fleetCapabilities(c *maturity.Catalog, i int) []string {
	level := i % 4
	if level == 0 {
		return []string{}
	}
	return c.IDsOf(c.LevelSet(1, level))
}

// fleetMinimum is project i's minimum level: every third sets its own of
// 2, the others take the platform's default of 1.
func fleetMinimum(i int) int {
	if i%3 == 0 {
		return 2
	}
	return 1
}

// fleetVars is a project's terraform.tfvars.json (see fleetMinimum).
func fleetVars(t *testing.T, caps []string, target, i int) string {
	t.Helper()
	v := map[string]any{"target_level": target, "capabilities": caps}
	if i%3 == 0 {
		v["minimum_level"] = fleetMinimum(i)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func readExample(t *testing.T, module string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", "fleet-pg", module, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// syncBuffer is a bytes.Buffer safe for one writer and readers in other
// goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runningTerraform is a terraform command running in the background, its
// output readable while it runs.
type runningTerraform struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *syncBuffer
	done  chan error
}

// startTerraform starts terraform in work, with the CLI configuration
// cliRunner wrote there, and returns at once.
func startTerraform(t *testing.T, work string, args ...string) *runningTerraform {
	t.Helper()
	cmd := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), args...)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+filepath.Join(work, "dev.tfrc"), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	p := &runningTerraform{cmd: cmd, out: &syncBuffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	var err error
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = p.stdin.Close()
		_ = cmd.Process.Kill() // a no-op error once it has ended
	})
	return p
}

// interactiveApply starts `terraform apply` without -auto-approve: it plans,
// then holds the state lock while it waits for "yes" on stdin.
func interactiveApply(t *testing.T, work string) *runningTerraform {
	t.Helper()
	return startTerraform(t, work, "apply", "-no-color", "-lock-timeout=0s")
}

func (p *runningTerraform) waitFor(t *testing.T, text string) {
	t.Helper()
	deadline := time.After(2 * time.Minute)
	for !strings.Contains(p.out.String(), text) {
		select {
		case err := <-p.done:
			t.Fatalf("terraform apply ended before printing %q: %v\n%s", text, err, p.out.String())
		case <-deadline:
			t.Fatalf("terraform apply did not print %q:\n%s", text, p.out.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// approve answers "yes", waits for the apply to end and returns when it
// ended, its output and its error.
func (p *runningTerraform) approve(t *testing.T) (time.Time, string, error) {
	t.Helper()
	if _, err := io.WriteString(p.stdin, "yes\n"); err != nil {
		t.Fatal(err)
	}
	_ = p.stdin.Close()
	err := <-p.done
	return time.Now(), p.out.String(), err
}

// startPostgres starts a throwaway PostgreSQL server listening only on a
// unix socket in a fresh folder, creates the database fleet and returns its
// URL. As root it runs the server as the user postgres (or nobody), since
// PostgreSQL refuses to run as root.
func startPostgres(t *testing.T) string {
	t.Helper()
	bin := postgresBin(t)
	dir, err := os.MkdirTemp("", "mlops-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	data, sock := filepath.Join(dir, "data"), filepath.Join(dir, "sock")
	if n := len(filepath.Join(sock, ".s.PGSQL.5432")); n > 100 {
		t.Fatalf("the socket path under %s is %d bytes, too long for a unix socket; set TMPDIR to a shorter folder", dir, n)
	}
	cred := postgresCredential(t)
	for _, d := range []string{data, sock} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		if cred != nil {
			if err := os.Chown(d, int(cred.Uid), int(cred.Gid)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if cred != nil {
		// The server's user must reach its folders; the socket folder is
		// then opened to the test's user by the server itself.
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(sock, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	pg := func(tool string, args ...string) {
		t.Helper()
		cmd := exec.Command(filepath.Join(bin, tool), args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "LC_ALL=C", "PGHOST="+sock, "PGUSER=postgres")
		if cred != nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			log, _ := os.ReadFile(filepath.Join(data, "server.log"))
			t.Fatalf("%s %s: %v\n%s\n%s", tool, strings.Join(args, " "), err, out, log)
		}
	}
	pg("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
	pg("pg_ctl", "-D", data, "-l", filepath.Join(data, "server.log"), "-w", "-t", "120",
		"-o", "-c listen_addresses='' -k "+sock+" -c fsync=off -c max_connections=200", "start")
	t.Cleanup(func() { pg("pg_ctl", "-D", data, "-m", "fast", "-w", "stop") })
	pg("createdb", "fleet")
	return "postgres:///fleet?host=" + sock + "&user=postgres&sslmode=disable"
}

// postgresBin is the folder of initdb and pg_ctl: the newest Debian
// /usr/lib/postgresql/<version>/bin, or the one of initdb on PATH.
func postgresBin(t *testing.T) string {
	t.Helper()
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return pgVersion(dirs[i]) > pgVersion(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
			return d
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p)
	}
	t.Fatal("PostgreSQL is required by this test (initdb and pg_ctl were found neither in /usr/lib/postgresql/*/bin nor on PATH). " +
		"Install it with ./.ci/test-deps, or on Debian: sudo apt-get install -y postgresql")
	return ""
}

func pgVersion(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// postgresCredential is nil unless the test runs as root; then it is the
// user postgres (or nobody) to run the server as.
func postgresCredential(t *testing.T) *syscall.Credential {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 == nil && err2 == nil {
			return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		}
	}
	t.Fatal("running as root, and neither the user postgres nor nobody exists to run PostgreSQL as (it refuses to run as root)")
	return nil
}
