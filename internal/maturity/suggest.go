package maturity

import "strings"

// Suggest returns the catalog id closest to a misspelt one, or "" when
// nothing is close enough to be a likely typo.
func (c *Catalog) Suggest(id string) string {
	needle := strings.ToLower(strings.TrimSpace(id))
	if best := Closest(needle, c.sortedIDs); best != "" {
		return best
	}
	if len(needle) >= 4 {
		for _, candidate := range c.sortedIDs {
			if strings.Contains(candidate, needle) {
				return candidate
			}
		}
	}
	return ""
}

// Closest returns the candidate nearest to s by edit distance, when it is
// close enough to be a typo of it; otherwise "".
func Closest(s string, candidates []string) string {
	best, bestDist := "", -1
	for _, candidate := range candidates {
		if d := editDistance(s, candidate); bestDist < 0 || d < bestDist {
			best, bestDist = candidate, d
		}
	}
	if bestDist >= 0 && bestDist <= max(2, len(best)/3) {
		return best
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, on bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
