package hrtf

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	_ "unsafe" // go:linkname

	"github.com/batchatco/go-native-netcdf/netcdf"
	"github.com/batchatco/go-native-netcdf/netcdf/api"
	"github.com/batchatco/go-native-netcdf/netcdf/hdf5"
)

// The netCDF/HDF5 reader (github.com/batchatco/go-native-netcdf, pinned in
// go.mod) reports most malformed input by panicking with go-thrower values
// that it recovers itself, but three kinds of malformed input reach its
// internal logger's Fatal, which calls os.Exit(1): non-zero reserved bytes
// (padBytesCheck), the creation-order link index, and the obsolete HDF5 time
// type. A process must not exit because a user opened a bad file, and the
// library offers no hook, so this file reaches two of its package variables
// by go:linkname (allowed for non-standard-library packages) at the pinned
// version:
//
//   - logFunc, the function padBytesCheck calls on non-zero reserved bytes
//     (logger.Fatal by default), is replaced by one that panics with
//     nativeFatal, which readSOFA recovers into an error;
//   - the *log.Logger inside the package's logger is replaced by one whose
//     writer panics with nativeFatal on a FATAL line (the remaining
//     logger.Fatal calls; log.Logger.Fatalln writes before it exits, so the
//     panic comes first) and keeps the last ERROR line, which names the
//     problem behind the library's bare "internal error" (e.g. "checksum
//     mismatch"), for our error message. Warnings and errors no longer go to
//     stderr.
//
// logger.Fatal still prints a stack trace with the standard logger before
// reaching its own *log.Logger; that is noise on stderr, not an exit.
// nativeLoggerLayout mirrors internal.Logger of the pinned version;
// installNativeHooks checks what it can of it (TestNativeHooks proves the
// hooks turn the library's fatal path into an error). Every read holds
// nativeMu: the hooks and the last-error capture are package-global.

//go:linkname nativeLogger github.com/batchatco/go-native-netcdf/netcdf/hdf5.logger
var nativeLogger *nativeLoggerLayout

//go:linkname nativeLogFunc github.com/batchatco/go-native-netcdf/netcdf/hdf5.logFunc
var nativeLogFunc func(v ...interface{})

// nativeLoggerLayout is internal.Logger of go-native-netcdf
// v0.0.0-20241223233620-bc05e8aea526.
type nativeLoggerLayout struct {
	logLevel int
	logger   *log.Logger
	lock     sync.Mutex
}

// nativeFatal is what the hooks panic with in place of os.Exit.
type nativeFatal struct{ msg string }

var (
	nativeMu        sync.Mutex
	nativeOnce      sync.Once
	nativeHookErr   error
	nativeLastError string // last ERROR line of the library during a read
	nativeChunk     []int  // chunk shape logged by the library's layout reader
)

// nativeWriter receives the library's log lines.
type nativeWriter struct{}

func (nativeWriter) Write(p []byte) (int, error) {
	line := strings.TrimSpace(string(p))
	switch {
	case bytes.HasPrefix(p, []byte("FATAL ")):
		panic(nativeFatal{strings.TrimPrefix(line, "FATAL ")})
	case bytes.HasPrefix(p, []byte("ERROR ")):
		nativeLastError = strings.TrimPrefix(line, "ERROR ")
	case bytes.HasPrefix(p, []byte("INFO needs layout reader [")):
		// needsLayoutReader logs the chunk shape: "[355 1 256]".
		f := strings.Fields(strings.Trim(strings.TrimPrefix(line, "INFO needs layout reader "), "[]"))
		nativeChunk = nativeChunk[:0]
		for _, x := range f {
			v, err := strconv.Atoi(x)
			if err != nil || v <= 0 {
				nativeChunk = nativeChunk[:0]
				break
			}
			nativeChunk = append(nativeChunk, v)
		}
	}
	return len(p), nil
}

// installNativeHooks installs the hooks once; it fails (and SOFA reading
// is refused) if the linked variables do not look like the pinned version's.
func installNativeHooks() error {
	nativeOnce.Do(func() {
		if nativeLogger == nil || nativeLogger.logger == nil || nativeLogFunc == nil ||
			nativeLogger.logLevel < 0 || nativeLogger.logLevel > 3 {
			nativeHookErr = fmt.Errorf("hrtf: the netCDF reader's internals are not those of the pinned version; refusing to read files with it")
			return
		}
		// Keep the library's chosen level (warnings and above reach the writer).
		nativeLogger.lock.Lock()
		nativeLogger.logger = log.New(nativeWriter{}, "", 0)
		nativeLogger.lock.Unlock()
		nativeLogFunc = func(v ...interface{}) { panic(nativeFatal{fmt.Sprint(v...)}) }
	})
	return nativeHookErr
}

