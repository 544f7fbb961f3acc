// Package brianhears holds the test that keeps docs/brianhears.md, the
// table of Brian Hears names and their gohears counterparts, true to the
// code: every Brian Hears name has a row, and every Go identifier and hears
// command the table names exists.
package brianhears
