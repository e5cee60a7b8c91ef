// Command planapply benchmarks terraform plan, apply, no-op re-plan and
// refresh of N mlops_maturity_target resources against two baselines:
// terraform_data (built into terraform, no provider process) and noop_thing
// of internal/bench/noop, a framework provider that does nothing (the floor:
// process start, handshake, schema and one gRPC round trip per resource).
// With -portfolio it also times plan, apply and re-plan of an mlops_portfolio
// of that many projects against terraform_data holding the same map, and
// reports the state each keeps a project.
//
//	go run ./internal/bench/planapply [-n 10,100,500] [-portfolio 1000] [-runs 3] [-terraform terraform] [-out file.md]
//
// The kinds of one N are interleaved: run i of an operation runs for every
// kind before run i+1, so the ratios to the floor compare runs taken moments
// apart, under the same load. The 1-minute load average is recorded before
// every timed run; besides the median of all runs, the report gives the
// medians of the quiet runs (load at most -quiet-load) and of the loaded ones.
//
// Providers are served through dev_overrides in a CLI configuration passed
// with TF_CLI_CONFIG_FILE, so terraform init is never run and nothing is
// downloaded. Times are wall times of the terraform command (median of -runs
// runs). Peak RSS of the provider process is measured in separate runs, with
// internal/bench/rsswrap in front of each provider, so the wrapper never
// affects the times.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	mlopsAddress = "registry.terraform.io/mlops-maturity/mlops"
	noopAddress  = "registry.terraform.io/bench/noop"
)

// The six level 1 capabilities: each target is at level 1 aiming for 2, so
// scaffold = next_level writes the level 2 files.
var levelOneCapabilities = []string{
	"automated_data_pipeline", "automated_builds", "application_unit_tests",
	"model_integration_tests", "automated_application_release", "scoring_script_versioned",
}

type kind struct {
	key      string // column and folder name
	provider string // executable of its provider, "" for built-in
	config   func(n int) string
}

// targetKinds are the kinds of the targets case: two baselines and the
// measured resource.
var targetKinds = []kind{
	{key: "terraform_data", config: func(n int) string {
		return fmt.Sprintf(`resource "terraform_data" "this" {
  count = %d
  input = "project-${count.index}"
}
`, n)
	}},
	{key: "noop", provider: "terraform-provider-noop", config: func(n int) string {
		return fmt.Sprintf(`terraform {
  required_providers {
    noop = {
      source = "bench/noop"
    }
  }
}

resource "noop_thing" "this" {
  count        = %d
  name         = "project-${count.index}"
  target_level = 2
  output_dir   = "${path.root}/out/project-${count.index}"
  capabilities = [
%s  ]
}
`, n, capabilityLines())
	}},
	{key: "mlops", provider: "terraform-provider-mlops", config: func(n int) string {
		return fmt.Sprintf(`terraform {
  required_providers {
    mlops = {
      source = "mlops-maturity/mlops"
    }
  }
}

resource "mlops_maturity_target" "this" {
  count        = %d
  name         = "project-${count.index}"
  target_level = 2
  output_dir   = "${path.root}/out/project-${count.index}"
  capabilities = [
%s  ]
}
`, n, capabilityLines())
	}},
}

// portfolioKinds are the kinds of the portfolio case: terraform_data holding
// the projects' map (the baseline), mlops_portfolio reading it with its
// default outputs (measured), and with every rendered report (as every
// portfolio was before reports became opt-in).
var portfolioKinds = []kind{
	{key: "terraform_data", config: func(n int) string {
		return projectsLocal(n) + `
resource "terraform_data" "fleet" {
  input = local.projects
}
`
	}},
	{key: "portfolio", provider: "terraform-provider-mlops", config: func(n int) string { return portfolioConfig(n, "") }},
	{key: "portfolio_reports", provider: "terraform-provider-mlops", config: func(n int) string {
		return portfolioConfig(n, `reports = ["report", "report_json", "scorecard_svg"]`)
	}},
}

// portfolioConfig reads local.projects into mlops_portfolio, with extra
// attributes in the data source.
func portfolioConfig(n int, extra string) string {
	return `terraform {
  required_providers {
    mlops = {
      source = "mlops-maturity/mlops"
    }
  }
}
` + projectsLocal(n) + `
data "mlops_portfolio" "fleet" {
  projects = local.projects
  ` + extra + `
}

output "level_histogram" {
  value = data.mlops_portfolio.fleet.level_histogram
}
`
}

