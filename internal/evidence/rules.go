package evidence

import (
	"bytes"
	"path"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// minLiteral is the shortest required literal worth a substring check before
// running a regular expression.
const minLiteral = 3

// pattern is a compiled regular expression with a cheap pre-check: when none
// of the literals it cannot match without is in the content, it cannot match.
type pattern struct {
	re       *regexp.Regexp
	literals [][]byte // any one must occur; empty means no pre-check
	fold     bool     // compare against the lower-cased content
}

// condition is one maturity.EvidenceCondition ready to evaluate.
type condition struct {
	all, any, none []pattern
}

// rule is one alternative of a capability: the condition a file must meet and
// the conditions some file must meet.
type rule struct {
	name     string
	primary  int   // index into ruleSet.conds
	requires []int // indexes into ruleSet.conds
}

// globMatcher tests paths against one glob, with a pre-check on the file
// name's suffix.
type globMatcher struct {
	glob  string
	conds []int // conditions that list this glob
}

// ruleSet is the catalog's evidence rules flattened for scanning.
type ruleSet struct {
	ids   []string // capability ids in catalog order
	rules [][]rule // per capability
	conds []condition
	// globs by the extension of the file names they can match ("" for a
	// glob whose last segment is not a plain "*.ext" or literal name), and
	// by exact base name.
	byExt  map[string][]*globMatcher
	byBase map[string][]*globMatcher
	other  []*globMatcher
}

func compileRules(cat *maturity.Catalog) *ruleSet {
	rs := &ruleSet{byExt: map[string][]*globMatcher{}, byBase: map[string][]*globMatcher{}}
	globs := map[string]*globMatcher{}
	addCond := func(c *maturity.EvidenceCondition) int {
		idx := len(rs.conds)
		rs.conds = append(rs.conds, condition{
			all:  compilePatterns(c.AllPatterns()),
			any:  compilePatterns(c.AnyPatterns()),
			none: compilePatterns(c.NonePatterns()),
		})
		seen := map[string]bool{}
		for _, g := range c.Globs() {
			if seen[g] {
				continue
			}
			seen[g] = true
			m := globs[g]
			if m == nil {
				m = &globMatcher{glob: g}
				globs[g] = m
				rs.index(m)
			}
			m.conds = append(m.conds, idx)
		}
		return idx
	}
	for i := range cat.Capabilities {
		cp := &cat.Capabilities[i]
		rs.ids = append(rs.ids, cp.ID)
		var rules []rule
		for j := range cp.Evidence {
			er := &cp.Evidence[j]
			r := rule{name: er.Name, primary: addCond(&er.EvidenceCondition)}
			for k := range er.Requires {
				r.requires = append(r.requires, addCond(&er.Requires[k]))
			}
			rules = append(rules, r)
		}
		rs.rules = append(rs.rules, rules)
	}
	return rs
}

// index files a glob under the keys a path must have to match it, so that a
// path is only tested against globs that can match it.
func (rs *ruleSet) index(m *globMatcher) {
	last := m.glob
	if i := strings.LastIndexByte(last, '/'); i >= 0 {
		last = last[i+1:]
	}
	switch {
	case !strings.ContainsAny(last, `*?[{\`):
		rs.byBase[last] = append(rs.byBase[last], m)
	case strings.HasPrefix(last, "*.") && !strings.ContainsAny(last[2:], `*?[{\.`):
		rs.byExt[last[1:]] = append(rs.byExt[last[1:]], m)
	case strings.HasPrefix(last, "*.{") && strings.HasSuffix(last, "}") && !strings.ContainsAny(last[3:len(last)-1], `*?[{}\.`):
		for _, ext := range strings.Split(last[3:len(last)-1], ",") {
			rs.byExt["."+ext] = append(rs.byExt["."+ext], m)
		}
	default:
		rs.other = append(rs.other, m)
	}
}

// match appends to dst the conditions whose globs match rel.
func (rs *ruleSet) match(rel string, dst []int) []int {
	base := path.Base(rel)
	test := func(ms []*globMatcher) {
		for _, m := range ms {
			if doublestar.MatchUnvalidated(m.glob, rel) {
				dst = append(dst, m.conds...)
			}
		}
	}
	test(rs.byBase[base])
	if ext := path.Ext(base); ext != "" {
		test(rs.byExt[ext])
	}
	test(rs.other)
	return dst
}

func compilePatterns(res []*regexp.Regexp) []pattern {
	out := make([]pattern, 0, len(res))
	for _, re := range res {
		p := pattern{re: re}
		if tree, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
			lits, fold, ok := requiredLiterals(tree.Simplify())
			if ok {
				for _, l := range lits {
					if fold {
						l = strings.ToLower(l)
					}
					p.literals = append(p.literals, []byte(l))
				}
				p.fold = fold
			}
		}
		out = append(out, p)
	}
	return out
}

// requiredLiterals returns literals of which a match must contain at least
// one, when they can be found: fold reports that they are to be compared
// without case (ASCII only).
func requiredLiterals(re *syntax.Regexp) (lits []string, fold, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		s := string(re.Rune)
		fold = re.Flags&syntax.FoldCase != 0
		if len(s) < minLiteral || (fold && !isASCII(s)) {
			return nil, false, false
		}
		return []string{s}, fold, true
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
	case syntax.OpConcat:
		best := -1
		for _, sub := range re.Sub {
			l, f, k := requiredLiterals(sub)
			if k && (best < 0 || shortest(l) > best) {
				lits, fold, ok, best = l, f, true, shortest(l)
			}
		}
		return lits, fold, ok
	case syntax.OpAlternate:
		for i, sub := range re.Sub {
			l, f, k := requiredLiterals(sub)
			if !k || (i > 0 && f != fold) {
				return nil, false, false
			}
			lits, fold = append(lits, l...), f
		}
		return lits, fold, true
	}
	return nil, false, false
}

func shortest(lits []string) int {
	n := -1
	for _, l := range lits {
		if n < 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// content is one file being evaluated, with its lower-cased copy made on
// first need.
type content struct {
	raw   []byte
	lower []byte
}

func (c *content) folded() []byte {
	if c.lower == nil {
		c.lower = bytes.Map(foldRune, c.raw)
	}
	return c.lower
}

// foldRune maps a rune to the lower-case ASCII letter it matches under
// case folding (so that "(?i)s" finds U+017F), or to its lower case.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return unicode.ToLower(r)
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < utf8.RuneSelf {
			return unicode.ToLower(f)
		}
	}
	return unicode.ToLower(r)
}

// find returns the offset of the first match, or -1.
func (p *pattern) find(c *content) int {
	if len(p.literals) > 0 {
		hay := c.raw
		if p.fold {
			hay = c.folded()
		}
		found := false
		for _, l := range p.literals {
			if bytes.Contains(hay, l) {
				found = true
				break
			}
		}
		if !found {
			return -1
		}
	}
	loc := p.re.FindIndex(c.raw)
	if loc == nil {
		return -1
	}
	return loc[0]
}

// eval reports whether the content meets the condition, and the offset that
// decided it: the first "all" pattern's match, else the earliest "any"
// match, else 0.
func (cd *condition) eval(c *content) (bool, int) {
	at := -1
	for i := range cd.all {
		off := cd.all[i].find(c)
		if off < 0 {
			return false, 0
		}
		if at < 0 {
			at = off
		}
	}
	if len(cd.any) > 0 {
		first := -1
		for i := range cd.any {
			if off := cd.any[i].find(c); off >= 0 && (first < 0 || off < first) {
				first = off
			}
		}
		if first < 0 {
			return false, 0
		}
		if at < 0 {
			at = first
		}
	}
	for i := range cd.none {
		if cd.none[i].find(c) >= 0 {
			return false, 0
		}
	}
	return true, max(at, 0)
}
