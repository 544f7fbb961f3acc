// Package chain builds a graph of filterbanks from a chain file: a JSON
// description of a Brian Hears processing chain, node by node, with the
// Brian Hears class names and keyword arguments. It is the one place in
// gohears that knows class names.
//
// A chain file looks like
//
//	{"samplerate": 44100,
//	 "nodes": [
//	   {"class": "Gammatone", "cf": {"erbspace": [20, 20000, 3000]}},
//	   {"class": "FunctionFilterbank", "expr": "clip(x, 0, inf)**(1/3)"},
//	   {"class": "LowPass", "fc": 10}
//	 ]}
//
// Nodes run in order. Each node's "source" is "input", an earlier node's
// "name", or a list of those; by default it is the node before (the input for
// the first). The last node is the output. Values are SI (Hz, seconds); dB are
// plain numbers. See docs/chains.md for every class.
package chain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
)

// Spec is a parsed chain file.
type Spec struct {
	// SampleRate is the rate (Hz) the chain expects; 0 means "the input's".
	SampleRate float64
	// Nodes are the processing nodes in file order.
	Nodes []Node
	// JSON is the chain file's JSON text as parsed, without the byte-order
	// mark a file may start with: what a description of the output quotes
	// (the mark is not JSON, and would make that description invalid).
	JSON json.RawMessage
}

// Node is one node of a chain file.
type Node struct {
	Index   int      // position in the file, from 0
	Class   string   // Brian Hears class name
	Name    string   // optional name, referable as a source
	Sources []string // "input" or names of earlier nodes; empty: the node before
	args    map[string]json.RawMessage
}

// Label names the node in error messages: `node 2 ("lp", LowPass)`.
func (n *Node) Label() string {
	if n.Name != "" {
		return fmt.Sprintf("node %d (%q, %s)", n.Index, n.Name, n.Class)
	}
	return fmt.Sprintf("node %d (%s)", n.Index, n.Class)
}

// Keys lists the node's keyword arguments (without class, name and source).
func (n *Node) Keys() []string {
	ks := make([]string, 0, len(n.args))
	for k := range n.args {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Floats reads a numeric keyword argument of the node in any of the forms a
// chain file allows (a number, a list, {"erbspace": ...}, {"linspace": ...}),
// e.g. a Gammatone node's "cf" to label the channels of its output. ok is
// false when the node has no such key.
func (n *Node) Floats(key string) (v []float64, ok bool, err error) {
	if _, ok = n.args[key]; !ok {
		return nil, false, nil
	}
	a := newArgs(n, erbSpace)
	v = a.floats(key, true)
	return v, true, a.first
}

// reserved keys that every node may carry.
var reserved = []string{"class", "name", "source"}

// MaxSpecBytes bounds the size of a chain file, 16 MiB: room for long
// inline impulse responses, while an endless stream (--chain /dev/zero, a
// FIFO) is refused after reading that much instead of exhausting memory.
const MaxSpecBytes = 16 << 20

// utf8BOM is the byte-order mark some editors put at the start of a UTF-8
// file. RFC 8259 §8.1 forbids it in JSON but lets parsers ignore it; a chain
// file is text people edit, so it is accepted (and skipped).
const utf8BOM = "\xef\xbb\xbf"

// Parse reads a chain file (at most MaxSpecBytes).
func Parse(r io.Reader) (*Spec, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSpecBytes+1))
	if err != nil {
		return nil, fmt.Errorf("chain: reading: %w", err)
	}
	if len(data) > MaxSpecBytes {
		return nil, fmt.Errorf("chain: the chain file is larger than the limit of %d bytes (%d MiB)", MaxSpecBytes, MaxSpecBytes>>20)
	}
	return ParseBytes(data)
}