// projectsLocal is local.projects: n projects at level 1 aiming for 2, with
// a minimum of 1, as users feed mlops_portfolio.
func projectsLocal(n int) string {
	return fmt.Sprintf(`locals {
  projects = {
    for i in range(%d) : format("project-%%04d", i) => {
      target_level  = 2
      minimum_level = 1
      capabilities = [
%s      ]
    }
  }
}
`, n, strings.ReplaceAll(capabilityLines(), "    ", "        "))
}

// benchCase is one comparison: its kinds and its operations.
type benchCase struct {
	key   string
	kinds []kind
	ops   []string
	rss   bool // measure the providers' peak RSS in separate runs
}

var (
	targetsCase   = benchCase{key: "targets", kinds: targetKinds, ops: []string{"plan", "apply", "replan", "refresh"}, rss: true}
	portfolioCase = benchCase{key: "portfolio", kinds: portfolioKinds, ops: []string{"plan", "apply", "replan"}}
)

// capabilityLines is the capabilities list of both the floor and the
// measured targets.
func capabilityLines() string {
	var b strings.Builder
	for _, c := range levelOneCapabilities {
		fmt.Fprintf(&b, "    %q,\n", c)
	}
	return b.String()
}

type cellKey struct {
	bcase string
	n     int
	kind  string
	op    string
}

type cell struct {
	times   []time.Duration
	loads   []float64       // 1-minute load average before each timed run; -1 when unknown
	cpus    []time.Duration // user + system time of terraform and the providers it waited for
	tfRSS   int64           // KiB, max over the timing runs
	provRSS int64           // KiB, max over the RSS runs; 0 when not measured
	changes int             // re-plans that reported changes (exit code 2)
}

type bench struct {
	root, tmp, terraform string
	plainEnv, rssEnv     []string
	runs, rssRuns        int
	quietLoad            float64 // runs that start at this load average or below are quiet
	cells                map[cellKey]*cell
	anomalies            []string
	seq                  int
	started              time.Time
	revision             string  // commit of the measured provider
	loadMin, loadMax     float64 // 1-minute load average sampled before each timed run
	loadSeen             bool
	stateBytes           map[cellKey]int64 // size of terraform.tfstate after apply
}

func main() {
	nFlag := flag.String("n", "10,100,500", "comma-separated resource counts")
	portfolioFlag := flag.String("portfolio", "", "comma-separated project counts of the portfolio case (none by default)")
	quiet := flag.Float64("quiet-load", float64(runtime.NumCPU()), "a timed run that starts at this 1-minute load average or below counts as quiet")
	runs := flag.Int("runs", 3, "timed runs of each operation (the median is reported)")
	rssRuns := flag.Int("rss-runs", 0, "runs of each operation with the RSS wrapper (default: -runs)")
	tfFlag := flag.String("terraform", "terraform", "terraform executable")
	out := flag.String("out", "", "also write the Markdown report to this file")
	keep := flag.Bool("keep", false, "keep the temporary folder (providers, configs, logs)")
	flag.Parse()

	ns, err := parseCounts("-n", *nFlag)
	if err != nil {
		fatal(err)
	}
	var portfolioNs []int
	if *portfolioFlag != "" {
		if portfolioNs, err = parseCounts("-portfolio", *portfolioFlag); err != nil {
			fatal(err)
		}
	}
	if *runs < 1 {
		fatal(errors.New("-runs must be at least 1"))
	}
	if *rssRuns <= 0 {
		*rssRuns = *runs
	}
	tfPath, err := exec.LookPath(*tfFlag)
	if err != nil {
		fatal(err)
	}
	root, err := moduleRoot()
	if err != nil {
		fatal(err)
	}
	tmp, err := os.MkdirTemp("", "bench-plan-apply-")
	if err != nil {
		fatal(err)
	}
	b := &bench{root: root, tmp: tmp, terraform: tfPath, runs: *runs, rssRuns: *rssRuns, quietLoad: *quiet,
		cells: map[cellKey]*cell{}, stateBytes: map[cellKey]int64{}}
	err = b.run(ns, portfolioNs, *out)
	if *keep || err != nil {
		fmt.Fprintln(os.Stderr, "temporary folder kept:", tmp)
	} else {
		_ = os.RemoveAll(tmp)
	}
	if err != nil {
		fatal(err)
	}
}

