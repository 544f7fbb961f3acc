package chain

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gohears/hears/filterbank"
	"github.com/gohears/hears/sound"
)

// class describes how to build one Brian Hears class from a node.
type class struct {
	// sources is the number of sources the class reads: 1, or 0 for "one or
	// more".
	sources int
	// build makes the bank from the node's arguments and its sources.
	build func(a *args, src []sound.Source, g *Graph) (sound.Source, error)
}

// Classes lists the class names a chain file may use, sorted.
func Classes() []string {
	names := make([]string, 0, len(classes))
	for k := range classes {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// Graph is a built chain.
type Graph struct {
	// Output is the last node: the chain's result.
	Output sound.Source
	// Nodes holds every node's bank in file order.
	Nodes []sound.Source
	// Named maps node names to their banks.
	Named map[string]sound.Source
}

// Build constructs the chain on input. When the spec names a sample rate,
// the input must run at it.
func (s *Spec) Build(input sound.Source) (*Graph, error) {
	if input == nil {
		return nil, fmt.Errorf("chain: nil input")
	}
	if s.SampleRate != 0 && input.SampleRate() != s.SampleRate {
		return nil, fmt.Errorf("chain: the chain file is for %g Hz but the input runs at %g Hz (resample the input, or change \"samplerate\")", s.SampleRate, input.SampleRate())
	}
	g := &Graph{Named: map[string]sound.Source{}}
	prev := input
	total := 0 // channels of the nodes built so far
	for i := range s.Nodes {
		n := &s.Nodes[i]
		c, ok := classes[n.Class]
		if !ok {
			return nil, fmt.Errorf("chain: %s: unknown class %q%s", n.Label(), n.Class, suggest(n.Class))
		}
		var srcs []sound.Source
		if len(n.Sources) == 0 {
			srcs = []sound.Source{prev}
		}
		for _, name := range n.Sources {
			switch src, ok := g.Named[name]; {
			case name == "input":
				srcs = append(srcs, input)
			case ok:
				srcs = append(srcs, src)
			default:
				return nil, fmt.Errorf("chain: %s: source %q is neither \"input\" nor the name of an earlier node", n.Label(), name)
			}
		}
		if c.sources > 0 && len(srcs) != c.sources {
			return nil, fmt.Errorf("chain: %s: takes %d source(s), got %d", n.Label(), c.sources, len(srcs))
		}
		a := newArgs(n, erbSpace)
		out, err := c.build(a, srcs, g)
		if err == nil {
			err = a.finish()
		} else if a.first != nil {
			err = a.first
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "chain:") {
				err = fmt.Errorf("chain: %s: %w", n.Label(), err)
			}
			return nil, err
		}
		if total += out.NumChannels(); total > MaxChannels {
			return nil, fmt.Errorf("chain: %s: the chain would have %d channels in all, more than the limit of %d (MaxChannels): is a count mistyped?", n.Label(), total, MaxChannels)
		}
		g.Nodes = append(g.Nodes, out)
		if n.Name != "" {
			g.Named[n.Name] = out
		}
		prev = out
	}
	g.Output = prev
	return g, nil
}

// erbSpace is the ERB-scale spacing behind {"erbspace": [low, high, N]}.
var erbSpace = filterbank.ERBSpace

// suggest proposes a class name close to a misspelt one.
func suggest(name string) string {
	best, bestD := "", 4
	for k := range classes {
		if d := editDistance(strings.ToLower(k), strings.ToLower(name)); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return fmt.Sprintf(" (known classes: %s)", strings.Join(Classes(), ", "))
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
