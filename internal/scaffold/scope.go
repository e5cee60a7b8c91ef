package scaffold

import (
	"fmt"
	"strings"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// Scaffold scopes: what apply writes.
const (
	ScopeNextLevel   = "next_level"
	ScopeTargetLevel = "target_level"
	ScopeNone        = "none"
)

// Scopes lists the scopes, the default first.
var Scopes = []string{ScopeNextLevel, ScopeTargetLevel, ScopeNone}

// Scope is the set of capabilities a scope renders for an assessment:
// none, every gap up to the target, or the gaps of the next level while
// the target is not met.
func Scope(a maturity.Assessment, scope string) maturity.Set {
	switch scope {
	case ScopeNone:
		return 0
	case ScopeTargetLevel:
		return a.Gaps
	default:
		if a.Current < a.Target {
			return a.NextGaps
		}
		return 0
	}
}

// Served is the set of catalog capabilities whose managed files the
// manifest records, leaving out those the team owns under a: after a
// switch of stack or name they are rendered again for the new stack, so
// nothing generated is lost.
func Served(catalog *maturity.Catalog, m *Manifest, a Adoption) maturity.Set {
	ids := make([]string, 0, len(m.Files))
	for _, f := range m.Files {
		if _, ok := catalog.Lookup(f.Capability); ok && !f.Adopted && !a.Capabilities[f.Capability] {
			ids = append(ids, f.Capability)
		}
	}
	s, _ := catalog.SetOf(ids)
	return s
}

// AttributeError is a problem with the value of one input of the target,
// named by its attribute.
type AttributeError struct {
	Attribute, Summary, Detail string
}

func (e AttributeError) Error() string { return e.Attribute + ": " + e.Summary + ": " + e.Detail }

// CheckCoverage refuses a scaffold that would silently miss a capability
// of ids because the stack has no templates for it: a stack part without
// templates, capabilities of a custom catalog without templates, or
// built-in capabilities the stack does not cover.
func (l *Library) CheckCoverage(stack Stack, ids []string, files []File) []AttributeError {
	var errs []AttributeError
	for _, part := range []struct{ attr, name string }{
		{"platform", stack.Platform}, {"registry", stack.Registry}, {"monitoring", stack.Monitoring},
	} {
		if !l.HasTemplatesFor(part.attr, part.name) {
			errs = append(errs, AttributeError{part.attr, "No templates for this stack",
				fmt.Sprintf("The templates have nothing for %s = %q yet, so the scaffold would miss its %s files. Provide them in template_dir "+
					"(%s/%s/<capability>/<file>.tmpl), choose a %s that has templates, or set scaffold = \"none\".",
					part.attr, part.name, part.attr, part.attr, part.name, part.attr)})
		}
	}
	if len(errs) > 0 {
		return errs
	}
	covered := make(map[string]bool, len(ids))
	for _, f := range files {
		covered[f.Capability] = true
	}
	known := map[string]bool{}
	for _, id := range l.Capabilities() {
		known[id] = true
	}
	var missing, foreign []string
	for _, id := range ids {
		switch {
		case covered[id]:
		case !known[id]:
			foreign = append(foreign, id)
		default:
			missing = append(missing, id)
		}
	}
	if len(foreign) > 0 {
		errs = append(errs, AttributeError{"template_dir", "No templates for these capabilities",
			fmt.Sprintf("No template serves %s: capabilities of your own catalog have no built-in templates. Add them to template_dir "+
				"(common/<capability>/<file>.tmpl, or per stack under platform/, registry/, monitoring/), or set scaffold = \"none\".",
				strings.Join(foreign, ", "))})
	}
	if len(missing) == 0 {
		return errs
	}
	attr, value := "platform", stack.Platform
	switch {
	case stack.Platform != DefaultStack.Platform:
	case stack.Registry != DefaultStack.Registry:
		attr, value = "registry", stack.Registry
	case stack.Monitoring != DefaultStack.Monitoring:
		attr, value = "monitoring", stack.Monitoring
	}
	return append(errs, AttributeError{attr, "No templates for this stack",
		fmt.Sprintf("The built-in templates do not cover %s = %q for: %s. Provide them in template_dir (for example platform/<name>/<capability>/<file>.tmpl), "+
			"use the default stack (github_actions, mlflow, prometheus), or set scaffold = \"none\".", attr, value, strings.Join(missing, ", "))})
}
