package scaffold

import (
	"maps"
	"slices"
	"sync"
	"time"
)

// manifestCache keeps parsed manifests by folder and the manifest file's
// identity and change time, so the refresh and the plan of a target in one
// process parse its manifest once. As in hashCache, a manifest changed
// within racyWindow is not kept: a rewrite gets a new ctime, which no user
// can set back, so a kept manifest never outlives its file. Apply and
// Remove read past it (readManifestFresh): under the lock they always see
// the file as it is.
var manifestCache = struct {
	sync.Mutex
	byRoot map[string]cachedManifest
}{byRoot: map[string]cachedManifest{}}

const maxCachedManifests = 1 << 12

type cachedManifest struct {
	stamp fileStamp
	m     *Manifest
}

func cachedManifestOf(abs string, stamp fileStamp) *Manifest {
	manifestCache.Lock()
	defer manifestCache.Unlock()
	c, ok := manifestCache.byRoot[abs]
	if !ok || c.stamp != stamp {
		return nil
	}
	return c.m.clone()
}

func keepManifest(abs string, stamp fileStamp, m *Manifest) {
	if time.Since(time.Unix(0, stamp.ctime)) < racyWindow {
		return
	}
	manifestCache.Lock()
	defer manifestCache.Unlock()
	if len(manifestCache.byRoot) >= maxCachedManifests {
		manifestCache.byRoot = map[string]cachedManifest{}
	}
	manifestCache.byRoot[abs] = cachedManifest{stamp: stamp, m: m.clone()}
}

// clone copies m deeply: callers may change what they get.
func (m *Manifest) clone() *Manifest {
	out := *m
	out.Files = maps.Clone(m.Files)
	out.CreatedDirs = slices.Clone(m.CreatedDirs)
	if m.Target != nil {
		t := *m.Target
		t.Capabilities = slices.Clone(t.Capabilities)
		t.Exemptions = maps.Clone(t.Exemptions)
		t.Variables = maps.Clone(t.Variables)
		if t.PlanWarning != nil {
			w := *t.PlanWarning
			t.PlanWarning = &w
		}
		out.Target = &t
	}
	return &out
}
