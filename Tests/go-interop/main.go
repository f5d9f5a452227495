// Command go-interop checks a log that beian wrote with Go's reference implementation:
// golang.org/x/mod/sumdb/note opens the checkpoint with the registry's verifier key,
// golang.org/x/mod/sumdb/tlog reads the C2SP tiles (TileHashReader, checked against the
// checkpoint's root), proves and checks inclusion (ProveRecord, CheckRecord) of entries read
// from the entry bundles and consistency (ProveTree, CheckTree) with an older checkpoint, and
// crypto/ed25519 checks a witness's cosignature/v1. It prints one "ok …" line per check and
// exits 1 at the first failure.
//
//	go-interop -key REGISTRY_KEY -checkpoint FILE -tiles DIR [-index 0,255,…] [-old FILE] [-witness KEY]
//	go-interop -cosign-seed BASE64 -name NAME -time SECONDS -checkpoint FILE
//	    prints the cosignature line Go makes (to compare with beian's byte for byte)
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	key := flag.String("key", "", "the registry's verifier key (name+id+base64)")
	checkpoint := flag.String("checkpoint", "", "the signed checkpoint")
	tiles := flag.String("tiles", "", "the folder holding tile/")
	indexes := flag.String("index", "", "entries to prove, comma-separated")
	old := flag.String("old", "", "an older signed checkpoint the new one must extend")
	witness := flag.String("witness", "", "a witness's cosignature key (name+id+base64(0x04‖key)) whose cosignature the checkpoint must carry")
	seed := flag.String("cosign-seed", "", "cosign the checkpoint with this Ed25519 seed (base64) and print the line")
	name := flag.String("name", "", "the witness's name, with -cosign-seed")
	when := flag.Uint64("time", 0, "the cosignature's time, with -cosign-seed")
	flag.Parse()
	if *seed != "" {
		must(cosign(*seed, *name, *when, *checkpoint))
		return
	}
	must(check(*key, *checkpoint, *tiles, *indexes, *old, *witness))
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-interop:", err)
		os.Exit(1)
	}
}

