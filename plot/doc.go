// Package plot draws the pictures of gohears with gonum.org/v1/plot:
// cochleagrams (time × centre frequency heat maps of a filterbank's
// response, on a logarithmic or channel-row frequency axis labelled in Hz,
// with a colour bar), spectrograms, spectra (power and phase, Brian Hears'
// spectrum(display=True)) and spike rasters. Every frequency axis can be
// logarithmic with Brian Hears' log_frequency_xaxis_labels ticks
// (LogFrequencyTicks, Options.LogFrequencyAxis and FrequencyTicks,
// CurveOptions.FrequencyX, Panel.LogFrequencyX). A Figure is written as
// PNG, SVG, PDF, JPEG, TIFF or EPS by file extension, through a temporary
// file so that a failure never leaves a half-written picture.
//
// Pictures of long, many-channel outputs stay cheap: data are reduced in
// time to the picture's width by block means (Decimate), and a Decimator
// does the same on a stream, so that a cochleagram of any duration needs
// memory for the picture only:
//
//	cf := ...                                  // centre frequencies, Hz
//	d, _ := plot.NewDecimator(len(cf), n, 1200, bank.SampleRate())
//	_ = sound.Each(bank, n, 0, func(b []float64, _, k int) error { return d.Add(b, k) })
//	g, _ := d.Grid()
//	fig, _ := plot.CochleagramGrid(g, cf, &plot.Options{Title: "Speech"})
//	_ = fig.Save("cochleagram.png")
//
// The package computes nothing the library lacks: it draws.
package plot
