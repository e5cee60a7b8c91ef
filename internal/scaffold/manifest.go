package scaffold

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
)

// ManifestFormatVersion is the manifest format this provider writes.
//
// Format 0 (manifests written before the format was versioned) had the same
// fields as format 1 but no "format_version" key. It is read as format 1.
const ManifestFormatVersion = 1

const (
	manifestRel = StateDir + "/manifest.json"
	// maxManifestSize bounds what ReadManifest loads into memory.
	maxManifestSize = 64 << 20
)

// ManifestFile records one file the generator wrote.
type ManifestFile struct {
	SHA256 string `json:"sha256"`
	// Pending is the hash of content an apply was about to write when it
	// recorded its intent; a file with that content is the generator's own,
	// not a user edit, even if the apply was killed before it finished.
	Pending    string `json:"pending_sha256,omitempty"`
	Capability string `json:"capability"`
	// Adopted marks a file handed over to the team once its capability was
	// declared or exempted: it is the team's code, no longer managed, and
	// nothing ever deletes it. The entry stays so later runs know it.
	Adopted bool `json:"adopted,omitempty"`
	// Stamp is the file's identity, size and times when an apply last
	// found it with this content, recorded only once the file had not
	// changed for racyWindow (see hashFileInfo): a file whose stamp still
	// matches holds that content and is not read again. "" for none.
	Stamp string `json:"stamp,omitempty"`
}

// Manifest is the record, kept in the output folder, of what the generator
// wrote there, so later runs can tell generated content from user edits.
type Manifest struct {
	FormatVersion    int    `json:"format_version"`
	GeneratorVersion string `json:"generator_version"`
	Name             string `json:"name"`
	// Instance identifies the one resource instance that owns the folder
	// (a random id made at create); "" in manifests written before it
	// existed, or by a create that did not finish.
	Instance string `json:"instance,omitempty"`
	Stack    Stack  `json:"stack"`
	// Files maps a "/"-separated relative path to the hash of the content the
	// generator wrote there and the capability that owns it.
	Files map[string]ManifestFile `json:"files"`
	// CreatedDirs lists the relative folders the generator created, so they
	// can be removed again when they are empty.
	CreatedDirs []string `json:"created_dirs"`
	// CreatedRoot records that the generator created the output folder
	// itself, so destroy removes it again when it is left empty.
	CreatedRoot bool `json:"created_root,omitempty"`
	// CreatedParents counts the folders above the output folder that the
	// generator created with it, nearest first; destroy removes them again
	// when they are left empty.
	CreatedParents int `json:"created_parents,omitempty"`
	// Target is the declaration the scaffold was generated for; it lets
	// `terraform import` rebuild the resource from the folder alone.
	Target *Target `json:"target,omitempty"`
	// InputsDigest is the digest of everything the files were rendered
	// from (see PlanUnchanged), recorded by an apply after which every
	// rendered file holds its rendered content; "" otherwise, and in
	// manifests written before it was recorded. Readers that do not know
	// it ignore it, so the format version stays.
	InputsDigest string `json:"inputs_sha256,omitempty"`
}

// Target records a target's declaration and settings.
type Target struct {
	Level             int               `json:"level"`
	Capabilities      []string          `json:"capabilities"`
	Exemptions        map[string]string `json:"exemptions"`
	Scope             string            `json:"scope"`
	Variables         map[string]string `json:"variables,omitempty"`
	TemplateDir       string            `json:"template_dir,omitempty"`
	OverwriteModified bool              `json:"overwrite_modified"`
	EvidenceDir       string            `json:"evidence_dir,omitempty"`
	EvidenceMode      string            `json:"evidence_mode,omitempty"`
	// PlanWarning is nil in manifests written before it was recorded
	// (the default, true).
	PlanWarning *bool `json:"plan_warning,omitempty"`
}

// Hashes returns the recorded sha256 of every managed file (adopted ones
// are the team's and left out): path -> hash.
func (m *Manifest) Hashes() map[string]string {
	out := make(map[string]string, len(m.Files))
	for k, v := range m.Files {
		if !v.Adopted {
			out[k] = v.SHA256
		}
	}
	return out
}

// Stamps returns the recorded stamps of the managed files (see
// ManifestFile.Stamp), for InspectStamped.
func (m *Manifest) Stamps() map[string]string {
	out := make(map[string]string, len(m.Files))
	for k, v := range m.Files {
		if !v.Adopted && v.Stamp != "" {
			out[k] = v.Stamp
		}
	}
	return out
}

// Digest summarises a set of managed files (path -> sha256) as their count
// and the sha256 hex of the sorted lines "<path> <sha256>\n". It changes
// whenever a file is added, dropped or gets other content.
func Digest(files map[string]string) (count int, sha string) {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		_, _ = io.WriteString(h, p)
		_, _ = io.WriteString(h, " ")
		_, _ = io.WriteString(h, files[p])
		_, _ = io.WriteString(h, "\n")
	}
	return len(paths), hex.EncodeToString(h.Sum(nil))
}

// ReadManifest reads the manifest of the output folder root. It returns
// (nil, nil) when there is none. It refuses a symlinked state folder or
// manifest, and any manifest that names a path outside root.
func ReadManifest(root string) (*Manifest, error) {
	return readManifest(root, true)
}

