// Command terraform-provider-mlops serves the mlops Terraform provider.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/provider"
)

// version is set by the release build (-ldflags "-X main.version=...").
var version = "dev"

//go:generate go run ./internal/docgen
//go:generate go tool tfplugindocs generate --provider-name mlops --rendered-provider-name mlops --website-source-dir internal/provider/doctemplates

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider in debug mode, for debuggers such as delve")
	flag.Parse()
	quietSDKLogs()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/mlops-maturity/mlops",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}

// quietSDKLogs turns the plugin SDK's trace logging off when nobody asked for
// logs. Terraform drops provider logs unless TF_LOG (or one of its variants)
// is set, and formatting a trace line for every attribute of every planned
// resource costs more than the provider's own work on large plans. Any TF_LOG
// variable in the environment leaves logging exactly as the SDK sets it.
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
