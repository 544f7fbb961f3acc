/*
Package vorbis implements a vorbis decoder.

Note that this package only decodes raw vorbis packets, these packets are
usually stored in a container format like ogg.

The vorbis specification is available at:
https://xiph.org/vorbis/doc/Vorbis_I_spec.html

*/
//
// gohears' fork of github.com/jfreymuth/vorbis v1.0.2: see package
// oggvorbis (the folder above) for why and what changed.
package vorbis
