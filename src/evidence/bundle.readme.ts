// The plain-language README of a court bundle, and the short Go program it includes: verification
// with independent tools (sha256sum, and Go's golang.org/x/mod/sumdb/note and sumdb/tlog).

export const GO_VERIFIER = `// verify.go: checks a Vigil evidence bundle with Go's own transparency-log code.
// Usage: go run verify.go BUNDLE-FOLDER   (after unzipping the bundle)
package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type proofFile struct {
	Index    int64       \`json:"index"\`
	TreeSize int64       \`json:"treeSize"\`
	LeafHash tlog.Hash   \`json:"leafHash"\`
	Proof    []tlog.Hash \`json:"proof"\`
}

type manifest struct {
	Items []struct {
		SHA256 string \`json:"sha256"\`
		File   string \`json:"file"\`
		Leaves []struct {
			Index int64  \`json:"index"\`
			Leaf  string \`json:"leaf"\`
			Proof string \`json:"proof"\`
		} \`json:"leaves"\`
	} \`json:"items"\`
}

func read(dir, name string) []byte {
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		fail("cannot read %s: %v", name, err)
	}
	return b
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "FAILED: "+format+"\\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 2 {
		fail("usage: go run verify.go BUNDLE-FOLDER")
	}
	dir := os.Args[1]
	// 1. The checkpoint is signed by the log's key (compare log-key.txt with the key the log publishes).
	verifier, err := note.NewVerifier(strings.TrimSpace(string(read(dir, "log-key.txt"))))
	if err != nil {
		fail("bad key: %v", err)
	}
	n, err := note.Open(read(dir, "checkpoint.txt"), note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint signature: %v", err)
	}
	lines := strings.Split(n.Text, "\\n")
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size: %v", err)
	}
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(rootBytes) != 32 {
		fail("checkpoint root hash")
	}
	var root tlog.Hash
	copy(root[:], rootBytes)
	fmt.Printf("checkpoint of %q: %d leaves, signature OK\\n", lines[0], size)

	var m manifest
	if err := json.Unmarshal(read(dir, "manifest.json"), &m); err != nil {
		fail("manifest: %v", err)
	}
	for _, it := range m.Items {
		// 2. Each file hashes to the SHA-256 the log recorded.
		sum := sha256.Sum256(read(dir, it.File))
		if hex.EncodeToString(sum[:]) != it.SHA256 {
			fail("%s does not hash to %s", it.File, it.SHA256)
		}
		for _, l := range it.Leaves {
			leaf := read(dir, l.Leaf)
			var entry struct {
				Evidence string \`json:"evidence"\`
			}
			if err := json.Unmarshal(leaf, &entry); err != nil || entry.Evidence != it.SHA256 {
				fail("leaf %d does not name %s", l.Index, it.SHA256)
			}
			var p proofFile
			if err := json.Unmarshal(read(dir, l.Proof), &p); err != nil {
				fail("proof %d: %v", l.Index, err)
			}
			// 3. The leaf is in the signed tree (RFC 6962 inclusion proof).
			if p.TreeSize != size || p.Index != l.Index {
				fail("proof %d is for another tree", l.Index)
			}
			if err := tlog.CheckRecord(p.Proof, size, root, l.Index, tlog.RecordHash(leaf)); err != nil {
				fail("leaf %d is not in the signed tree: %v", l.Index, err)
			}
		}
		fmt.Printf("OK %s  %s (%d log entries)\\n", it.SHA256, it.File, len(it.Leaves))
	}
	fmt.Println("all files, log entries and proofs verify")
}
`;

export function bundleReadme(p: { origin: string; treeSize: number; items: number; createdAt: string; verifierKey: string }): string {
  return `VIGIL EVIDENCE BUNDLE
=====================

Created ${p.createdAt} from the evidence log "${p.origin}".
It holds ${p.items} evidence file(s), the log entries that record them, proofs that those entries are in the
log, and the log's signed checkpoint (its tree of ${p.treeSize} entries). Everything needed to check it is
inside: no Vigil installation, network access or trust in the sender is required.

WHAT IS INSIDE
  files/<sha256>       the evidence files, named by their SHA-256 hash, byte for byte as received
  SHA256SUMS           their hashes, for the sha256sum tool
  manifest.json        which file is which: hash, size, media type, name as received, its log entries
  leaves/<n>.json      log entry number n, exactly as it is in the log (canonical JSON, RFC 8785)
  proofs/<n>.json      the inclusion proof of entry n in the signed tree (RFC 6962 / RFC 9162)
  checkpoint.txt       the log's signed checkpoint (C2SP tlog-checkpoint in a C2SP signed note, Ed25519)
  log-key.txt          the log's public key: ${p.verifierKey}
  verify.go            a short independent verifier in Go (below)

A log entry holds no personal data: a kind (evidence.received, custody.exported, ...), a time, a
pseudonymous actor id, the file's SHA-256 and size.

HOW TO CHECK IT
1. The files are unchanged. In the unzipped folder run:
       sha256sum -c SHA256SUMS
   Every line must say OK.

2. The public key is the log's. Compare log-key.txt with the key the organisation publishes (its web
   page, GET /log/key on its server, or a copy given to the court earlier). A bundle can only prove
   what its key proves: a forger could make a bundle with a key of their own.

3. The checkpoint is signed, and every entry is in the signed tree. With Go installed:
       mkdir vigil-verify && cd vigil-verify && cp ../verify.go .
       go mod init vigil-verify && go get golang.org/x/mod@latest
       go run verify.go ..
   (or offline with Debian's golang-golang-x-mod-dev: GO111MODULE=off GOPATH=/usr/share/gocode go run verify.go FOLDER)
   It prints "all files, log entries and proofs verify" or names what fails. It uses Go's own
   golang.org/x/mod/sumdb/note (signed notes) and golang.org/x/mod/sumdb/tlog (RFC 6962 proofs), the
   code that protects Go's module checksum database, not Vigil's code.

4. The log did not rewrite history. The checkpoint here can be compared with any checkpoint of the same
   log obtained earlier (by a court, a partner or a witness): ask the log for a consistency proof
   (GET /api/v1/log/proofs/consistency?from=OLD&to=${p.treeSize}) and check it with tlog.CheckTree.

With Vigil: vigil verify --bundle THIS-FILE.zip does all of the above.

THE GO PROGRAM (verify.go)
--------------------------
${GO_VERIFIER}`;
}
