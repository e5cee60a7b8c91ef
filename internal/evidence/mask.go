package evidence

import (
	"bytes"
	"path"
	"strings"
)

// Comments are not evidence: a commented-out `mlflow.register_model(...)` or
// a CI step left as `# - run: pytest` shows nothing about the project. Before
// the rules look at a file its comments (and Python docstrings, and the
// prose cells of a notebook) are blanked out byte for byte, so that offsets
// and line numbers stay those of the file.

// commentStyle is how a language writes comments.
type commentStyle int

const (
	styleNone     commentStyle = iota
	styleHash                  // # to the end of the line (YAML, shell, TOML, Makefile, Dockerfile, requirements)
	styleSlash                 // // and /* */ (Groovy, Bicep, JavaScript)
	styleHCL                   // #, // and /* */
	stylePython                // # comments and docstrings
	styleNotebook              // Jupyter JSON: markdown cells and Python comments of code cells
	styleSQL                   // -- and /* */
	styleMarkdown              // <!-- -->
)

// templateSuffixes are removed from a file name before rules match it, so a
// project template's `ci.yml.tmpl` is read as the `ci.yml` it generates.
var templateSuffixes = []string{".tmpl", ".jinja", ".jinja2", ".j2"}

// matchName returns the path rules match: the path without a template suffix.
func matchName(rel string) string {
	for _, s := range templateSuffixes {
		if t, ok := strings.CutSuffix(rel, s); ok && path.Base(t) != "" && !strings.HasSuffix(t, "/") {
			return t
		}
	}
	return rel
}

func styleOf(name string) commentStyle {
	base := path.Base(name)
	switch ext := strings.ToLower(path.Ext(base)); ext {
	case ".py", ".pyi":
		return stylePython
	case ".ipynb":
		return styleNotebook
	case ".yml", ".yaml", ".sh", ".bash", ".toml", ".cfg", ".ini", ".txt", ".dvc", ".lock", ".r", ".mk", ".env", ".properties":
		return styleHash
	case ".tf", ".hcl", ".tfvars":
		return styleHCL
	case ".groovy", ".bicep", ".js", ".ts", ".go", ".java", ".scala", ".kt", ".jsonc":
		return styleSlash
	case ".sql":
		return styleSQL
	case ".md":
		return styleMarkdown
	}
	switch {
	case base == "Jenkinsfile":
		return styleSlash
	case base == "Makefile", base == "MLproject", base == "CODEOWNERS", base == "Pipfile",
		strings.HasPrefix(base, "Dockerfile"), strings.HasSuffix(base, ".Dockerfile"), strings.HasPrefix(base, "."):
		return styleHash
	}
	return styleNone
}

// maskComments returns the content with its comments blanked (newlines kept),
// or the content itself when the language has none or none is found.
func maskComments(name string, raw []byte) []byte {
	var m masker
	switch styleOf(name) {
	case styleHash:
		m = masker{hash: true}
	case styleHCL:
		m = masker{hash: true, slash: true, block: true}
	case styleSlash:
		m = masker{slash: true, block: true}
	case styleSQL:
		m = masker{dash: true, block: true}
	case stylePython:
		m = masker{hash: true, python: true}
	case styleMarkdown:
		return maskHTMLComments(raw)
	case styleNotebook:
		return maskNotebook(raw)
	default:
		return raw
	}
	if !m.mayHaveComment(raw) {
		return raw
	}
	out := append([]byte(nil), raw...)
	m.run(out)
	return out
}

// masker blanks comments in place, tracking quotes so that a `#` in a
// string is not taken for a comment.
type masker struct {
	hash, slash, block, dash, python bool
}

func (m masker) mayHaveComment(b []byte) bool {
	return (m.hash && bytes.IndexByte(b, '#') >= 0) ||
		((m.slash || m.block) && bytes.IndexByte(b, '/') >= 0) ||
		(m.dash && bytes.Contains(b, []byte("--"))) ||
		(m.python && (bytes.Contains(b, []byte(`"""`)) || bytes.Contains(b, []byte(`'''`))))
}

func blank(b []byte, from, to int) {
	for i := from; i < to && i < len(b); i++ {
		if b[i] != '\n' {
			b[i] = ' '
		}
	}
}

