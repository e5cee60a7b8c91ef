package report

import (
	"fmt"
	"math"
)

// Scorecard layout, in pixels.
const (
	scPad      = 24.0
	scHeaderH  = 72.0
	scLabelW   = 176.0
	scCellW    = 96.0
	scMarkerW  = 92.0
	scColHeadH = 40.0
	scRow0H    = 30.0
	scRowH     = 54.0
	scInset    = 3.0
	scFooterH  = 22.0
)

// Scorecard renders the model's levels x dimensions grid as an SVG heat-map:
// each cell coloured by how much of it is met, the levels reached outlined,
// the current level and the target marked, a legend, and the project's name.
func Scorecard(in Input) (string, error) {
	if err := in.validate(); err != nil {
		return "", err
	}
	c, a := in.Catalog, in.Assessment
	gridW := float64(len(c.Dimensions)) * scCellW
	width := scPad*2 + scLabelW + gridW + scMarkerW
	gridTop := scPad + scHeaderH + scColHeadH
	rowsBottom := gridTop + scRow0H + float64(c.MaxLevel())*scRowH
	legendH := legendHeight(width-2*scPad, scorecardLegend)
	height := rowsBottom + 14 + legendH + 6 + scFooterH + scPad

	title := fmt.Sprintf("%s: MLOps maturity level %d of %d (%s), target level %d",
		in.title(), a.Current, c.MaxLevel(), c.LevelName(a.Current), a.Target)
	s := newSVG(int(math.Ceil(width)), int(math.Ceil(height)), title)
	scorecardHeader(s, in, width)

	x0 := scPad + scLabelW
	for d, dim := range c.Dimensions {
		cx := x0 + float64(d)*scCellW + scCellW/2
		lines := wrap(dimensionLabel(dim), scCellW-8, 12, true, 2)
		y := gridTop - 10 - float64(len(lines)-1)*14
		for i, line := range lines {
			s.text(cx, y+float64(i)*14, textStyle{size: 12, bold: true, fill: colText, anchor: "middle"}, line)
		}
	}
	scorecardRows(s, in, gridTop)
	scorecardMarks(s, in, gridTop, x0, gridW)
	legendY := rowsBottom + 14
	legend(s, scPad, legendY, width-2*scPad, scorecardLegend)
	met, exempted := a.Declared.Len(), a.Exempted.Len()
	footer := fmt.Sprintf("%d of %d capabilities met", met+exempted, len(c.Capabilities))
	if exempted > 0 {
		footer += fmt.Sprintf(" (%d exempted)", exempted)
	}
	footer += fmt.Sprintf(" · %d gaps up to the target · MLOps maturity model", a.Gaps.Len())
	s.text(scPad, legendY+legendH+20, textStyle{size: 11, fill: colMuted}, footer)
	return s.String(), nil
}

// scorecardHeader writes the project's name, its level and target, and a
// level tile at the right.
func scorecardHeader(s *svg, in Input, width float64) {
	c, a := in.Catalog, in.Assessment
	tileW := 96.0
	textW := width - 2*scPad - tileW - 16
	s.text(scPad, scPad+22, textStyle{size: 20, bold: true, fill: colText}, ellipsize(in.title(), textW, 20, true))
	s.text(scPad, scPad+44, textStyle{size: 14, fill: colText},
		ellipsize(fmt.Sprintf("Level %d of %d: %s", a.Current, c.MaxLevel(), c.LevelName(a.Current)), textW, 14, false))
	status := "not met"
	if a.TargetMet {
		status = "met"
	}
	s.text(scPad, scPad+64, textStyle{size: 12, fill: colMuted},
		ellipsize(fmt.Sprintf("Target: level %d (%s), %s · next level: %s", a.Target, c.LevelName(a.Target), status, nextLevelText(in)), textW, 12, false))

	colour, _ := levelColour(a.Current, c.MaxLevel())
	tx := width - scPad - tileW
	s.rect(tx, scPad, tileW, 58, 10, colour, "")
	fg := textOn(colour)
	s.text(tx+tileW/2, scPad+17, textStyle{size: 11, bold: true, fill: fg, anchor: "middle"}, "MLOps level")
	s.text(tx+tileW/2, scPad+47, textStyle{size: 26, bold: true, fill: fg, anchor: "middle"}, fmt.Sprintf("%d/%d", a.Current, c.MaxLevel()))
}

func nextLevelText(in Input) string {
	c, a := in.Catalog, in.Assessment
	if a.Current >= c.MaxLevel() {
		return "none, top level reached"
	}
	return fmt.Sprintf("%d, %d missing", a.Next, a.NextGaps.Len())
}