// readSeekNopCloser lets an io.ReaderAt serve as the library's file.
type readSeekNopCloser struct{ *io.SectionReader }

func (readSeekNopCloser) Close() error { return nil }

// withNative opens the data with the library and runs fn on its root
// group, turning every panic (the library's own, or ours above) into an
// error; it serialises all reads (see above).
func withNative(r io.ReaderAt, size int64, fn func(api.Group) error) (err error) {
	if err := installNativeHooks(); err != nil {
		return err
	}
	nativeMu.Lock()
	defer nativeMu.Unlock()
	nativeLastError = ""
	hdf5.SetLogLevel(2) // warnings and errors only (in case a read was interrupted at Info)
	defer func() {
		if p := recover(); p != nil {
			switch v := p.(type) {
			case nativeFatal:
				err = fmt.Errorf("malformed file: %s", v.msg)
			case error:
				err = fmt.Errorf("malformed file (reader failed: %v)", v)
			default:
				err = fmt.Errorf("malformed file (reader failed: %v)", v)
			}
			if testingPanics {
				err = fmt.Errorf("%w\n%s", err, debug.Stack())
			}
		}
		if err != nil && nativeLastError != "" && !strings.Contains(err.Error(), nativeLastError) {
			err = fmt.Errorf("%w (%s)", err, nativeLastError)
		}
	}()
	g, err := netcdf.New(readSeekNopCloser{io.NewSectionReader(r, 0, size)})
	if err != nil {
		if err == netcdf.ErrUnknown {
			return fmt.Errorf("not a netCDF-4/HDF5 (SOFA) file")
		}
		return fmt.Errorf("cannot open as netCDF: %w", err)
	}
	defer g.Close()
	return fn(g)
}

// readIR reads Data.IR, undoing the pinned reader's mis-ordering of
// chunked data. Its layoutReader treats a chunked N-d variable as rows
// (all dimensions but the last flattened) × the last dimension, and a chunk
// as cm·cr consecutive rows; that holds when chunks span every middle
// dimension, but the MIT KEMAR files chunk Data.IR (710 × 2 × 512) as
// 355 × 1 × 256, so its output row q holds the data of another
// (measurement, receiver) pair (TestMITMirror shows left(θ) = right(-θ)
// only after this correction). The chunk shape is not in the library's
// API; it logs it ("needs layout reader [355 1 256]") at its Info level,
// which the hook writer parses during this one read. Shapes this cannot
// undo (a middle chunk dimension that does not divide the data's) are
// refused.
func readIR(g api.Group) ([]float64, []int, error) {
	// Info level only for this read; restored even when the library panics
	// (a level left at Info makes every later read crawl through the
	// library's per-read log calls).
	old := hdf5.SetLogLevel(3)
	nativeChunk = nativeChunk[:0]
	vals, shape, _, err := func() ([]float64, []int, api.AttributeMap, error) {
		defer hdf5.SetLogLevel(old)
		return readVar(g, "Data.IR")
	}()
	if err != nil {
		return nil, nil, err
	}
	chunk := append([]int(nil), nativeChunk...)
	if len(chunk) != len(shape) || len(shape) != 3 {
		return vals, shape, nil // contiguous, or not chunked along a middle dimension
	}
	m, r, n := shape[0], shape[1], shape[2]
	cm, cr := chunk[0], chunk[1]
	if cr >= r {
		return vals, shape, nil // the library's assumption holds
	}
	if r%cr != 0 || m%cm != 0 {
		return nil, nil, fmt.Errorf("Data.IR is stored in chunks of %v, a layout the netCDF reader cannot order (shape %v)", chunk, shape)
	}
	nbr := r / cr
	rows := cm * cr
	out := make([]float64, len(vals))
	for q := range m * r {
		b, row := q/rows, q%rows
		tm := (b/nbr)*cm + row/cr
		tr := (b%nbr)*cr + row%cr
		copy(out[(tm*r+tr)*n:(tm*r+tr+1)*n], vals[q*n:(q+1)*n])
	}
	return out, shape, nil
}

// testingPanics adds stack traces of recovered panics to errors (tests only).
var testingPanics = false