func (b *bench) run(ns, portfolioNs []int, out string) error {
	if err := b.setup(); err != nil {
		return err
	}
	for _, n := range ns {
		if err := b.measure(targetsCase, n); err != nil {
			return err
		}
	}
	for _, n := range portfolioNs {
		if err := b.measure(portfolioCase, n); err != nil {
			return err
		}
	}
	report := b.report(ns, portfolioNs)
	fmt.Print(report)
	if out != "" {
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, []byte(report), 0o644); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "report written to", out)
	}
	return nil
}

// setup builds the providers and the RSS wrapper, lays out the two plugin
// folders and writes their CLI configurations.
func (b *bench) setup() error {
	b.started = time.Now()
	b.revision = revision(b.root)
	plugins := filepath.Join(b.tmp, "plugins")
	wrapped := filepath.Join(b.tmp, "plugins-rss")
	for _, d := range []string{plugins, wrapped, filepath.Join(b.tmp, "logs")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	builds := []struct{ out, pkg string }{
		{filepath.Join(plugins, "terraform-provider-mlops"), "."},
		{filepath.Join(plugins, "terraform-provider-noop"), "./internal/bench/noop"},
		{filepath.Join(b.tmp, "rsswrap"), "./internal/bench/rsswrap"},
	}
	for _, bd := range builds {
		logf("go build -o %s %s", bd.out, bd.pkg)
		cmd := exec.Command("go", "build", "-o", bd.out, bd.pkg)
		cmd.Dir = b.root
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", bd.pkg, err)
		}
	}
	for _, name := range []string{"terraform-provider-mlops", "terraform-provider-noop"} {
		if err := copyFile(filepath.Join(plugins, name), filepath.Join(wrapped, "real-"+name)); err != nil {
			return err
		}
		if err := copyFile(filepath.Join(b.tmp, "rsswrap"), filepath.Join(wrapped, name)); err != nil {
			return err
		}
	}
	base := []string{"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1"}
	for _, e := range os.Environ() {
		k, _, _ := strings.Cut(e, "=")
		if k != "TF_CLI_CONFIG_FILE" && k != "TF_IN_AUTOMATION" && k != "CHECKPOINT_DISABLE" && k != "BENCH_RSS_FILE" {
			base = append(base, e)
		}
	}
	for _, c := range []struct {
		dir string
		env *[]string
	}{{plugins, &b.plainEnv}, {wrapped, &b.rssEnv}} {
		rc := c.dir + ".tfrc"
		text := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n    %q = %q\n  }\n  direct {}\n}\n",
			mlopsAddress, c.dir, noopAddress, c.dir)
		if err := os.WriteFile(rc, []byte(text), 0o644); err != nil {
			return err
		}
		*c.env = append(slices.Clip(base), "TF_CLI_CONFIG_FILE="+rc)
	}
	return nil
}

