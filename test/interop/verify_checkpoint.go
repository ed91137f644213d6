// verify_checkpoint.go: an independent check of what Vigil's log produces, with Go's own
// golang.org/x/mod/sumdb/note (signed notes) and golang.org/x/mod/sumdb/tlog (RFC 6962 proofs).
//
// Usage: go run verify_checkpoint.go DIR
// DIR holds key.txt (verifier key), old.txt and new.txt (signed checkpoints), leaf.bin (a leaf's
// bytes), inclusion.json ({index, treeSize, leafHash, proof}: `vigil log prove-inclusion --json`
// against new.txt) and consistency.json ({size1, size2, proof}: `vigil log prove-consistency --json`).
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func must(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL %s: %v\n", what, err)
		os.Exit(1)
	}
}

func read(dir, name string) []byte {
	b, err := os.ReadFile(filepath.Join(dir, name))
	must(err, name)
	return b
}

// open verifies a signed checkpoint and returns its origin, size and root hash.
func open(dir, name string, v note.Verifier) (string, int64, tlog.Hash) {
	n, err := note.Open(read(dir, name), note.VerifierList(v))
	must(err, name+" signature")
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	size, err := strconv.ParseInt(lines[1], 10, 64)
	must(err, name+" size")
	raw, err := base64.StdEncoding.DecodeString(lines[2])
	must(err, name+" root")
	var h tlog.Hash
	copy(h[:], raw)
	return lines[0], size, h
}

func main() {
	dir := os.Args[1]
	v, err := note.NewVerifier(strings.TrimSpace(string(read(dir, "key.txt"))))
	must(err, "key")
	origin, oldSize, oldRoot := open(dir, "old.txt", v)
	_, newSize, newRoot := open(dir, "new.txt", v)

	var inc struct {
		Index    int64       `json:"index"`
		TreeSize int64       `json:"treeSize"`
		LeafHash tlog.Hash   `json:"leafHash"`
		Proof    []tlog.Hash `json:"proof"`
	}
	must(json.Unmarshal(read(dir, "inclusion.json"), &inc), "inclusion.json")
	leaf := tlog.RecordHash(read(dir, "leaf.bin"))
	if leaf != inc.LeafHash {
		must(fmt.Errorf("leaf hash differs"), "leaf")
	}
	must(tlog.CheckRecord(inc.Proof, newSize, newRoot, inc.Index, leaf), "inclusion proof")

	var con struct {
		Size1 int64       `json:"size1"`
		Size2 int64       `json:"size2"`
		Proof []tlog.Hash `json:"proof"`
	}
	must(json.Unmarshal(read(dir, "consistency.json"), &con), "consistency.json")
	if con.Size1 != oldSize || con.Size2 != newSize {
		must(fmt.Errorf("sizes %d→%d, checkpoints %d→%d", con.Size1, con.Size2, oldSize, newSize), "consistency sizes")
	}
	must(tlog.CheckTree(con.Proof, newSize, newRoot, oldSize, oldRoot), "consistency proof")
	fmt.Printf("OK %s: checkpoints %d and %d signed and consistent; leaf %d included\n", origin, oldSize, newSize, inc.Index)
}