// tree opens a signed checkpoint: origin, size, base64 root, extension lines.
func tree(verifier note.Verifier, path string) (*note.Note, tlog.Tree, error) {
	msg, err := os.ReadFile(path)
	if err != nil {
		return nil, tlog.Tree{}, err
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return nil, tlog.Tree{}, fmt.Errorf("%s: note.Open: %v", path, err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != verifier.Name() {
		return nil, tlog.Tree{}, fmt.Errorf("%s: not a checkpoint of %s", path, verifier.Name())
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		return nil, tlog.Tree{}, fmt.Errorf("%s: size: %v", path, err)
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		return nil, tlog.Tree{}, fmt.Errorf("%s: root: %v", path, err)
	}
	return n, tlog.Tree{N: size, Hash: root}, nil
}

// tileReader reads Go's tiles (height 8) from C2SP's paths: Go's tile/8/L/N[.p/W] is C2SP's
// tile/L/N[.p/W].
type tileReader struct{ dir string }

func (r tileReader) Height() int { return 8 }

func (r tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := os.ReadFile(filepath.Join(r.dir, c2spPath(t)))
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (r tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

func c2spPath(t tlog.Tile) string {
	return "tile/" + strings.TrimPrefix(t.Path(), "tile/8/")
}

// entry reads entry i from its entry bundle (2-byte big-endian length before each entry).
func entry(dir string, size, i int64) ([]byte, error) {
	n := i / 256
	w := size - n*256
	if w > 256 {
		w = 256
	}
	// A data tile's path in Go's layout is tile/8/data/N[.p/W]; C2SP's is tile/entries/N[.p/W].
	p := "tile/entries/" + strings.TrimPrefix(tlog.Tile{H: 8, L: -1, N: n, W: int(w)}.Path(), "tile/8/data/")
	data, err := os.ReadFile(filepath.Join(dir, p))
	if err != nil {
		return nil, err
	}
	for k := int64(0); ; k++ {
		if len(data) < 2 {
			return nil, fmt.Errorf("%s: entry %d missing", p, k)
		}
		l := int(binary.BigEndian.Uint16(data))
		if len(data) < 2+l {
			return nil, fmt.Errorf("%s: entry %d cut off", p, k)
		}
		if k == i%256 {
			return data[2 : 2+l], nil
		}
		data = data[2+l:]
	}
}

func check(key, checkpoint, dir, indexes, old, witness string) error {
	verifier, err := note.NewVerifier(key)
	if err != nil {
		return fmt.Errorf("registry key: %v", err)
	}
	n, t, err := tree(verifier, checkpoint)
	if err != nil {
		return err
	}
	fmt.Printf("ok note.Open %s size %d\n", verifier.Name(), t.N)
	hr := tlog.TileHashReader(t, tileReader{dir})
	if t.N > 0 {
		th, err := tlog.TreeHash(t.N, hr)
		if err != nil {
			return fmt.Errorf("TreeHash: %v", err)
		}
		if th != t.Hash {
			return fmt.Errorf("TreeHash %v, checkpoint %v", th, t.Hash)
		}
		fmt.Printf("ok TreeHash %v\n", th)
	}
	if indexes != "" {
		for _, s := range strings.Split(indexes, ",") {
			i, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return fmt.Errorf("-index: %v", err)
			}
			e, err := entry(dir, t.N, i)
			if err != nil {
				return err
			}
			stored, err := hr.ReadHashes([]int64{tlog.StoredHashIndex(0, i)})
			if err != nil {
				return fmt.Errorf("leaf %d: %v", i, err)
			}
			if stored[0] != tlog.RecordHash(e) {
				return fmt.Errorf("entry %d does not hash to leaf %d of the tiles", i, i)
			}
			p, err := tlog.ProveRecord(t.N, i, hr)
			if err != nil {
				return fmt.Errorf("ProveRecord(%d, %d): %v", t.N, i, err)
			}
			if err := tlog.CheckRecord(p, t.N, t.Hash, i, tlog.RecordHash(e)); err != nil {
				return fmt.Errorf("CheckRecord(%d, %d): %v", t.N, i, err)
			}
			fmt.Printf("ok CheckRecord %d of %d (%d hashes)\n", i, t.N, len(p))
		}
	}
	if old != "" {
		_, o, err := tree(verifier, old)
		if err != nil {
			return err
		}
		p, err := tlog.ProveTree(t.N, o.N, hr)
		if err != nil {
			return fmt.Errorf("ProveTree(%d, %d): %v", t.N, o.N, err)
		}
		if err := tlog.CheckTree(p, t.N, t.Hash, o.N, o.Hash); err != nil {
			return fmt.Errorf("CheckTree(%d, %d): %v", t.N, o.N, err)
		}
		fmt.Printf("ok CheckTree %d → %d (%d hashes)\n", o.N, t.N, len(p))
	}
	if witness != "" {
		when, err := checkCosignature(witness, n.Text, checkpoint)
		if err != nil {
			return err
		}
		fmt.Printf("ok cosignature/v1 %s time %d\n", strings.SplitN(witness, "+", 2)[0], when)
	}
	return nil
}

// cosignatureKeyID is the first four bytes of SHA-256(name ‖ "\n" ‖ 0x04 ‖ key).
func cosignatureKeyID(name string, pub []byte) []byte {
	h := sha256.New()
	h.Write([]byte(name + "\n"))
	h.Write([]byte{0x04})
	h.Write(pub)
	return h.Sum(nil)[:4]
}

func cosignatureMessage(text string, when uint64) []byte {
	return []byte(fmt.Sprintf("cosignature/v1\ntime %d\n%s", when, text))
}

func checkCosignature(witness, text, path string) (uint64, error) {
	parts := strings.SplitN(witness, "+", 3)
	if len(parts) != 3 {
		return 0, errors.New("witness key: not name+id+base64")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(raw) != 33 || raw[0] != 0x04 {
		return 0, errors.New("witness key: not a cosignature/v1 Ed25519 key")
	}
	name, pub := parts[0], ed25519.PublicKey(raw[1:])
	id := cosignatureKeyID(name, pub)
	if hex.EncodeToString(id) != parts[1] {
		return 0, errors.New("witness key: its id does not match")
	}
	msg, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	sigs := msg[bytes.LastIndex(msg, []byte("\n\n"))+2:]
	for _, line := range strings.Split(strings.TrimSuffix(string(sigs), "\n"), "\n") {
		prefix := "— " + name + " "
		if !strings.HasPrefix(line, prefix) {
			continue
		}
		sig, err := base64.StdEncoding.DecodeString(line[len(prefix):])
		if err != nil || len(sig) != 4+8+64 || !bytes.Equal(sig[:4], id) {
			continue
		}
		when := binary.BigEndian.Uint64(sig[4:12])
		if ed25519.Verify(pub, cosignatureMessage(text, when), sig[12:]) {
			return when, nil
		}
		return 0, fmt.Errorf("the cosignature by %s does not verify", name)
	}
	return 0, fmt.Errorf("no cosignature by %s", name)
}

func cosign(seed64, name string, when uint64, checkpoint string) error {
	seed, err := base64.StdEncoding.DecodeString(seed64)
	if err != nil || len(seed) != ed25519.SeedSize {
		return errors.New("-cosign-seed: not a 32-byte base64 seed")
	}
	text, err := os.ReadFile(checkpoint)
	if err != nil {
		return err
	}
	priv := ed25519.NewKeyFromSeed(seed)
	pub := priv.Public().(ed25519.PublicKey)
	sig := cosignatureKeyID(name, pub)
	sig = binary.BigEndian.AppendUint64(sig, when)
	sig = append(sig, ed25519.Sign(priv, cosignatureMessage(string(text), when))...)
	fmt.Printf("%s+%s+%s\n", name, hex.EncodeToString(cosignatureKeyID(name, pub)), base64.StdEncoding.EncodeToString(append([]byte{0x04}, pub...)))
	fmt.Printf("— %s %s\n", name, base64.StdEncoding.EncodeToString(sig))
	return nil
}
