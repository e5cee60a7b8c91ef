// Command profprovider is the mlops provider with a CPU profile: built as
// terraform-provider-mlops and served through dev_overrides, every provider
// process terraform starts writes cpu-<pid>.pprof into the folder named by
// MLOPS_CPUPROFILE_DIR (and no profile when it is unset). go tool pprof
// merges the files of one terraform command:
//
//	go build -o /tmp/prof/terraform-provider-mlops ./internal/bench/profprovider
//	MLOPS_CPUPROFILE_DIR=/tmp/prof/out terraform plan    # dev_overrides pointing at /tmp/prof
//	go tool pprof -top /tmp/prof/terraform-provider-mlops /tmp/prof/out/*.pprof
//
// pprof symbolises from the binary path the profile records, so read a
// profile before rebuilding that binary (or keep a copy of it).
//
// The profile covers the provider process only (plugin framework, gRPC and
// the provider's own work), not terraform. MLOPS_PROVIDER_GOGC sets the
// garbage collector's percentage of the provider process alone (GOGC would
// also change terraform's), to weigh CPU against memory.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/provider"
)

func main() {
	quietSDKLogs()
	if v := os.Getenv("MLOPS_PROVIDER_GOGC"); v != "" {
		pct, err := strconv.Atoi(v)
		if err != nil {
			log.Fatalf("MLOPS_PROVIDER_GOGC: %v", err)
		}
		debug.SetGCPercent(pct)
	}
	stop := startProfile(os.Getenv("MLOPS_CPUPROFILE_DIR"))
	err := providerserver.Serve(context.Background(), provider.New("profile"), providerserver.ServeOpts{
		Address: "registry.terraform.io/mlops-maturity/mlops",
	})
	// terraform ends the provider with a graceful shutdown, so Serve returns
	// and the profile is written.
	stop()
	if err != nil {
		log.Fatal(err)
	}
}

// startProfile starts a CPU profile into dir (nothing when dir is empty)
// and returns the function that writes it.
func startProfile(dir string) func() {
	if dir == "" {
		return func() {}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", os.Getpid())))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}

// quietSDKLogs is the released provider's setting (see the main package):
// SDK trace logs off unless a TF_LOG variable is set, so the profile shows
// what users run.
func quietSDKLogs() {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return
		}
	}
	for _, v := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		_ = os.Setenv(v, "OFF")
	}
}
