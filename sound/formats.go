package sound

import (
	"path/filepath"
	"slices"
	"strings"
)

// fileExtensions lists, lower case and with the dot, the file-name
// extensions of the audio formats that Open and Load read. It is the one
// list of them: commands that walk a folder for audio files (hears batch)
// read it through Extensions and IsAudioFile.
var fileExtensions = []string{".wav", ".aif", ".aiff", ".aifc"}

// Extensions returns the file-name extensions (lower case, with the dot) of
// the audio formats Open reads, in a fixed order. The slice is a copy.
func Extensions() []string { return slices.Clone(fileExtensions) }

// IsAudioFile reports whether name ends in one of Extensions, ignoring case.
// It looks at the name only, not at the file's contents.
func IsAudioFile(name string) bool {
	return slices.Contains(fileExtensions, strings.ToLower(filepath.Ext(name)))
}
