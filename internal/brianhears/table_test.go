package brianhears

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const root = "../.."

// row is one line of a table of docs/brianhears.md.
type row struct {
	line  int
	brian string   // the Brian Hears name (first column)
	refs  []string // backquoted references of the gohears column
	notes string
}

var backquoted = regexp.MustCompile("`([^`]+)`")

// readTables returns the rows of the tables of the page, one slice per
// table, in order.
func readTables(t *testing.T) [][]row {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "docs", "brianhears.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tables [][]row
	in := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if !strings.HasPrefix(line, "|") {
			in = false
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 3 {
			t.Fatalf("docs/brianhears.md:%d: %d columns, want 3 (Brian Hears | gohears | notes)", n, len(cells))
		}
		first := strings.TrimSpace(cells[0])
		if first == "Brian Hears" || strings.HasPrefix(first, "---") {
			if !in {
				tables = append(tables, nil)
				in = true
			}
			continue
		}
		m := backquoted.FindStringSubmatch(first)
		if m == nil || m[0] != first {
			t.Fatalf("docs/brianhears.md:%d: first column %q is not one backquoted Brian Hears name", n, first)
		}
		r := row{line: n, brian: m[1], notes: strings.TrimSpace(cells[2])}
		for _, b := range backquoted.FindAllStringSubmatch(cells[1], -1) {
			r.refs = append(r.refs, b[1])
		}
		tables[len(tables)-1] = append(tables[len(tables)-1], r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return tables
}

// api is the exported API of one package: top-level names, and for each
// type its methods, struct fields and embedded types.
type api struct {
	top     map[string]bool
	members map[string]map[string]bool
	embeds  map[string][]string
}

var apis = map[string]*api{}

// loadAPI parses the non-test Go files of the package at path (relative to
// the module root).
func loadAPI(path string) (*api, error) {
	if a, ok := apis[path]; ok {
		return a, nil
	}
	dir := filepath.Join(root, filepath.FromSlash(path))
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	a := &api{top: map[string]bool{}, members: map[string]map[string]bool{}, embeds: map[string][]string{}}
	member := func(typ, name string) {
		if a.members[typ] == nil {
			a.members[typ] = map[string]bool{}
		}
		a.members[typ][name] = true
	}
	for name, p := range pkgs {
		if strings.HasSuffix(name, "_test") || name == "main" && path != "cmd/hears" {
			continue
		}
		for _, f := range p.Files {
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil {
						a.top[d.Name.Name] = true
						continue
					}
					member(recvType(d.Recv.List[0].Type), d.Name.Name)
				case *ast.GenDecl:
					for _, s := range d.Specs {
						switch s := s.(type) {
						case *ast.TypeSpec:
							a.top[s.Name.Name] = true
							if st, ok := s.Type.(*ast.StructType); ok {
								for _, fl := range st.Fields.List {
									if len(fl.Names) == 0 {
										e := recvType(fl.Type)
										a.embeds[s.Name.Name] = append(a.embeds[s.Name.Name], e)
										member(s.Name.Name, e)
									}
									for _, n := range fl.Names {
										member(s.Name.Name, n.Name)
									}
								}
							}
						case *ast.ValueSpec:
							for _, n := range s.Names {
								a.top[n.Name] = true
							}
						}
					}
				}
			}
		}
	}
	if len(a.top) == 0 {
		return nil, fmt.Errorf("no Go declarations in %s", path)
	}
	apis[path] = a
	return a, nil
}

// recvType is the name of a receiver or embedded type: T, *T, T[P], pkg.T.
func recvType(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return recvType(e.X)
	case *ast.IndexExpr:
		return recvType(e.X)
	case *ast.IndexListExpr:
		return recvType(e.X)
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.Ident:
		return e.Name
	}
	return ""
}

// hasMember reports whether typ has the method or field name, directly or
// promoted from a type it embeds (of the same package).
func (a *api) hasMember(typ, name string, depth int) bool {
	if a.members[typ][name] {
		return true
	}
	if depth > 4 {
		return false
	}
	for _, e := range a.embeds[typ] {
		if a.hasMember(e, name, depth+1) {
			return true
		}
	}
	return false
}

var goRef = regexp.MustCompile(`^([a-z][a-z0-9]*(?:/[a-z][a-z0-9]*)*)\.([A-Z]\w*)(?:\.([A-Z]\w*))?$`)

