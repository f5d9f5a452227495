// Checks a C2SP signed note with Go's own reader, golang.org/x/mod/sumdb/note, and prints the
// signed text: go-note NOTE KEY. Tests/release/check-release.sh builds it (when Go is installed)
// with the copy of that package every Go toolchain carries (GOROOT/src/cmd/vendor), offline.
package main

import (
	"fmt"
	"os"

	"golang.org/x/mod/sumdb/note"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go-note NOTE KEY")
		os.Exit(64)
	}
	verifier, err := note.NewVerifier(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "key:", err)
		os.Exit(2)
	}
	msg, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fmt.Fprintln(os.Stderr, "note:", err)
		os.Exit(1)
	}
	fmt.Print(n.Text)
}