// measure runs every operation of a case at one N: the timed runs first,
// interleaved across the kinds, then (for a case that measures RSS and
// kinds with a provider) the runs with the RSS wrapper.
func (b *bench) measure(bc benchCase, n int) error {
	dirs := make([]string, len(bc.kinds))
	for i, k := range bc.kinds {
		dirs[i] = filepath.Join(b.tmp, "work", fmt.Sprintf("%s-%s-%d", bc.key, k.key, n))
		if err := os.MkdirAll(dirs[i], 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dirs[i], "main.tf"), []byte(k.config(n)), 0o644); err != nil {
			return err
		}
		// Untimed warm-up: loads terraform and the provider into the page
		// cache and checks the configuration.
		if _, err := b.terraformRun(dirs[i], b.plainEnv, "", k.key, n, "validate", nil, "validate", "-no-color"); err != nil {
			return err
		}
		for _, op := range bc.ops {
			b.cells[cellKey{bc.key, n, k.key, op}] = &cell{}
		}
	}
	// Run i of each operation for every kind, then run i+1: plan and apply
	// start from an empty folder, re-plan and refresh follow the apply of
	// the same run.
	for i := 0; i < b.runs; i++ {
		for _, op := range bc.ops {
			for j, k := range bc.kinds {
				key := cellKey{bc.key, n, k.key, op}
				c := b.cells[key]
				r, err := b.op(dirs[j], b.plainEnv, "", k.key, n, op)
				if err != nil {
					return err
				}
				c.times = append(c.times, r.wall)
				c.loads = append(c.loads, r.load)
				c.cpus = append(c.cpus, r.cpu)
				if op == "apply" {
					if info, err := os.Stat(filepath.Join(dirs[j], "terraform.tfstate")); err == nil {
						b.stateBytes[key] = info.Size()
					}
				}
				c.tfRSS = max(c.tfRSS, r.maxRSS)
				if r.changes {
					c.changes++
				}
				logf("%-9s %-14s N=%-4d %-7s run %d/%d: %7.3fs  load %.2f  terraform maxrss %s", bc.key, k.key, n, op, i+1, b.runs, r.wall.Seconds(), r.load, mib(r.maxRSS))
			}
		}
	}
	for j, k := range bc.kinds {
		if !bc.rss || k.provider == "" {
			continue
		}
		for _, op := range bc.ops {
			c := b.cells[cellKey{bc.key, n, k.key, op}]
			for i := 0; i < b.rssRuns; i++ {
				b.seq++
				rssFile := filepath.Join(b.tmp, "logs", fmt.Sprintf("rss-%s-%d-%s-%d.txt", k.key, n, op, b.seq))
				if _, err := b.op(dirs[j], b.rssEnv, rssFile, k.key, n, op+"-rss"); err != nil {
					return err
				}
				kib, err := readRSS(rssFile, k.provider)
				if err != nil {
					return err
				}
				c.provRSS = max(c.provRSS, kib)
				logf("%-9s %-14s N=%-4d %-7s rss run %d/%d: provider maxrss %s", bc.key, k.key, n, op, i+1, b.rssRuns, mib(kib))
			}
		}
	}
	for _, d := range dirs {
		if err := reset(d); err != nil {
			return err
		}
	}
	return nil
}

type result struct {
	wall    time.Duration
	maxRSS  int64
	changes bool
	load    float64 // 1-minute load average at the start; -1 when unknown
	cpu     time.Duration
}

// op prepares the working folder for one operation and runs it.
func (b *bench) op(dir string, env []string, rssFile, kindKey string, n int, op string) (result, error) {
	base := strings.TrimSuffix(op, "-rss")
	switch base {
	case "plan", "apply":
		// Both start from an empty state and an empty out/ folder.
		if err := reset(dir); err != nil {
			return result{}, err
		}
	}
	var args []string
	okCodes := []int{0}
	switch base {
	case "plan":
		args = []string{"plan", "-input=false", "-no-color"}
	case "apply":
		args = []string{"apply", "-input=false", "-auto-approve", "-no-color"}
	case "replan":
		args = []string{"plan", "-input=false", "-detailed-exitcode", "-no-color"}
		okCodes = []int{0, 2}
	case "refresh":
		args = []string{"apply", "-refresh-only", "-input=false", "-auto-approve", "-no-color"}
	}
	r, err := b.terraformRun(dir, env, rssFile, kindKey, n, op, okCodes, args...)
	if err == nil && r.changes {
		b.anomalies = append(b.anomalies, fmt.Sprintf("%s N=%d %s: the re-plan after apply is not empty (exit code 2)", kindKey, n, op))
		logf("WARNING: %s N=%d %s: re-plan not empty (exit code 2)", kindKey, n, op)
	}
	return r, err
}

// terraformRun runs one terraform command in dir with its output in a log
// file, and returns its wall time and ru_maxrss. okCodes lists the accepted
// exit codes (default 0); exit code 2 is reported as changes.
func (b *bench) terraformRun(dir string, env []string, rssFile, kindKey string, n int, op string, okCodes []int, args ...string) (result, error) {
	if okCodes == nil {
		okCodes = []int{0}
	}
	b.seq++
	logPath := filepath.Join(b.tmp, "logs", fmt.Sprintf("%04d-%s-%d-%s.log", b.seq, kindKey, n, op))
	logFile, err := os.Create(logPath)
	if err != nil {
		return result{}, err
	}
	defer logFile.Close()
	if rssFile != "" {
		env = append(slices.Clip(env), "BENCH_RSS_FILE="+rssFile)
	}
	cmd := exec.Command(b.terraform, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Flush the previous run's writes (apply writes thousands of files) so
	// their write-back does not land inside this measurement.
	syscall.Sync()
	load := b.sampleLoad()
	start := time.Now()
	runErr := cmd.Run()
	wall := time.Since(start)
	var exitErr *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exitErr) {
		return result{}, fmt.Errorf("terraform %s: %w", strings.Join(args, " "), runErr)
	}
	// wait4 counts the providers terraform waited for in its rusage.
	r := result{wall: wall, load: load, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss
	}
	code := cmd.ProcessState.ExitCode()
	if !slices.Contains(okCodes, code) {
		return r, fmt.Errorf("terraform %s in %s exited with %d:\n%s", strings.Join(args, " "), dir, code, tail(logPath, 40))
	}
	r.changes = code == 2
	return r, nil
}