// resolve checks one reference of the gohears column.
func resolve(ref string) error {
	if cmd, ok := strings.CutPrefix(ref, "hears "); ok {
		return checkCommand(cmd)
	}
	m := goRef.FindStringSubmatch(ref)
	if m == nil {
		return fmt.Errorf("%q is neither package.Name, package.Type.Member nor a hears command", ref)
	}
	a, err := loadAPI(m[1])
	if err != nil {
		return fmt.Errorf("%s: package %s: %v", ref, m[1], err)
	}
	if !a.top[m[2]] {
		return fmt.Errorf("%s: package %s has no exported %s", ref, m[1], m[2])
	}
	if m[3] != "" && !a.hasMember(m[2], m[3], 0) {
		return fmt.Errorf("%s: %s.%s has no method or field %s", ref, m[1], m[2], m[3])
	}
	return nil
}

// commandName matches where cmd/hears names a command: a command
// descriptor's name, a cobra.Command's Use line, or a usage constant
// (playUsage = "play FILE …")
var commandName = regexp.MustCompile(`(?:name:|Use:|Usage\s*=)\s*"([a-z]+)[ "]`)

func checkCommand(cmd string) error {
	name := strings.Fields(cmd)[0]
	files, err := filepath.Glob(filepath.Join(root, "cmd", "hears", "*.go"))
	if err != nil {
		return err
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, m := range commandName.FindAllStringSubmatch(string(b), -1) {
			if m[1] == name {
				return nil
			}
		}
	}
	return fmt.Errorf("hears has no command %q", name)
}

func TestBrianHearsTable(t *testing.T) {
	tables := readTables(t)
	if len(tables) != 2 {
		t.Fatalf("docs/brianhears.md has %d tables, want 2 (brian2hears names; options and Brian 1 entries)", len(tables))
	}
	raw, err := os.ReadFile(filepath.Join(root, "testdata", "brianhears", "api_names.txt"))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, n := range strings.Fields(string(raw)) {
		names[n] = true
	}
	if len(names) < 100 {
		t.Fatalf("api_names.txt lists %d names", len(names))
	}
	seen := map[string]int{}
	for ti, tb := range tables {
		for _, r := range tb {
			if prev, dup := seen[r.brian]; dup {
				t.Errorf("docs/brianhears.md:%d: %s already has a row (line %d)", r.line, r.brian, prev)
			}
			seen[r.brian] = r.line
			switch {
			case ti == 0 && !names[r.brian]:
				t.Errorf("docs/brianhears.md:%d: %s is not a brian2hears 0.9.2 name (api_names.txt); move it to the second table", r.line, r.brian)
			case ti == 1 && names[r.brian]:
				t.Errorf("docs/brianhears.md:%d: %s is a brian2hears name; it belongs in the first table", r.line, r.brian)
			}
			if len(r.refs) == 0 {
				t.Errorf("docs/brianhears.md:%d: %s has no gohears counterpart", r.line, r.brian)
			}
			for _, ref := range r.refs {
				if err := resolve(ref); err != nil {
					t.Errorf("docs/brianhears.md:%d (%s): %v", r.line, r.brian, err)
				}
			}
		}
	}
	var missing []string
	for n := range names {
		if _, ok := seen[n]; !ok {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("brian2hears names without a row in docs/brianhears.md: %s", strings.Join(missing, " "))
	}
	t.Logf("%d brian2hears names and %d further entries, %d Go packages resolved", len(tables[0]), len(tables[1]), len(apis))
}

// TestResolveCatchesDrift makes sure the resolver can fail: a renamed
// function, method, field or command is reported.
func TestResolveCatchesDrift(t *testing.T) {
	for _, ref := range []string{"sound.Sound.Play", "sound.Tone", "plot.Options.FrequencyTicks", "filterbank.CombinedBank.NumFrames", "spiking/analysis.SpikeTriggeredAverage", "hears play"} {
		if err := resolve(ref); err != nil {
			t.Errorf("%s: %v", ref, err)
		}
	}
	for _, ref := range []string{"sound.Sound.Plays", "sound.tone", "sound.Tonez", "plot.Options.Nothing", "nopkg.Thing", "hears dance", "Sound.play"} {
		if err := resolve(ref); err == nil {
			t.Errorf("%s resolved", ref)
		}
	}
}
