package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The pictures draw on an opaque white card with dark text, so they read the
// same on GitHub's light and dark themes. They use system fonts only: no
// scripts, no external fonts, images or style sheets.
const fontStack = `-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Noto Sans', Helvetica, Arial, 'DejaVu Sans', sans-serif`

// Palette (GitHub Primer colours, chosen for contrast on white).
const (
	colCard      = "#ffffff"
	colBorder    = "#d0d7de"
	colText      = "#1f2328"
	colMuted     = "#59636e"
	colFaint     = "#818b98"
	colMet       = "#1a7f37"
	colHigh      = "#d4a72c" // half or more met
	colLow       = "#fb8f44" // less than half met
	colNone      = "#cf222e"
	colLater     = "#eff2f5" // above the target, not needed yet
	colEmpty     = "#ffffff"
	colEmptyLine = "#d1d9e0"
	colCurrent   = "#0969da"
	colTarget    = "#8250df"
	colBelowMin  = "#cf222e"
)

// svg accumulates an SVG document.
type svg struct {
	b strings.Builder
}

func newSVG(width, height int, title string) *svg {
	s := &svg{}
	fmt.Fprintf(&s.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s" font-family="%s">`+"\n",
		width, height, width, height, xmlEscape(title), xmlEscape(fontStack))
	fmt.Fprintf(&s.b, "<title>%s</title>\n", xmlEscape(title))
	fmt.Fprintf(&s.b, `<rect x="0.5" y="0.5" width="%d" height="%d" rx="12" fill="%s" stroke="%s"/>`+"\n", width-1, height-1, colCard, colBorder)
	return s
}

func (s *svg) raw(format string, args ...any) { fmt.Fprintf(&s.b, format, args...) }

func (s *svg) rect(x, y, w, h, rx float64, fill, stroke string) {
	fmt.Fprintf(&s.b, `<rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="%s"`, num(x), num(y), num(w), num(h), num(rx), fill)
	if stroke != "" {
		fmt.Fprintf(&s.b, ` stroke="%s"`, stroke)
	}
	s.b.WriteString("/>\n")
}

// textStyle is how a piece of text is drawn.
type textStyle struct {
	size   float64
	bold   bool
	fill   string
	anchor string // start (default), middle or end
}

func (s *svg) text(x, y float64, st textStyle, content string) {
	fmt.Fprintf(&s.b, `<text x="%s" y="%s" font-size="%s" fill="%s"`, num(x), num(y), num(st.size), st.fill)
	if st.bold {
		s.b.WriteString(` font-weight="bold"`)
	}
	if st.anchor != "" && st.anchor != "start" {
		fmt.Fprintf(&s.b, ` text-anchor="%s"`, st.anchor)
	}
	fmt.Fprintf(&s.b, ">%s</text>\n", xmlEscape(content))
}

func (s *svg) String() string { return s.b.String() + "</svg>\n" }

// pill draws a rounded label, filled or outlined in colour.
func (s *svg) pill(x, y float64, label, colour string, filled bool) {
	const size, h = 11.0, 18.0
	w := textWidth(label, size, true) + 14
	fill, text, stroke := colCard, colour, colour
	if filled {
		fill, text = colour, colCard
	}
	fmt.Fprintf(&s.b, `<rect x="%s" y="%s" width="%s" height="%s" rx="9" fill="%s" stroke="%s" stroke-width="1.5"/>`+"\n",
		num(x), num(y), num(w), num(h), fill, stroke)
	s.text(x+w/2, y+13, textStyle{size: size, bold: true, fill: text, anchor: "middle"}, label)
}

// num prints a coordinate without noise: 12, 12.5.
func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

var xmlReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

func xmlEscape(s string) string { return xmlReplacer.Replace(strings.ToValidUTF8(s, "?")) }

// fontMetrics approximates a font's advance widths by classes of glyphs: the
// first class holding a rune gives its width, then capitals, digits, other
// ASCII and anything else. Widths are in the unit the caller scales by.
type fontMetrics struct {
	classes                     []glyphClass
	upper, digit, ascii, others float64
}

type glyphClass struct {
	runes string
	width float64
}

func (f fontMetrics) width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += f.runeWidth(r)
	}
	return w
}

func (f fontMetrics) runeWidth(r rune) float64 {
	for _, c := range f.classes {
		if strings.ContainsRune(c.runes, r) {
			return c.width
		}
	}
	switch {
	case r >= 'A' && r <= 'Z':
		return f.upper
	case r >= '0' && r <= '9':
		return f.digit
	case r < 128:
		return f.ascii
	default:
		return f.others
	}
}

// sansSerif is a sans-serif font per unit of font size, erring wide (DejaVu
// Sans, the widest common fallback), so that layouts never overlap.
var sansSerif = fontMetrics{
	classes: []glyphClass{{"il.,:;'|!ijtf()[] ", 0.34}, {"mwMW@%", 0.9}},
	upper:   0.7, digit: 0.64, ascii: 0.6, others: 0.9,
}

// verdana11 is 11px Verdana, the font of shields.io badges, in pixels.
var verdana11 = fontMetrics{
	classes: []glyphClass{{"ijl|", 3.1}, {" ft()[]/.,:;'!", 4.3}, {"mwMW%", 10}},
	upper:   7.6, digit: 7, ascii: 6.6, others: 6.6,
}

// textWidth estimates the width of text in sansSerif at a size, bold or not.
func textWidth(s string, size float64, bold bool) float64 {
	w := sansSerif.width(s)
	if bold {
		w *= 1.08
	}
	return w * size
}

// wrap splits text into at most maxLines lines of at most width; the last
// line is shortened with an ellipsis when the text does not fit.
func wrap(s string, width, size float64, bold bool, maxLines int) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for i, w := range words {
		next := strings.TrimSpace(cur + " " + w)
		if cur == "" || textWidth(next, size, bold) <= width {
			cur = next
			continue
		}
		if len(lines) == maxLines-1 {
			cur = strings.Join(words[i-countWords(cur):], " ")
			break
		}
		lines = append(lines, cur)
		cur = w
	}
	if cur != "" {
		lines = append(lines, ellipsize(cur, width, size, bold))
	}
	return lines
}

func countWords(s string) int { return len(strings.Fields(s)) }

// ellipsize shortens s to fit width, ending it with "…" when cut.
func ellipsize(s string, width, size float64, bold bool) string {
	if textWidth(s, size, bold) <= width {
		return s
	}
	for n := utf8.RuneCountInString(s) - 1; n > 0; n-- {
		cut := strings.TrimSpace(string([]rune(s)[:n])) + "…"
		if textWidth(cut, size, bold) <= width {
			return cut
		}
	}
	return "…"
}
