package cochlea

import (
	"fmt"
	"math"

	"github.com/gohears/hears/sound"
)

// SAIParams are the parameters of a stabilised auditory image, by the names
// of the CARFAC reference (python/src/carfac/sai.py, SAIParams). All sizes
// are in samples.
type SAIParams struct {
	NumChannels         int // num_channels: rows of a frame (NAP channels)
	SAIWidth            int // sai_width: lags (columns) of a frame
	FutureLags          int // future_lags: how many of those lags look into the future of the trigger
	NumTriggersPerFrame int // num_triggers_per_frame: 50%-overlapping trigger windows blended into a frame
	TriggerWindowWidth  int // trigger_window_width: width of each trigger window (> sai_width)
	InputSegmentWidth   int // input_segment_width: new samples per frame (the hop)
}

// DefaultSAIParams returns, for nCh channels at sample rate fs (Hz), the SAI
// of the reference's binaural test (sai_test.py) scaled from 22050 Hz: 40 ms
// segments and trigger windows (882 samples), two triggers per frame, a
// frame 500 lags (22.7 ms) wide, half of them in the future.
func DefaultSAIParams(nCh int, fs float64) SAIParams {
	seg := int(math.Round(882 * fs / 22050))
	w := int(math.Round(500 * fs / 22050))
	return SAIParams{NumChannels: nCh, SAIWidth: w, FutureLags: w / 2, NumTriggersPerFrame: 2,
		TriggerWindowWidth: max(seg, w+1), InputSegmentWidth: seg}
}

// MaxSAIValues bounds the buffer (channels × buffer width) an SAI may
// allocate.
const MaxSAIValues = 1 << 28

// SAI computes Lyon's stabilised auditory image (Lyon 2017, chapter 21;
// Walters 2011) from a NAP, one frame per segment: in each channel and each
// trigger window (sine-windowed), the largest windowed NAP value is the
// trigger; the NAP around it (sai_width lags, future_lags after it) is
// blended into the frame with weight α = (0.025 + peak)/(0.5 + peak), so
// that the frame is a sparse running autocorrelation (sai.py, SAI). Not
// safe for concurrent use.
type SAI struct {
	p      SAIParams
	bufW   int
	window []float64
	buf    []float64 // channels × bufW, channel-major
	out    []float64 // channels × SAIWidth
}

// NewSAI checks p and returns an SAI at rest (zero buffers).
func NewSAI(p SAIParams) (*SAI, error) {
	if p.NumChannels < 1 || p.SAIWidth < 1 || p.NumTriggersPerFrame < 1 || p.InputSegmentWidth < 1 || p.FutureLags < 0 {
		return nil, fmt.Errorf("cochlea: SAI needs num_channels, sai_width, num_triggers_per_frame, input_segment_width ≥ 1 and future_lags ≥ 0 (got %+v)", p)
	}
	if p.TriggerWindowWidth <= p.SAIWidth {
		return nil, fmt.Errorf("cochlea: SAI trigger_window_width %d must exceed sai_width %d", p.TriggerWindowWidth, p.SAIWidth)
	}
	if p.FutureLags >= p.SAIWidth {
		return nil, fmt.Errorf("cochlea: SAI future_lags %d must be below sai_width %d", p.FutureLags, p.SAIWidth)
	}
	if p.NumTriggersPerFrame > 1<<12 || p.TriggerWindowWidth > 1<<24 {
		return nil, fmt.Errorf("cochlea: SAI with %d triggers of %d samples is too large", p.NumTriggersPerFrame, p.TriggerWindowWidth)
	}
	bufW := p.SAIWidth + int((1+float64(p.NumTriggersPerFrame-1)/2)*float64(p.TriggerWindowWidth))
	if p.InputSegmentWidth >= bufW {
		return nil, fmt.Errorf("cochlea: SAI input_segment_width %d must be below the buffer width %d", p.InputSegmentWidth, bufW)
	}
	if float64(p.NumChannels)*float64(bufW+p.SAIWidth) > MaxSAIValues {
		return nil, fmt.Errorf("cochlea: SAI of %d channels × %d samples exceeds %d values", p.NumChannels, bufW, MaxSAIValues)
	}
	s := &SAI{p: p, bufW: bufW, window: make([]float64, p.TriggerWindowWidth),
		buf: make([]float64, p.NumChannels*bufW), out: make([]float64, p.NumChannels*p.SAIWidth)}
	// sin over (π/W, π], W points evenly spaced, the last exactly π.
	w := p.TriggerWindowWidth
	start := math.Pi / float64(w)
	step := (math.Pi - start) / float64(w-1)
	for i := range w {
		s.window[i] = math.Sin(start + float64(i)*step)
	}
	s.window[w-1] = math.Sin(math.Pi)
	return s, nil
}

