// Package oggvorbis decodes audio from ogg/vorbis files.
//
// It is gohears' fork of github.com/jfreymuth/oggvorbis v1.0.5 and, in
// ./vorbis, github.com/jfreymuth/vorbis v1.0.2 (MIT License, Johann
// Freymuth: LICENSE in each folder is the original's). Why a fork: those
// modules, the one complete pure-Go Vorbis decoder, refused every 5.1 file
// oggenc writes ("vorbis: decoding error"). The cause is in the setup
// header: libvorbis gives the LFE channel a floor 1 with no partitions,
// whose floor1_maximum_class is then -1 so that no class description
// follows (Vorbis I specification, 7.2.2); vorbis v1.0.2 read one class
// anyway, which put every later field of the setup header a few bits off
// until a residue type read as > 2. The one change, marked "gohears" in
// vorbis/floor1.go, reads no class when there is no partition; with it 5.1
// files decode within 2.1e-7 of libvorbis' float output (package sound's
// TestVorbisAgainstTools). The upstream repositories have had no release
// since; the fork is otherwise the originals, with the import path changed.
package oggvorbis