// reset removes the state, terraform's working files and the generated out/ folder.
func reset(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, "terraform.tfstate") || strings.HasPrefix(name, ".terraform") || name == "out" {
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// readRSS returns the largest ru_maxrss (KiB) recorded for provider in file.
func readRSS(file, provider string) (int64, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0, fmt.Errorf("no RSS recorded by the wrapper: %w", err)
	}
	var best int64
	for _, line := range strings.Split(string(data), "\n") {
		name, v, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok || name != provider {
			continue
		}
		kib, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", file, err)
		}
		best = max(best, kib)
	}
	if best == 0 {
		return 0, fmt.Errorf("%s: no RSS line for %s", file, provider)
	}
	return best, nil
}

func (b *bench) report(ns, portfolioNs []int) string {
	var w strings.Builder
	fmt.Fprintf(&w, "## terraform plan/apply benchmark\n\n")
	fmt.Fprintf(&w, "%s · `%s` · %d CPUs · %s · %s %s/%s · %s · `%s`\n\n",
		b.started.UTC().Format("2006-01-02 15:04 MST"), uname(), runtime.NumCPU(), b.terraformVersion(),
		runtime.Version(), runtime.GOOS, runtime.GOARCH, b.revision, b.command())
	if b.loadSeen {
		fmt.Fprintf(&w, "Run took %s; 1-minute load average before the timed commands: %.2f to %.2f.\n\n",
			time.Since(b.started).Round(time.Second), b.loadMin, b.loadMax)
	}
	if len(ns) > 0 {
		b.targetsReport(&w, ns)
	}
	if len(portfolioNs) > 0 {
		b.portfolioReport(&w, portfolioNs)
	}
	b.quietLoadedReport(&w, ns, portfolioNs)
	b.cpuReport(&w, ns, portfolioNs)
	if len(b.anomalies) > 0 {
		w.WriteString("\nAnomalies:\n\n")
		for _, a := range b.anomalies {
			w.WriteString("- " + a + "\n")
		}
	}
	w.WriteString("\nEvery timed run (seconds, with the 1-minute load average before it):\n\n| case | N | operation | kind | runs |\n|---|---:|---|---|---|\n")
	for _, c := range []struct {
		bc benchCase
		ns []int
	}{{targetsCase, ns}, {portfolioCase, portfolioNs}} {
		for _, n := range c.ns {
			for _, op := range c.bc.ops {
				for _, k := range c.bc.kinds {
					cl := b.cells[cellKey{c.bc.key, n, k.key, op}]
					parts := make([]string, len(cl.times))
					for i, t := range cl.times {
						parts[i] = fmt.Sprintf("%.3f (%.1f)", t.Seconds(), cl.loads[i])
					}
					fmt.Fprintf(&w, "| %s | %d | %s | %s | %s |\n", c.bc.key, n, op, k.key, strings.Join(parts, ", "))
				}
			}
		}
	}
	return w.String()
}

func (b *bench) targetsReport(w *strings.Builder, ns []int) {
	fmt.Fprintf(w, "### mlops_maturity_target\n\nWall time: median of %d runs (all runs, quiet or not; see below for each). Peak RSS: max ru_maxrss over %d separate runs with the RSS wrapper "+
		"(provider process) or over the timed runs (terraform process: ru_maxrss of terraform and the providers it waited for). "+
		"mlops = mlops_maturity_target (6 level-1 capabilities, target_level 2, scaffold next_level: each target writes its level 2 scaffold); floor = noop_thing of the noop provider with the same inputs (name, target_level, capabilities, output_dir).\n\n",
		b.runs, b.rssRuns)
	w.WriteString("| N | operation | terraform_data | noop (floor) | mlops | mlops / terraform_data | mlops / floor | provider peak RSS noop | provider peak RSS mlops | terraform peak RSS (data / noop / mlops) |\n")
	w.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, n := range ns {
		for _, op := range targetsCase.ops {
			d, f, m := b.cell(targetsCase, n, "terraform_data", op), b.cell(targetsCase, n, "noop", op), b.cell(targetsCase, n, "mlops", op)
			fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s |\n", n, op,
				secs(median(d.times)), secs(median(f.times)), secs(median(m.times)),
				ratio(median(m.times), median(d.times)), ratio(median(m.times), median(f.times)),
				mib(f.provRSS), mib(m.provRSS), mib(d.tfRSS), mib(f.tfRSS), mib(m.tfRSS))
		}
	}
	w.WriteString("\n")
	for _, line := range b.targets() {
		w.WriteString("- " + line + "\n")
	}
	w.WriteString("\n")
}

