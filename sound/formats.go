package sound

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
)

// audioFormat is one file format that Open and Load read: its name (as
// errors quote it), its file-name extensions and how its first bytes look.
type audioFormat struct {
	name       string
	extensions []string // lower case, with the dot
	// sniff reports whether a file starting with head (up to 64 bytes, the
	// whole file if shorter) is of this format.
	sniff func(head []byte) bool
}

// audioFormats is the one list of the audio file formats that Open and Load
// read. Open recognises a file by its first bytes, not by its name; the
// extensions serve commands that walk a folder for audio files (hears batch),
// through Extensions and IsAudioFile.
var audioFormats = []audioFormat{
	{"WAV", []string{".wav", ".wave", ".rf64", ".bw64"}, func(h []byte) bool {
		return len(h) >= 4 && (string(h[:4]) == "RIFF" || string(h[:4]) == "RIFX" || string(h[:4]) == "RF64" || string(h[:4]) == "BW64")
	}},
	{"AIFF", []string{".aif", ".aiff", ".aifc"}, func(h []byte) bool { return bytes.HasPrefix(h, []byte("FORM")) }},
	{"FLAC", []string{".flac"}, func(h []byte) bool { return bytes.HasPrefix(h, []byte("fLaC")) }},
	{"Ogg Vorbis", []string{".ogg", ".oga"}, func(h []byte) bool { return bytes.HasPrefix(h, []byte("OggS")) }},
	{"MP3", []string{".mp3"}, sniffMP3},
}

// Format names as audioFormats spells them.
const (
	formatWAV    = "WAV"
	formatAIFF   = "AIFF"
	formatFLAC   = "FLAC"
	formatVorbis = "Ogg Vorbis"
	formatMP3    = "MP3"
)

// sniffFormat returns the name of the format whose first bytes head
// holds, or "".
func sniffFormat(head []byte) string {
	for _, f := range audioFormats {
		if f.sniff(head) {
			return f.name
		}
	}
	return ""
}

// formatNames lists the formats Open reads, for error messages.
func formatNames() string {
	var names []string
	for _, f := range audioFormats {
		names = append(names, f.name)
	}
	return strings.Join(names, ", ")
}

// Extensions returns the file-name extensions (lower case, with the dot) of
// the audio formats Open reads, in a fixed order. The slice is a copy.
func Extensions() []string {
	var out []string
	for _, f := range audioFormats {
		out = append(out, f.extensions...)
	}
	return out
}

// IsAudioFile reports whether name ends in one of Extensions, ignoring case.
// It looks at the name only, not at the file's contents.
func IsAudioFile(name string) bool {
	return slices.Contains(Extensions(), strings.ToLower(filepath.Ext(name)))
}
