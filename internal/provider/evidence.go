package provider

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

const (
	evidenceDirDescription = "A repository folder to scan for evidence of the capabilities: CI pipelines (GitHub Actions, GitLab CI, " +
		"Azure Pipelines, Cloud Build, CodeBuild, Jenkins) and the scripts they run, Databricks bundles and jobs, CloudFormation, Terraform " +
		"and CDK pipelines, orchestrator schedules, experiment tracking and registry calls, evaluation gates, model monitors, safe " +
		"rollouts, tests that CI runs, CODEOWNERS and more, by the rules of the catalog. Comments are not evidence. A relative path " +
		"resolves against the working directory, like `output_dir`. Symlinks are never followed; `.git`, virtual environments, Python " +
		"build output, logged MLflow models, fixtures and test data, and large or binary files are skipped."
	evidenceModeDescription = "What evidence does to the level: `report` (default) counts the declared capabilities and shows the " +
		"evidence beside them; `require` counts only declared capabilities that have evidence (or an exemption), so a declared " +
		"capability without evidence is a gap and the level follows the repository."
	detectedDescription                = "Ids of the capabilities the scan of `evidence_dir` found evidence of, in gap order. Null without `evidence_dir`."
	declaredWithoutEvidenceDescription = "Ids declared in `capabilities` (not exempted) that the scan found no evidence of. Null without `evidence_dir`."
	detectedNotDeclaredDescription     = "Ids the scan found evidence of that are neither declared nor exempted. Null without `evidence_dir`."
)

var evidenceModes = []string{string(evidence.ModeReport), string(evidence.ModeRequire)}

// evidenceView is what a scan says about a declaration.
type evidenceView struct {
	result     *evidence.Result
	comparison evidence.Comparison
	dir        string            // the scanned folder, as configured
	planned    map[string][]byte // files a plan writes into it (relative), not yet on disk
	require    bool
}

// scanEvidenceAt scans dir (nothing when dir is empty) with extra files
// planned into it, and compares it with the declaration. A missing dir is
// an error unless the output folder lies in it (outputDir, "" for none):
// the scaffold has not been written yet.
// The evidence_dir and evidence_mode it reads sit at the path at (a
// portfolio's project, or the root), where its errors are reported.
func scanEvidenceAt(at path.Path, catalog *maturity.Catalog, decl maturity.Declaration, dir, mode, outputDir string, planned map[string][]byte) (*evidenceView, diag.Diagnostics) {
	var diags diag.Diagnostics
	if dir == "" {
		return nil, diags
	}
	if info, err := os.Stat(dir); (err != nil || !info.IsDir()) && (outputDir == "" || !inOrSame(absPath(outputDir), absPath(dir))) {
		diags.AddAttributeError(at.AtName("evidence_dir"), "Invalid evidence_dir",
			fmt.Sprintf("%s is not a readable folder (a relative path resolves against the working directory %s).", dir, absPath(".")))
		return nil, diags
	}
	m, err := evidence.ParseMode(mode)
	if err != nil {
		diags.AddAttributeError(at.AtName("evidence_mode"), "Invalid evidence_mode", err.Error())
		return nil, diags
	}
	res, err := evidence.ScanDirWith(dir, planned, catalog, evidence.Options{})
	if err != nil {
		diags.AddAttributeError(at.AtName("evidence_dir"), "Scanning evidence_dir failed",
			fmt.Sprintf("%s: %s. evidence_dir must be a readable folder (a relative path resolves against the working directory).", dir, err))
		return nil, diags
	}
	return &evidenceView{result: res, comparison: evidence.Compare(catalog, decl, res, m), dir: dir, planned: planned,
		require: m == evidence.ModeRequire}, diags
}