// ParseBytes parses the bytes of a chain file (at most MaxSpecBytes; a
// leading UTF-8 byte-order mark is skipped).
func ParseBytes(data []byte) (*Spec, error) {
	if len(data) > MaxSpecBytes {
		return nil, fmt.Errorf("chain: the chain file of %d bytes is larger than the limit of %d bytes (%d MiB)", len(data), MaxSpecBytes, MaxSpecBytes>>20)
	}
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	var top map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&top); err != nil {
		return nil, fmt.Errorf("chain: not a JSON object: %w", jsonErr(data, err))
	}
	if dec.More() {
		return nil, errors.New("chain: trailing data after the JSON object")
	}
	if err := checkDuplicates(data); err != nil {
		return nil, err
	}
	spec := &Spec{JSON: data}
	for k, v := range top {
		switch k {
		case "samplerate":
			var f float64
			if err := json.Unmarshal(v, &f); err != nil || !(f > 0) || math.IsInf(f, 0) {
				return nil, fmt.Errorf("chain: \"samplerate\" must be a positive number of Hz, got %s", v)
			}
			spec.SampleRate = f
		case "nodes":
		default:
			return nil, fmt.Errorf("chain: unknown top-level key %q (expected \"samplerate\" and \"nodes\")", k)
		}
	}
	raw, ok := top["nodes"]
	if !ok {
		return nil, errors.New("chain: no \"nodes\" list")
	}
	var nodes []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &nodes); err != nil {
		return nil, fmt.Errorf("chain: \"nodes\" must be a list of objects: %w", err)
	}
	if len(nodes) == 0 {
		return nil, errors.New("chain: \"nodes\" is empty")
	}
	names := map[string]int{}
	for i, m := range nodes {
		n := Node{Index: i, args: map[string]json.RawMessage{}}
		if m == nil {
			return nil, fmt.Errorf("chain: node %d is null", i)
		}
		c, ok := m["class"]
		if !ok {
			return nil, fmt.Errorf("chain: node %d has no \"class\"", i)
		}
		if err := json.Unmarshal(c, &n.Class); err != nil || n.Class == "" {
			return nil, fmt.Errorf("chain: node %d: \"class\" must be a class name string, got %s", i, c)
		}
		if v, ok := m["name"]; ok {
			if err := json.Unmarshal(v, &n.Name); err != nil || n.Name == "" || n.Name == "input" {
				return nil, fmt.Errorf("chain: %s: \"name\" must be a non-empty string other than \"input\", got %s", n.Label(), v)
			}
			if j, dup := names[n.Name]; dup {
				return nil, fmt.Errorf("chain: %s: name %q is already used by node %d", n.Label(), n.Name, j)
			}
		}
		if v, ok := m["source"]; ok {
			srcs, err := parseSources(v)
			if err != nil {
				return nil, fmt.Errorf("chain: %s: \"source\": %w", n.Label(), err)
			}
			for _, s := range srcs {
				if _, known := names[s]; !known && s != "input" {
					return nil, fmt.Errorf("chain: %s: source %q is neither \"input\" nor the name of an earlier node", n.Label(), s)
				}
			}
			n.Sources = srcs
		}
		for k, v := range m {
			if !slices.Contains(reserved, k) {
				n.args[k] = v
			}
		}
		if n.Name != "" {
			names[n.Name] = i
		}
		spec.Nodes = append(spec.Nodes, n)
	}
	return spec, nil
}

func parseSources(v json.RawMessage) ([]string, error) {
	var one string
	if err := json.Unmarshal(v, &one); err == nil {
		if one == "" {
			return nil, errors.New("empty source name")
		}
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(v, &many); err != nil || len(many) == 0 {
		return nil, fmt.Errorf("must be a name or a non-empty list of names, got %s", v)
	}
	for _, s := range many {
		if s == "" {
			return nil, errors.New("empty source name")
		}
	}
	return many, nil
}

// checkDuplicates reports a key given twice in one object: encoding/json
// keeps the last silently, so {"fc": 10, "fc": 100} would run at 100 Hz.
func checkDuplicates(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object bool
		keys   map[string]bool
		key    bool // the next string token is a key
	}
	var stack []frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("chain: %w", jsonErr(data, err))
		}
		top := len(stack) - 1
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				if top >= 0 && stack[top].object {
					stack[top].key = true // the value is done once it closes
				}
				stack = append(stack, frame{object: d == '{', keys: map[string]bool{}, key: d == '{'})
			default:
				stack = stack[:top]
			}
			continue
		}
		if top < 0 || !stack[top].object {
			continue
		}
		if stack[top].key {
			k, _ := tok.(string)
			if stack[top].keys[k] {
				line, col := lineCol(data, int(dec.InputOffset()))
				return fmt.Errorf("chain: line %d, column %d: key %q appears twice in one object", line, col, k)
			}
			stack[top].keys[k] = true
		}
		stack[top].key = !stack[top].key
	}
}

// jsonErr adds the line and column of a JSON syntax error.
func jsonErr(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(data, int(se.Offset))
		return fmt.Errorf("line %d, column %d: %w", line, col, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		line, col := lineCol(data, int(te.Offset))
		return fmt.Errorf("line %d, column %d: %w", line, col, err)
	}
	return err
}

func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - strings.LastIndexByte(string(data[:off]), '\n')
	return line, col
}