// scorecardRows writes level 0 (no capabilities) and one row per level.
func scorecardRows(s *svg, in Input, top float64) {
	c, a := in.Catalog, in.Assessment
	x0 := scPad + scLabelW
	gridW := float64(len(c.Dimensions)) * scCellW
	s.text(scPad+8, top+scRow0H/2+4, textStyle{size: 12, bold: true, fill: colText}, "Level 0")
	s.text(scPad+62, top+scRow0H/2+4, textStyle{size: 11, fill: colMuted}, ellipsize(c.LevelName(0), scLabelW-70, 11, false))
	s.rect(x0+scInset, top+scInset, gridW-2*scInset, scRow0H-2*scInset, 6, colEmpty, colEmptyLine)
	s.text(x0+gridW/2, top+scRow0H/2+4, textStyle{size: 11, fill: colFaint, anchor: "middle"}, "the starting point: no capabilities")

	for l, row := range grid(c, a) {
		level := l + 1
		y := top + scRow0H + float64(l)*scRowH
		s.text(scPad+8, y+18, textStyle{size: 12, bold: true, fill: colText}, fmt.Sprintf("Level %d", level))
		for i, line := range wrap(c.LevelName(level), scLabelW-16, 11, false, 2) {
			s.text(scPad+8, y+33+float64(i)*13, textStyle{size: 11, fill: colMuted}, line)
		}
		for d, cl := range row {
			scorecardCell(s, x0+float64(d)*scCellW, y, cl, level > a.Target)
		}
	}
}

// cellLook is how a cell of the grid is drawn.
type cellLook struct {
	fill, stroke, fg string
	main, sub        string
}

func lookOf(cl cell, aboveTarget bool) cellLook {
	total, met := len(cl.caps), cl.met()
	if total == 0 {
		return cellLook{fill: colEmpty, stroke: colEmptyLine, fg: colFaint, sub: "no capability"}
	}
	main := fmt.Sprintf("%d/%d", met, total)
	switch {
	case met == total:
		return cellLook{fill: colMet, fg: colCard, main: main, sub: "met"}
	case aboveTarget:
		return cellLook{fill: colLater, stroke: colEmptyLine, fg: colMuted, main: main, sub: "above target"}
	}
	sub := plural(cl.count(StatusGap), "gap", "gaps")
	switch {
	case met == 0:
		return cellLook{fill: colNone, fg: colCard, main: main, sub: sub}
	case 2*met >= total:
		return cellLook{fill: colHigh, fg: colText, main: main, sub: sub}
	default:
		return cellLook{fill: colLow, fg: colText, main: main, sub: sub}
	}
}

func scorecardCell(s *svg, x, y float64, cl cell, aboveTarget bool) {
	lk := lookOf(cl, aboveTarget)
	s.rect(x+scInset, y+scInset, scCellW-2*scInset, scRowH-2*scInset, 6, lk.fill, lk.stroke)
	cx := x + scCellW/2
	if lk.main == "" {
		s.text(cx, y+scRowH/2+4, textStyle{size: 10.5, fill: lk.fg, anchor: "middle"}, lk.sub)
		return
	}
	s.text(cx, y+26, textStyle{size: 16, bold: true, fill: lk.fg, anchor: "middle"}, lk.main)
	s.text(cx, y+42, textStyle{size: 10.5, fill: lk.fg, anchor: "middle"}, ellipsize(lk.sub, scCellW-10, 10.5, false))
	if cl.count(StatusExempted) > 0 {
		exemptMark(s, x+scCellW-scInset-10, y+scInset+10)
	}
}

// exemptMark is the "E" in the corner of a cell that holds an exemption.
func exemptMark(s *svg, cx, cy float64) {
	s.raw(`<circle cx="%s" cy="%s" r="7" fill="%s" stroke="%s"/>`+"\n", num(cx), num(cy), colCard, colText)
	s.text(cx, cy+3.5, textStyle{size: 9.5, bold: true, fill: colText, anchor: "middle"}, "E")
}