func (m masker) run(b []byte) {
	var quote byte // open single-line quote
	lineStart := true
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\n' {
			quote, lineStart = 0, true
			continue
		}
		if quote != 0 {
			switch c {
			case '\\':
				i++
			case quote:
				quote = 0
			}
			continue
		}
		atLineStart := lineStart
		if c != ' ' && c != '\t' {
			lineStart = false
		}
		switch {
		case m.python && (c == '"' || c == '\'') && i+2 < len(b) && b[i+1] == c && b[i+2] == c:
			end := closeTriple(b, i+3, c)
			if atLineStart {
				blank(b, i, end) // a docstring or a bare string statement
			}
			i = end - 1
		case c == '"' || (c == '\'' && (!m.hash || m.python || quoteOpens(b, i))):
			quote = c
		case m.hash && c == '#' && (i == 0 || b[i-1] == ' ' || b[i-1] == '\t' || b[i-1] == '\n'):
			i = blankToEOL(b, i)
		case m.slash && c == '/' && i+1 < len(b) && b[i+1] == '/' && (i == 0 || b[i-1] != ':'):
			i = blankToEOL(b, i)
		case m.dash && c == '-' && i+1 < len(b) && b[i+1] == '-':
			i = blankToEOL(b, i)
		case m.block && c == '/' && i+1 < len(b) && b[i+1] == '*':
			end := bytes.Index(b[i+2:], []byte("*/"))
			stop := len(b)
			if end >= 0 {
				stop = i + 2 + end + 2
			}
			blank(b, i, stop)
			i = stop - 1
		}
	}
}

// quoteOpens reports whether a single quote in a hash-commented language
// opens a string rather than being an apostrophe in prose ("don't").
func quoteOpens(b []byte, i int) bool {
	if i == 0 {
		return true
	}
	p := b[i-1]
	letter := p >= 'a' && p <= 'z' || p >= 'A' && p <= 'Z' || p >= '0' && p <= '9'
	return !letter
}

func blankToEOL(b []byte, i int) int {
	end := bytes.IndexByte(b[i:], '\n')
	if end < 0 {
		end = len(b) - i
	}
	blank(b, i, i+end)
	return i + end - 1
}

// closeTriple returns the offset just past the triple quote that closes a
// string opened before from, or len(b).
func closeTriple(b []byte, from int, q byte) int {
	for i := from; i+2 < len(b); i++ {
		switch {
		case b[i] == '\\':
			i++
		case b[i] == q && b[i+1] == q && b[i+2] == q:
			return i + 3
		}
	}
	return len(b)
}

func maskHTMLComments(raw []byte) []byte {
	if !bytes.Contains(raw, []byte("<!--")) {
		return raw
	}
	out := append([]byte(nil), raw...)
	for i := 0; ; {
		s := bytes.Index(out[i:], []byte("<!--"))
		if s < 0 {
			return out
		}
		s += i
		e := bytes.Index(out[s:], []byte("-->"))
		stop := len(out)
		if e >= 0 {
			stop = s + e + 3
		}
		blank(out, s, stop)
		i = stop
	}
}

// maskNotebook blanks the source lines of markdown cells and the Python
// comments of code cells of a notebook saved with one source line per JSON
// line (how Jupyter writes them).
func maskNotebook(raw []byte) []byte {
	out := append([]byte(nil), raw...)
	markdown := false
	py := masker{hash: true}
	for start := 0; start < len(out); {
		end := bytes.IndexByte(out[start:], '\n')
		if end < 0 {
			end = len(out) - start
		}
		line := out[start : start+end]
		trimmed := bytes.TrimSpace(line)
		switch {
		case bytes.HasPrefix(trimmed, []byte(`"cell_type":`)):
			markdown = !bytes.Contains(trimmed, []byte(`"code"`))
		case bytes.HasPrefix(trimmed, []byte(`"outputs":`)), bytes.HasPrefix(trimmed, []byte(`"metadata":`)):
		case len(trimmed) > 1 && trimmed[0] == '"':
			if markdown {
				blank(line, 0, len(line))
			} else if q := bytes.IndexByte(line, '"'); q >= 0 {
				maskJSONPythonLine(line[q+1:], py)
			}
		}
		start += end + 1
	}
	return out
}

// maskJSONPythonLine blanks the comment of one Python source line written as
// a JSON string (escaped quotes are \" and the string ends at an unescaped ").
func maskJSONPythonLine(s []byte, py masker) {
	content := s
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == '"' {
			content = s[:i]
			break
		}
	}
	if bytes.IndexByte(content, '#') < 0 {
		return
	}
	// Inside JSON a Python quote is either ' or \" : unescape a copy to
	// find where the comment starts, then blank that range.
	var quote byte
	for i := 0; i < len(content); i++ {
		c := content[i]
		if c == '\\' && i+1 < len(content) {
			if content[i+1] == '"' {
				c = '"'
			}
			i++
			if c != '"' {
				continue
			}
		}
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '#' && py.hash:
			blank(content, i, len(content))
			return
		}
	}
}
