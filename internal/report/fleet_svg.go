package report

import (
	"fmt"
	"math"
	"sort"
)

// Fleet scorecard layout, in pixels.
const (
	flPad       = 24.0
	flHeaderH   = 104.0
	flColHeadH  = 40.0
	flRowH      = 18.0
	flNameW     = 190.0
	flLevelW    = 52.0
	flDimW      = 74.0
	flTargetW   = 84.0
	flGapsW     = 44.0
	flRepeatMin = 40 // repeat the column headers under the rows from this many projects on
)

// FleetScorecard renders the fleet as an SVG: one row per project, sorted by
// level (lowest first), with its level, a heat-map cell per dimension (the
// share of its capabilities met up to the project's target), its target and
// minimum, and its number of gaps; above it, the projects per level.
func FleetScorecard(f Fleet) (string, error) {
	s, err := f.Summarize()
	if err != nil {
		return "", err
	}
	c := f.Catalog
	dimsW := float64(len(c.Dimensions)) * flDimW
	width := 2*flPad + flNameW + flLevelW + dimsW + flTargetW + flGapsW
	rows := max(len(f.Projects), 1)
	top := flPad + flHeaderH + flColHeadH
	bottom := top + float64(rows)*flRowH
	if len(f.Projects) >= flRepeatMin {
		bottom += flColHeadH
	}
	legendY := bottom + 14
	legendH := legendHeight(width-2*flPad, fleetLegend)
	height := legendY + legendH + 28 + flPad

	title := fmt.Sprintf("MLOps maturity portfolio: %s", plural(len(f.Projects), "project", "projects"))
	svg := newSVG(int(math.Ceil(width)), int(math.Ceil(height)), title)
	fleetHeader(svg, f, s, width)
	fleetColumnHeads(svg, f, top-8)
	if len(f.Projects) == 0 {
		svg.text(flPad+8, top+13, textStyle{size: 12, fill: colMuted}, "No projects.")
	}
	prevLevel := -1
	for row, i := range s.Order {
		p := f.Projects[i]
		y := top + float64(row)*flRowH
		if row > 0 && p.Assessment.Current != prevLevel {
			svg.raw(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1.5"/>`+"\n",
				num(flPad), num(y), num(width-flPad), num(y), colFaint)
		}
		prevLevel = p.Assessment.Current
		fleetRow(svg, f, p, row, y, width)
	}
	if len(f.Projects) >= flRepeatMin {
		fleetColumnHeads(svg, f, bottom-flColHeadH+30)
	}
	legend(svg, flPad, legendY, width-2*flPad, fleetLegend)
	svg.text(flPad, legendY+legendH+16, textStyle{size: 11, fill: colMuted},
		"Each cell: the share of that dimension's capabilities met or exempted, up to the project's target level.")
	return svg.String(), nil
}

var fleetLegend = []legendItem{
	{fill: colMet, label: "100%"},
	{fill: colHigh, label: "50% or more"},
	{fill: colLow, label: "under 50%"},
	{fill: colNone, label: "0%"},
	{textColour: colBelowMin, label: "name in red: below its minimum level"},
}

func fleetHeader(svg *svg, f Fleet, s Summary, width float64) {
	c := f.Catalog
	svg.text(flPad, flPad+22, textStyle{size: 20, bold: true, fill: colText}, "MLOps maturity portfolio")
	line := plural(len(f.Projects), "project", "projects")
	if len(f.Projects) > 0 {
		line += fmt.Sprintf(" · median level %s", medianLevel(s.Histogram))
		if n := len(s.BelowMinimum); n > 0 {
			line += fmt.Sprintf(" · %d below their minimum", n)
		} else {
			line += " · none below its minimum"
		}
	}
	svg.text(flPad, flPad+46, textStyle{size: 14, fill: colText}, line)
	svg.text(flPad, flPad+66, textStyle{size: 12, fill: colMuted}, "Sorted by level, lowest first, then by name.")

	// Projects per level, as bars at the right.
	const barW, barGap, barMaxH = 30.0, 8.0, 50.0
	n := len(s.Histogram)
	chartW := float64(n)*barW + float64(n-1)*barGap
	x0 := width - flPad - chartW
	base := flPad + 78
	svg.text(x0+chartW/2, flPad+6, textStyle{size: 11, bold: true, fill: colMuted, anchor: "middle"}, "Projects per level")
	most := 0
	for _, v := range s.Histogram {
		most = max(most, v)
	}
	for l, v := range s.Histogram {
		x := x0 + float64(l)*(barW+barGap)
		h := 0.0
		if most > 0 {
			h = math.Max(barMaxH*float64(v)/float64(most), 0)
		}
		colour, _ := levelColour(l, c.MaxLevel())
		svg.rect(x, base-math.Max(h, 2), barW, math.Max(h, 2), 3, colour, "")
		svg.text(x+barW/2, base-math.Max(h, 2)-4, textStyle{size: 11, bold: true, fill: colText, anchor: "middle"}, fmt.Sprint(v))
		svg.text(x+barW/2, base+14, textStyle{size: 11, fill: colMuted, anchor: "middle"}, fmt.Sprintf("L%d", l))
	}
}

