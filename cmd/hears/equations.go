package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/gohears/hears/spiking"
)

const equationsHelp = `usage: hears equations MODEL.eqs [--method exact|euler|rk2|rk4|exponential_euler|heun|milstein] [--dt seconds]

Checks the units of the model equations in MODEL.eqs (Brian2 syntax, one
equation per line: "dv/dt = (El - v)/tau : volt", "I = g*(E - v) : amp",
"tau : second") and prints the update code the engine runs for them each
time step, one statement per line as Brian2 prints its state updaters:
temporaries first (_v, __k_1_v, ...), then the assignments. Without
--method the method is chosen as Brian2 2.5.1 chooses it (exact, else
euler, else heun) and the reason is printed. For exact, the linear system
dX/dt = M·X + c is printed; it is advanced by a matrix exponential.

Constants may be given in the file as "name = value" lines without a unit
after a colon ("tau = 10*ms", "El = -70*mV"); names that are neither
declared nor given are errors, naming the line and the term. "-" reads the
model from standard input.

Flags:
  --method name   integration method (default: automatic)
  --dt seconds    time step (default 0.0001)`

func init() {
	register(&command{
		name:    "equations",
		summary: "check model equations and print the update code the engine runs",
		usage:   "equations MODEL.eqs [--method exact|euler|rk2|rk4|exponential_euler|heun|milstein] [--dt s]",
		run:     runEquations,
	})
}

// equationsMethods are the methods --method accepts.
var equationsMethods = []string{"exact", "linear", "euler", "rk2", "rk4", "exponential_euler", "heun", "milstein"}

func runEquations(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("hears equations", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	method := fs.String("method", "", "")
	dt := fs.Float64("dt", spiking.DefaultDt, "")
	var files []string
	// Flags may come before or after the file name.
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintln(stdout, equationsHelp)
				return nil
			}
			return fmt.Errorf("%v\n%s", err, equationsHelp)
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		files = append(files, rest[0])
		rest = rest[1:]
	}
	if len(files) != 1 {
		return fmt.Errorf("give one model file (got %d)\n%s", len(files), equationsHelp)
	}
	if *method != "" && !contains(equationsMethods, *method) {
		return fmt.Errorf("unknown method %q (use one of %s)", *method, strings.Join(equationsMethods, ", "))
	}
	if !(*dt > 0) || math.IsInf(*dt, 0) {
		return fmt.Errorf("--dt must be a positive number of seconds, got %v", *dt)
	}
	var src []byte
	var err error
	if files[0] == "-" {
		src, err = io.ReadAll(io.LimitReader(os.Stdin, maxModelBytes+1))
	} else {
		src, err = readModelFile(files[0])
	}
	if err != nil {
		return err
	}
	text, err := describeModel(string(src), *method, *dt)
	if err != nil {
		return fmt.Errorf("%s: %w", files[0], err)
	}
	_, err = io.WriteString(stdout, text)
	return err
}

// maxModelBytes bounds a model file: equations are text of a few lines.
const maxModelBytes = 1 << 20

func readModelFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a folder", path)
	}
	if st.Size() > maxModelBytes {
		return nil, fmt.Errorf("%s has %d bytes; a model file is at most %d", path, st.Size(), maxModelBytes)
	}
	return os.ReadFile(path)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// describeModel splits a model file into equations and "name = value"
// constants, builds one neuron of it and returns its Describe text. Line
// numbers in errors are those of the file: constant lines are kept as
// blank lines in the equations.
func describeModel(src, method string, dt float64) (string, error) {
	if len(src) > maxModelBytes {
		return "", fmt.Errorf("model of %d bytes is too long (at most %d)", len(src), maxModelBytes)
	}
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	ns := map[string]any{}
	for k, l := range lines {
		code := l
		if c := strings.IndexByte(code, '#'); c >= 0 {
			code = code[:c]
		}
		name, value, ok := strings.Cut(code, "=")
		if !ok || strings.Contains(code, ":") || strings.Contains(name, "/") {
			continue
		}
		name = strings.TrimSpace(name)
		if !isIdentifier(name) {
			return "", fmt.Errorf("line %d: %q is not a name = value constant", k+1, strings.TrimSpace(l))
		}
		if _, dup := ns[name]; dup {
			return "", fmt.Errorf("line %d: constant %s given twice", k+1, name)
		}
		ns[name] = strings.TrimSpace(value)
		lines[k] = ""
	}
	eqs := strings.Join(lines, "\n")
	if strings.TrimSpace(eqs) == "" {
		return "", errors.New("no equations")
	}
	g, err := spiking.NewNeuronGroup(1, eqs, spiking.NeuronGroupOptions{
		GroupOptions: spiking.GroupOptions{Name: "model", Dt: dt}, Method: method, Namespace: ns})
	if err != nil {
		return "", err
	}
	return g.Describe(), nil
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for k, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || k > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
