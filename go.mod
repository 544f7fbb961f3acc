module github.com/gohears/hears

go 1.26

require (
	github.com/batchatco/go-native-netcdf v0.0.0-20241223233620-bc05e8aea526
	github.com/go-audio/aiff v1.1.0
	github.com/go-audio/audio v1.0.0
	github.com/go-audio/wav v1.1.0
	github.com/mjibson/go-dsp v0.0.0-20180508042940-11479a337f12
	gonum.org/v1/gonum v0.16.0
	gonum.org/v1/plot v0.15.2
)
