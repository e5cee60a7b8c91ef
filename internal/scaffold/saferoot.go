package scaffold

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// systemDirs are folders of the operating system. None of them may be an
// output folder; those in sealed hold nothing a project lives in, so no
// folder inside them may be one either. /var, /usr, /opt, /srv and /home
// themselves are refused, but folders inside them are allowed: CI runners
// and people keep checkouts there (/var/lib/jenkins/workspace, /home/runner).
var (
	systemDirs = []string{"/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/run", "/sbin", "/sys",
		"/usr", "/var", "/opt", "/srv", "/home", "/root", "/tmp", "/mnt", "/media", "/private", "/System", "/Library", "/Users", "/Applications"}
	sealed = map[string]bool{"/bin": true, "/boot": true, "/dev": true, "/etc": true, "/lib": true, "/lib32": true, "/lib64": true,
		"/libx32": true, "/proc": true, "/sbin": true, "/sys": true, "/System": true}
)

// CheckSafeRoot refuses an output folder (absolute) that is a filesystem
// root, the home folder or a system folder, as written or once symlinks
// and ".." are resolved. Any other folder is allowed, among them "." and
// the ancestors of the working directory: a repository root is the usual
// output folder.
func CheckSafeRoot(abs string) error {
	home, _ := os.UserHomeDir()
	for _, p := range []string{filepath.Clean(abs), resolveExisting(abs)} {
		if why := unsafeFolder(p, home); why != "" {
			shown := abs
			if p != filepath.Clean(abs) {
				shown = fmt.Sprintf("%s (which resolves to %s)", abs, p)
			}
			return &FolderError{"Unsafe output_dir", fmt.Sprintf("%s is %s. A scaffold writes dozens of files and a .mlops folder into output_dir, "+
				"and destroy removes them again, so it must be a project folder: for example \".\" (the working directory), a repository root, "+
				"or a folder inside one.", shown, why)}
		}
	}
	return nil
}

func unsafeFolder(p, home string) string {
	if p == "" {
		return ""
	}
	if filepath.Dir(p) == p {
		return "a filesystem root"
	}
	if home != "" && p == filepath.Clean(home) {
		return "the home folder"
	}
	if runtime.GOOS == "windows" {
		return ""
	}
	for _, d := range systemDirs {
		if p == d {
			return "a system folder"
		}
		if sealed[d] && strings.HasPrefix(p, d+"/") {
			return "inside the system folder " + d
		}
	}
	return ""
}

// resolveExisting resolves the symlinks of the longest existing part of
// abs and appends the rest: what abs will be once created.
func resolveExisting(abs string) string {
	rest := ""
	for dir := filepath.Clean(abs); ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		if dir == filepath.Dir(dir) {
			return ""
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// GitRootAbove returns the root of the git repository that abs lies in,
// when that root is a folder above abs (and not abs itself).
func GitRootAbove(abs string) (string, bool) {
	start := resolveExisting(abs)
	if start == "" {
		return "", false
	}
	for dir := start; ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, dir != filepath.Clean(start)
		}
		if dir == filepath.Dir(dir) {
			return "", false
		}
	}
}
