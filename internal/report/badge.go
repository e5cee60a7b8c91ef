package report

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// BadgeLabel is the left-hand text of the badge.
const BadgeLabel = "MLOps level"

// badgeMessage is the right-hand text: the level out of the top level.
func badgeMessage(in Input) string {
	return fmt.Sprintf("%d/%d", in.Assessment.Current, in.Catalog.MaxLevel())
}

// Badge renders a shields.io "flat" style badge, "MLOps level | 2/4", coloured
// by level from red (0) to bright green (the top level).
func Badge(in Input) (string, error) {
	if err := in.validate(); err != nil {
		return "", err
	}
	colour, _ := levelColour(in.Assessment.Current, in.Catalog.MaxLevel())
	return badgeSVG(BadgeLabel, badgeMessage(in), colour), nil
}

// Endpoint is the JSON a shields.io endpoint badge reads
// (https://shields.io/badges/endpoint-badge).
type Endpoint struct {
	SchemaVersion int    `json:"schemaVersion"`
	Label         string `json:"label"`
	Message       string `json:"message"`
	Color         string `json:"color"`
}

// BadgeEndpoint renders the shields.io endpoint JSON of the badge, so a team
// can serve it and let shields.io draw the badge.
func BadgeEndpoint(in Input) (string, error) {
	if err := in.validate(); err != nil {
		return "", err
	}
	_, name := levelColour(in.Assessment.Current, in.Catalog.MaxLevel())
	b, err := json.MarshalIndent(Endpoint{SchemaVersion: 1, Label: BadgeLabel, Message: badgeMessage(in), Color: name}, "", "  ")
	if err != nil {
		return "", err
	}
	return string(b) + "\n", nil
}

// badgeSVG follows the shields.io flat template: text drawn at ten times the
// size and scaled down, with textLength pinning each text to its box so the
// badge looks the same whichever font renders it.
func badgeSVG(label, message, colour string) string {
	lw := math.Round(verdana11.width(label)) + 10
	mw := math.Round(verdana11.width(message)) + 10
	w := lw + mw
	title := xmlEscape(label + ": " + message)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="20" role="img" aria-label="%s">`, num(w), title)
	fmt.Fprintf(&b, `<title>%s</title>`, title)
	b.WriteString(`<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`)
	fmt.Fprintf(&b, `<clipPath id="r"><rect width="%s" height="20" rx="3" fill="#fff"/></clipPath>`, num(w))
	fmt.Fprintf(&b, `<g clip-path="url(#r)"><rect width="%s" height="20" fill="#555"/><rect x="%s" width="%s" height="20" fill="%s"/><rect width="%s" height="20" fill="url(#s)"/></g>`,
		num(lw), num(lw), num(mw), colour, num(w))
	b.WriteString(`<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,'DejaVu Sans',sans-serif" text-rendering="geometricPrecision" font-size="110">`)
	for _, t := range []struct {
		text   string
		center float64
		width  float64
	}{{label, lw / 2, lw - 10}, {message, lw + mw/2, mw - 10}} {
		fmt.Fprintf(&b, `<text aria-hidden="true" x="%s" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="%s">%s</text>`,
			num(t.center*10), num(t.width*10), xmlEscape(t.text))
		fmt.Fprintf(&b, `<text x="%s" y="140" transform="scale(.1)" fill="#fff" textLength="%s">%s</text>`,
			num(t.center*10), num(t.width*10), xmlEscape(t.text))
	}
	b.WriteString("</g></svg>\n")
	return b.String()
}
