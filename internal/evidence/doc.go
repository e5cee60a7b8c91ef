// Package evidence assesses a repository instead of trusting what a team
// declares: it scans a folder for the files that show each capability of the
// maturity catalog and compares what it detects with what is declared.
//
// # Rules
//
// The rules are data, kept with the catalog (the evidence list of each
// capability and the catalog's evidence_files), so a custom catalog brings
// its own rules and both go through the catalog's one loader, which rejects a
// bad glob or regular expression naming the capability. A capability is
// detected when any of its rules holds. A rule holds when one file matches
// its condition (a path glob, content patterns that must all match, of which
// one must match, or of which none may match) and every condition it requires
// is met by some file: for example a CI pipeline that runs pytest, and a test
// file for it to run.
//
// # Scanning
//
// The scanner walks the folder once and reads each file at most once,
// evaluating every condition whose glob matches the file's path. It never
// follows a symbolic link and reads only regular files. It skips version
// control folders (.git, .hg, .svn), dependencies (node_modules,
// site-packages, .eggs and virtual environments: .venv, venv and any folder
// holding a pyvenv.cfg), caches and build output (__pycache__, .tox, .nox,
// .terraform, build, dist, target, .mypy_cache, .pytest_cache, .ruff_cache,
// .ipynb_checkpoints, *.egg-info) and the provider's own .mlops records.
// Files larger than Options.MaxFileSize (1 MiB by default) and binary files
// (a NUL byte in the first 8000 bytes) are not read.
//
// Only files whose path matches a rule's glob are read, so the built-in rules
// look where pipelines, ML job definitions, deployments and monitoring rules
// usually live rather than in every file. A file that only a rule's required
// conditions look at (for example a test file, once a CI pipeline that runs
// pytest is found) is read only until one such file meets the condition.
//
// Each piece of evidence is a file path relative to the scanned folder, the
// deciding line (of the first pattern of "all", else of the earliest "any"
// match, else the file's first line of content; a match that begins with
// white space points past it, never at a blank line), and the rule that
// matched with its reason.
//
// The files the built-in templates scaffold for a capability are evidence of
// it, for every platform, registry and monitoring stack, and of nothing
// above the levels scaffolded: after apply, a scan of the output folder
// detects exactly what was scaffolded.
//
// # Modes
//
// In ModeReport (the default) declared capabilities count toward the level and
// the evidence is shown beside them. In ModeRequire only a declared capability
// with evidence counts (exemptions still count, as always): a declared
// capability without evidence becomes a gap. Both modes report the declared
// capabilities without evidence and the detected capabilities that are not
// declared.
package evidence
