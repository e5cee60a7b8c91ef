package provider

import (
	"fmt"
	"os"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// catalogFileEnv names a catalog file used when the provider block sets no
// catalog. It also reaches the provider function, which Terraform calls
// without the provider's configuration.
const catalogFileEnv = "MLOPS_CATALOG_FILE"

// activeCatalog returns the maturity model in force: the provider's catalog
// attribute when set, else the file named by MLOPS_CATALOG_FILE, else the
// built-in model. from says where a broken catalog came from.
func activeCatalog(text string) (catalog *maturity.Catalog, from string, err error) {
	switch file := os.Getenv(catalogFileEnv); {
	case text != "":
		catalog, err = maturity.Parse([]byte(text))
		return catalog, "catalog", err
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, catalogFileEnv, fmt.Errorf("reading %s: %w", file, err)
		}
		catalog, err = maturity.Parse(b)
		if err != nil {
			return nil, catalogFileEnv, fmt.Errorf("%s: %w", file, err)
		}
		return catalog, catalogFileEnv, nil
	default:
		catalog, err = maturity.Default()
		return catalog, "the built-in catalog", err
	}
}
