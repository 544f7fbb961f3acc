// Package batch holds what `hears batch` needs besides the commands it
// drives: the list of inputs (files, folders, @manifests), the shard of it a
// task takes, and the records that let a killed batch resume.
package batch

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Input is one file of a batch.
type Input struct {
	// Path is where the file is read from.
	Path string
	// Rel names it under the output folder (slash-separated, with its
	// extension): its path inside a folder given as input, or, for a file
	// named directly or in a manifest, its path when relative and inside the
	// current folder, else its base name.
	Rel string
}

// Stem is Rel without its extension: the outputs are named Stem plus
// their own extensions.
func (in Input) Stem() string { return strings.TrimSuffix(in.Rel, filepath.Ext(in.Rel)) }

// maxManifest bounds a manifest's size (bytes): a mistaken @/dev/zero must
// not exhaust memory.
const maxManifest = 64 << 20

// List expands args into the batch's inputs, sorted by Rel (then Path) and
// with duplicates (the same file reached twice) removed. An argument is a
// file, a folder (walked recursively for names that isAudio accepts, in
// sorted order) or @FILE, a manifest of one path per line (blank lines and
// lines starting with # are skipped; relative paths are relative to the
// current folder).
func List(args []string, isAudio func(name string) bool) ([]Input, error) {
	var all []Input
	for _, a := range args {
		if a == "-" {
			return nil, errors.New("standard input (-) cannot be a batch input; give files, folders or @manifests")
		}
		if m, ok := strings.CutPrefix(a, "@"); ok {
			paths, err := readManifest(m)
			if err != nil {
				return nil, err
			}
			for _, p := range paths {
				if st, err := os.Stat(p); err != nil {
					return nil, fmt.Errorf("%s: %w", m, err)
				} else if st.IsDir() {
					return nil, fmt.Errorf("%s: %s is a folder; a manifest lists files", m, p)
				}
				all = append(all, Input{Path: p, Rel: fileRel(p)})
			}
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			all = append(all, Input{Path: a, Rel: fileRel(a)})
			continue
		}
		n := len(all)
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != a && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir // hidden folders (.git, a batch's own records)
			}
			if !d.IsDir() && isAudio(d.Name()) {
				rel, err := filepath.Rel(a, p)
				if err != nil {
					return err
				}
				all = append(all, Input{Path: p, Rel: filepath.ToSlash(rel)})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(all) == n {
			return nil, fmt.Errorf("folder %s holds no audio file", a)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Rel != all[j].Rel {
			return all[i].Rel < all[j].Rel
		}
		return all[i].Path < all[j].Path
	})
	seen := map[string]bool{}
	out := all[:0]
	for _, in := range all {
		key, err := filepath.Abs(in.Path)
		if err != nil {
			return nil, err
		}
		if r, err := filepath.EvalSymlinks(key); err == nil {
			key = r
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, in)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no input files")
	}
	return out, nil
}

// fileRel is the Rel of a file named directly.
func fileRel(p string) string {
	c := filepath.Clean(p)
	if filepath.IsAbs(c) || c == ".." || strings.HasPrefix(c, ".."+string(filepath.Separator)) {
		return filepath.Base(c)
	}
	return filepath.ToSlash(c)
}

func readManifest(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	defer f.Close()
	var paths []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	read := 0
	for line := 1; sc.Scan(); line++ {
		read += len(sc.Bytes()) + 1
		if read > maxManifest {
			return nil, fmt.Errorf("manifest %s is larger than %d MiB", path, maxManifest>>20)
		}
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		paths = append(paths, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("manifest %s: %w", path, err)
	}
	return paths, nil
}

// Collisions returns an error naming every pair of inputs whose outputs
// would have the same name (a.wav and a.flac in one folder), or nil.
func Collisions(inputs []Input) error {
	owner := map[string]string{}
	var msgs []string
	for _, in := range inputs {
		if prev, ok := owner[in.Stem()]; ok {
			msgs = append(msgs, fmt.Sprintf("%s and %s would both write %s.*", prev, in.Path, in.Stem()))
			continue
		}
		owner[in.Stem()] = in.Path
	}
	if len(msgs) > 0 {
		return fmt.Errorf("inputs whose outputs collide (rename one, or run them in separate batches):\n  %s", strings.Join(msgs, "\n  "))
	}
	return nil
}

// Shard is the part of a sorted input list that one task processes: the
// inputs at positions k with k mod N = I, so that the N parts are disjoint,
// cover the list, and get files of every part of it.
type Shard struct{ I, N int }

// Of returns the inputs of shard s.
func (s Shard) Of(inputs []Input) []Input {
	var out []Input
	for k, in := range inputs {
		if k%s.N == s.I {
			out = append(out, in)
		}
	}
	return out
}

// ParseShard reads --shard: "I/N" with 0 ≤ I < N, or "auto" to take them
// from a Slurm job array (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN of
// SLURM_ARRAY_TASK_COUNT), read through getenv. "" is the whole list.
func ParseShard(s string, getenv func(string) string) (Shard, string, error) {
	if s == "" {
		return Shard{0, 1}, "", nil
	}
	if s == "auto" {
		id, min, count := getenv("SLURM_ARRAY_TASK_ID"), getenv("SLURM_ARRAY_TASK_MIN"), getenv("SLURM_ARRAY_TASK_COUNT")
		if id == "" || count == "" {
			return Shard{}, "", errors.New("--shard auto: SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT are not set (not a Slurm job array task); give --shard I/N, e.g. --shard $JOB_COMPLETION_INDEX/N on Kubernetes")
		}
		if min == "" {
			min = "0"
		}
		i, e1 := strconv.Atoi(id)
		m, e2 := strconv.Atoi(min)
		n, e3 := strconv.Atoi(count)
		if err := errors.Join(e1, e2, e3); err != nil || n < 1 || i-m < 0 || i-m >= n {
			return Shard{}, "", fmt.Errorf("--shard auto: SLURM_ARRAY_TASK_ID=%s, SLURM_ARRAY_TASK_MIN=%s, SLURM_ARRAY_TASK_COUNT=%s do not give a task 0 ≤ ID−MIN < COUNT (arrays with steps, e.g. --array=0-9:2, are not supported: use a contiguous range)", id, min, count)
		}
		sh := Shard{i - m, n}
		return sh, fmt.Sprintf("shard %d/%d from SLURM_ARRAY_TASK_ID=%s (MIN %s, COUNT %s)", sh.I, sh.N, id, min, count), nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, e1 := strconv.Atoi(a)
	n, e2 := strconv.Atoi(b)
	if !ok || e1 != nil || e2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, "", fmt.Errorf("--shard %q: want I/N with 0 ≤ I < N (e.g. 0/4), or auto", s)
	}
	return Shard{i, n}, "", nil
}
