package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// renderInputs is everything the rendered files of a target depend on:
// the templates and their variables, the catalog and the assessment (the
// capabilities in scope, the ones present, and the report files), the
// declaration (the report's exemptions), the name and the stack. Two plans
// with equal renderInputs render byte-identical files.
type renderInputs struct {
	Generator  string              `json:"generator"`
	Templates  string              `json:"templates"`
	Catalog    string              `json:"catalog"`
	Name       string              `json:"name"`
	Stack      scaffold.Stack      `json:"stack"`
	ScopeMode  string              `json:"scope_mode"`
	Scope      maturity.Set        `json:"scope"`
	Assessment maturity.Assessment `json:"assessment"`
	Target     int                 `json:"target"`
	Exemptions map[string]string   `json:"exemptions"`
	Variables  map[string]string   `json:"variables"`
}

// inputsDigest is the sha256 hex of a target's render inputs, recorded in
// the manifest at apply so a re-plan with the same inputs and untouched
// files skips rendering (scaffold.PlanUnchanged). libKey names the
// template library (see libraryFor); "" when no digest can be made, which
// turns the shortcut off.
func inputsDigest(data *providerData, in targetInputs, a maturity.Assessment, scope maturity.Set, libKey string) string {
	catalog := data.catalogDigest()
	if libKey == "" || catalog == "" {
		return ""
	}
	b, err := json.Marshal(renderInputs{
		Generator: data.version, Templates: libKey, Catalog: catalog, Name: in.name, Stack: in.stack,
		ScopeMode: in.scope, Scope: scope, Assessment: a, Target: in.decl.Target, Exemptions: in.decl.Exemptions, Variables: in.vars,
	})
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// digestOfCatalog is the sha256 hex of the catalog's content; "" when it
// cannot be encoded.
func digestOfCatalog(c *maturity.Catalog) string {
	b, err := json.Marshal(c)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// templatesKey names a template library by content: the built-in
// templates' digest, and for a template_dir the fingerprint of its files.
func templatesKey(templateDir, fingerprint string) string {
	builtin := scaffold.BuiltinDigest()
	if builtin == "" {
		return ""
	}
	if templateDir == "" {
		return "builtin " + builtin
	}
	sum := sha256.Sum256([]byte(fingerprint))
	return "builtin " + builtin + " dir " + hex.EncodeToString(sum[:])
}