func (b *bench) portfolioReport(w *strings.Builder, ns []int) {
	fmt.Fprintf(w, "### mlops_portfolio\n\nWall time: median of %d runs. portfolio = data source mlops_portfolio over a map of N projects "+
		"(6 level-1 capabilities, target 2, minimum 1; default outputs); portfolio_reports = the same with `reports` naming all three rendered reports; "+
		"terraform_data = one terraform_data holding the same map as its input. State: terraform.tfstate after apply, divided by N.\n\n", b.runs)
	w.WriteString("| N | operation | terraform_data | portfolio | portfolio_reports | portfolio / terraform_data | portfolio_reports / terraform_data |\n|---:|---|---:|---:|---:|---:|---:|\n")
	for _, n := range ns {
		for _, op := range portfolioCase.ops {
			d, p, r := b.cell(portfolioCase, n, "terraform_data", op), b.cell(portfolioCase, n, "portfolio", op), b.cell(portfolioCase, n, "portfolio_reports", op)
			fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s | %s |\n", n, op, secs(median(d.times)), secs(median(p.times)), secs(median(r.times)),
				ratio(median(p.times), median(d.times)), ratio(median(r.times), median(d.times)))
		}
	}
	w.WriteString("\n")
	for _, n := range ns {
		d, p := b.cell(portfolioCase, n, "terraform_data", "apply"), b.cell(portfolioCase, n, "portfolio", "apply")
		r := median(p.times).Seconds() / median(d.times).Seconds()
		fmt.Fprintf(w, "- %s apply N=%d: portfolio ≤ 2.00 × terraform_data: %s vs %s, ratio %.2f\n",
			passFail(r <= 2), n, secs(median(p.times)), secs(median(d.times)), r)
		ps, ds := b.stateBytes[cellKey{portfolioCase.key, n, "portfolio", "apply"}], b.stateBytes[cellKey{portfolioCase.key, n, "terraform_data", "apply"}]
		per := float64(ps) / float64(n)
		rs := b.stateBytes[cellKey{portfolioCase.key, n, "portfolio_reports", "apply"}]
		fmt.Fprintf(w, "- %s state per project N=%d: portfolio ≤ 1 KB: %.0f bytes (with all reports: %.0f bytes; terraform_data holding the map: %.0f bytes)\n",
			passFail(per <= 1024), n, per, float64(rs)/float64(n), float64(ds)/float64(n))
	}
	w.WriteString("\n")
}

// quietLoadedReport gives, for each measured kind, the median of the runs
// that started quiet and of those that started loaded, and the ratio of
// the measured kind to its baseline within each group.
func (b *bench) quietLoadedReport(w *strings.Builder, ns, portfolioNs []int) {
	fmt.Fprintf(w, "### Quiet and loaded runs\n\nA run is quiet when the 1-minute load average before it was at most %.2f (-quiet-load; %d CPUs), loaded otherwise. "+
		"Medians of each group (runs in brackets); the ratio compares the measured kind with its baseline (the floor, or terraform_data for the portfolio) within the group.\n\n",
		b.quietLoad, runtime.NumCPU())
	w.WriteString("| case | N | operation | baseline quiet | measured quiet | ratio quiet | baseline loaded | measured loaded | ratio loaded |\n|---|---:|---|---:|---:|---:|---:|---:|---:|\n")
	for _, c := range []struct {
		bc             benchCase
		ns             []int
		base, measured string
	}{{targetsCase, ns, "noop", "mlops"}, {portfolioCase, portfolioNs, "terraform_data", "portfolio"}} {
		for _, n := range c.ns {
			for _, op := range c.bc.ops {
				bq, bl := b.split(b.cell(c.bc, n, c.base, op))
				mq, ml := b.split(b.cell(c.bc, n, c.measured, op))
				fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", c.bc.key, n, op,
					groupMedian(bq), groupMedian(mq), groupRatio(mq, bq), groupMedian(bl), groupMedian(ml), groupRatio(ml, bl))
			}
		}
	}
}

