package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	s := time.Second
	tests := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{3 * s}, 3 * s},
		{[]time.Duration{5 * s, 1 * s, 3 * s}, 3 * s},
		{[]time.Duration{4 * s, 1 * s, 2 * s, 3 * s}, 2500 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestSplit: runs at or under the quiet load are quiet; an unknown load
// (-1) never counts as quiet.
func TestSplit(t *testing.T) {
	s := time.Second
	b := &bench{quietLoad: 2}
	c := &cell{times: []time.Duration{1 * s, 2 * s, 3 * s, 4 * s}, loads: []float64{0.5, 2, 2.01, -1}}
	quiet, loaded := b.split(c)
	if !slices.Equal(quiet, []time.Duration{1 * s, 2 * s}) || !slices.Equal(loaded, []time.Duration{3 * s, 4 * s}) {
		t.Errorf("split = %v / %v", quiet, loaded)
	}
	if got := groupMedian(nil); got != "–" {
		t.Errorf("groupMedian(nil) = %q", got)
	}
	if got := groupRatio(quiet, nil); got != "–" {
		t.Errorf("groupRatio without a baseline = %q", got)
	}
	if got := groupRatio(loaded, quiet); got != "2.33" {
		t.Errorf("groupRatio = %q, want 2.33 (3.5 s / 1.5 s)", got)
	}
}

func TestParseCounts(t *testing.T) {
	tests := []struct {
		in      string
		want    []int
		wantErr string
	}{
		{"500,1000", []int{500, 1000}, ""},
		{" 10, 10 ,100", []int{10, 100}, ""},
		{"0", nil, `-n: bad count "0"`},
		{"5,x", nil, `-n: bad count "x"`},
	}
	for _, tt := range tests {
		got, err := parseCounts("-n", tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseCounts(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("parseCounts(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
		}
	}
}

// TestPortfolioConfigs: the baseline and the portfolio read the same map,
// and only the reports kind asks for the reports.
func TestPortfolioConfigs(t *testing.T) {
	local := projectsLocal(3)
	if !strings.Contains(local, "range(3)") || !strings.Contains(local, `"automated_builds",`) {
		t.Fatalf("projectsLocal(3):\n%s", local)
	}
	for _, k := range portfolioKinds {
		cfg := k.config(3)
		if !strings.Contains(cfg, local) {
			t.Errorf("%s does not hold the shared projects map:\n%s", k.key, cfg)
		}
		if got, want := strings.Contains(cfg, "reports ="), k.key == "portfolio_reports"; got != want {
			t.Errorf("%s: asks for reports = %v, want %v", k.key, got, want)
		}
	}
}
