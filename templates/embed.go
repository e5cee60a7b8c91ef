// Package templates holds the built-in scaffolding templates, one folder per
// stack group (common, platform/<ci>, registry/<registry>, monitoring/<monitoring>)
// and below it one folder per capability id.
package templates

import "embed"

// FS is the tree of built-in templates. The "all:" prefix keeps dotfiles such
// as .github/ and .dockerignore.
//
//go:embed all:common all:platform all:registry all:monitoring variables.yaml
var FS embed.FS