// cpuReport gives the median CPU time (user + system) of terraform and its
// providers: unlike wall time it hardly depends on what else the machine
// runs, so its ratios are the figures to compare across loaded runs.
func (b *bench) cpuReport(w *strings.Builder, ns, portfolioNs []int) {
	w.WriteString("\n### CPU time\n\nMedian user + system time of terraform and the provider processes it waited for (from wait4), " +
		"which hardly depends on the load; the ratio compares the measured kind with its baseline.\n\n" +
		"| case | N | operation | terraform_data | baseline | measured | measured / baseline |\n|---|---:|---|---:|---:|---:|---:|\n")
	for _, c := range []struct {
		bc             benchCase
		ns             []int
		base, measured string
	}{{targetsCase, ns, "noop", "mlops"}, {portfolioCase, portfolioNs, "terraform_data", "portfolio"}} {
		for _, n := range c.ns {
			for _, op := range c.bc.ops {
				d, base, m := b.cell(c.bc, n, "terraform_data", op), b.cell(c.bc, n, c.base, op), b.cell(c.bc, n, c.measured, op)
				fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s |\n", c.bc.key, n, op,
					secs(median(d.cpus)), secs(median(base.cpus)), secs(median(m.cpus)), ratio(median(m.cpus), median(base.cpus)))
			}
		}
	}
}

// split divides a cell's times into the quiet and the loaded runs.
func (b *bench) split(c *cell) (quiet, loaded []time.Duration) {
	for i, t := range c.times {
		if c.loads[i] >= 0 && c.loads[i] <= b.quietLoad {
			quiet = append(quiet, t)
		} else {
			loaded = append(loaded, t)
		}
	}
	return quiet, loaded
}

func groupMedian(ts []time.Duration) string {
	if len(ts) == 0 {
		return "–"
	}
	return fmt.Sprintf("%s (%d)", secs(median(ts)), len(ts))
}

func groupRatio(m, base []time.Duration) string {
	if len(m) == 0 || len(base) == 0 {
		return "–"
	}
	return ratio(median(m), median(base))
}

// cell returns the cell of a case, N, kind and operation, empty when it
// was not measured.
func (b *bench) cell(bc benchCase, n int, kind, op string) *cell {
	if c, ok := b.cells[cellKey{bc.key, n, kind, op}]; ok {
		return c
	}
	return &cell{}
}

// targets returns one PASS/FAIL (or SKIP) line per goal of the targets
// case, at N = 500 and N = 1000.
func (b *bench) targets() []string {
	var lines []string
	timeTarget := func(n int, op, base string, limit float64) {
		name := fmt.Sprintf("%s N=%d: mlops ≤ %.2f × %s", op, n, limit, baseLabel(base))
		m, ok1 := b.cells[cellKey{targetsCase.key, n, "mlops", op}]
		o, ok2 := b.cells[cellKey{targetsCase.key, n, base, op}]
		if !ok1 || !ok2 {
			lines = append(lines, "SKIP "+name+" (N not measured)")
			return
		}
		mt, ot := median(m.times), median(o.times)
		r := mt.Seconds() / ot.Seconds()
		lines = append(lines, fmt.Sprintf("%s %s: %s vs %s, ratio %.2f", passFail(r <= limit), name, secs(mt), secs(ot), r))
	}
	for _, n := range []int{500, 1000} {
		timeTarget(n, "plan", "noop", 1.6)
		timeTarget(n, "replan", "noop", 1.6)
		timeTarget(n, "apply", "noop", 2)
	}
	name := "provider peak RSS N=500: mlops ≤ 1.3 × floor"
	var peak, floorPeak int64
	found := false
	for _, op := range targetsCase.ops {
		m, ok1 := b.cells[cellKey{targetsCase.key, 500, "mlops", op}]
		f, ok2 := b.cells[cellKey{targetsCase.key, 500, "noop", op}]
		if ok1 && ok2 {
			found = true
			peak, floorPeak = max(peak, m.provRSS), max(floorPeak, f.provRSS)
		}
	}
	if !found || floorPeak == 0 {
		lines = append(lines, "SKIP "+name+" (N not measured)")
	} else {
		lines = append(lines, fmt.Sprintf("%s %s: %s vs %s, ratio %.2f (max over plan, apply, replan, refresh)",
			passFail(float64(peak) <= 1.3*float64(floorPeak)), name, mib(peak), mib(floorPeak), float64(peak)/float64(floorPeak)))
	}
	for _, n := range []int{500, 1000} {
		size, ok := b.stateBytes[cellKey{targetsCase.key, n, "mlops", "apply"}]
		floor := b.stateBytes[cellKey{targetsCase.key, n, "noop", "apply"}]
		if !ok {
			lines = append(lines, fmt.Sprintf("SKIP state N=%d (N not measured)", n))
			continue
		}
		per := float64(size) / float64(n)
		lines = append(lines, fmt.Sprintf("%s state per target N=%d: mlops ≤ 1.5 KB: %.0f bytes (floor %.0f bytes)",
			passFail(per <= 1536), n, per, float64(floor)/float64(n)))
	}
	return lines
}

