package provider

import (
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// protoV6ProviderFactories serves the provider in-process to the real
// terraform CLI that terraform-plugin-testing drives.
var protoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"mlops": providerserver.NewProtocol6WithError(New("test")()),
}

var terraformPath struct {
	once sync.Once
	path string
	err  error
}

// testAccPreCheck makes sure a terraform (or OpenTofu) binary is available
// before any acceptance step runs. The machines these tests run on are
// offline, so the tests never let terraform-plugin-testing download one: a
// missing binary fails the test with instructions instead of skipping it.
func testAccPreCheck(t *testing.T) {
	t.Helper()
	terraformPath.once.Do(func() {
		if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
			terraformPath.path, terraformPath.err = p, nil
			if _, err := os.Stat(p); err != nil {
				terraformPath.err = err
			}
			return
		}
		terraformPath.path, terraformPath.err = exec.LookPath("terraform")
	})
	if terraformPath.err != nil {
		t.Fatalf("no terraform binary found (%v). Install Terraform >= 1.8 and put it on PATH, "+
			"or set TF_ACC_TERRAFORM_PATH to the absolute path of a terraform or tofu binary.", terraformPath.err)
	}
	t.Setenv("TF_ACC_TERRAFORM_PATH", terraformPath.path)
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range []string{builtProvider.dir, providerMirror.dir} {
		if dir != "" {
			_ = os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}