// scorecardMarks outlines the levels reached and marks the current level and
// the target in the column at the right.
func scorecardMarks(s *svg, in Input, top, x0, gridW float64) {
	a := in.Assessment
	rowTop := func(level int) float64 {
		if level == 0 {
			return top
		}
		return top + scRow0H + float64(level-1)*scRowH
	}
	rowH := func(level int) float64 {
		if level == 0 {
			return scRow0H
		}
		return scRowH
	}
	// The outline sits just inside the rows it encloses and the target line
	// just below its row, so that both show when they meet.
	reachedBottom := rowTop(a.Current) + rowH(a.Current) - 1.5
	s.raw(`<rect x="%s" y="%s" width="%s" height="%s" rx="8" fill="none" stroke="%s" stroke-width="2.5"/>`+"\n",
		num(scPad+1), num(top), num(scLabelW+gridW-1), num(reachedBottom-top), colCurrent)
	targetBottom := rowTop(a.Target) + rowH(a.Target) + 1.5
	s.raw(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2.5" stroke-dasharray="7 5"/>`+"\n",
		num(scPad), num(targetBottom), num(x0+gridW+scMarkerW-4), num(targetBottom), colTarget)

	mx := x0 + gridW + 10
	if a.Current == a.Target {
		y := rowTop(a.Current) + rowH(a.Current)/2
		s.pill(mx, y-20, "current", colCurrent, true)
		s.pill(mx, y+2, "target", colTarget, false)
		return
	}
	s.pill(mx, rowTop(a.Current)+rowH(a.Current)/2-9, "current", colCurrent, true)
	s.pill(mx, rowTop(a.Target)+rowH(a.Target)/2-9, "target", colTarget, false)
}

// legendItem is one entry of a legend: a swatch (fill and stroke, or a line)
// and its label.
type legendItem struct {
	fill, stroke string
	dashed, line bool
	exempt       bool
	textColour   string // a label in colour, without a swatch
	label        string
}

var scorecardLegend = []legendItem{
	{fill: colMet, label: "all met"},
	{fill: colHigh, label: "half or more"},
	{fill: colLow, label: "less than half"},
	{fill: colNone, label: "none met"},
	{fill: colLater, stroke: colEmptyLine, label: "above target"},
	{exempt: true, label: "exemption"},
	{fill: "none", stroke: colCurrent, label: "levels reached"},
	{stroke: colTarget, line: true, dashed: true, label: "target"},
}

// legendHeight is the height legend takes for items in width.
func legendHeight(width float64, items []legendItem) float64 {
	cx, h := 0.0, 20.0
	for _, it := range items {
		w := legendItemWidth(it)
		if cx+w > width && cx > 0 {
			cx, h = 0, h+20
		}
		cx += w
	}
	return h
}

func legendItemWidth(it legendItem) float64 { return 20 + textWidth(it.label, 11, false) + 16 }

// legend draws items left to right, wrapping onto a new line when needed.
func legend(s *svg, x, y, width float64, items []legendItem) {
	cx, cy := x, y
	for _, it := range items {
		w := legendItemWidth(it)
		if cx+w > x+width && cx > x {
			cx, cy = x, cy+20
		}
		switch {
		case it.textColour != "":
			s.text(cx, cy+11, textStyle{size: 11, bold: true, fill: it.textColour}, it.label)
			cx += w
			continue
		case it.exempt:
			exemptMark(s, cx+7, cy+7)
		case it.line:
			dash := ""
			if it.dashed {
				dash = ` stroke-dasharray="5 3"`
			}
			s.raw(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2.5"%s/>`+"\n", num(cx), num(cy+7), num(cx+14), num(cy+7), it.stroke, dash)
		case it.fill == "none":
			s.raw(`<rect x="%s" y="%s" width="14" height="14" rx="3" fill="none" stroke="%s" stroke-width="2"/>`+"\n", num(cx+1), num(cy+1), it.stroke)
		default:
			s.rect(cx, cy, 14, 14, 3, it.fill, it.stroke)
		}
		s.text(cx+20, cy+11, textStyle{size: 11, fill: colText}, it.label)
		cx += w
	}
}

// levelColours are the shields.io colours from the lowest level to the top.
var levelColours = []struct{ hex, name string }{
	{"#e05d44", "red"},
	{"#fe7d37", "orange"},
	{"#dfb317", "yellow"},
	{"#a4a61d", "yellowgreen"},
	{"#4c1", "brightgreen"},
}

// levelColour is the colour of a level on a scale of 0..max, as a hex code
// and as a shields.io colour name.
func levelColour(level, max int) (hex, name string) {
	i := len(levelColours) - 1
	if max > 0 && level < max {
		i = int(math.Round(float64(level) / float64(max) * float64(len(levelColours)-1)))
		i = min(i, len(levelColours)-2) // only the top level is bright green
	}
	return levelColours[i].hex, levelColours[i].name
}

// textOn is the text colour that reads on a level colour.
func textOn(hex string) string {
	if hex == "#e05d44" {
		return colCard
	}
	return colText
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