// reportScan explains the scan for the reports: every detection with the
// rule that decided it, labelled scaffolded when the file is this
// provider's scaffold (planned into the folder, or written and unchanged
// since) rather than the team's own work; and the declared capabilities
// without evidence.
func (v *evidenceView) reportScan() *report.Scan {
	if v == nil {
		return nil
	}
	generated := v.generatedFiles()
	s := &report.Scan{DeclaredWithoutEvidence: append([]string(nil), v.comparison.DeclaredWithoutEvidence...), Require: v.require}
	for _, f := range v.result.Findings {
		for _, e := range f.Evidence {
			_, planned := v.planned[e.Path]
			s.Detections = append(s.Detections, report.Detection{
				Capability: f.ID, Rule: e.Rule, Path: e.Path, Line: e.Line, Reason: e.Reason,
				Scaffolded: planned || generated[e.Path],
			})
		}
	}
	return s
}

// generatedFiles returns the files of the scanned folder that a manifest of
// this provider records and whose content is still what it wrote: a
// scaffold nobody has made their own yet. Unreadable manifests and files
// count as the team's.
func (v *evidenceView) generatedFiles() map[string]bool {
	out := map[string]bool{}
	for _, folder := range v.result.ManagedFolders {
		m, err := scaffold.ReadManifest(filepath.Join(v.dir, filepath.FromSlash(folder)))
		if err != nil || m == nil {
			continue
		}
		for rel, f := range m.Files {
			p := rel
			if folder != "." {
				p = folder + "/" + rel
			}
			b, err := os.ReadFile(filepath.Join(v.dir, filepath.FromSlash(p)))
			if err != nil {
				continue
			}
			sum := sha256.Sum256(b)
			if h := hex.EncodeToString(sum[:]); h == f.SHA256 || h == f.Pending {
				out[p] = true
			}
		}
	}
	return out
}

// inOrSame reports whether p is dir or lies inside it.
func inOrSame(p, dir string) bool { return p == dir || within(p, dir) }

// plannedInto returns the files a plan writes, relative to dir, when the
// output folder lies in dir: a scaffold is evidence of what it scaffolds.
func plannedInto(dir string, p *targetPlan) map[string][]byte {
	if dir == "" || !inOrSame(p.changes.Root, absPath(dir)) {
		return nil
	}
	rel, err := filepath.Rel(absPath(dir), p.changes.Root)
	if err != nil {
		return nil
	}
	out := map[string][]byte{}
	for _, d := range p.changes.Decisions {
		if d.Action == scaffold.ActionWrite {
			out[filepath.ToSlash(filepath.Join(rel, filepath.FromSlash(d.File.Path)))] = d.File.Content
		}
	}
	return out
}

// evidenceLists are the three computed id lists, null without a scan.
func (v *evidenceView) lists() (detected, declaredWithout, detectedNot types.List) {
	if v == nil {
		null := types.ListNull(types.StringType)
		return null, null, null
	}
	c := v.comparison
	return stringList(c.Detected), stringList(c.DeclaredWithoutEvidence), stringList(c.DetectedNotDeclared)
}

// evidenceMap is the data source's evidence attribute: id -> path:line.
func (v *evidenceView) evidenceMap() types.Map {
	listType := types.ListType{ElemType: types.StringType}
	if v == nil {
		return types.MapNull(listType)
	}
	elems := map[string]attr.Value{}
	for id, lines := range v.result.EvidenceMap() {
		elems[id] = stringList(lines)
	}
	return types.MapValueMust(listType, elems)
}

// evidenceResourceAttributes are the evidence attributes of the resource;
// the data source declares the same ones in its own schema types.
func evidenceResourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"evidence_dir": schema.StringAttribute{
			MarkdownDescription: evidenceDirDescription,
			Optional:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"evidence_mode":             evidenceModeResourceAttribute(),
		"detected_capabilities":     schema.ListAttribute{MarkdownDescription: detectedDescription, ElementType: types.StringType, Computed: true},
		"declared_without_evidence": schema.ListAttribute{MarkdownDescription: declaredWithoutEvidenceDescription, ElementType: types.StringType, Computed: true},
		"detected_not_declared":     schema.ListAttribute{MarkdownDescription: detectedNotDeclaredDescription, ElementType: types.StringType, Computed: true},
	}
}
