package hrtf

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Database is a folder of HRTF sets, one or two per subject (brian2hears'
// HRTFDatabase and IRCAM_LISTEN): every SOFA file below the folder is a
// subject, and IRCAM LISTEN files (SOFA conversions named …IRC_1002_C_HRIR.sofa
// and …IRC_1002_R_HRIR.sofa, flat or in IRCAM's IRC_1002/COMPENSATED/… and
// IRC_1002/RAW/… folders) are grouped by subject number with their
// compensated (C) and raw (R) versions.
type Database struct {
	dir      string
	subjects map[string]*subject
	ids      []string
	cfg      databaseConfig
}

type subject struct {
	file       string // a plain SOFA set
	raw, comp  string // LISTEN's raw and compensated sets
	matlabOnly string // an IRCAM MATLAB file found without a SOFA twin
}

type databaseConfig struct {
	rate        float64
	compensated *bool
}

// DatabaseOption configures OpenDatabase.
type DatabaseOption func(*databaseConfig)

// DatabaseSampleRate resamples every set to rate Hz at load (Set.Resampled,
// the project's anti-aliased resampler; brian2hears' samplerate=), e.g. the
// rate of the sounds a model runs at.
func DatabaseSampleRate(rate float64) DatabaseOption {
	return func(c *databaseConfig) { c.rate = rate }
}

// DatabaseCompensated chooses LISTEN's compensated (true) or raw (false)
// responses (brian2hears' compensated=). By default a subject's raw set is
// loaded, as brian2hears does, or its compensated set when it has no raw
// one; when this option is given, the chosen kind must exist.
func DatabaseCompensated(on bool) DatabaseOption {
	return func(c *databaseConfig) { c.compensated = &on }
}

// listenName matches IRCAM LISTEN file names: subject number and C or R.
var listenName = regexp.MustCompile(`IRC_(\d{4})_([CR])_HRIR\.(sofa|mat)$`)

// Limits of a database walk: a folder deeper or larger than this is not an
// HRTF database.
const (
	maxDatabaseDepth = 8
	maxDatabaseFiles = 1 << 16
)

// OpenDatabase lists the subjects of the HRTF database in dir.
func OpenDatabase(dir string, opts ...DatabaseOption) (*Database, error) {
	db := &Database{dir: dir, subjects: map[string]*subject{}}
	for _, o := range opts {
		o(&db.cfg)
	}
	if db.cfg.rate != 0 && (!(db.cfg.rate > 0) || db.cfg.rate > 1e7) {
		return nil, fmt.Errorf("hrtf: database sample rate %v Hz", db.cfg.rate)
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("hrtf: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("hrtf: %s is not a folder of HRTF sets", dir)
	}
	files := 0
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			if rel != "." && strings.Count(rel, string(filepath.Separator)) >= maxDatabaseDepth {
				return fs.SkipDir
			}
			return nil
		}
		if files++; files > maxDatabaseFiles {
			return fmt.Errorf("more than %d files", maxDatabaseFiles)
		}
		base := filepath.Base(path)
		lower := strings.ToLower(base)
		if m := listenName.FindStringSubmatch(base); m != nil {
			s := db.subject(m[1])
			if m[3] == "mat" {
				s.matlabOnly = path
				return nil
			}
			slot := &s.raw
			if m[2] == "C" {
				slot = &s.comp
			}
			if *slot != "" {
				return fmt.Errorf("subject %s has two %s sets: %s and %s", m[1], kindName(m[2] == "C"), *slot, path)
			}
			*slot = path
			return nil
		}
		if strings.HasSuffix(lower, ".sofa") {
			id := strings.TrimSuffix(base, base[len(base)-5:])
			s := db.subject(id)
			if s.file != "" {
				return fmt.Errorf("two sets for subject %q: %s and %s", id, s.file, path)
			}
			s.file = path
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("hrtf: database %s: %w", dir, err)
	}
	for id, s := range db.subjects {
		if s.file != "" && (s.raw != "" || s.comp != "") {
			return nil, fmt.Errorf("hrtf: database %s: subject %q is both a plain set (%s) and a LISTEN subject", dir, id, s.file)
		}
		db.ids = append(db.ids, id)
	}
	if len(db.ids) == 0 {
		return nil, fmt.Errorf("hrtf: database %s holds no SOFA file", dir)
	}
	sort.Strings(db.ids)
	return db, nil
}

func kindName(compensated bool) string {
	if compensated {
		return "compensated"
	}
	return "raw"
}

func (db *Database) subject(id string) *subject {
	s := db.subjects[id]
	if s == nil {
		s = &subject{}
		db.subjects[id] = s
	}
	return s
}

// Subjects returns the subject ids in order: a LISTEN subject's number
// ("1002"), or a SOFA file's name without its extension.
func (db *Database) Subjects() []string { return append([]string(nil), db.ids...) }

// Path returns the file Load reads for a subject.
func (db *Database) Path(id string) (string, error) {
	s, ok := db.subjects[id]
	if !ok {
		return "", fmt.Errorf("hrtf: database %s has no subject %q (it has %d: %s)", db.dir, id, len(db.ids), strings.Join(first(db.ids, 8), ", "))
	}
	switch {
	case s.file != "":
		return s.file, nil
	case db.cfg.compensated != nil:
		p := s.raw
		if *db.cfg.compensated {
			p = s.comp
		}
		if p == "" && s.matlabOnly != "" && s.raw == "" && s.comp == "" {
			break
		}
		if p == "" {
			return "", fmt.Errorf("hrtf: database %s: subject %s has no %s set", db.dir, id, kindName(*db.cfg.compensated))
		}
		return p, nil
	case s.raw != "":
		return s.raw, nil
	case s.comp != "":
		return s.comp, nil
	}
	return "", fmt.Errorf("hrtf: database %s: subject %s has only IRCAM's MATLAB file %s, which is not read: use LISTEN's SOFA files", db.dir, id, s.matlabOnly)
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(append([]string(nil), s[:n]...), "…")
	}
	return s
}

// Load reads a subject's set (resampled when DatabaseSampleRate was given).
func (db *Database) Load(id string) (*Set, error) {
	p, err := db.Path(id)
	if err != nil {
		return nil, err
	}
	s, err := LoadSOFA(p)
	if err != nil {
		return nil, err
	}
	if db.cfg.rate != 0 {
		return s.Resampled(db.cfg.rate)
	}
	return s, nil
}