// readManifestFresh is ReadManifest that always reads the file (see
// manifestCache).
func readManifestFresh(root string) (*Manifest, error) {
	return readManifest(root, false)
}

func readManifest(root string, cached bool) (*Manifest, error) {
	abs, err := absRoot(root)
	if err != nil {
		return nil, err
	}
	r, ok, err := openExistingRoot(abs)
	if err != nil || !ok {
		return nil, err
	}
	defer r.Close()
	info, err := locate(r, abs, manifestRel)
	if err != nil || info == nil {
		return nil, err
	}
	if err := checkRegular(abs, manifestRel, info); err != nil {
		return nil, err
	}
	stamp, stamped := stampOf(info)
	if cached && stamped {
		if m := cachedManifestOf(abs, stamp); m != nil {
			return m, nil
		}
	}
	f, err := r.Open(manifestRel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxManifestSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxManifestSize {
		return nil, fmt.Errorf("%s is larger than %d bytes", displayPath(abs, manifestRel), maxManifestSize)
	}
	m, err := ParseManifest(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", displayPath(abs, manifestRel), err)
	}
	if stamped {
		keepManifest(abs, stamp, m)
	}
	return m, nil
}

// ParseManifest decodes and validates a manifest, upgrading a legacy (format
// 0) one in memory.
func ParseManifest(b []byte) (*Manifest, error) {
	if trimmed := bytes.TrimSpace(b); len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errors.New("malformed manifest: not a JSON object")
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("malformed manifest: %w", err)
	}
	switch {
	case m.FormatVersion < 0:
		return nil, fmt.Errorf("malformed manifest: format_version %d", m.FormatVersion)
	case m.FormatVersion > ManifestFormatVersion:
		return nil, fmt.Errorf("manifest format_version %d was written by a newer provider (this one reads up to %d); upgrade the provider", m.FormatVersion, ManifestFormatVersion)
	}
	m.FormatVersion = ManifestFormatVersion
	if err := m.validate(); err != nil {
		return nil, err
	}
	if m.Files == nil {
		m.Files = map[string]ManifestFile{}
	}
	m.CreatedDirs = mergeDirs(m.CreatedDirs, nil)
	return &m, nil
}

// validate refuses any entry that could make the engine touch something
// outside the output folder or compare against a meaningless hash.
func (m *Manifest) validate() error {
	paths := make([]string, 0, len(m.Files))
	for p := range m.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if err := canonicalRel(p); err != nil {
			return fmt.Errorf("manifest file entry: %w", err)
		}
		if h := m.Files[p].Pending; h != "" && !isSHA256Hex(h) {
			return fmt.Errorf("manifest entry %q: pending_sha256 is not a sha256 hex digest", p)
		}
		if h := m.Files[p].SHA256; !isSHA256Hex(h) {
			return fmt.Errorf("manifest file entry %q: sha256 %q is not 64 lowercase hex digits", p, h)
		}
	}
	for _, d := range m.CreatedDirs {
		if err := canonicalRel(d); err != nil {
			return fmt.Errorf("manifest created_dirs entry: %w", err)
		}
	}
	return nil
}

// canonicalRel accepts only paths that CleanRelative leaves unchanged, so two
// spellings of one path cannot both appear in a manifest.
func canonicalRel(p string) error {
	clean, err := CleanRelative(p)
	if err != nil {
		return err
	}
	if clean != p {
		return fmt.Errorf("path %q is not in canonical form (%q)", p, clean)
	}
	return nil
}

func isSHA256Hex(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// mergeDirs returns the sorted union of a and b without duplicates, never nil.
func mergeDirs(a, b []string) []string {
	seen := make(map[string]bool, len(a)+len(b))
	out := make([]string, 0, len(a)+len(b))
	for _, d := range append(append([]string(nil), a...), b...) {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out
}

// writeManifest replaces the manifest atomically. Callers write it after all
// files, so a manifest never lists content that is not on disk.
func writeManifest(r *os.Root, abs string, m *Manifest) error {
	if err := putManifest(r, abs, m); err != nil {
		return err
	}
	return flushAll(r, []staged{{rel: manifestRel}})
}

// putManifest replaces the manifest atomically without flushing, for callers
// that flush once for several writes.
func putManifest(r *os.Root, abs string, m *Manifest) error {
	if _, err := ensureDirs(r, abs, StateDir); err != nil {
		return err
	}
	info, err := locate(r, abs, manifestRel)
	if err != nil {
		return err
	}
	if info != nil {
		if err := checkRegular(abs, manifestRel, info); err != nil {
			return err
		}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp := StateDir + "/.manifest.json" + tempMarker + randomSuffix()
	if err := writeTemp(r, tmp, append(b, '\n'), 0o644); err != nil {
		_ = r.Remove(tmp)
		return err
	}
	if writeFileHook != nil {
		if err := writeFileHook(manifestRel); err != nil {
			_ = r.Remove(tmp)
			return err
		}
	}
	if err := r.Rename(tmp, manifestRel); err != nil {
		_ = r.Remove(tmp)
		return err
	}
	return nil
}
