package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/gohears/hears/spiking"
	"github.com/spf13/cobra"
)

// equationsLong is the help text of hears equations.
const equationsLong = `Checks the units of the model equations in MODEL.eqs (Brian2 syntax, one
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
model from standard input.`

func init() {
	register(func(e *env) *cobra.Command {
		var method string
		var dt float64
		c := &cobra.Command{
			Use:   "equations MODEL.eqs [--method exact|euler|rk2|rk4|exponential_euler|heun|milstein] [--dt s]",
			Short: "check model equations and print the update code the engine runs",
			Long:  equationsLong,
			Args: func(_ *cobra.Command, args []string) error {
				if len(args) != 1 {
					return usageErrorf("give one model file (got %d)", len(args))
				}
				return nil
			},
			RunE: func(_ *cobra.Command, args []string) error {
				return runEquations(args[0], method, dt, e.stdout)
			},
		}
		c.Flags().StringVar(&method, "method", "", "integration `method` (default: chosen as Brian2 2.5.1 chooses)")
		c.Flags().Float64Var(&dt, "dt", spiking.DefaultDt, "time step in `seconds`")
		c.RegisterFlagCompletionFunc("method", cobra.FixedCompletions(equationsMethods, cobra.ShellCompDirectiveNoFileComp))
		return c
	})
}

// equationsMethods are the methods --method accepts.
var equationsMethods = []string{"exact", "linear", "euler", "rk2", "rk4", "exponential_euler", "heun", "milstein"}

// runEquations prints the update code for the model in file ("-": standard
// input) integrated by method ("" = automatic) with time step dt (s).
func runEquations(file, method string, dt float64, stdout io.Writer) error {
	if method != "" && !slices.Contains(equationsMethods, method) {
		return usageErrorf("unknown method %q (use one of %s)", method, strings.Join(equationsMethods, ", "))
	}
	if !(dt > 0) || math.IsInf(dt, 0) {
		return usageErrorf("--dt must be a positive number of seconds, got %v", dt)
	}
	var src []byte
	var err error
	if file == "-" {
		src, err = io.ReadAll(io.LimitReader(os.Stdin, maxModelBytes+1))
	} else {
		src, err = readModelFile(file)
	}
	if err != nil {
		return err
	}
	text, err := describeModel(string(src), method, dt)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
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
