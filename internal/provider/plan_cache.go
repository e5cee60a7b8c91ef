package provider

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
)

// planCache hands the plan that ModifyPlan computed to the Create or Update
// that follows it in the same process (terraform plans each resource again
// right before applying it), so apply renders and hashes once instead of
// twice. It keeps only the latest plans: in a plan-only run nothing takes
// them, and each one holds the rendered content of a whole scaffold.
type planCache struct {
	mu    sync.Mutex
	order []string
	plans map[string]*targetPlan
}

// planCacheSize covers terraform's parallelism with room to spare.
const planCacheSize = 32

func newPlanCache() *planCache { return &planCache{plans: map[string]*targetPlan{}} }

func (c *planCache) put(key string, p *targetPlan) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.plans[key]; !ok {
		c.order = append(c.order, key)
	}
	c.plans[key] = p
	for len(c.order) > planCacheSize {
		delete(c.plans, c.order[0])
		c.order = c.order[1:]
	}
}

// take returns and forgets the plan of key.
func (c *planCache) take(key string) *targetPlan {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.plans[key]
	if p != nil {
		delete(c.plans, key)
		for i, k := range c.order {
			if k == key {
				c.order = append(c.order[:i], c.order[i+1:]...)
				break
			}
		}
	}
	return p
}

// planKey identifies everything a plan depends on besides the disk.
func planKey(in targetInputs, mode planMode) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q %q %q %+v %d %q %q %v %q %q %v %q|", in.name, absPath(in.outputDir), in.scope, in.stack, in.decl.Target,
		in.templateDir, in.evidenceDir, in.overwrite, in.evidenceMode, mode.owner, mode.create, slices.Sorted(maps.Keys(in.decl.Exemptions)))
	caps := append([]string(nil), in.decl.Capabilities...)
	sort.Strings(caps)
	fmt.Fprintf(&b, "%q|", caps)
	for _, k := range slices.Sorted(maps.Keys(in.vars)) {
		fmt.Fprintf(&b, "%q=%q ", k, in.vars[k])
	}
	return b.String()
}
