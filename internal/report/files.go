package report

// Paths of a project's report files, relative to the project's root.
const (
	MaturityPath  = "MATURITY.md"
	ScorecardPath = "docs/maturity/scorecard.svg"
	BadgePath     = "docs/maturity/badge.svg"
)

// ProjectFiles returns a project's report files, path -> content:
// MATURITY.md at the root, where people look, showing the badge and the
// scorecard it links by relative path, and the two pictures under
// docs/maturity/.
func ProjectFiles(in Input) (map[string][]byte, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	scorecard, err := Scorecard(in)
	if err != nil {
		return nil, err
	}
	badge, err := Badge(in)
	if err != nil {
		return nil, err
	}
	md := markdown(in, images{badge: BadgePath, scorecard: ScorecardPath})
	return map[string][]byte{
		MaturityPath:  []byte(md),
		ScorecardPath: []byte(scorecard),
		BadgePath:     []byte(badge),
	}, nil
}