// medianLevel is the median of the levels, "2" or "1.5".
func medianLevel(hist []int) string {
	var levels []int
	for l, n := range hist {
		for range n {
			levels = append(levels, l)
		}
	}
	sort.Ints(levels)
	k := len(levels)
	if k%2 == 1 {
		return fmt.Sprint(levels[k/2])
	}
	return num(float64(levels[k/2-1]+levels[k/2]) / 2)
}

// fleetColumnHeads writes the column titles with their last line at y.
func fleetColumnHeads(svg *svg, f Fleet, y float64) {
	st := textStyle{size: 11, bold: true, fill: colText}
	svg.text(flPad+6, y, st, "Project")
	x := flPad + flNameW
	mid := st
	mid.anchor = "middle"
	svg.text(x+flLevelW/2, y, mid, "Level")
	x += flLevelW
	for _, d := range f.Catalog.Dimensions {
		lines := wrap(dimensionLabel(d), flDimW-2, 11, true, 2)
		for i, line := range lines {
			svg.text(x+flDimW/2, y-float64(len(lines)-1-i)*13, mid, line)
		}
		x += flDimW
	}
	svg.text(x+flTargetW/2, y, mid, "Target, min")
	svg.text(x+flTargetW+flGapsW/2, y, mid, "Gaps")
}

func fleetRow(svg *svg, f Fleet, p Input, row int, y, width float64) {
	c, a := f.Catalog, p.Assessment
	if row%2 == 1 {
		svg.rect(flPad, y, width-2*flPad, flRowH, 0, "#f6f8fa", "")
	}
	below := p.belowMinimum()
	nameStyle := textStyle{size: 11, fill: colText}
	if below {
		nameStyle = textStyle{size: 11, bold: true, fill: colBelowMin}
	}
	svg.text(flPad+6, y+13, nameStyle, ellipsize(p.Project, flNameW-12, 11, below))

	x := flPad + flNameW
	colour, _ := levelColour(a.Current, c.MaxLevel())
	svg.rect(x+8, y+2, flLevelW-16, flRowH-4, 7, colour, "")
	svg.text(x+flLevelW/2, y+13, textStyle{size: 11, bold: true, fill: textOn(colour), anchor: "middle"}, fmt.Sprint(a.Current))
	x += flLevelW
	for _, score := range c.DimensionScores(a) {
		fill, fg := scoreColour(score)
		svg.rect(x+1.5, y+1.5, flDimW-3, flRowH-3, 3, fill, "")
		svg.text(x+flDimW/2, y+13, textStyle{size: 10, fill: fg, anchor: "middle"}, percent(score))
		x += flDimW
	}
	target := fmt.Sprint(a.Target)
	if p.Minimum != nil {
		target += fmt.Sprintf(", min %d", *p.Minimum)
	}
	tst := textStyle{size: 11, fill: colText, anchor: "middle"}
	if below {
		tst.bold, tst.fill = true, colBelowMin
	}
	svg.text(x+flTargetW/2, y+13, tst, target)
	svg.text(x+flTargetW+flGapsW/2, y+13, textStyle{size: 11, fill: colText, anchor: "middle"}, fmt.Sprint(a.Gaps.Len()))
}

// scoreColour is the heat-map colour of a share met, and the text colour on it.
func scoreColour(score float64) (fill, fg string) {
	switch {
	case score >= 1:
		return colMet, colCard
	case score >= 0.5:
		return colHigh, colText
	case score > 0:
		return colLow, colText
	default:
		return colNone, colCard
	}
}