func baseLabel(k string) string {
	if k == "noop" {
		return "floor"
	}
	return k
}

func passFail(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

func median(ts []time.Duration) time.Duration {
	if len(ts) == 0 {
		return 0
	}
	s := slices.Clone(ts)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3f s", d.Seconds()) }

func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", a.Seconds()/b.Seconds())
}

func mib(kib int64) string {
	if kib <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f MiB", float64(kib)/1024)
}

func parseCounts(name, s string) ([]int, error) {
	var ns []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s: bad count %q", name, f)
		}
		if !slices.Contains(ns, n) {
			ns = append(ns, n)
		}
	}
	return ns, nil
}

// moduleRoot is the folder of the main module's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run from inside the module (go env GOMOD is empty)")
	}
	return filepath.Dir(gomod), nil
}

func (b *bench) terraformVersion() string {
	cmd := exec.Command(b.terraform, "version")
	cmd.Env = b.plainEnv
	out, err := cmd.Output()
	if err != nil {
		return "terraform (version unknown)"
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first)
}

// sampleLoad records and returns the 1-minute load average (Linux only;
// -1 elsewhere).
func (b *bench) sampleLoad() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	if !b.loadSeen {
		b.loadMin, b.loadMax, b.loadSeen = v, v, true
	}
	b.loadMin, b.loadMax = min(b.loadMin, v), max(b.loadMax, v)
	return v
}

// revision names the commit the provider is built from, and whether tracked
// files differ from it. It never writes to the repository's index.
func revision(root string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "commit unknown"
	}
	rev := "commit " + strings.TrimSpace(string(out))
	st, err := exec.Command("git", "--no-optional-locks", "-C", root, "status", "--porcelain", "--untracked-files=no").Output()
	if err != nil {
		return rev
	}
	var paths []string
	for _, line := range strings.Split(string(st), "\n") {
		if len(line) > 3 {
			paths = append(paths, line[3:])
		}
	}
	if len(paths) > 5 {
		paths = append(paths[:5], fmt.Sprintf("%d more", len(paths)-5))
	}
	if len(paths) > 0 {
		rev += " + uncommitted changes in " + strings.Join(paths, ", ")
	}
	return rev
}

func uname() string {
	out, err := exec.Command("uname", "-srm").Output()
	if err != nil {
		return runtime.GOOS + "/" + runtime.GOARCH
	}
	return strings.TrimSpace(string(out))
}

// command is the command line of this run, with paths inside the module
// made relative to its root.
func (b *bench) command() string {
	parts := []string{"go", "run", "./internal/bench/planapply"}
	for _, a := range os.Args[1:] {
		parts = append(parts, b.relative(a))
	}
	return strings.Join(parts, " ")
}

func (b *bench) relative(arg string) string {
	prefix, value := "", arg
	if k, v, ok := strings.Cut(arg, "="); ok && strings.HasPrefix(k, "-") {
		prefix, value = k+"=", v
	}
	if filepath.IsAbs(value) {
		if rel, err := filepath.Rel(b.root, value); err == nil && !strings.HasPrefix(rel, "..") {
			value = rel
		}
	}
	return prefix + value
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func tail(path string, lines int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	all := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	return strings.Join(all[max(0, len(all)-lines):], "\n")
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%s] %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "planapply:", err)
	os.Exit(1)
}
