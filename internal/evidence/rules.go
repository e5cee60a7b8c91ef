package evidence

import (
	"bytes"
	"path"
	"regexp"
	"regexp/syntax"
	"slices"
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
	reason   string
	primary  int   // index into ruleSet.conds
	requires []int // indexes into ruleSet.conds
}

// globMatcher tests paths against one glob. base is the glob's last
// segment: a path whose file name does not match it cannot match the glob,
// and when the glob is "**/<base>" the file name decides alone. The base is
// expanded into its brace alternatives, which a small wildcard matcher tests
// far faster than a general glob match.
type globMatcher struct {
	glob     string
	base     string
	baseAlts []string   // nil when the base needs the general matcher
	chunks   [][]string // per alternative without '?', its literals between stars
	baseOnly bool
	// dirNeeds lists, for each literal folder segment of the glob, the
	// names one of which the path's folders must include.
	dirNeeds [][]string
	conds    []int // conditions that list this glob
}

// Globs match without regard to case: teams write Test_Model.py,
// Dockerfile.Train and CODEOWNERS in every spelling. Globs are lower-cased
// here and paths before matching.
func newGlobMatcher(glob string) *globMatcher {
	glob = strings.ToLower(glob)
	m := &globMatcher{glob: glob, base: glob}
	dir := ""
	if i := strings.LastIndexByte(glob, '/'); i >= 0 {
		dir, m.base = glob[:i], glob[i+1:]
	}
	m.baseOnly = m.base != "**" && dir == "**"
	if alts, ok := expandBraces(m.base); ok && !strings.ContainsAny(m.base, `[\`) && m.base != "**" {
		m.baseAlts = alts
		for _, a := range alts {
			if strings.Contains(a, "?") {
				m.chunks = nil
				break
			}
			m.chunks = append(m.chunks, strings.Split(a, "*"))
		}
	}
	if dir != "" {
		for _, seg := range strings.Split(dir, "/") {
			alts, ok := expandBraces(seg)
			if ok && !strings.ContainsAny(seg, "*?[\\") {
				m.dirNeeds = append(m.dirNeeds, alts)
			}
		}
	}
	return m
}

// hasDirs reports whether the path's folders include the glob's literal
// folder names.
func (m *globMatcher) hasDirs(dirs []string) bool {
	for _, alts := range m.dirNeeds {
		if !slices.ContainsFunc(dirs, func(d string) bool { return slices.Contains(alts, d) }) {
			return false
		}
	}
	return true
}

func (m *globMatcher) matches(rel, base string, dirs []string) bool {
	if !m.hasDirs(dirs) {
		return false
	}
	switch {
	case m.base == "**":
	case m.chunks != nil:
		if !slices.ContainsFunc(m.chunks, func(c []string) bool { return starMatch(c, base) }) {
			return false
		}
	case m.baseAlts != nil && isASCII(base):
		if !slices.ContainsFunc(m.baseAlts, func(a string) bool { return wildMatch(a, base) }) {
			return false
		}
	case !doublestar.MatchUnvalidated(m.base, base):
		return false
	}
	return m.baseOnly || doublestar.MatchUnvalidated(m.glob, rel)
}

// starMatch matches a name against a pattern split at its stars: the first
// literal is a prefix, the last a suffix, the others occur in order between.
func starMatch(chunks []string, name string) bool {
	if len(chunks) == 1 {
		return name == chunks[0]
	}
	if !strings.HasPrefix(name, chunks[0]) {
		return false
	}
	rest := name[len(chunks[0]):]
	last := chunks[len(chunks)-1]
	for _, c := range chunks[1 : len(chunks)-1] {
		i := strings.Index(rest, c)
		if i < 0 {
			return false
		}
		rest = rest[i+len(c):]
	}
	return len(rest) >= len(last) && strings.HasSuffix(rest, last)
}

// wildMatch matches an ASCII name against a pattern of literals, '*' (any
// run of bytes) and '?' (one byte).
func wildMatch(pat, name string) bool {
	p, n := 0, 0
	star, mark := -1, 0
	for n < len(name) {
		switch {
		case p < len(pat) && (pat[p] == '?' || pat[p] == name[n]):
			p++
			n++
		case p < len(pat) && pat[p] == '*':
			star, mark = p, n
			p++
		case star >= 0:
			mark++
			p, n = star+1, mark
		default:
			return false
		}
	}
	for p < len(pat) && pat[p] == '*' {
		p++
	}
	return p == len(pat)
}

// ruleSet is the catalog's evidence rules flattened for scanning.
type ruleSet struct {
	ids   []string // capability ids in catalog order
	rules [][]rule // per capability
	conds []condition
	lazy  []bool // per condition: only ever required, never a rule's own
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
	addCond := func(c *maturity.EvidenceCondition, lazy bool) int {
		idx := len(rs.conds)
		rs.lazy = append(rs.lazy, lazy)
		rs.conds = append(rs.conds, condition{
			all:  compilePatterns(c.AllPatterns()),
			any:  compilePatterns(c.AnyPatterns()),
			none: compilePatterns(c.NonePatterns()),
		})
		seen := map[string]bool{}
		for _, g := range c.Globs() {
			if seen[strings.ToLower(g)] {
				continue
			}
			seen[strings.ToLower(g)] = true
			g = strings.ToLower(g)
			m := globs[g]
			if m == nil {
				m = newGlobMatcher(g)
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
			reason := er.Reason
			if reason == "" {
				reason = er.Name
			}
			r := rule{name: er.Name, reason: reason, primary: addCond(&er.EvidenceCondition, false)}
			for k := range er.Requires {
				r.requires = append(r.requires, addCond(&er.Requires[k], true))
			}
			rules = append(rules, r)
		}
		rs.rules = append(rs.rules, rules)
	}
	return rs
}

// index files a glob under the file names or extensions a path must have
// to match it, so that a path is only tested against globs that can match.
func (rs *ruleSet) index(m *globMatcher) {
	alts, ok := expandBraces(m.base)
	if !ok {
		rs.other = append(rs.other, m)
		return
	}
	keys := map[string]bool{}
	exts := map[string]bool{}
	for _, a := range alts {
		switch dot := strings.LastIndexByte(a, '.'); {
		case !strings.ContainsAny(a, `*?[\`):
			keys[a] = true
		case dot >= 0 && !strings.ContainsAny(a[dot:], `*?[\`):
			exts[a[dot:]] = true
		default:
			rs.other = append(rs.other, m)
			return
		}
	}
	for k := range keys {
		rs.byBase[k] = append(rs.byBase[k], m)
	}
	for e := range exts {
		rs.byExt[e] = append(rs.byExt[e], m)
	}
}

// expandBraces lists the alternatives of a glob segment with "{a,b}" groups
// (not nested); ok is false when the segment is too complex to expand.
func expandBraces(seg string) ([]string, bool) {
	open := strings.IndexByte(seg, '{')
	if open < 0 {
		return []string{seg}, !strings.Contains(seg, "}")
	}
	end := strings.IndexByte(seg[open:], '}')
	if end < 0 || strings.IndexByte(seg[open+1:open+end], '{') >= 0 {
		return nil, false
	}
	rest, ok := expandBraces(seg[open+end+1:])
	if !ok {
		return nil, false
	}
	var out []string
	for _, choice := range strings.Split(seg[open+1:open+end], ",") {
		for _, r := range rest {
			out = append(out, seg[:open]+choice+r)
		}
	}
	return out, len(out) <= 256
}

// match appends to dst the conditions whose globs match rel; dirs are the
// names of the folders rel is in.
func (rs *ruleSet) match(rel string, dirs []string, dst []int) []int {
	base := path.Base(rel)
	test := func(ms []*globMatcher) {
		for _, m := range ms {
			if m.matches(rel, base, dirs) {
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
	// A pattern that starts with \s* or ^\s* may begin its match on the
	// blank lines before the text that decided: point at that text.
	at := loc[0]
	for at < loc[1] && isSpace(c.raw[at]) {
		at++
	}
	if at == loc[1] {
		return loc[0]
	}
	return at
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// firstContent returns the offset of the first byte that is not white
// space: the line a file-only rule points at.
func firstContent(b []byte) int {
	for i, c := range b {
		if !isSpace(c) {
			return i
		}
	}
	return 0
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
	if at < 0 {
		at = firstContent(c.raw)
	}
	return true, at
}