// Params returns the SAI's parameters.
func (s *SAI) Params() SAIParams { return s.p }

// Reset empties the input buffer and the frame.
func (s *SAI) Reset() {
	clear(s.buf)
	clear(s.out)
}

// RunSegment takes the next input_segment_width frames of the NAP (frame-
// major, num_channels values per frame, as a CARFAC bank streams them) and
// returns the new SAI frame: num_channels rows of sai_width lags, row-major;
// lag j is j − (sai_width − future_lags − 1) samples from the trigger (so
// column sai_width − future_lags − 1 is zero lag). The frame is the SAI's
// own buffer, valid until the next call.
func (s *SAI) RunSegment(nap []float64) ([]float64, error) {
	p := s.p
	nc, seg := p.NumChannels, p.InputSegmentWidth
	if len(nap) != nc*seg {
		return nil, fmt.Errorf("cochlea: SAI segment has %d values, want %d frames × %d channels", len(nap), seg, nc)
	}
	for i, v := range nap {
		if v-v != 0 {
			return nil, fmt.Errorf("cochlea: SAI input frame %d, channel %d is %v", i/nc, i%nc, v)
		}
	}
	overlap := s.bufW - seg
	for c := range nc {
		b := s.buf[c*s.bufW : (c+1)*s.bufW]
		copy(b[:overlap], b[seg:])
		for k := range seg {
			b[overlap+k] = nap[k*nc+c]
		}
	}
	s.stabilize()
	return s.out, nil
}

// stabilize chooses each trigger and blends the NAP around it into the
// frame (_StabilizeSegment).
func (s *SAI) stabilize() {
	p := s.p
	ww := p.TriggerWindowWidth
	hop := ww / 2
	windowStart := (s.bufW - ww) - (p.NumTriggersPerFrame-1)*hop
	rangeStart := windowStart - p.FutureLags
	offsetStart := 1 + windowStart - p.SAIWidth
	winMax, winArg := 0.0, 0
	for i, v := range s.window {
		if v > winMax {
			winMax, winArg = v, i
		}
	}
	for c := range p.NumChannels {
		b := s.buf[c*s.bufW : (c+1)*s.bufW]
		out := s.out[c*p.SAIWidth : (c+1)*p.SAIWidth]
		for w := range p.NumTriggersPerFrame {
			off := w * hop
			win := b[rangeStart+off : rangeStart+off+ww]
			peak, at := math.Inf(-1), 0
			for i, v := range win {
				if x := v * s.window[i]; x > peak {
					peak, at = x, i
				}
			}
			if !(peak > 0) {
				peak, at = winMax, winArg
			}
			at += off
			alpha := (0.025 + peak) / (0.5 + peak)
			src := b[at+offsetStart : at+offsetStart+p.SAIWidth]
			for j := range out {
				out[j] *= 1 - alpha
				out[j] += alpha * src[j]
			}
		}
	}
}

// SAIFrames computes the SAI of a NAP source segment by segment, calling fn
// with each frame (see RunSegment) and its index; frame i covers input
// frames [i·seg, (i+1)·seg). A last partial segment is not imaged. The
// source must have num_channels channels and be bounded.
func SAIFrames(nap sound.Source, p SAIParams, fn func(frame []float64, index int) error) error {
	if nap == nil {
		return fmt.Errorf("cochlea: SAI has a nil source")
	}
	if nap.NumChannels() != p.NumChannels {
		return fmt.Errorf("cochlea: SAI wants %d channels, the source has %d", p.NumChannels, nap.NumChannels())
	}
	n := nap.NumFrames()
	if n == sound.Unbounded {
		return fmt.Errorf("cochlea: SAIFrames needs a bounded source")
	}
	s, err := NewSAI(p)
	if err != nil {
		return err
	}
	seg := p.InputSegmentWidth
	for i := 0; (i+1)*seg <= n; i++ {
		blk, err := nap.Fetch(i*seg, (i+1)*seg)
		if err != nil {
			return err
		}
		frame, err := s.RunSegment(blk)
		if err != nil {
			return err
		}
		if err := fn(frame, i); err != nil {
			return err
		}
	}
	return nil
}
